"""`caveat render --out DIR`: the static corpus browser (documents, gold vs a system, statistics, leaderboard)."""
from __future__ import annotations

from pathlib import Path
from typing import Any, Sequence

from ..cliutil import add_corpus, add_quiet, corpus_dir, parser, progress, run
from ..errors import CaveatError, UsageError, message
from ..fileio import atomic_write_text, document_files, iter_jsonl, read_json
from ..labels import inventory
from ..render import build_site
from ..render.checks import drawing_problem
from ..render.predictions import check_predictions
from ..render.site import MANIFEST
from ..stats import corpus_stats, stats_tables
from ..corpusio import load_agreement_reports, load_split_file

DEFAULT_RESULTS = "leaderboard/results.json"


def _drawable_or_raise(doc: Any, file: Path) -> None:
    """Refuse a document whose structure or offsets make it impossible to draw (other problems are `caveat validate`'s)."""
    found = drawing_problem(doc)
    if found:
        raise CaveatError(message("render.bad_document", file=file, path=found[0], problem=found[1]))


def read_documents(corpus: str, quiet: bool) -> list[dict]:
    """Every document of the corpus, each checked to be drawable."""
    files = document_files([corpus_dir(corpus)])
    docs = []
    for f in progress(files, total=len(files), description="reading", quiet=quiet):
        doc = read_json(f)
        _drawable_or_raise(doc, f)
        docs.append(doc)
    return docs


def read_predictions(path: str, docs: list[dict]) -> dict[str, dict]:
    """The prediction file as ``{doc_id: record}``, checked against the schema and the gold texts."""
    lines = list(iter_jsonl(path))
    if not lines:
        raise CaveatError(message("render.pred_empty", file=path))
    return check_predictions([rec for _, rec in lines], docs, [f"{path}:{n}" for n, _ in lines])


def read_results(path: str, explicit: bool) -> Any | None:
    """The leaderboard results, or None when the default file does not exist yet."""
    p = Path(path)
    if not p.is_file():
        if explicit:
            raise UsageError(message("render.no_results", file=p))
        return None
    data = read_json(p)
    if not isinstance(data, dict):
        raise CaveatError(message("render.bad_results", file=p, found=type(data).__name__))
    return data


def previous_files(out: Path) -> list[str]:
    """Files an earlier render wrote into ``out`` ([] for a new or empty directory); refuses any other directory."""
    if out.exists() and not out.is_dir():
        raise UsageError(message("render.out_not_dir", out=out))
    if not (out.is_dir() and any(out.iterdir())):
        return []
    if not (out / MANIFEST).is_file():
        raise UsageError(message("render.out_not_site", out=out, manifest=MANIFEST))
    previous = read_json(out / MANIFEST)
    return [f for f in previous.get("files", []) if isinstance(f, str)] if isinstance(previous, dict) else []


def write_site(out: Path, site: dict[str, str]) -> int:
    """Write every page atomically into ``out``; remove pages an earlier render wrote that are gone now. Returns files written."""
    old = previous_files(out)
    for rel, text in sorted(site.items(), key=lambda kv: kv[0] == MANIFEST):
        atomic_write_text(out / rel, text)
    root = out.resolve()
    for rel in set(old) - set(site):
        stale = (out / rel).resolve()
        if root in stale.parents and stale.is_file():
            stale.unlink()
    return len(site)


def main(argv: Sequence[str] | None = None) -> int:
    p = parser("render", "Write a self-contained static site: a sortable document index, one page per document with "
               "every layer highlighted (and gold vs a system's predictions with --pred), corpus statistics with plots, "
               "and the leaderboard with confidence intervals. Open OUT/index.html in a browser; no server needed.",
               "caveat render --corpus corpus --out site --pred preds.jsonl --system my-tagger")
    add_corpus(p)
    p.add_argument("--out", required=True, metavar="DIR", help="directory to write the site into (new, empty, or an earlier render)")
    p.add_argument("--pred", metavar="FILE", help="a prediction file (JSON Lines) to compare with the gold on every page")
    p.add_argument("--system", metavar="NAME", help="the name shown for --pred (default: the file name)")
    p.add_argument("--results", metavar="FILE", help=f"leaderboard results (default: {DEFAULT_RESULTS} if it exists)")
    add_quiet(p)
    args = p.parse_args(argv)

    def body() -> int:
        if args.system and not args.pred:
            raise UsageError(message("render.system_without_pred"))
        previous_files(Path(args.out))  # refuse a wrong --out before any work
        inv = inventory()
        docs = read_documents(args.corpus, args.quiet)
        splits = load_split_file(args.corpus)
        st = corpus_stats(docs, splits, load_agreement_reports(args.corpus), inv)
        predictions = read_predictions(args.pred, docs) if args.pred else None
        system = (args.system or Path(args.pred).stem) if args.pred else None
        results = read_results(args.results or DEFAULT_RESULTS, explicit=bool(args.results))
        site = build_site(docs, splits, stats=st, stats_tables=stats_tables(st), results=results, predictions=predictions,
                          system=system, inv=inv,
                          each=lambda xs: progress(xs, total=len(docs), description="rendering", quiet=args.quiet))
        n = write_site(Path(args.out), site)
        if not args.quiet:
            extra = f", gold vs {system} on {len(predictions)} document(s)" if predictions is not None else ""
            print(f"wrote {n} files to {args.out} ({len(docs)} document pages{extra}); open {Path(args.out) / 'index.html'}")
        return 0

    return run(body)

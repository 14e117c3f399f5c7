"""`caveat stats`: corpus counts per split, origin, layer, label and attribute, coverage and agreement."""
from __future__ import annotations

from pathlib import Path
from typing import Any, Sequence

from ..cliutil import add_corpus, add_quiet, corpus_dir, load_splits, parser, progress, run
from ..errors import ERROR, CaveatError, message
from ..fileio import atomic_write_json, atomic_write_text, document_files, read_json
from ..stats import corpus_stats, stats_markdown, stats_tables
from ..validate import SPLITS, validate_document


def problem_of(doc: Any, file: Path | str, corpus: str) -> str | None:
    """The message for a document that fails validation (its first error), or None if it is valid."""
    errors = [p for p in validate_document(doc, str(file)) if p.severity == ERROR]
    return None if not errors else message("hf.invalid", file=file, count=len(errors), first=errors[0].render(),
                                           corpus=corpus)


def load_valid_corpus(corpus: str, *, quiet: bool = True) -> list[dict]:
    """Every document of the corpus, sorted by id; the first file that fails validation is one message (exit 1).

    The corpus readers that compute on the documents (stats, splits, build, evaluate, leaderboard, ls export) use
    this, so a malformed document is a clear error rather than a traceback deep inside them.
    """
    files = document_files([corpus_dir(corpus)])
    docs = []
    for f in progress(files, total=len(files), description="reading", quiet=quiet):
        doc = read_json(f)
        problem = problem_of(doc, f, corpus)
        if problem:
            raise CaveatError(problem)
        docs.append(doc)
    return sorted(docs, key=lambda d: d["id"])


def load_agreement_reports(corpus: str) -> dict[str, Any]:
    """Every ``corpus/agreement/*.json`` report by file stem ({} when there is none)."""
    reports = {}
    for f in sorted((Path(corpus) / "agreement").glob("*.json")):
        data = read_json(f)
        if not isinstance(data, dict):
            raise CaveatError(message("stats.bad_report", file=f, found=type(data).__name__))
        reports[f.stem] = data
    return reports


def load_split_file(corpus: str) -> dict[str, str]:
    """The corpus split file, checked to map ids to split names ({} when absent); one message naming a bad entry."""
    splits = load_splits(corpus)
    where = Path(corpus) / "splits.json"
    if not isinstance(splits, dict):
        raise CaveatError(message("splits.bad_file", file=where, found=type(splits).__name__))
    bad = next(((k, v) for k, v in splits.items() if v not in SPLITS), None)
    if bad is not None:
        raise CaveatError(message("splits.bad_file", file=where, found=f"{bad[0]!r}: {bad[1]!r}"))
    return splits


def print_tables(st: dict) -> None:
    """The statistics as rich tables on stdout."""
    from rich.console import Console
    from rich.table import Table

    console = Console()
    for title, head, rows in stats_tables(st):
        table = Table(title=title, title_justify="left")
        for n, h in enumerate(head):
            table.add_column(h, justify="left" if n == 0 or title.startswith("Inter") else "right")
        for row in rows:
            table.add_row(*row)
        if not rows:
            table.add_row("none yet", *[""] * (len(head) - 1))
        console.print(table)


def main(argv: Sequence[str] | None = None) -> int:
    p = parser("stats", "Count documents, sentences, tokens, spans per label and attribute value, relations and "
               "hedge/claim coverage per split, with the agreement figures of corpus/agreement/*.json.",
               "caveat stats --corpus corpus --out artifacts/stats.json   # writes stats.json and stats.md")
    add_corpus(p)
    p.add_argument("--out", metavar="PATH", help="write the figures as JSON to PATH and as Markdown beside it (.md)")
    add_quiet(p)
    args = p.parse_args(argv)

    def body() -> int:
        corpus_dir(args.corpus)
        st = corpus_stats(load_valid_corpus(args.corpus, quiet=args.quiet), load_split_file(args.corpus),
                          load_agreement_reports(args.corpus))
        if args.out:
            out = Path(args.out)
            atomic_write_json(out.with_suffix(".json"), st)
            atomic_write_text(out.with_suffix(".md"), stats_markdown(st))
        if not args.quiet:
            print_tables(st)
            if args.out:
                print(f"wrote {Path(args.out).with_suffix('.json')} and {Path(args.out).with_suffix('.md')}")
        return 0

    return run(body)

"""`caveat stats`: corpus counts per split, origin, layer, label and attribute, coverage and agreement."""
from __future__ import annotations

from pathlib import Path
from typing import Any, Sequence

from ..cliutil import add_corpus, add_quiet, corpus_dir, load_corpus, load_splits, parser, run
from ..errors import CaveatError, message
from ..fileio import atomic_write_json, atomic_write_text, read_json
from ..stats import corpus_stats, stats_markdown, stats_tables
from ..validate import SPLITS


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
        st = corpus_stats(load_corpus(args.corpus), load_split_file(args.corpus), load_agreement_reports(args.corpus))
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

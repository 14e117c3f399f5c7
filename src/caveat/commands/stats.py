"""`caveat stats`: corpus counts per split, origin, layer, label and attribute, coverage and agreement."""
from __future__ import annotations

from pathlib import Path
from typing import Sequence

from ..cliutil import add_corpus, add_quiet, corpus_dir, parser, run
from ..corpusio import load_agreement_reports, load_split_file, load_valid_corpus
from ..fileio import atomic_write_json, atomic_write_text
from ..stats import corpus_stats, stats_markdown, stats_tables


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

#!/usr/bin/env python3
"""Caveat's official evaluation script: check a prediction file (or a submission folder) and score it on the test split.

    python scripts/evaluate.py preds.jsonl                  # table on stdout, preds.scores.json beside the file
    python scripts/evaluate.py leaderboard/submissions/me/  # also checks metadata.json
    python scripts/evaluate.py preds.jsonl --errors --out scores.json

Every option of `caveat evaluate` works here (see --help); this file only fills in the
prediction path and the repository's corpus, so it runs from any directory.
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def argv_for_evaluate(argv: list[str]) -> list[str]:
    """`caveat evaluate` arguments: a leading positional path becomes --pred; --corpus defaults to the repository's."""
    args = list(argv)
    if args and not args[0].startswith("-"):
        args = ["--pred", args[0], *args[1:]]
    if "--corpus" not in args and "--gold" not in args:
        args += ["--corpus", str(ROOT / "corpus")]
    return args


def main(argv: list[str] | None = None) -> int:
    """Run the evaluation; exit 0 when scored, 1 for bad data, 2 for bad usage."""
    try:
        from caveat.commands.evaluate import main as evaluate
    except ImportError:  # not installed: use the checkout's sources
        sys.path.insert(0, str(ROOT / "src"))
        from caveat.commands.evaluate import main as evaluate
    args = argv_for_evaluate(sys.argv[1:] if argv is None else argv)
    try:
        return evaluate(args)
    except SystemExit as exc:  # argparse usage errors and --help
        return exc.code if isinstance(exc.code, int) else 2


if __name__ == "__main__":
    sys.exit(main())

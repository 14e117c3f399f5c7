"""`caveat evaluate --pred FILE`: score a prediction file against the corpus (or an outside gold file); table + JSON."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Sequence

from ..cliutil import add_corpus, add_quiet, parser, run
from ..errors import CaveatError, message
from ..fileio import atomic_write_json, read_text
from ..scoring import DEFAULT_RESAMPLES, DEFAULT_SEED, TRACKS
from ..scoring.evaluation import SPLIT_CHOICES, evaluate, restrict, select_gold
from ..scoring.goldfile import gold_documents
from ..scoring.submission import checked_records, shown
from ..scoring.tables import errors_text, text_report
from ..corpusio import load_split_file, load_valid_corpus


def default_out(pred: str) -> Path:
    """Where the JSON result goes without --out: beside the predictions, ``<name>.scores.json``."""
    p = Path(pred)
    if p.is_dir():
        return p / "scores.json"
    return p.with_name(p.name.removesuffix(".jsonl") + ".scores.json")


def run_evaluation(pred: str, *, corpus: str = "corpus", split: str = "test", gold: str | None = None,
                   tracks: Sequence[str] | None = None, resamples: int = DEFAULT_RESAMPLES, seed: int = DEFAULT_SEED,
                   errors: bool = False) -> dict:
    """Read, check and score a prediction file; the JSON-ready result (no files written)."""
    if Path(pred).is_dir():  # a leaderboard submission folder: check its metadata too
        from .leaderboard import read_submission

        sub = read_submission(Path(pred))
        if sub.problems:
            raise CaveatError(message("evaluate.submission", dir=pred, n=len(sub.problems), problems=shown(sub.problems)))
        pred = sub.where
    records = checked_records(read_text(pred), pred)
    notes: list[str] = []
    if gold:
        gold_docs = gold_documents(checked_records(read_text(gold), gold), gold)
        gold_name, used = gold, "outside gold file"
    else:
        docs = load_valid_corpus(corpus)
        splits = load_split_file(corpus)
        gold_docs, used, notes = select_gold(docs, splits, split, corpus)
        kept, _ = restrict(records, {d["id"] for d in gold_docs}, {d["id"] for d in docs})
        in_split = {d["id"] for d in docs if used == "all" or splits.get(d["id"]) == used}
        kept_lines = {n for n, _ in kept}
        dropped = [r["doc_id"] for n, r in records if n not in kept_lines]
        outside = sum(d not in in_split for d in dropped)
        if outside:
            notes.append(message("evaluate.outside_split", n=outside, split=used))
        if len(dropped) > outside:
            notes.append(message("evaluate.unannotated_records", n=len(dropped) - outside, split=used))
        records = kept
        gold_name = f"{corpus}/"
    return evaluate(gold_docs, records, where=pred, gold=gold_name, split=used, tracks=tracks, resamples=resamples,
                    seed=seed, errors=errors, notes=notes)


def main(argv: Sequence[str] | None = None) -> int:
    """`caveat evaluate`: exit 0 when scored, 1 for bad data, 2 for bad usage."""
    p = parser("evaluate", "Score a prediction file (JSON Lines, one record per document) on the corpus's test split, "
               "or on an outside gold file, per track with 95% bootstrap intervals. Prints a table and writes JSON.",
               "caveat evaluate --pred preds.jsonl --split test --errors --out scores.json")
    p.add_argument("--pred", required=True, metavar="FILE", help="prediction file (schema/prediction.schema.json), or a submission folder")
    add_corpus(p)
    p.add_argument("--split", default="test", choices=SPLIT_CHOICES, help="gold split to score on (default: test)")
    p.add_argument("--gold", metavar="FILE", help="an outside gold file instead of the corpus (prediction shape plus text)")
    p.add_argument("--tracks", metavar="LIST", help=f"comma-separated tracks (default: those the file predicts; of {', '.join(TRACKS)})")
    p.add_argument("--errors", action="store_true", help="list false positives and negatives with their sentences")
    p.add_argument("--out", metavar="PATH", help="JSON result (default: beside the predictions, NAME.scores.json)")
    p.add_argument("--resamples", type=int, default=DEFAULT_RESAMPLES, metavar="N", help="bootstrap resamples (default: 1000; 0: none)")
    p.add_argument("--seed", type=int, default=DEFAULT_SEED, help="bootstrap seed (default: 0)")
    add_quiet(p)
    args = p.parse_args(argv)

    def body() -> int:
        tracks = [t.strip() for t in args.tracks.split(",") if t.strip()] if args.tracks else None
        result = run_evaluation(args.pred, corpus=args.corpus, split=args.split, gold=args.gold, tracks=tracks,
                                resamples=max(0, args.resamples), seed=args.seed, errors=args.errors)
        out = Path(args.out) if args.out else default_out(args.pred)
        atomic_write_json(out, result)
        if not args.quiet:
            print(text_report(result))
            if args.errors:
                print()
                print(errors_text(result))
            print(f"\nwrote {out}")
        for note in result["notes"]:
            if args.quiet:
                print(note, file=sys.stderr)
        return 0

    return run(body)

"""`caveat splits`: assign every document to train/validation/test and write corpus/splits.json."""
from __future__ import annotations

from pathlib import Path
from typing import Sequence

from ..cliutil import add_corpus, add_quiet, corpus_dir, parser, run
from ..errors import CaveatError, message
from ..fileio import atomic_write_json
from ..splits import DEFAULT_SEED, assign_splits, split_counts
from ..corpusio import load_split_file, load_valid_corpus


def main(argv: Sequence[str] | None = None) -> int:
    p = parser("splits", "Assign every document to train, validation or test (about 65/15/20, by document, stratified "
               "by register and subject, seed articles in test). Existing assignments are kept unless --reassign.",
               "caveat splits --corpus corpus            # add new documents, keep the rest")
    add_corpus(p)
    p.add_argument("--out", metavar="PATH", help="split file to write (default: CORPUS/splits.json)")
    p.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"seed of the assignment order (default {DEFAULT_SEED})")
    p.add_argument("--reassign", action="store_true", help="ignore existing assignments (seed documents stay in test)")
    p.add_argument("--check", action="store_true", help="write nothing; exit 1 if the split file would change")
    add_quiet(p)
    args = p.parse_args(argv)

    def body() -> int:
        corpus_dir(args.corpus)
        out = Path(args.out) if args.out else Path(args.corpus) / "splits.json"
        existing: dict[str, str] = {}
        if out == Path(args.corpus) / "splits.json":
            try:
                existing = load_split_file(args.corpus)
            except CaveatError:
                if not args.reassign:  # --reassign is the documented way to replace a broken file
                    raise
        plan = assign_splits(load_valid_corpus(args.corpus, quiet=args.quiet), existing, seed=args.seed, reassign=args.reassign)
        changes = {**plan.added, **{k: v[1] for k, v in plan.moved.items()}}
        if args.check:
            stale = sorted(changes) + plan.dropped
            if stale:
                raise CaveatError(message("splits.stale", file=out, count=len(stale), first=stale[0], corpus=args.corpus))
            if not args.quiet:
                print(f"{out} is up to date ({len(plan.assignment)} documents)")
            return 0
        atomic_write_json(out, plan.assignment)
        if not args.quiet:
            counts = split_counts(plan.assignment)
            total = max(1, len(plan.assignment))
            print(f"wrote {out}: " + ", ".join(f"{s} {n} ({n / total:.0%})" for s, n in counts.items()))
            print(f"kept {plan.kept}, added {len(plan.added)}, moved {len(plan.moved)}, dropped {len(plan.dropped)}")
            for doc_id, (before, after) in sorted(plan.moved.items()):
                print(f"  moved {doc_id}: {before} -> {after}")
            for doc_id in plan.dropped:
                print(f"  dropped {doc_id}: no such document in the corpus")
        return 0

    return run(body)

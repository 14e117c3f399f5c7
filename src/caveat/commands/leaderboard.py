"""`caveat leaderboard`: check, score and rank every submission; write results.json and LEADERBOARD.md, print the board."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Sequence

from ..cliutil import add_corpus, add_quiet, parser, progress, run
from ..errors import UsageError, message
from ..fileio import JsonInputError, atomic_write_json, atomic_write_text, read_json, read_text
from ..leaderboard import Submission, build, markdown
from ..scoring import DEFAULT_RESAMPLES, DEFAULT_SEED
from ..scoring.evaluation import SPLIT_CHOICES, select_gold
from ..scoring.submission import METADATA_FILE, PREDICTIONS_FILE, line_problems, metadata_problems
from ..corpusio import load_split_file, load_valid_corpus

DEFAULT_SUBMISSIONS = "leaderboard/submissions"
DEFAULT_OUT = "leaderboard"


def read_submission(folder: Path) -> Submission:
    """A submission folder with every problem found in its metadata and predictions (nothing raised)."""
    problems: list[str] = []
    meta_path = folder / METADATA_FILE
    meta: object = {}
    if not meta_path.is_file():
        problems.append(message("leaderboard.metadata", file=meta_path, path="$", reason="the file is missing"))
    else:
        try:
            meta = read_json(meta_path)
            problems += metadata_problems(meta, str(meta_path))
        except JsonInputError as exc:
            problems.append(exc.message)
    meta = meta if isinstance(meta, dict) else {}
    name = meta.get("predictions") if isinstance(meta.get("predictions"), str) else PREDICTIONS_FILE
    pred_path = folder / name
    records: list = []
    if not pred_path.is_file():
        problems.append(message("leaderboard.no_predictions", dir=folder, name=name))
    else:
        records, found = line_problems(read_text(pred_path), str(pred_path))
        if not records and not found:
            found.append(message("evaluate.empty", file=pred_path))
        problems += found
    return Submission(folder.name, meta, records, str(pred_path), problems)


def submission_folders(root: str) -> list[Path]:
    """The system folders under the submissions directory (hidden and underscore folders skipped)."""
    p = Path(root)
    if not p.is_dir():
        raise UsageError(message("leaderboard.not_dir", dir=p))
    return sorted(d for d in p.iterdir() if d.is_dir() and not d.name.startswith((".", "_")))


def main(argv: Sequence[str] | None = None) -> int:
    """`caveat leaderboard`: exit 0 when every submission is valid, 1 if any is not (the board is still written), 2 for bad usage."""
    p = parser("leaderboard", "Check every submission folder (metadata.json + predictions.jsonl) against the prediction "
               "schema, score it on the test split with bootstrap intervals, rank systems per track with paired "
               "bootstrap tests, and write OUT/results.json and OUT/LEADERBOARD.md.",
               "caveat leaderboard --submissions leaderboard/submissions --out leaderboard")
    p.add_argument("--submissions", default=DEFAULT_SUBMISSIONS, metavar="DIR", help=f"one folder per system (default: {DEFAULT_SUBMISSIONS})")
    add_corpus(p)
    p.add_argument("--split", default="test", choices=SPLIT_CHOICES, help="gold split (default: test)")
    p.add_argument("--out", default=DEFAULT_OUT, metavar="PATH", help=f"directory for results.json and LEADERBOARD.md (default: {DEFAULT_OUT})")
    p.add_argument("--resamples", type=int, default=DEFAULT_RESAMPLES, metavar="N", help="bootstrap resamples (default: 1000)")
    p.add_argument("--seed", type=int, default=DEFAULT_SEED, help="bootstrap seed (default: 0)")
    p.add_argument("--check", action="store_true", help="only check the submissions; write nothing")
    add_quiet(p)
    args = p.parse_args(argv)

    def body() -> int:
        folders = submission_folders(args.submissions)
        subs = [read_submission(f) for f in progress(folders, total=len(folders), description="reading", quiet=args.quiet)]
        docs = load_valid_corpus(args.corpus, quiet=args.quiet)
        gold, split, notes = select_gold(docs, load_split_file(args.corpus), args.split, args.corpus, require=False)
        results = build(gold, subs, corpus_ids={d["id"] for d in docs}, gold=f"{args.corpus}/", split=split,
                        resamples=1 if args.check else max(1, args.resamples), seed=args.seed, notes=notes)
        for bad in results["invalid"]:
            print(f"{bad['system']}: {len(bad['problems'])} problem(s):", file=sys.stderr)
            for line in bad["problems"]:
                print(f"  {line}", file=sys.stderr)
        if args.check:
            if not args.quiet:
                print(f"{len(subs) - len(results['invalid'])} of {len(subs)} submission(s) are valid")
        else:
            out = Path(args.out)
            board = markdown(results)
            atomic_write_json(out / "results.json", results)
            atomic_write_text(out / "LEADERBOARD.md", board)
            if not args.quiet:
                print(board)
                print(f"wrote {out / 'results.json'} and {out / 'LEADERBOARD.md'}")
        if results["invalid"]:
            print("error: " + message("leaderboard.invalid", n=len(results["invalid"]), total=len(subs)), file=sys.stderr)
            return 1
        return 0

    return run(body)

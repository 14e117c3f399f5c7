"""`caveat validate PATH...`: every problem in the given documents and corpus, exit 1 if any is an error."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Sequence

from ..cliutil import add_quiet, parser, progress, run
from ..errors import ERROR, CaveatError, Problem, message
from ..fileio import JsonInputError, NotUtf8Error, atomic_write_json, document_files, parse_json, read_text
from ..validate import summarize, validate_corpus, validate_document


def validate_paths(paths: Sequence[str], *, quiet: bool = True) -> list[Problem]:
    """Validate files and corpus directories, streaming documents one at a time."""
    files = document_files(paths)
    for raw in paths:
        if Path(raw).is_dir() and not document_files([raw]):  # a wrong folder must not pass as "0 errors"
            raise CaveatError(message("io.no_documents", path=raw), exit_code=2)
    problems: list[Problem] = []
    summaries = []
    for f in progress(files, total=len(files), description="validating", quiet=quiet):
        try:
            doc = parse_json(read_text(f), str(f))
        except (JsonInputError, NotUtf8Error) as exc:  # reported with the others, not a stop
            problems.append(Problem("E101", str(f), "$", {"reason": exc.reason}))
            continue
        problems += validate_document(doc, str(f))
        summaries.append(summarize(doc, str(f), f.stem))
    splits_file = None
    splits = None
    for raw in paths:
        candidate = Path(raw) / "splits.json"
        if Path(raw).is_dir() and candidate.is_file():
            splits_file = str(candidate)
            try:
                splits = parse_json(read_text(candidate), splits_file)
            except (JsonInputError, NotUtf8Error) as exc:  # reported with the others, not a stop
                problems.append(Problem("E101", splits_file, "$", {"reason": exc.reason}))
                splits_file = None
    problems += validate_corpus(summaries, splits, splits_file)
    return problems


def main(argv: Sequence[str] | None = None) -> int:
    p = parser("validate", "Check documents in levels (schema, offsets, labels, relations, corpus) and report every problem.",
               "caveat validate corpus/ --json report.json")
    p.add_argument("paths", nargs="+", metavar="PATH", help="document files or corpus directories")
    p.add_argument("--json", metavar="OUT", help="also write the problems as JSON to OUT")
    add_quiet(p)
    args = p.parse_args(argv)

    def body() -> int:
        problems = validate_paths(args.paths, quiet=args.quiet)
        for prob in problems:
            print(prob.render(), file=sys.stderr if prob.severity == ERROR else sys.stdout)
        if args.json:
            atomic_write_json(args.json, [prob.to_dict() for prob in problems])
        errors = sum(prob.severity == ERROR for prob in problems)
        if not args.quiet:
            n = len(document_files(args.paths))
            print(f"{n} document(s): {errors} error(s), {len(problems) - errors} warning(s)")
        return 1 if errors else 0

    return run(body)

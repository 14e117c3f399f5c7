"""Reading a corpus directory at the IO edge: validated documents, the checked split file, agreement reports."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from .cliutil import corpus_dir, progress
from .errors import ERROR, CaveatError, message
from .fileio import document_files, read_json
from .validate import SPLITS, validate_document


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
    where = Path(corpus) / "splits.json"
    splits = read_json(where) if where.is_file() else {}
    if not isinstance(splits, dict):
        raise CaveatError(message("splits.bad_file", file=where, found=type(splits).__name__))
    bad = next(((k, v) for k, v in splits.items() if v not in SPLITS), None)
    if bad is not None:
        raise CaveatError(message("splits.bad_file", file=where, found=f"{bad[0]!r}: {bad[1]!r}"))
    return splits

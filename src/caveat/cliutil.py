"""Shared CLI plumbing: parsers with examples, one-message failures, progress bars, and `--corpus` defaults."""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Callable, Iterable, Iterator, Sequence, TypeVar

from .errors import CaveatError, message

T = TypeVar("T")
DEFAULT_CORPUS = "corpus"


def parser(prog: str, description: str, example: str) -> argparse.ArgumentParser:
    """An argparse parser whose --help ends with a worked example."""
    return argparse.ArgumentParser(
        prog=f"caveat {prog}",
        description=description,
        epilog=f"example:\n  {example}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )


def add_corpus(p: argparse.ArgumentParser) -> None:
    """The --corpus DIR option every corpus-reading command takes."""
    p.add_argument("--corpus", default=DEFAULT_CORPUS, metavar="DIR", help="corpus directory (default: corpus/)")


def add_quiet(p: argparse.ArgumentParser) -> None:
    """The --quiet option: no progress bars or summaries, only errors."""
    p.add_argument("--quiet", "-q", action="store_true", help="print only errors (for scripts)")


def run(fn: Callable[[], int]) -> int:
    """Call a command body; a CaveatError becomes one message on stderr and its exit code, never a traceback."""
    try:
        return fn()
    except CaveatError as exc:
        print(f"error: {exc.message}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("interrupted; no file was left half-written", file=sys.stderr)
        return 130
    except BrokenPipeError:  # the reader went away (`caveat ... | head`): not an error of ours
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


def progress(items: Iterable[T], *, total: int | None, description: str, quiet: bool) -> Iterator[T]:
    """Iterate with a rich progress bar on stderr (hidden when quiet or the job is small)."""
    if quiet or (total is not None and total < 200):
        yield from items
        return
    from rich.console import Console
    from rich.progress import track

    yield from track(items, total=total, description=description, console=Console(stderr=True), transient=True)


def corpus_dir(path: str) -> Path:
    """A corpus directory that must exist (usage error otherwise)."""
    p = Path(path)
    if not (p / "documents").is_dir():
        raise CaveatError(message("io.not_corpus", path=p), exit_code=2)
    return p


def argv_or_default(argv: Sequence[str] | None) -> list[str]:
    """argv without the program name."""
    return list(sys.argv[1:] if argv is None else argv)

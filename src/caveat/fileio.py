"""The IO edge: reading JSON and JSON Lines with clear errors, and atomic writes. Only CLIs and scripts call this."""
from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any, Iterable, Iterator

from .errors import CaveatError, message


def _duplicate_key_guard(pairs: list[tuple[str, Any]]) -> dict:
    out: dict = {}
    for key, value in pairs:
        if key in out:
            raise ValueError(f"duplicate key {key!r}")
        out[key] = value
    return out


class JsonInputError(CaveatError):
    """A file that is not valid JSON; ``reason`` says where and why, without the file name."""

    def __init__(self, where: str, reason: str, key: str = "io.json_syntax"):
        super().__init__(message(key, where=where, reason=reason))
        self.reason = reason


class NotUtf8Error(CaveatError):
    """A file that is not UTF-8; ``reason`` says where, without the file name."""

    def __init__(self, where: str, start: int):
        self.reason = f"byte {start}: not UTF-8"
        super().__init__(message("io.not_utf8", where=where, reason=self.reason))


def parse_json(text: str, where: str) -> Any:
    """Parse JSON text, raising a JsonInputError that names ``where``, the line and the column."""
    try:
        return json.loads(text, object_pairs_hook=_duplicate_key_guard)
    except json.JSONDecodeError as exc:
        raise JsonInputError(where, f"line {exc.lineno}, column {exc.colno}: {exc.msg}") from None
    except ValueError as exc:
        raise JsonInputError(where, str(exc), "io.json_duplicate_key") from None


def read_bytes(path: str | Path) -> bytes:
    """Read a file's bytes, with one clear message if it is missing, a directory or unreadable."""
    p = Path(path)
    try:
        return p.read_bytes()
    except FileNotFoundError:
        raise CaveatError(message("io.no_file", path=p), exit_code=2) from None
    except IsADirectoryError:
        raise CaveatError(message("io.is_dir", path=p), exit_code=2) from None
    except OSError as exc:
        raise CaveatError(message("io.unreadable", path=p, reason=exc.strerror or exc), exit_code=2) from None


def read_text(path: str | Path, *, exact: bool = False) -> str:
    """Read a UTF-8 text file (``exact``: line ends kept as in the file, else universal newlines), with clear messages."""
    data = read_bytes(path)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise NotUtf8Error(str(path), exc.start) from None
    return text if exact or "\r" not in text else text.replace("\r\n", "\n").replace("\r", "\n")


def read_json(path: str | Path) -> Any:
    """Read one JSON file."""
    return parse_json(read_text(path), str(path))


def iter_jsonl(path: str | Path) -> Iterator[tuple[int, Any]]:
    """Yield ``(line_number, object)`` for each non-blank line of a JSON Lines file."""
    for n, line in enumerate(read_text(path).splitlines(), start=1):
        if line.strip():
            yield n, parse_json(line, f"{path}:{n}")


def _umask_mode(path: str) -> None:
    """Give a temp file the mode a plain ``open()`` would (mkstemp makes it 0600)."""
    mask = os.umask(0)
    os.umask(mask)
    os.chmod(path, 0o666 & ~mask)


def atomic_write_bytes(path: str | Path, data: bytes) -> None:
    """Write ``data`` to ``path`` via a temp file in the same directory and a rename: never half-written."""
    p = Path(path)
    if p.is_dir():
        raise CaveatError(message("io.out_is_dir", path=p), exit_code=2)
    try:
        p.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{p.name}.", suffix=".tmp", dir=p.parent)
    except OSError as exc:  # a parent is a file, or no permission: a bad output path, not a crash
        raise CaveatError(message("io.unwritable", path=p, reason=exc.strerror or exc, where=exc.filename or p.parent),
                          exit_code=2) from None
    _umask_mode(tmp)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, p)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def atomic_write_text(path: str | Path, text: str) -> None:
    """Write ``text`` as UTF-8 with ``\\n`` line ends, atomically (see :func:`atomic_write_bytes`)."""
    atomic_write_bytes(path, text.encode("utf-8"))


def atomic_write_json(path: str | Path, obj: Any) -> None:
    """Write pretty JSON atomically (sorted keys, UTF-8, trailing newline)."""
    atomic_write_text(path, json.dumps(obj, indent=2, ensure_ascii=False, sort_keys=True) + "\n")


def atomic_write_jsonl(path: str | Path, records: Iterable[Any]) -> None:
    """Write JSON Lines atomically, one compact record per line."""
    atomic_write_text(path, "".join(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n" for r in records))


def document_files(paths: Iterable[str | Path]) -> list[Path]:
    """Expand files and directories into sorted document JSON files (a directory means its ``documents/`` or its ``*.json``)."""
    out: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            base = p / "documents" if (p / "documents").is_dir() else p
            out.extend(sorted(base.glob("*.json")))
        elif p.exists():
            out.append(p)
        else:
            raise CaveatError(message("io.no_path", path=p), exit_code=2)
    return out

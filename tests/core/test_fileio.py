"""The IO edge: atomic writes leave no partial file, whatever fails; reads fail with one clear message."""
from __future__ import annotations

import os

import pytest

from caveat import fileio
from caveat.errors import CaveatError
from caveat.fileio import (JsonInputError, atomic_write_bytes, atomic_write_json, atomic_write_jsonl,
                           atomic_write_text, iter_jsonl, parse_json, read_json, read_text)

WRITERS = {
    "text": lambda p: atomic_write_text(p, "new content\n" * 1000),
    "bytes": lambda p: atomic_write_bytes(p, b"\x00new" * 1000),
    "json": lambda p: atomic_write_json(p, {"new": list(range(1000))}),
    "jsonl": lambda p: atomic_write_jsonl(p, ({"n": i} for i in range(1000))),
}


class Boom(Exception):
    pass


@pytest.mark.parametrize("writer", WRITERS)
@pytest.mark.parametrize("fail_at", ["fsync", "replace", "interrupt"])
@pytest.mark.parametrize("existed", [True, False])
def test_failed_write_leaves_old_file_or_nothing_and_no_temp(tmp_path, monkeypatch, writer, fail_at, existed):
    target = tmp_path / "out" / "doc.json"
    target.parent.mkdir()
    if existed:
        target.write_bytes(b"old content\n")

    def explode(*_args, **_kwargs):
        raise KeyboardInterrupt if fail_at == "interrupt" else Boom()

    monkeypatch.setattr(fileio.os, "replace" if fail_at != "fsync" else "fsync", explode)
    with pytest.raises((Boom, KeyboardInterrupt)):
        WRITERS[writer](target)
    assert sorted(p.name for p in target.parent.iterdir()) == (["doc.json"] if existed else [])
    if existed:
        assert target.read_bytes() == b"old content\n"


@pytest.mark.parametrize("writer", WRITERS)
def test_successful_write_replaces_whole_file_with_umask_mode(tmp_path, writer):
    target = tmp_path / "deep" / "er" / "doc.json"
    WRITERS[writer](target)
    WRITERS[writer](target)
    assert [p.name for p in target.parent.iterdir()] == ["doc.json"]
    umask = os.umask(0)
    os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask


def test_read_errors_are_one_message_with_exit_codes(tmp_path):
    with pytest.raises(CaveatError) as info:
        read_text(tmp_path / "missing.txt")
    assert info.value.exit_code == 2 and "missing.txt: no such file" in info.value.message
    with pytest.raises(CaveatError) as info:
        read_text(tmp_path)
    assert info.value.exit_code == 2 and "is a directory" in info.value.message
    bad = tmp_path / "latin1.txt"
    bad.write_bytes(b"ok \xff")
    with pytest.raises(CaveatError) as info:
        read_text(bad)
    assert info.value.exit_code == 1 and info.value.message == f"{bad}: byte 3: not UTF-8. Fix: save the file as UTF-8."


def test_json_errors_name_the_file_line_and_column(tmp_path):
    with pytest.raises(JsonInputError) as info:
        parse_json('{"a": 1,\n "b": }', "x.json")
    assert info.value.message.startswith("x.json: line 2, column 7: Expecting value. Fix: ")
    with pytest.raises(JsonInputError) as info:
        parse_json('{"a": {"k": 1, "k": 2}}', "x.json")
    assert "duplicate key 'k'" in info.value.message
    lines = tmp_path / "p.jsonl"
    lines.write_text('{"doc_id": "a"}\n\n{"doc_id": \n', encoding="utf-8")
    with pytest.raises(JsonInputError) as info:
        list(iter_jsonl(lines))
    assert info.value.message.startswith(f"{lines}:3: line 1, column 12")
    good = tmp_path / "g.json"
    good.write_text('{"ü": [1, 2.5, null]}', encoding="utf-8")
    assert read_json(good) == {"ü": [1, 2.5, None]}

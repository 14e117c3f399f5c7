"""The `caveat` console script as a user runs it: exit codes (0 clean, 1 invalid data, 2 usage), one message, no traceback."""
from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from caveat.cli import COMMANDS
from caveat.document import dumps

from .factory import mini_doc

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = Path(__file__).parent / "golden" / "validator"


def caveat_bin() -> list[str]:
    """The installed console script (``.venv/bin/caveat``), or the same entry point run by this interpreter."""
    exe = ROOT / ".venv" / "bin" / "caveat"
    return [str(exe)] if exe.is_file() else [sys.executable, "-m", "caveat.cli"]


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([*caveat_bin(), *args], cwd=cwd, capture_output=True, text=True, timeout=300)


def assert_one_clear_failure(proc: subprocess.CompletedProcess, code: int, *needles: str) -> None:
    """Exit ``code``, no traceback, and a message on stderr that contains every needle."""
    assert proc.returncode == code, (proc.returncode, proc.stdout, proc.stderr)
    assert "Traceback" not in proc.stderr + proc.stdout
    for needle in needles:
        assert needle in proc.stderr, (needle, proc.stderr)


def tree_hash(path: Path) -> dict[str, str]:
    """sha256 of every file under ``path`` (or of ``path`` itself)."""
    files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file())
    return {str(f): hashlib.sha256(f.read_bytes()).hexdigest() for f in files}


def test_validate_clean_document_exits_0(tmp_path):
    doc = tmp_path / "mini.json"
    doc.write_text(dumps(mini_doc()), encoding="utf-8")
    before = tree_hash(tmp_path)
    proc = run("validate", str(doc))
    assert proc.returncode == 0, proc.stderr
    assert "1 document(s): 0 error(s), 0 warning(s)" in proc.stdout
    assert tree_hash(tmp_path) == before


def test_validate_invalid_data_exits_1_and_names_file_place_and_fix():
    fixture = GOLDEN / "E202" / "mini.json"
    before = tree_hash(fixture)
    proc = run("validate", "mini.json", cwd=fixture.parent)
    assert_one_clear_failure(proc, 1, "mini.json: $.entities[0].text: E202 error", "Fix: ")
    assert tree_hash(fixture) == before


def test_validate_malformed_json_is_one_message_not_a_traceback():
    proc = run("validate", "mini.json", cwd=GOLDEN / "E101")
    assert_one_clear_failure(proc, 1, "mini.json: $: E101 error: not valid JSON: line 9, column 5")


def test_validate_reports_a_non_utf8_file_with_the_others(tmp_path):
    (tmp_path / "latin1.json").write_bytes('{"id": "caf\xe9"}'.encode("latin-1"))
    (tmp_path / "mini.json").write_text(dumps(mini_doc()), encoding="utf-8")
    proc = run("validate", str(tmp_path))
    assert_one_clear_failure(proc, 1, "latin1.json: $: E101 error: not valid JSON: byte 11: not UTF-8")
    assert "2 document(s): 1 error(s)" in proc.stdout


def test_validate_a_folder_without_documents_is_a_usage_error_not_a_pass(tmp_path):
    (tmp_path / "documents").mkdir()
    proc = run("validate", str(tmp_path))
    assert_one_clear_failure(proc, 2, f"{tmp_path}: no document files here", "Fix: pass a corpus directory")
    assert "0 error(s)" not in proc.stdout


def test_validate_json_report(tmp_path):
    out = tmp_path / "report.json"
    proc = run("validate", "mini.json", "--json", str(out), "--quiet", cwd=GOLDEN / "E206")
    assert proc.returncode == 1
    import json

    report = json.loads(out.read_text(encoding="utf-8"))
    assert [(p["code"], p["path"], p["severity"]) for p in report] == [("E206", "$.entities[0].end", "error")]


@pytest.mark.parametrize("args, needle", [
    ((), "usage: caveat <command>"),
    (("frobnicate",), "unknown command 'frobnicate'"),
    (("validate",), "the following arguments are required"),
    (("validate", "no/such/file.json"), "no/such/file.json: no such file or directory"),
    (("validate", "corpus", "--bogus"), "unrecognized arguments: --bogus"),
    (("segment", "no/such/raw.txt", "--out", "unused"), "no/such/raw.txt: no such file"),
    (("segment", "corpus/raw/seed/articles.txt", "--origin", "stolen"), "invalid choice: 'stolen'"),
    (("anchor", "x.anchors.json"), "the following arguments are required: --out"),
])
def test_usage_errors_exit_2(args, needle):
    assert_one_clear_failure(run(*args), 2, needle)


def test_segment_non_utf8_input_exits_1(tmp_path):
    raw = tmp_path / "latin1.txt"
    raw.write_bytes("Caf\xe9 news\n".encode("latin-1"))
    proc = run("segment", str(raw), "--out", str(tmp_path / "out"))
    assert_one_clear_failure(proc, 1, f"{raw}: byte 3: not UTF-8")
    assert not (tmp_path / "out").exists()


def test_segment_refuses_two_articles_with_one_id_and_an_empty_file(tmp_path):
    (tmp_path / "a.txt").write_text("Same title\n\nBody one.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Same title\n\nBody two.\n", encoding="utf-8")
    out = tmp_path / "out"
    proc = run("segment", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "--out", str(out))
    assert_one_clear_failure(proc, 1, "both become document 'same-title'", "Nothing was written")
    assert not out.exists()
    (tmp_path / "empty.txt").write_text(" \n\n", encoding="utf-8")
    assert_one_clear_failure(run("segment", str(tmp_path / "empty.txt"), "--out", str(out)), 1, "holds no article text")
    out.mkdir()
    (out / "same-title.json").write_text("[1]", encoding="utf-8")
    proc = run("segment", str(tmp_path / "a.txt"), "--out", str(out), "--force")
    assert_one_clear_failure(proc, 1, "is not a Caveat document (list)")
    assert (out / "same-title.json").read_text(encoding="utf-8") == "[1]"


def test_anchor_malformed_pass_file_exits_1(tmp_path):
    bad = tmp_path / "p.anchors.json"
    bad.write_text('{"doc_id": "mini", "entities": [', encoding="utf-8")
    proc = run("anchor", str(bad), "--out", str(tmp_path / "out"))
    assert_one_clear_failure(proc, 1, f"{bad}: line 1, column 33")
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_command_help_shows_an_example(command, capsys):
    from caveat.cli import main

    assert main([command, "--help"]) == 0
    out = capsys.readouterr().out
    assert "example:" in out and f"caveat {command}" in out


def test_schema_check_exits_0_on_the_checkout():
    before = tree_hash(ROOT / "schema")
    assert run("schema", "--check").returncode == 0
    assert tree_hash(ROOT / "schema") == before


def test_segment_refuses_to_overwrite_annotations_and_writes_nothing(tmp_path):
    raw = tmp_path / "raw" / "mini.txt"
    raw.parent.mkdir()
    raw.write_text("Mini\n\nOfficials said Acme may grow.\n", encoding="utf-8")
    (raw.parent / "mini.meta.json").write_text('{"id": "mini", "title": "Mini"}', encoding="utf-8")
    out = tmp_path / "docs"
    assert run("segment", str(raw), "--out", str(out), "--quiet").returncode == 0
    annotated = mini_doc()
    (out / "mini.json").write_text(dumps(annotated), encoding="utf-8")
    before_out, before_raw = tree_hash(out), tree_hash(raw.parent)
    proc = run("segment", str(raw), "--out", str(out), "--force")
    assert_one_clear_failure(proc, 1, "already exists; it holds 6 annotation(s). Nothing was written.")
    assert tree_hash(out) == before_out and tree_hash(raw.parent) == before_raw


def test_validate_corpus_reads_but_never_writes(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(GOLDEN / "E503" / "corpus", corpus)
    before = tree_hash(corpus)
    proc = run("validate", str(corpus))
    assert_one_clear_failure(proc, 1, "E503 error")
    assert tree_hash(corpus) == before


def test_segment_refuses_a_sidecar_id_that_would_escape_out_dir(tmp_path):
    raw = tmp_path / "a.txt"
    raw.write_text("Head\n\nBody text.\n", encoding="utf-8")
    (tmp_path / "a.meta.json").write_text('{"id": "../escape", "title": "X"}', encoding="utf-8")
    proc = run("segment", str(raw), "--out", str(tmp_path / "out"))
    assert_one_clear_failure(proc, 1, f"{raw} (article 1): $.id: E102 error", "Nothing was written.")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.meta.json", "a.txt"]

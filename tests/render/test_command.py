"""`caveat render` at the IO edge: what it writes, and one clear message (never a traceback) for every bad input."""
from __future__ import annotations

import json
import shutil

import pytest

from caveat.cli import main as cli
from caveat.commands import render as render_cmd

from .fixtures import EMPTY_ID, TRICKY_ID


def run(capsys, *argv) -> tuple[int, str, str]:
    rc = cli(["render", *map(str, argv)])
    out, err = capsys.readouterr()
    return rc, out, err


def one_error(err: str) -> str:
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: "), err
    assert "Traceback" not in err
    return lines[0]


def test_help_shows_an_example(capsys):
    with pytest.raises(SystemExit) as exc:
        render_cmd.main(["--help"])
    assert exc.value.code == 0
    assert "example:\n  caveat render" in capsys.readouterr().out


def test_the_site_has_every_page(site, docs, preds, pred_file):
    assert pred_file.read_text(encoding="utf-8") == "".join(json.dumps(p, ensure_ascii=False) + "\n" for p in preds)
    manifest = json.loads((site / "caveat-site.json").read_text(encoding="utf-8"))
    assert {"index.html", "stats.html", "leaderboard.html", "assets/site.css", "assets/site.js"} <= set(manifest["files"])
    assert len([f for f in manifest["files"] if f.startswith("doc/")]) == len(docs)
    assert all((site / f).is_file() for f in manifest["files"])
    index = (site / "index.html").read_text(encoding="utf-8")
    assert index.count('<a href="doc/') == len(docs)
    assert "tagger &lt;v1&gt;" in index


@pytest.mark.slow
def test_rerender_replaces_pages_and_removes_stale_ones(tmp_path, corpus, capsys):
    root = tmp_path / "corpus"
    shutil.copytree(corpus, root)
    out = tmp_path / "site"
    assert run(capsys, "--corpus", root, "--out", out, "--quiet")[0] == 0
    assert (out / "doc" / f"{EMPTY_ID}.html").is_file()
    (root / "documents" / f"{EMPTY_ID}.json").unlink()
    before = {p: p.read_bytes() for p in root.rglob("*") if p.is_file()}
    rc, stdout, _ = run(capsys, "--corpus", root, "--out", out)
    assert rc == 0 and "2 document pages" in stdout
    assert {p: p.read_bytes() for p in root.rglob("*") if p.is_file()} == before, "inputs are never modified"
    assert not (out / "doc" / f"{EMPTY_ID}.html").exists()
    assert (out / "doc" / f"{TRICKY_ID}.html").is_file()


def test_refuses_a_directory_it_did_not_write(tmp_path, corpus, capsys):
    out = tmp_path / "mine"
    out.mkdir()
    (out / "notes.txt").write_text("keep me", encoding="utf-8")
    rc, _, err = run(capsys, "--corpus", corpus, "--out", out)
    assert rc == 2 and "not made by `caveat render`" in one_error(err)
    assert (out / "notes.txt").read_text(encoding="utf-8") == "keep me"
    assert sorted(p.name for p in out.iterdir()) == ["notes.txt"]


def test_usage_errors_exit_2(tmp_path, corpus, capsys):
    rc, _, err = run(capsys, "--corpus", corpus, "--out", tmp_path / "o", "--system", "x")
    assert rc == 2 and "--pred" in one_error(err)
    rc, _, err = run(capsys, "--corpus", tmp_path / "nowhere", "--out", tmp_path / "o")
    assert rc == 2 and "not a corpus directory" in one_error(err)
    rc, _, err = run(capsys, "--corpus", corpus, "--out", tmp_path / "o", "--results", tmp_path / "none.json")
    assert rc == 2 and "none.json" in one_error(err)
    (tmp_path / "file").write_text("x", encoding="utf-8")
    rc, _, err = run(capsys, "--corpus", corpus, "--out", tmp_path / "file")
    assert rc == 2 and "not a directory" in one_error(err)


@pytest.mark.parametrize("mutate, expect", [
    (lambda recs: ["{\"doc_id\": \"tricky-emoji-xss\", \"entities\": [", *recs[1:]], "line 1, column"),
    (lambda recs: [json.dumps({**json.loads(recs[0]), "entities": [{"start": 0, "end": 6, "label": "COMPANY"}]})], ":1: $.entities[0].label"),
    (lambda recs: [json.dumps({"doc_id": "no-such-doc"})], "'no-such-doc' is not among the corpus"),
    (lambda recs: [json.dumps({"doc_id": TRICKY_ID, "hedges": [{"start": 5, "end": 99999}]})], "outside the text"),
    (lambda recs: [json.dumps({"doc_id": TRICKY_ID, "text": "other text"})], "differs from the gold"),
    (lambda recs: [], "holds no prediction records"),
])
def test_bad_prediction_files_give_one_message(tmp_path, corpus, pred_file, capsys, mutate, expect):
    recs = pred_file.read_text(encoding="utf-8").splitlines()
    bad = tmp_path / "bad.jsonl"
    bad.write_text("\n".join(mutate(recs)) + "\n", encoding="utf-8")
    rc, _, err = run(capsys, "--corpus", corpus, "--out", tmp_path / "o", "--pred", bad)
    line = one_error(err)
    assert rc == 1 and str(bad) in line and expect in line
    assert not (tmp_path / "o").exists()


@pytest.mark.parametrize("content, expect", [
    ('{"id": "x", "text": "abc", "entities": [', "line 1, column"),
    ('{"id": "x", "text": "abc", "entities": [{"start": 1, "end": 9, "label": "ORG"}]}', "$.entities[0]: cannot draw"),
    ('{"id": "x", "text": 5}', "$.text"),
    ('[1, 2]', "expected a document object"),
])
def test_bad_documents_give_one_message(tmp_path, corpus, capsys, content, expect):
    root = tmp_path / "corpus"
    shutil.copytree(corpus, root)
    bad = root / "documents" / "zz-bad.json"
    bad.write_text(content, encoding="utf-8")
    rc, _, err = run(capsys, "--corpus", root, "--out", tmp_path / "o")
    line = one_error(err)
    assert rc == 1 and "zz-bad.json" in line and expect in line


def test_malformed_results_give_one_message(tmp_path, corpus, capsys):
    bad = tmp_path / "results.json"
    bad.write_text("[1, 2]", encoding="utf-8")
    rc, _, err = run(capsys, "--corpus", corpus, "--out", tmp_path / "o", "--results", bad)
    assert rc == 1 and "expected the JSON object" in one_error(err)

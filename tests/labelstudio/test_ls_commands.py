"""`caveat ls` offline: export and import files, the golden export, bad inputs, and usage errors (no server needed)."""
from __future__ import annotations

import filecmp
import json
import shutil

import pytest

from caveat.cli import main as caveat_main
from caveat.commands import ls as ls_cmd
from caveat.document import dumps
from caveat.validate import validate_document
from ls_samples import GOLDEN, REGEN, as_prediction, emoji_document, empty_document, layers_of, plain_document


@pytest.fixture
def corpus(tmp_path):
    root = tmp_path / "corpus"
    (root / "documents").mkdir(parents=True)
    for d in (emoji_document(), plain_document(), empty_document()):
        (root / "documents" / f"{d['id']}.json").write_text(dumps(d), encoding="utf-8")
    return root


def fake_export(tasks_file, annotator="annotator@example.org"):
    """What Label Studio exports after importing a tasks file: ids, and each imported annotation completed by the importer."""
    tasks = json.loads(tasks_file.read_text(encoding="utf-8"))
    for n, task in enumerate(tasks, start=1):
        task["id"] = n
        for m, ann in enumerate(task.get("annotations", []), start=1):
            ann.update(id=100 * n + m, completed_by={"id": 1, "email": annotator}, was_cancelled=False,
                       created_at="2026-01-01T00:00:00Z", updated_at="2026-01-01T00:00:00Z")
        for m, pred in enumerate(task.get("predictions", []), start=1):
            pred["id"] = 100 * n + m
    return tasks


def test_export_then_import_restores_the_documents(corpus, tmp_path, capsys):
    preds = tmp_path / "baseline-v2.jsonl"
    plain = plain_document()
    preds.write_text(json.dumps(as_prediction(plain)) + "\n", encoding="utf-8")
    tasks_file = tmp_path / "tasks.json"
    assert ls_cmd.main(["export", "--corpus", str(corpus), "--predictions", str(preds), "--out", str(tasks_file)]) == 0
    assert "3 task(s), 2 annotation(s), 1 prediction(s)" in capsys.readouterr().out
    tasks = json.loads(tasks_file.read_text(encoding="utf-8"))
    assert [t["data"]["doc_id"] for t in tasks] == ["ls-emoji-cjk", "ls-empty", "ls-plain"]
    assert tasks[2]["predictions"][0]["model_version"] == "baseline-v2"

    export_file = tmp_path / "export.json"
    export_file.write_text(json.dumps(fake_export(tasks_file), ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "out"
    assert ls_cmd.main(["import", str(export_file), "--out", str(out), "--predictions-out", str(out / "preds")]) == 0
    summary = capsys.readouterr().out
    assert "2 document(s) written" in summary and "1 without annotations" in summary
    for original in (emoji_document(), plain):
        back = json.loads((out / f"{original['id']}.json").read_text(encoding="utf-8"))
        assert layers_of(back) == layers_of(original)
        assert validate_document(back, "back") == []
    [record] = [json.loads(x) for x in (out / "preds" / "baseline-v2.jsonl").read_text(encoding="utf-8").splitlines()]
    assert {k: record[k] for k in as_prediction(plain)} == json.loads(json.dumps(as_prediction(plain)))
    assert not (out / "ls-empty.json").exists()


def test_export_options(corpus, tmp_path):
    out = tmp_path / "t.json"
    assert ls_cmd.main(["export", "--corpus", str(corpus), "--doc", "ls-plain", "--gold", "predictions", "--out", str(out), "-q"]) == 0
    [task] = json.loads(out.read_text(encoding="utf-8"))
    assert "annotations" not in task and task["predictions"][0]["model_version"] == "caveat-gold"
    assert ls_cmd.main(["export", "--corpus", str(corpus), "--doc", "nope", "--out", str(out)]) == 2


@pytest.mark.parametrize("record, expected", [
    ({"doc_id": "ls-unknown"}, "doc_id 'ls-unknown' is not among the 3 document(s)"),
    ({"doc_id": "ls-plain", "entities": [{"start": 0, "end": 3}]}, "'label' is a required property"),
    ({"doc_id": "ls-plain", "entities": [{"start": 0, "end": 999, "label": "ORG"}]}, "is empty or outside the text"),
    ({"doc_id": "ls-plain", "entities": [{"start": 0, "end": 3, "label": "ORG", "text": "Xyz"}]}, "does not match the document text"),
    ({"doc_id": "ls-plain", "relations": [{"type": "hedges", "from": "a", "to": "b"}]}, "no span id in this record"),
])
def test_bad_predictions_are_refused_before_anything_is_written(corpus, tmp_path, capsys, record, expected):
    preds = tmp_path / "p.jsonl"
    preds.write_text("\n" + json.dumps(record) + "\n", encoding="utf-8")
    out = tmp_path / "t.json"
    assert ls_cmd.main(["export", "--corpus", str(corpus), "--predictions", str(preds), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert f"{preds}:2" in err and expected in err and "Traceback" not in err and err.count("\n") == 1
    assert not out.exists()


def test_golden_export_imports_to_the_golden_documents(tmp_path, capsys):
    """A real Label Studio 1.23.2 export (two annotators, a skip, predictions) reads into the recorded documents."""
    out = tmp_path / "import"
    code = ls_cmd.main(["import", str(GOLDEN / "export.json"), "--out", str(out), "--predictions-out", str(out / "predictions")])
    assert code == 0
    summary = capsys.readouterr().out
    assert "1 skipped annotation(s) left out" in summary and "1 task(s) with several annotators kept apart" in summary
    if REGEN:
        shutil.rmtree(GOLDEN / "import", ignore_errors=True)
        shutil.copytree(out, GOLDEN / "import")
    expected = sorted(p.relative_to(GOLDEN / "import") for p in (GOLDEN / "import").rglob("*") if p.is_file())
    written = sorted(p.relative_to(out) for p in out.rglob("*") if p.is_file())
    assert written == expected and len(written) >= 4
    mismatch = [str(p) for p in written if not filecmp.cmp(out / p, GOLDEN / "import" / p, shallow=False)]
    assert mismatch == []


def test_truncated_export_is_one_message_and_writes_nothing(tmp_path, capsys):
    text = (GOLDEN / "export.json").read_text(encoding="utf-8")
    bad = tmp_path / "export.json"
    bad.write_text(text[: len(text) // 2], encoding="utf-8")
    out = tmp_path / "out"
    assert ls_cmd.main(["import", str(bad), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"error: {bad}: line ") and "column" in err and err.count("\n") == 1
    assert not out.exists()


def test_a_bad_task_is_reported_and_skipped_while_the_others_are_written(tmp_path, capsys):
    export = json.loads((GOLDEN / "export.json").read_text(encoding="utf-8"))
    task = next(t for t in export if len([a for a in t["annotations"] if not a["was_cancelled"]]) == 1)
    ann = next(a for a in task["annotations"] if not a["was_cancelled"])
    region = next(r for r in ann["result"] if r["type"] == "labels")
    region["from_name"] = "ner_tags"
    bad = tmp_path / "export.json"
    bad.write_text(json.dumps(export), encoding="utf-8")
    out = tmp_path / "out"
    assert ls_cmd.main(["import", str(bad), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert f"task {task['id']} (doc {task['data']['doc_id']!r}), annotation {ann['id']}" in err
    assert f"result {region['id']!r}: from_name 'ner_tags'" in err and "1 task(s) could not be read" in err
    assert not (out / f"{task['data']['doc_id']}.json").exists()
    assert (out / "annotators").is_dir()  # the other, doubly annotated task was written


def test_import_refuses_to_overwrite_adjudicated_documents(tmp_path, capsys):
    out = tmp_path / "out"
    assert ls_cmd.main(["import", str(GOLDEN / "export.json"), "--out", str(out), "-q"]) == 0
    [single] = [p for p in out.glob("*.json")]
    doc = json.loads(single.read_text(encoding="utf-8"))
    doc["meta"]["annotation"]["status"] = "adjudicated"
    doc["entities"] = []
    single.write_text(dumps(doc), encoding="utf-8")
    kept = single.read_bytes()
    assert ls_cmd.main(["import", str(GOLDEN / "export.json"), "--out", str(out)]) == 0
    captured = capsys.readouterr()
    assert "kept, because it is adjudicated" in captured.err and single.read_bytes() == kept
    doc["meta"]["annotation"]["status"] = "reviewed"  # gold by the single-pass route is kept too
    single.write_text(dumps(doc), encoding="utf-8")
    kept = single.read_bytes()
    assert ls_cmd.main(["import", str(GOLDEN / "export.json"), "--out", str(out)]) == 0
    assert "kept, because it is reviewed gold" in capsys.readouterr().err and single.read_bytes() == kept
    assert ls_cmd.main(["import", str(GOLDEN / "export.json"), "--out", str(out), "--overwrite-adjudicated", "-q"]) == 0
    assert json.loads(single.read_text(encoding="utf-8"))["entities"]


def test_not_an_export(tmp_path, capsys):
    bad = tmp_path / "min.json"
    bad.write_text('{"text": "JSON_MIN is a list too, but this is an object"}', encoding="utf-8")
    assert ls_cmd.main(["import", str(bad), "--out", str(tmp_path / "o")]) == 1
    assert "not a Label Studio JSON export" in capsys.readouterr().err


@pytest.mark.parametrize("argv, env, code, expected", [
    (["pull", "--project", "p"], {}, 2, "no Label Studio URL"),
    (["push", "--project", "p", "--url", "http://127.0.0.1:9"], {}, 2, "no Label Studio API token"),
    (["pull", "--project", "p", "--url", "http://127.0.0.1:9"], {"LABEL_STUDIO_API_KEY": "secret-token-123"}, 1,
     "cannot reach Label Studio at http://127.0.0.1:9"),
])
def test_server_usage_errors(argv, env, code, expected, monkeypatch, capsys, corpus):
    monkeypatch.delenv("LABEL_STUDIO_URL", raising=False)
    monkeypatch.delenv("LABEL_STUDIO_API_KEY", raising=False)
    for k, v in env.items():
        monkeypatch.setenv(k, v)
    assert ls_cmd.main(argv + ["--corpus", str(corpus)]) == code
    err = capsys.readouterr().err
    assert expected in err and "Traceback" not in err and "secret-token-123" not in err


def test_help_and_dispatch(capsys):
    assert caveat_main(["ls"]) == 2
    assert "push" in capsys.readouterr().out
    assert caveat_main(["ls", "bogus"]) == 2
    for sub in ls_cmd.SUBCOMMANDS:
        with pytest.raises(SystemExit) as info:
            ls_cmd.main([sub, "--help"])
        assert info.value.code == 0
        assert f"example:\n  caveat ls {sub}" in capsys.readouterr().out


def test_picking_one_annotator(tmp_path, capsys):
    out = tmp_path / "out"
    assert ls_cmd.main(["import", str(GOLDEN / "export.json"), "--out", str(out), "--annotator", "annotator2@caveat.test"]) == 0
    assert sorted(p.name for p in out.rglob("*.json")) == ["ls-emoji-cjk.json"]  # the one task B annotated, not kept apart
    doc = json.loads((out / "ls-emoji-cjk.json").read_text(encoding="utf-8"))
    assert doc["meta"]["annotation"]["passes"][-1]["annotator"] == "annotator2@caveat.test"
    capsys.readouterr()
    assert ls_cmd.main(["import", str(GOLDEN / "export.json"), "--out", str(tmp_path / "none"), "--annotator", "nobody@x.org"]) == 0
    err = capsys.readouterr().err
    assert "no kept annotation is by 'nobody@x.org'" in err and "annotator1@caveat.test" in err and "annotator2@caveat.test" in err

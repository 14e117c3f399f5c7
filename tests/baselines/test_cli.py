"""`caveat train`, `caveat models` and `caveat predict` end to end on a synthetic corpus: files, formats, messages, exit codes."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import pytest

import synth
from caveat import cli
from caveat.baselines import TRAINABLE, persist
from caveat.labels import inventory
from caveat.schemas import prediction_schema
from caveat.scoring import score

pytestmark = pytest.mark.slow


def _records(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _test_docs(corpus: Path) -> list[dict]:
    splits = json.loads((corpus / "splits.json").read_text())
    return [json.loads((corpus / "documents" / f"{d}.json").read_text()) for d, s in sorted(splits.items()) if s == "test"]


@pytest.mark.parametrize("command", ["train", "models", "predict"])
def test_help_shows_an_example(command, capsys):
    assert cli.main([command, "--help"]) == 0
    assert "example:" in capsys.readouterr().out


def test_train_writes_models_and_leaderboard_submissions(trained):
    assert sorted(f.stem for f in trained["models"].glob("*.skops")) == sorted(TRAINABLE)
    subs = sorted(p.name for p in trained["submissions"].iterdir())
    assert subs == sorted([*TRAINABLE, "oracle"])
    test_ids = [d["id"] for d in _test_docs(trained["corpus"])]
    for name in subs:
        meta = json.loads((trained["submissions"] / name / "metadata.json").read_text())
        assert {"name", "description", "url", "date", "external_data", "kind", "tracks"} <= set(meta)
        assert meta["external_data"] is False and meta["name"] == name
        records = _records(trained["submissions"] / name / "predictions.jsonl")
        assert [r["doc_id"] for r in records] == test_ids
    summary = json.loads(trained["summary"].read_text())
    assert summary["train_documents"] == 12 and summary["validation_documents"] == 4
    assert all(m["selection"] is not None for m in summary["models"].values())


def test_the_leaderboard_accepts_the_submissions_and_the_oracle_scores_one(trained, capsys):
    rc = cli.main(["leaderboard", "--check", "--submissions", str(trained["submissions"]), "--corpus", str(trained["corpus"])])
    assert rc == 0, capsys.readouterr()
    gold = _test_docs(trained["corpus"])
    result = score(gold, _records(trained["submissions"] / "oracle" / "predictions.jsonl"))
    assert all(r["value"] == 1.0 for r in result.values())


def test_train_again_gives_identical_submissions(trained, tmp_path):
    subs = tmp_path / "subs"
    shutil.copytree(trained["submissions"], subs)
    for meta_file in subs.glob("*/metadata.json"):  # an unchanged submission keeps its date
        meta = json.loads(meta_file.read_text())
        meta_file.write_text(json.dumps({**meta, "date": "2001-02-03"}))
    assert cli.main(["train", "--corpus", str(trained["corpus"]), "--out", str(tmp_path / "m"), "--submissions", str(subs), "-q"]) == 0
    for name in [*TRAINABLE, "oracle"]:
        assert (subs / name / "predictions.jsonl").read_bytes() == (trained["submissions"] / name / "predictions.jsonl").read_bytes()
        assert json.loads((subs / name / "metadata.json").read_text())["date"] == "2001-02-03"


def test_models_lists_names_one_per_line(trained, capsys):
    assert cli.main(["models", "--models", str(trained["models"])]) == 0
    assert capsys.readouterr().out.splitlines() == sorted(TRAINABLE)
    assert cli.main(["models", "--models", str(trained["models"]), "--long"]) == 0
    rows = [line.split("\t") for line in capsys.readouterr().out.splitlines()]
    assert {r[0]: r[2] for r in rows}["ner-tagger"] == "learned"


def test_predict_default_writes_every_layer_with_offsets_into_the_given_text(trained, tmp_path):
    txt = tmp_path / "article.txt"
    txt.write_bytes("Helix Labs may have sold 40 percent of its chips to Chile, Maria Chen said.\r\n\r\n🙄 Officials said "
                    "Orbis Group will likely open a factory in Kenya next year.\n".encode("utf-8"))
    jl = tmp_path / "in.jsonl"
    jl.write_text(json.dumps({"doc_id": "j1", "text": "According to analysts, Apex Bank shipped about $40 million worth of "
                                                     "servers to Ohio in May 2020."}) + "\n" + json.dumps({"doc_id": "j2", "text": ""}) + "\n")
    out = tmp_path / "preds.jsonl"
    assert cli.main(["predict", "--models", str(trained["models"]), "--input", str(jl), str(txt), "--out", str(out), "-q"]) == 0
    records = _records(out)
    assert [r["doc_id"] for r in records] == ["j1", "j2", "article"]
    validator = jsonschema.Draft202012Validator(prediction_schema(inventory()))
    texts = {"j1": json.loads(jl.read_text().splitlines()[0])["text"], "j2": "", "article": txt.read_bytes().decode("utf-8")}
    for rec in records:
        assert not list(validator.iter_errors(rec))
        assert rec["text"] == texts[rec["doc_id"]]
        for layer in ("entities", "claims", "sources", "hedges"):
            for span in rec[layer]:
                assert texts[rec["doc_id"]][span["start"]:span["end"]] == span["text"]
    article = records[2]
    assert {r["type"] for r in article["relations"]} == {"attributed_to", "hedges"}
    assert article["entities"] and article["claims"] and article["sources"] and article["hedges"]


def test_predict_one_model(trained, tmp_path):
    jl = tmp_path / "in.jsonl"
    jl.write_text(json.dumps({"doc_id": "a", "text": "Apex Bank sold chips to Chile."}) + "\n")
    out = tmp_path / "p.jsonl"
    assert cli.main(["predict", "--models", str(trained["models"]), "--model", "ner-gazetteer", "--input", str(jl), "--out", str(out), "-q"]) == 0
    assert set(_records(out)[0]) == {"doc_id", "text", "entities"}


BAD_INPUTS = [
    ('{"doc_id": "a", "text": 3}\n', "'text' must be a string, found 3", 1),
    ('{"doc_id": "", "text": "x"}\n', "'doc_id' must be a non-empty string", 1),
    ('{"doc_id": "a", "text": "x"\n', "line 1, column", 1),
    ("[1, 2]\n", "expected a JSON object", 1),
    ('{"doc_id": "a", "text": "x"}\n{"doc_id": "a", "text": "y"}\n', "already used at", 1),
    ("\n\n", "holds no documents", 1),
]


@pytest.mark.parametrize("content,expected,code", BAD_INPUTS)
def test_predict_refuses_bad_input_with_one_message(trained, tmp_path, capsys, content, expected, code):
    bad = tmp_path / "bad.jsonl"
    bad.write_text(content)
    out = tmp_path / "o.jsonl"
    assert cli.main(["predict", "--models", str(trained["models"]), "--input", str(bad), "--out", str(out)]) == code
    err = capsys.readouterr().err
    assert expected in err and str(bad) in err and "Traceback" not in err and err.count("error:") == 1
    assert not out.exists()


def test_predict_usage_and_model_errors(trained, tmp_path, capsys):
    jl = tmp_path / "in.jsonl"
    jl.write_text(json.dumps({"doc_id": "a", "text": "Hello."}) + "\n")
    base = ["predict", "--input", str(jl), "--out", str(tmp_path / "o.jsonl")]
    assert cli.main([*base, "--models", str(trained["models"]), "--model", "nope"]) == 2
    assert "not a trained model" in capsys.readouterr().err
    assert cli.main([*base, "--models", str(trained["models"]), "--model", "oracle"]) == 2
    assert "oracle" in capsys.readouterr().err
    assert cli.main([*base, "--models", str(tmp_path / "none")]) == 1
    assert "caveat train" in capsys.readouterr().err
    (tmp_path / "in.csv").write_text("x")
    assert cli.main(["predict", "--models", str(trained["models"]), "--input", str(tmp_path / "in.csv"), "--out", str(tmp_path / "o.jsonl")]) == 2
    assert ".txt" in capsys.readouterr().err
    assert cli.main(["predict", "--models", str(trained["models"]), "--input", str(jl), "--out", str(tmp_path)]) == 2
    assert "is a directory" in capsys.readouterr().err
    before = jl.read_bytes()
    assert cli.main(["predict", "--models", str(trained["models"]), "--input", str(jl), "--out", str(jl)]) == 2
    assert "overwrite the articles" in capsys.readouterr().err and jl.read_bytes() == before


def test_predict_refuses_damaged_and_foreign_inventory_models(trained, tmp_path, capsys):
    jl = tmp_path / "in.jsonl"
    jl.write_text(json.dumps({"doc_id": "a", "text": "Hello."}) + "\n")
    damaged = tmp_path / "damaged"
    damaged.mkdir()
    data = (trained["models"] / "ner-tagger.skops").read_bytes()
    (damaged / "ner-tagger.skops").write_bytes(data[:500])
    assert cli.main(["predict", "--models", str(damaged), "--model", "ner-tagger", "--input", str(jl), "--out", str(tmp_path / "o.jsonl")]) == 1
    assert "not a readable Caveat model" in capsys.readouterr().err
    foreign = tmp_path / "foreign"
    foreign.mkdir()
    model, meta = persist.loads(data, "x")
    meta["inventory_sha256"] = "f" * 64
    (foreign / "ner-tagger.skops").write_bytes(persist.dumps(model, meta))
    assert cli.main(["predict", "--models", str(foreign), "--model", "ner-tagger", "--input", str(jl), "--out", str(tmp_path / "o.jsonl")]) == 1
    err = capsys.readouterr().err
    assert "trained on label inventory" in err and "ner-tagger.skops" in err and "Traceback" not in err
    only = tmp_path / "only"
    only.mkdir()
    shutil.copy(trained["models"] / "hedge-tagger.skops", only)
    assert cli.main(["predict", "--models", str(only), "--model", "hedge-tagger", "--input", str(jl), "--out", str(tmp_path / "o.jsonl")]) == 1
    assert "'claim-tagger'" in capsys.readouterr().err


def test_predict_reads_a_pretty_printed_json_input(trained, tmp_path):
    (tmp_path / "one.json").write_text(json.dumps({"doc_id": "one", "text": "Officials said sales may fall."}, indent=2))
    (tmp_path / "many.json").write_text(json.dumps([{"doc_id": "a", "text": "Hi."}, {"doc_id": "b", "text": "Yo."}], indent=2))
    out = tmp_path / "o.jsonl"
    assert cli.main(["predict", "--quiet", "--models", str(trained["models"]), "--input", str(tmp_path / "one.json"),
                     str(tmp_path / "many.json"), "--out", str(out)]) == 0
    assert [r["doc_id"] for r in _records(out)] == ["one", "a", "b"]


def test_predict_refuses_renamed_and_unknown_model_files(trained, tmp_path, capsys):
    jl = tmp_path / "in.jsonl"
    jl.write_text(json.dumps({"doc_id": "a", "text": "Hello."}) + "\n")
    out = tmp_path / "o.jsonl"
    models = tmp_path / "models"
    shutil.copytree(trained["models"], models)
    shutil.copy(models / "ner-tagger.skops", models / "hedge-tagger.skops")
    assert cli.main(["predict", "--models", str(models), "--model", "hedge-tagger", "--input", str(jl), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert "holds model 'ner-tagger', not 'hedge-tagger'" in err and "Traceback" not in err and not out.exists()
    shutil.copy(trained["models"] / "ner-tagger.skops", models / "mine.skops")
    assert cli.main(["predict", "--models", str(models), "--model", "mine", "--input", str(jl), "--out", str(out)]) == 2
    assert "'mine' is not a trained model" in capsys.readouterr().err and not out.exists()
    floors = tmp_path / "floors"
    floors.mkdir()
    shutil.copy(trained["models"] / "ner-gazetteer.skops", floors)
    assert cli.main(["predict", "--models", str(floors), "--input", str(jl), "--out", str(out)]) == 1
    assert "no learned model" in capsys.readouterr().err and not out.exists()


def test_train_degrades_gracefully_on_an_unannotated_or_unsplit_corpus(tmp_path, capsys):
    empty = synth.corpus(tmp_path / "empty", 3, 1, 1, empty=("train", "validation", "test"))
    assert cli.main(["train", "--corpus", str(empty), "--out", str(tmp_path / "m")]) == 1
    err = capsys.readouterr().err
    assert "train split has no annotated documents" in err and "Traceback" not in err
    assert not (tmp_path / "m").exists()
    (empty / "splits.json").unlink()
    assert cli.main(["train", "--corpus", str(empty), "--out", str(tmp_path / "m")]) == 1
    assert "no splits.json" in capsys.readouterr().err
    partial = synth.corpus(tmp_path / "partial", 3, 1, 1, empty=("validation", "test"))
    subs = tmp_path / "subs"
    assert cli.main(["train", "--corpus", str(partial), "--out", str(tmp_path / "m2"), "--submissions", str(subs)]) == 0
    err = capsys.readouterr().err
    assert "cross-validation" in err and "no leaderboard submissions" in err
    assert len(list((tmp_path / "m2").glob("*.skops"))) == len(TRAINABLE) and not subs.exists()


def test_train_refuses_a_document_that_is_not_an_object(tmp_path, capsys):
    corpus = synth.corpus(tmp_path / "c", 2, 0, 0)
    (corpus / "documents" / "zz.json").write_text("[1, 2]")
    assert cli.main(["train", "--corpus", str(corpus), "--out", str(tmp_path / "m")]) == 1
    err = capsys.readouterr().err
    assert "zz.json" in err and "E102" in err and not (tmp_path / "m").exists()


def test_train_refuses_an_invalid_document(tmp_path, capsys):
    corpus = synth.corpus(tmp_path / "c", 2, 0, 0)
    f = sorted((corpus / "documents").glob("*.json"))[0]
    doc = json.loads(f.read_text())
    doc["entities"][0]["label"] = "PER"
    f.write_text(json.dumps(doc))
    assert cli.main(["train", "--corpus", str(corpus), "--out", str(tmp_path / "m")]) == 1
    err = capsys.readouterr().err
    assert "E301" in err and f.name in err and "caveat validate" in err

"""Round trips of every serializer: write, read back, validate, compare; and the stability of `dumps`."""
from __future__ import annotations

import difflib
import json
import random
from pathlib import Path

import jsonschema
import pytest

from caveat.document import canonical, dumps
from caveat.fileio import atomic_write_json, atomic_write_jsonl, atomic_write_text, iter_jsonl, parse_json, read_json
from caveat.labels import ANNOTATION_LAYERS
from caveat.schemas import GENERATED, prediction_schema, render_schema
from caveat.validate import validate_document

from .factory import annotate_randomly, mini_doc, segmented

ROOT = Path(__file__).resolve().parents[2]
CORPUS_FILES = sorted((ROOT / "corpus" / "documents").glob("*.json"))


def sample_docs() -> list[dict]:
    """The mini document, a randomly annotated one, and the two seed documents as committed."""
    rng = random.Random(7)
    seeds = [read_json(f) for f in CORPUS_FILES if f.name.startswith("seed-")]
    text = "“We may see growth of about 5%,” said Dr. Li of Acme Co. Ltd. in Beijing.\n\nIt did not.\n"
    return [mini_doc(), annotate_randomly(segmented(text, "random"), rng), *seeds]


def hunks(a: str, b: str) -> int:
    """Number of hunks in the unified diff of two texts."""
    return sum(line.startswith("@@") for line in difflib.unified_diff(a.splitlines(), b.splitlines(), lineterm=""))


@pytest.mark.parametrize("doc", sample_docs(), ids=lambda d: d["id"])
def test_document_round_trip(doc, tmp_path):
    path = tmp_path / f"{doc['id']}.json"
    atomic_write_text(path, dumps(doc))
    back = read_json(path)
    assert validate_document(back, str(path)) == []
    assert back == canonical(doc)
    assert dumps(back) == path.read_text(encoding="utf-8")


@pytest.mark.parametrize("doc", sample_docs(), ids=lambda d: d["id"])
def test_dumps_is_canonical_whatever_the_input_order(doc):
    rng = random.Random(3)
    shuffled = {k: doc[k] for k in rng.sample(list(doc), len(doc))}
    for layer in ("tokens", "sentences", *ANNOTATION_LAYERS, "relations"):
        items = [dict(rng.sample(list(item.items()), len(item))) for item in shuffled[layer]]
        rng.shuffle(items)
        shuffled[layer] = items
    assert dumps(shuffled) == dumps(doc)
    assert dumps(parse_json(dumps(doc), "x")) == dumps(doc)


def test_dumps_is_pretty_with_one_span_per_line():
    text = dumps(mini_doc())
    lines = text.splitlines()
    assert text.endswith("}\n") and lines[0] == "{"
    entity_lines = [ln for ln in lines if '"label": "ORG"' in ln]
    assert entity_lines == ['    {"id": "e1", "start": 15, "end": 19, "text": "Acme", "label": "ORG"}']


@pytest.mark.parametrize("edit", ["relabel", "move", "attribute", "insert", "delete"])
def test_a_one_span_edit_is_one_hunk(edit):
    doc = annotate_randomly(segmented(sample_docs()[1]["text"] * 3, "big"), random.Random(11), density=0.6)
    assert len(doc["entities"]) > 4
    before = dumps(doc)
    changed = json.loads(before)
    target = changed["entities"][2]
    if edit == "relabel":
        target["label"] = "GPE" if target["label"] != "GPE" else "ORG"
    elif edit == "move":
        nxt = next(t for t in changed["tokens"] if t["start"] >= target["end"])
        target["end"], target["text"] = nxt["end"], changed["text"][target["start"]:nxt["end"]]
    elif edit == "attribute":
        changed["claims"][1]["checkworthy"] = not changed["claims"][1]["checkworthy"]
    elif edit == "insert":
        tok = changed["tokens"][5]
        changed["entities"].append({"id": "e999", "start": tok["start"], "end": tok["end"],
                                    "text": changed["text"][tok["start"]:tok["end"]], "label": "DATE"})
    else:
        del changed["entities"][2]
    after = dumps(changed)
    assert after != before
    assert hunks(before, after) == 1


def test_prediction_jsonl_round_trip(tmp_path):
    validator = jsonschema.Draft202012Validator(prediction_schema())
    records = []
    for doc in sample_docs():
        rec = {"doc_id": doc["id"]}
        for layer in ANNOTATION_LAYERS:
            rec[layer] = [{**{k: v for k, v in s.items() if k != "text"}, "score": 0.5} for s in doc[layer]]
        rec["relations"] = [{"type": r["type"], "from": r["from"], "to": r["to"], "score": 1.0} for r in doc["relations"]]
        records.append(rec)
    path = tmp_path / "predictions.jsonl"
    atomic_write_jsonl(path, records)
    back = [obj for _, obj in iter_jsonl(path)]
    assert back == records
    for rec in back:
        assert list(validator.iter_errors(rec)) == []
    assert [n for n, _ in iter_jsonl(path)] == list(range(1, len(records) + 1))


def test_prediction_schema_rejects_what_it_should():
    validator = jsonschema.Draft202012Validator(prediction_schema())
    assert not validator.is_valid({"entities": []})  # no doc_id
    assert not validator.is_valid({"doc_id": "x", "entities": [{"start": 0, "end": 3}]})  # entity without label
    assert not validator.is_valid({"doc_id": "x", "hedges": [{"start": 0, "end": 3, "hedge_type": "MAYBE"}]})
    assert validator.is_valid({"doc_id": "x", "claims": [{"start": 0, "end": 3}], "relations": []})


def test_json_and_schema_writers_round_trip(tmp_path):
    data = {"b": [1, 2, {"ü": None}], "a": "Ω"}
    atomic_write_json(tmp_path / "x.json", data)
    assert read_json(tmp_path / "x.json") == data
    for name, make in GENERATED.items():
        atomic_write_text(tmp_path / name, render_schema(make()))
        assert read_json(tmp_path / name) == make()

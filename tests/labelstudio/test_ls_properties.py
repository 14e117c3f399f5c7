"""Property tests of the pure converters: Caveat -> Label Studio -> Caveat is the identity, non-BMP text included."""
from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from caveat.document import canonical
from caveat.labels import ANNOTATION_LAYERS
from caveat.labelstudio.convert import Where, document_task, layers_result, prediction_entry, result_layers
from caveat.labelstudio.exports import read_task
from caveat.labelstudio.offsets import convert_in, convert_out, from_utf16, to_utf16
from ls_strategies import records, texts

LAYERS = (*ANNOTATION_LAYERS, "relations")
WHERE = Where("property", 1, "doc")


def over_the_wire(value):
    """What a JSON round trip through Label Studio's API does to a value."""
    return json.loads(json.dumps(value, ensure_ascii=False))


@settings(max_examples=100, deadline=None)
@given(records(), st.sampled_from(["codepoint", "utf16"]))
def test_annotation_round_trip_is_identity(case, unit):
    text, record = case
    back = result_layers(over_the_wire(layers_result(record, text, offsets=unit)), text, WHERE, offsets=unit)
    assert {k: back[k] for k in LAYERS} == {k: record[k] for k in LAYERS}


@settings(max_examples=100, deadline=None)
@given(records(prediction=True))
def test_prediction_round_trip_keeps_scores_and_missing_attributes(case):
    text, record = case
    entry = over_the_wire(prediction_entry(record, text, "m"))
    back = result_layers(entry["result"], text, WHERE, keep_scores=True)
    assert {k: back[k] for k in LAYERS} == {k: record[k] for k in LAYERS}
    scored = [x["score"] for k in LAYERS for x in record[k] if "score" in x]
    assert entry.get("score") == (sum(scored) / len(scored) if scored else None)


@settings(max_examples=50, deadline=None)
@given(records())
def test_task_and_export_round_trip_is_identity(case):
    """A document as a task, annotated with its own layers, read back from an export, is the same document."""
    text, record = case
    doc = {"id": "doc-1", "meta": {"title": "t", "origin": "authored", "license": "x", "language": "en",
                                   "annotation": {"status": "draft", "passes": []}},
           "text": text, "paragraphs": [{"start": 0, "end": len(text), "kind": "body"}], "sentences": [], "tokens": [],
           **record}
    task = over_the_wire(document_task(doc))
    task.update(id=7, annotations=[{"id": 3, "completed_by": {"id": 1, "email": "a@example.org"},
                                    "result": task["annotations"][0]["result"] if "annotations" in task else [],
                                    "updated_at": "2026-01-01T00:00:00Z"}])
    [pulled] = read_task(task, "export.json").documents
    assert {k: v for k, v in pulled.document.items() if k != "meta"} == {k: v for k, v in canonical(doc).items() if k != "meta"}
    assert pulled.document["meta"]["annotation"]["passes"][-1]["labelstudio"] == {
        "task": 7, "annotation": 3, "updated_at": "2026-01-01T00:00:00Z"}


@settings(max_examples=100, deadline=None)
@given(texts, st.data())
def test_utf16_offsets_are_inverse(text, data):
    i = data.draw(st.integers(0, len(text)))
    assert to_utf16(text, i) == len(text[:i].encode("utf-16-le")) // 2
    assert from_utf16(text, to_utf16(text, i)) == i
    j = data.draw(st.integers(i, len(text)))
    assert convert_in(text, *convert_out(text, i, j, "utf16"), "utf16") == (i, j)


def test_offset_inside_a_surrogate_pair_is_not_a_boundary():
    assert from_utf16("a🙄b", 2) is None and from_utf16("a🙄b", 3) == 2 and from_utf16("a🙄b", 9) is None

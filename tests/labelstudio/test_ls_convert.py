"""Unit tests of the converters and the export reader: what is kept, what is left out, and the message for each bad input."""
from __future__ import annotations

import copy

import pytest

from caveat.labelstudio.convert import GOLD_MODEL_VERSION, ExportError, Where, document_task, layers_result, result_layers
from caveat.labelstudio.exports import read_export, read_task
from caveat.labelstudio.plan import annotator_dir, changes, describe_changes, gold_status, plan_push, pull_targets
from ls_samples import as_prediction, emoji_document, layers_of, plain_document

WHERE = Where("export.json", 12, "ls-plain", "annotation 5")


def task_with(doc, *annotations, predictions=(), task_id=12):
    task = document_task(doc, gold_as="none")
    task.update(id=task_id, annotations=list(annotations), predictions=list(predictions))
    return task


def annotation(result, ann_id=5, email="a@example.org", updated="2026-01-02T00:00:00Z", **extra):
    return {"id": ann_id, "completed_by": {"id": 1, "email": email}, "result": result, "updated_at": updated, **extra}


def failure(doc, mutate):
    """The message of an annotation result of ``doc`` changed by ``mutate``."""
    result = layers_result(doc, doc["text"])
    mutate(result)
    with pytest.raises(ExportError) as info:
        result_layers(result, doc["text"], WHERE)
    return info.value.message


def item(result, rid, from_name=None):
    return next(r for r in result if r.get("id") == rid and (from_name is None or r.get("from_name") == from_name))


# ---------------------------------------------------------------- to Label Studio

def test_task_carries_text_id_metadata_and_segmentation():
    doc = plain_document()
    task = document_task(doc)
    assert task["data"]["text"] == doc["text"] and task["data"]["doc_id"] == doc["id"]
    assert task["data"]["title"] == doc["meta"]["title"]
    assert task["data"]["caveat"] == {"meta": doc["meta"], "paragraphs": doc["paragraphs"], "sentences": doc["sentences"],
                                      "tokens": doc["tokens"]}
    assert [len(task["annotations"]), "predictions" in task] == [1, False]
    as_pred = document_task(doc, gold_as="predictions", predictions=[("baseline", as_prediction(doc))])
    assert [p["model_version"] for p in as_pred["predictions"]] == [GOLD_MODEL_VERSION, "baseline"]
    assert "annotations" not in as_pred
    with pytest.raises(ValueError):
        document_task(doc, gold_as="both")


def test_empty_document_gets_no_gold_entry():
    doc = plain_document()
    for layer in ("entities", "claims", "sources", "hedges", "relations"):
        doc[layer] = []
    assert set(document_task(doc)) == {"data"}


def test_result_shapes_follow_label_studio():
    doc = plain_document()
    result = layers_result(doc, doc["text"])
    claim = item(result, "c1", "claims")
    assert claim["type"] == "labels" and claim["value"]["labels"] == ["CLAIM"] and claim["to_name"] == "text"
    choice = item(result, "c1", "checkworthy")
    assert choice["type"] == "choices" and choice["value"]["choices"] == ["true"]
    assert {k: choice["value"][k] for k in ("start", "end", "text")} == {k: claim["value"][k] for k in ("start", "end", "text")}
    rel = next(r for r in result if r["type"] == "relation" and r["labels"] == ["hedges"])
    assert rel == {"type": "relation", "from_id": "h1", "to_id": "c1", "direction": "right", "labels": ["hedges"], "id": "r2"}


# ---------------------------------------------------------------- from Label Studio

def test_relations_drawn_backwards_or_unlabeled_are_read_by_the_inventory():
    doc = plain_document()
    result = [r for r in layers_result(doc, doc["text"]) if r["type"] != "relation"]
    result += [
        {"type": "relation", "from_id": "s1", "to_id": "c1", "direction": "right", "labels": ["attributed_to"]},  # backwards
        {"type": "relation", "from_id": "c1", "to_id": "h1", "direction": "left", "labels": []},  # unlabeled, pointing left
    ]
    rels = result_layers(result, doc["text"], WHERE)["relations"]
    assert rels == [{"id": "c1-attributed_to-s1", "type": "attributed_to", "from": "c1", "to": "s1"},
                    {"id": "h1-hedges-c1", "type": "hedges", "from": "h1", "to": "c1"}]


def test_editor_region_ids_become_valid_caveat_ids():
    doc = plain_document()
    result = layers_result(doc, doc["text"])
    for r in result:
        if r.get("id") == "h1":
            r["id"] = "-Xy_9"
        if r.get("from_id") == "h1":
            r["from_id"] = "-Xy_9"
    layers = result_layers(result, doc["text"], WHERE)
    assert layers["hedges"][0]["id"] == "ls-Xy_9"
    assert {"from": "ls-Xy_9", "to": "c1"}.items() <= next(r for r in layers["relations"] if r["type"] == "hedges").items()


@pytest.mark.parametrize("mutate, expected", [
    (lambda r: item(r, "e1").update(from_name="ner"), "from_name 'ner' is not a control"),
    (lambda r: item(r, "e1")["value"].update(labels=["VESSEL"]), "label 'VESSEL' is not in the inventory for control 'entities'"),
    (lambda r: item(r, "e1")["value"].update(labels=["ORG", "GPE"]), "exactly one label"),
    (lambda r: item(r, "e1")["value"].update(text="Federal Communication"), "does not match the document text"),
    (lambda r: item(r, "e1")["value"].update(end=10_000), "not a non-empty range inside the text"),
    (lambda r: item(r, "e1")["value"].pop("start"), "integer value.start and value.end"),
    (lambda r: r.append({"type": "relation", "from_id": "c1", "to_id": "gone", "labels": ["attributed_to"]}),
     "points at region 'gone'"),
    (lambda r: r.append({"type": "relation", "from_id": "c1", "to_id": "s1", "labels": ["quotes"]}), "is none of: attributed_to"),
    (lambda r: item(r, "c1", "claim_type")["value"].update(choices=["RUMOUR"]), "'claim_type' needs exactly one of"),
    (lambda r: item(r, "c1", "claim_type").update(id="zz"), "per-region choice 'claim_type' belongs to region 'zz'"),
    (lambda r: r.append(dict(item(r, "c1", "claim_type"), id="e1")), "'claim_type' is an attribute of claims but region 'e1'"),
    (lambda r: r.append(copy.deepcopy(item(r, "e1"))), "region id 'e1' appears twice"),
    (lambda r: item(r, "e1").update(to_name="image"), "to_name 'text'"),
])
def test_bad_results_name_task_annotation_and_result(mutate, expected):
    message = failure(plain_document(), mutate)
    assert expected in message
    assert message.startswith("export.json: task 12 (doc 'ls-plain'), annotation 5")
    assert "Fix:" in message


def test_utf16_offsets_are_refused_with_a_hint_and_read_when_asked():
    doc = emoji_document()
    result = layers_result(doc, doc["text"], offsets="utf16")
    with pytest.raises(ExportError, match="match if counted in UTF-16 code units"):
        result_layers(result, doc["text"], WHERE)
    back = result_layers(result, doc["text"], WHERE, offsets="utf16")
    assert back["entities"] == doc["entities"]


def test_read_task_keeps_annotators_apart_and_leaves_out_skips():
    doc = plain_document()
    full = layers_result(doc, doc["text"])
    partial = [r for r in full if r.get("id") != "e3" and r.get("to_id") != "e3"]
    task = task_with(doc,
                     annotation(full, 5, "a@example.org"),
                     annotation(partial, 6, "b@example.org"),
                     annotation([], 7, "c@example.org", was_cancelled=True),
                     annotation(partial, 4, "a@example.org", updated="2025-01-01T00:00:00Z"))  # older: superseded
    out = read_task(task, "export.json", project=3)
    assert [(d.annotator, d.annotation_id) for d in out.documents] == [("a@example.org", 5), ("b@example.org", 6)]
    assert (out.cancelled, out.superseded) == (1, 1)
    a, b = (d.document for d in out.documents)
    assert layers_of(a) == layers_of(doc)
    assert [s["id"] for s in b["entities"]] == ["e1", "e2"]
    assert a["meta"]["annotation"]["status"] == "draft"
    assert a["meta"]["annotation"]["passes"][-1] == {
        "annotator": "a@example.org", "kind": "annotation", "date": "2026-01-02T00:00:00Z", "file": None, "notes": None,
        "labelstudio": {"task": 12, "annotation": 5, "project": 3, "updated_at": "2026-01-02T00:00:00Z"}}
    picked = read_task(task, "export.json", annotator="b@example.org")
    assert [d.annotator for d in picked.documents] == ["b@example.org"]


def test_pulling_the_same_annotation_twice_does_not_repeat_its_pass():
    doc = plain_document()
    task = task_with(doc, annotation(layers_result(doc, doc["text"])))
    first = read_task(task, "x", project=1).documents[0].document
    again = read_task(task, "x", project=1, corpus_doc=first).documents[0].document
    assert again == first


def test_annotator_without_expanded_user_and_predictions():
    doc = plain_document()
    record = as_prediction(doc)
    pred = {"id": 9, "model_version": "m1", "score": 0.7, "result": layers_result(record, doc["text"])}
    task = task_with(doc, {"id": 1, "completed_by": 4, "result": []}, predictions=[pred])
    out = read_task(task, "x")
    assert out.documents[0].annotator == "user-4"
    [(version, back)] = out.predictions
    assert version == "m1" and back["meta"] == {"model_version": "m1", "labelstudio": {"id": 9, "score": 0.7}}
    assert {k: back[k] for k in record} == record


def test_text_changed_since_push_is_refused():
    doc = plain_document()
    corpus_doc = copy.deepcopy(doc)
    corpus_doc["text"] = corpus_doc["text"].replace("Tuesday", "Monday ")
    task = task_with(doc, annotation(layers_result(doc, doc["text"])))
    with pytest.raises(ExportError, match="differs from corpus/documents/ls-plain.json at offset"):
        read_task(task, "x", corpus_doc=corpus_doc, corpus_file="corpus/documents/ls-plain.json")


@pytest.mark.parametrize("task, expected", [
    ({"id": 1, "data": {"text": "x"}}, "no \"doc_id\""),
    ({"id": 1, "data": {"doc_id": "d"}}, "no \"text\""),
    ({"id": 1, "data": "text"}, "a task object with a \"data\" object"),
    ({"id": 1, "data": {"doc_id": "d", "text": "x"}, "predictions": [3]}, "export with full predictions"),
    ({"id": 1, "data": {"doc_id": "d", "text": "x", "caveat": {"sentences": "x"}}, "annotations": [annotation([])]},
     "data.caveat.sentences as a list of segment objects"),
])
def test_malformed_tasks(task, expected):
    with pytest.raises(ExportError, match=expected):
        read_task(task, "export.json")


def test_a_failing_task_yields_nothing_and_the_others_are_read():
    good, bad = plain_document(), emoji_document()
    bad_result = layers_result(bad, bad["text"])
    item(bad_result, "e1")["from_name"] = "ner"
    export = [task_with(good, annotation(layers_result(good, good["text"])), task_id=1),
              task_with(bad, annotation(bad_result), task_id=2)]
    result = read_export(export, "export.json")
    assert [d.doc_id for d in result.documents] == [good["id"]]
    assert len(result.failures) == 1 and "task 2 (doc 'ls-emoji-cjk')" in result.failures[0]
    with pytest.raises(ExportError, match="not a Label Studio JSON export"):
        read_export({"tasks": []}, "export.json")


# ---------------------------------------------------------------- planning

def test_push_plan_adds_only_what_is_missing():
    doc, other = plain_document(), emoji_document()
    wanted = [document_task(doc, predictions=[("m1", as_prediction(doc))]), document_task(other)]
    assert len(plan_push(wanted, []).new_tasks) == 2
    existing = [dict(wanted[0], id=10, annotations=[{"id": 1, "result": []}], predictions=[{"model_version": "m0"}])]
    plan = plan_push(wanted, existing)
    assert [t["data"]["doc_id"] for t in plan.new_tasks] == [other["id"]]
    assert [(tid, e["model_version"]) for tid, e in plan.add_predictions] == [(10, "m1")]
    assert plan.add_annotations == [] and plan.update_data == []
    changed = copy.deepcopy(existing)
    changed[0]["data"]["text"] = "old text"
    assert plan_push(wanted, changed).conflicts == [(doc["id"], 10)]
    changed[0]["annotations"] = [{"id": 1, "was_cancelled": True}]
    plan = plan_push(wanted, changed)
    assert [tid for tid, _ in plan.update_data] == [10] and [tid for tid, _ in plan.add_annotations] == [10]


def test_pull_targets_and_changes(tmp_path):
    doc = plain_document()
    task = task_with(doc, annotation(layers_result(doc, doc["text"]), 1, "a@x.org"), annotation([], 2, "b@x.org"))
    other = task_with(emoji_document(), annotation([], 3, "a@x.org"), task_id=13)
    docs = read_export([task, other], "x").documents
    targets = {(d.doc_id, d.annotator): str(p.relative_to(tmp_path)) for d, p in pull_targets(docs, tmp_path / "docs", tmp_path / "ann")}
    assert targets == {("ls-plain", "a@x.org"): "ann/a-at-x.org/ls-plain.json", ("ls-plain", "b@x.org"): "ann/b-at-x.org/ls-plain.json",
                       ("ls-emoji-cjk", "a@x.org"): "docs/ls-emoji-cjk.json"}
    assert annotator_dir("../../etc") == "etc" and annotator_dir("") == "unknown"
    edited = copy.deepcopy(doc)
    edited["entities"][0]["label"] = "GPE"
    edited["entities"].pop()
    edited["hedges"][0]["id"] = "h9"  # same span, new id: not a change
    ch = changes(doc, edited)
    assert ch == {"entities": {"added": 0, "removed": 1, "changed": 1}}
    assert describe_changes(ch) == "entities -1 ~1" and describe_changes({}) == "annotation layers unchanged"
    assert gold_status({"meta": {"annotation": {"status": "adjudicated"}}}) == "adjudicated" and gold_status(doc) is None
    assert gold_status({"meta": {"annotation": {"status": "reviewed"}}}) == "reviewed"  # the single-pass route's gold
    assert gold_status({"meta": {"annotation": {"status": "double-annotated"}}}) is None


def test_every_corpus_document_survives_the_trip(repo_root):
    """Whatever the corpus holds now (drafts, adjudicated gold, empty layers), task -> export -> document is the identity."""
    from caveat.corpusio import load_valid_corpus as load_corpus

    docs = load_corpus(str(repo_root / "corpus"))
    assert docs
    export = []
    for n, doc in enumerate(docs, start=1):
        task = document_task(doc)
        task.update(id=n, annotations=[annotation(a["result"], n) for a in task.get("annotations", [])])
        export.append(task)
    result = read_export(export, "corpus-export")
    assert result.failures == []
    back = {d.doc_id: d.document for d in result.documents}
    annotated = [d for d in docs if any(d[k] for k in ("entities", "claims", "sources", "hedges", "relations"))]
    assert sorted(back) == sorted(d["id"] for d in annotated)
    for doc in annotated:
        assert layers_of(back[doc["id"]]) == layers_of(doc)

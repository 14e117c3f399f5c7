"""Gold vs predictions, span by span: each kind of error is found where it was planted, and nothing else."""
from __future__ import annotations

from caveat.labels import inventory
from caveat.render.diff import diff_document, diff_layer

from .fixtures import PLAIN_ID, TRICKY_ID


def _by_status(items, gold, pred):
    out = {}
    for i in items:
        span = gold[i["gold"]] if i["gold"] is not None else pred[i["pred"]]
        out.setdefault(i["status"], []).append(span["text"])
    return out


def test_planted_errors_are_found(docs, preds):
    inv = inventory()
    gold = next(d for d in docs if d["id"] == TRICKY_ID)
    pred = next(p for p in preds if p["doc_id"] == TRICKY_ID)
    d = diff_document(gold, pred, inv)
    ents = _by_status(d["layers"]["entities"], gold["entities"], pred["entities"])
    assert ents["missed"] == ["Monday"]
    assert ents["wrong_type"] == ["Thursday"]
    assert "spurious" not in ents and "boundary" not in ents
    claims = _by_status(d["layers"]["claims"], gold["claims"], pred["claims"])
    assert claims == {"correct": ["its sales would probably fall by about 10% next year",
                                  "The Commerce Department added 28 entities to the list in October 2019"],
                      "boundary": ["the ban could hurt US suppliers"]}
    hedges = _by_status(d["layers"]["hedges"], gold["hedges"], pred["hedges"])
    assert hedges["spurious"] == ["argue"] and len(hedges["correct"]) == 4
    # relations go through the span matching, so the claim with a boundary error keeps its relations
    assert {r["status"] for r in d["relations"]} == {"correct"}
    assert d["counts"]["entities"] == {"correct": 7, "wrong_type": 1, "boundary": 0, "missed": 1, "spurious": 0}
    assert d["errors"] == 4


def test_wrong_type_names_the_differing_attribute():
    inv = inventory()
    gold = [{"start": 0, "end": 4, "label": "CLAIM", "claim_type": "FACTUAL", "checkworthy": True}]
    pred = [{"start": 0, "end": 4, "claim_type": "CAUSAL", "checkworthy": True}]
    (item,) = diff_layer(gold, pred, "claims", inv)
    assert item["status"] == "wrong_type" and item["attribute_diffs"] == ["claim_type"]
    pred[0]["claim_type"] = "FACTUAL"
    pred[0]["checkworthy"] = False
    (item,) = diff_layer(gold, pred, "claims", inv)
    assert item["status"] == "correct" and item["attribute_diffs"] == ["checkworthy"]


def test_a_perfect_prediction_has_no_errors(docs, preds):
    gold = next(d for d in docs if d["id"] == PLAIN_ID)
    pred = next(p for p in preds if p["doc_id"] == PLAIN_ID)
    d = diff_document(gold, pred, inventory())
    assert d["errors"] == 0
    assert all(c["correct"] == len(gold[layer]) for layer, c in d["counts"].items() if layer != "relations")
    assert d["counts"]["relations"]["correct"] == len(gold["relations"])


def test_relations_to_unmatched_spans_are_missed_and_spurious():
    inv = inventory()
    gold = {"text": "x", "claims": [{"id": "c1", "start": 0, "end": 3, "claim_type": "FACTUAL", "checkworthy": True}],
            "sources": [{"id": "s1", "start": 4, "end": 6}],
            "relations": [{"id": "r1", "type": "attributed_to", "from": "c1", "to": "s1"}]}
    pred = {"claims": [{"id": "a", "start": 0, "end": 3, "claim_type": "FACTUAL", "checkworthy": True}],
            "sources": [{"id": "b", "start": 8, "end": 9}], "relations": [{"type": "attributed_to", "from": "a", "to": "b"}]}
    d = diff_document(gold, pred, inv)
    assert sorted(r["status"] for r in d["relations"]) == ["missed", "spurious"]

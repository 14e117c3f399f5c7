"""Unit tests of the scorer: hand-made cases per track, zero-division rules, identity, invariances."""
from __future__ import annotations

import random

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sklearn.metrics import f1_score

from caveat.scoring import REFERENCE_METRICS, TRACKS, pair_documents, primary_metric, score, tally_pairs
from caveat.scoring.ner_batch import count_matrix
from caveat.scoring.metrics import accuracy, macro_f1, prf
from .scoring_strategies import annotated_documents, as_prediction, build_text

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def doc(words: str, breaks: set[int] = frozenset(), **layers) -> dict:
    """A gold document over space-separated ``words``; layers hold (first_token, last_token_exclusive, extra) items."""
    skel = build_text(words.split(), set(breaks))
    toks, text = skel["tokens"], skel["text"]
    out = {"id": "d", "meta": {}, **skel, "entities": [], "claims": [], "sources": [], "hedges": [], "relations": []}
    label = {"entities": None, "claims": "CLAIM", "sources": "SOURCE", "hedges": "HEDGE"}
    for layer, items in layers.items():
        if layer == "relations":
            out["relations"] = [{"id": f"r{i}", "type": t, "from": f, "to": to} for i, (t, f, to) in enumerate(items)]
            continue
        for sid, a, b, extra in items:
            s, e = toks[a]["start"], toks[b - 1]["end"]
            out[layer].append({"id": sid, "start": s, "end": e, "text": text[s:e], "label": label[layer], **extra})
    for span in out["entities"]:
        span["label"] = span.pop("type")
    return out


def pred_of(gold: dict, **layers) -> dict:
    """A prediction record for ``gold`` built like :func:`doc`."""
    made = doc(" ".join(gold["text"].split()), **layers)
    return {"doc_id": gold["id"], **{k: made[k] for k in ("entities", "claims", "sources", "hedges", "relations")}}


WORDS = "Alice said the plan may fail . Bob works at Acme in Paris ."


def test_ner_hand_case():
    g = doc(WORDS, entities=[("e1", 0, 1, {"type": "PERSON"}), ("e2", 7, 8, {"type": "PERSON"}),
                             ("e3", 10, 11, {"type": "ORG"}), ("e4", 12, 13, {"type": "GPE"})])
    p = pred_of(g, entities=[("p1", 0, 1, {"type": "PERSON"}),      # correct
                             ("p2", 7, 8, {"type": "ORG"}),         # right span, wrong type
                             ("p3", 9, 11, {"type": "ORG"}),        # overlaps Acme, right type
                             ("p4", 3, 4, {"type": "LAW"})])        # spurious; Paris missed
    r = score([g], [p], ["ner"])["ner"]
    c, m = r["counts"], r["metrics"]
    assert (c["strict.tp"], c["strict.pred"], c["strict.gold"]) == (1, 4, 4)
    assert m["strict.f1"] == pytest.approx(0.25)
    strict = [c[f"semeval.strict.{k}"] for k in ("cor", "inc", "par", "mis", "spu")]
    exact = [c[f"semeval.exact.{k}"] for k in ("cor", "inc", "par", "mis", "spu")]
    partial = [c[f"semeval.partial.{k}"] for k in ("cor", "inc", "par", "mis", "spu")]
    typed = [c[f"semeval.type.{k}"] for k in ("cor", "inc", "par", "mis", "spu")]
    assert strict == [1, 2, 0, 1, 1]
    assert exact == [2, 1, 0, 1, 1]
    assert partial == [2, 0, 1, 1, 1]
    assert typed == [2, 1, 0, 1, 1]
    assert m["semeval.partial.precision"] == pytest.approx(2.5 / 4)
    assert m["label.PERSON.recall"] == pytest.approx(0.5) and m["label.PERSON.precision"] == 1.0
    assert "label.LAW.f1" in m and "label.DATE.f1" not in m  # labels on neither side are left out
    assert r["primary"] == primary_metric("ner") == "strict.f1" and r["value"] == m["strict.f1"]


def test_hedge_hand_case():
    g = doc(WORDS, breaks={7}, claims=[("c1", 2, 6, {"claim_type": "PREDICTIVE", "checkworthy": True})],
            hedges=[("h1", 4, 5, {"hedge_type": "EPISTEMIC"})], relations=[("hedges", "h1", "c1")])
    p = pred_of(g, claims=[("c1", 2, 6, {})], hedges=[("h1", 4, 5, {"hedge_type": "APPROXIMATOR"}),
                                                        ("h2", 8, 9, {"hedge_type": "EPISTEMIC"})],
                relations=[("hedges", "h1", "c1")])
    m = score([g], [p], ["hedge"])["hedge"]["metrics"]
    assert m["typed.f1"] == 0.0  # the only cue found has the wrong type
    assert m["cue.precision"] == 0.5 and m["cue.recall"] == 1.0
    assert m["overlap.f1"] == pytest.approx(2 / 3)
    assert m["sentence.precision"] == 0.5 and m["sentence.recall"] == 1.0  # both sentences flagged, one uncertain
    assert m["relation.f1"] == 1.0
    assert m["sentence.all_positive_f1"] == pytest.approx(2 * 0.5 / 1.5)


def test_claim_hand_case():
    g = doc(WORDS, breaks={7}, claims=[("c1", 2, 6, {"claim_type": "PREDICTIVE", "checkworthy": True}),
                                       ("c2", 7, 13, {"claim_type": "FACTUAL", "checkworthy": False})])
    p = pred_of(g, claims=[("x1", 3, 6, {"claim_type": "PREDICTIVE", "checkworthy": True}),   # overlaps c1
                           ("x2", 7, 11, {"claim_type": "EVALUATIVE", "checkworthy": True}),  # overlaps c2, not cw
                           ("x3", 0, 1, {"claim_type": "FACTUAL"})])                          # spurious
    m = score([g], [p], ["claim"])["claim"]["metrics"]
    assert m["checkworthy.precision"] == 0.5 and m["checkworthy.recall"] == 1.0
    assert m["strict.f1"] == 0.0
    assert m["overlap.precision"] == pytest.approx(2 / 3) and m["overlap.recall"] == 1.0
    assert m["checkworthy.accuracy"] == 0.5
    assert m["claim_type.macro_f1"] == pytest.approx(f1_score(["PREDICTIVE", "FACTUAL"], ["PREDICTIVE", "EVALUATIVE"],
                                                              average="macro", zero_division=0))
    assert m["sentence.f1"] == 1.0 and m["sentence.all_positive_f1"] == 1.0


def test_attribution_hand_case():
    g = doc(WORDS, breaks={7}, entities=[("e1", 7, 8, {"type": "PERSON"})], sources=[("s1", 0, 1, {})],
            claims=[("c1", 2, 6, {"claim_type": "PREDICTIVE", "checkworthy": True}),
                    ("c2", 7, 13, {"claim_type": "FACTUAL", "checkworthy": False})],
            relations=[("attributed_to", "c1", "s1")])
    p = pred_of(g, sources=[("s1", 0, 2, {})], entities=[("e1", 7, 8, {"type": "PERSON"})],
                claims=[("x1", 2, 6, {}), ("x2", 8, 13, {})],
                relations=[("attributed_to", "x1", "s1"), ("attributed_to", "x2", "e1")])
    m = score([g], [p], ["attribution"])["attribution"]["metrics"]
    assert m["pair.precision"] == 0.5 and m["pair.recall"] == 1.0   # x1->s1 overlaps c1->s1; x2->e1 is extra
    assert m["source.f1"] == 0.0 and m["source_overlap.f1"] == 1.0
    assert m["author_vs_reported.accuracy"] == 0.5                 # c2 is the author's own, x2 was attributed


def test_zero_division_rules():
    assert prf(0, 0, 0) == {"precision": 1.0, "recall": 1.0, "f1": 1.0}
    assert prf(0, 0, 3) == {"precision": 0.0, "recall": 0.0, "f1": 0.0}
    assert prf(0, 2, 0) == {"precision": 0.0, "recall": 0.0, "f1": 0.0}
    assert accuracy(0, 0, 0, 0) == 1.0 and accuracy(0, 0, 1, 0) == 0.0
    assert macro_f1([(0, 0, 0)], 0, 0) == 1.0 and macro_f1([(0, 0, 0)], 2, 2) == 0.0


def test_empty_documents_score_one_when_nothing_predicted_and_zero_when_something_is():
    g = doc(WORDS)
    assert all(v["value"] == 1.0 for v in score([g], [{"doc_id": "d"}]).values())
    p = pred_of(g, entities=[("p", 0, 1, {"type": "PERSON"})])
    assert score([g], [p], ["ner"])["ner"]["value"] == 0.0


@SETTINGS
@given(annotated_documents())
def test_identical_prediction_scores_one_on_every_metric_of_every_track(docs):
    result = score(docs, [as_prediction(d) for d in docs], errors=True)
    assert set(result) == set(TRACKS)
    for track, r in result.items():
        assert r["value"] == 1.0, track
        assert not r["errors"], track
        for name, value in r["metrics"].items():
            if name not in REFERENCE_METRICS:
                assert value == 1.0, (track, name)


@settings(SETTINGS, max_examples=40)
@given(annotated_documents(), annotated_documents())
def test_scores_do_not_depend_on_record_or_span_order(gold, other):
    other = {d["id"]: d for d in other}
    preds = []
    for d in gold:
        rec = as_prediction(other.get(d["id"], d), with_text=False)
        for layer in ("entities", "claims", "sources", "hedges"):  # keep only spans that fit this text
            rec[layer] = [{k: v for k, v in s.items() if k != "text"} for s in rec[layer] if s["end"] <= len(d["text"])]
        ids = {s["id"] for layer in ("entities", "claims", "sources", "hedges") for s in rec[layer]}
        rec["relations"] = [r for r in rec["relations"] if r["from"] in ids and r["to"] in ids]
        preds.append(rec)
    base = score(gold, preds)
    rng = random.Random(0)
    shuffled = []
    for rec in reversed(preds):
        rec = {k: (rng.sample(v, len(v)) if isinstance(v, list) else v) for k, v in rec.items()}
        shuffled.append(rec)
    again = score(gold, shuffled)
    for track in TRACKS:
        assert again[track]["counts"] == base[track]["counts"], track
        assert again[track]["metrics"] == pytest.approx(base[track]["metrics"], abs=1e-12), track


def test_errors_list_false_positives_and_negatives_with_their_sentence():
    g = doc(WORDS, breaks={7}, entities=[("e1", 0, 1, {"type": "PERSON"}), ("e2", 10, 11, {"type": "ORG"})])
    p = pred_of(g, entities=[("p1", 0, 1, {"type": "PERSON"}), ("p2", 10, 11, {"type": "GPE"})])
    errs = score([g], [p], ["ner"], errors=True)["ner"]["errors"]
    assert {(e["kind"], e["label"], e["text"]) for e in errs} == {("false_negative", "ORG", "Acme"),
                                                                  ("false_positive", "GPE", "Acme")}
    assert all(e["sentence"] == "Bob works at Acme in Paris ." and e["doc_id"] == "d" for e in errs)


@st.composite
def disjoint_gold_cases(draw):
    """Gold entities that do not overlap each other; predictions that may overlap, nest, repeat or use unknown labels."""
    labels = ["PERSON", "ORG", "GPE"]
    docs, preds = [], []
    for n in range(draw(st.integers(1, 4))):
        gold, pos = [], 0
        for gap, length, lab in draw(st.lists(st.tuples(st.integers(0, 4), st.integers(1, 6), st.sampled_from(labels)), max_size=8)):
            if pos + gap + length > 60:
                break
            gold.append((pos + gap, pos + gap + length, lab))
            pos += gap + length
        span = st.tuples(st.integers(0, 59), st.integers(1, 8), st.sampled_from(labels + ["NOT_A_LABEL"])).map(
            lambda t: (t[0], min(60, t[0] + t[1]), t[2]))
        pred = draw(st.lists(span, max_size=8)) + draw(st.lists(st.sampled_from(gold), max_size=4) if gold else st.just([]))
        docs.append({"id": f"d{n}", "text": "x" * 60, "sentences": [],
                     "entities": [{"start": s, "end": e, "label": lab} for s, e, lab in gold]})
        preds.append({"doc_id": f"d{n}", "entities": [{"start": s, "end": e, "label": lab} for s, e, lab in pred]})
    return docs, preds


@settings(SETTINGS, max_examples=100)
@given(disjoint_gold_cases())
def test_bulk_ner_counts_equal_the_per_document_counts(case):
    docs, preds = case
    pairs = pair_documents(docs, preds)
    fast = count_matrix(pairs)
    assert fast is not None
    slow = tally_pairs(pairs, ["ner"], errors=True)["ner"]  # asking for errors takes the per-document path
    assert tuple(fast[0]) == slow.names
    assert np.array_equal(fast[1], slow.matrix)


def test_bulk_ner_counts_step_aside_when_gold_entities_overlap():
    docs = [{"id": "d", "text": "x" * 10, "sentences": [], "entities": [{"start": 0, "end": 5, "label": "ORG"},
                                                                          {"start": 2, "end": 4, "label": "GPE"}]}]
    assert count_matrix(pair_documents(docs, [{"doc_id": "d"}])) is None


def test_tracks_a_file_takes_part_in_follow_its_layers_and_relation_types():
    from caveat.scoring.evaluation import tracks_in

    hedge_only = [{"doc_id": "d", "hedges": [{"id": "h1", "start": 0, "end": 3}], "claims": [{"id": "c1", "start": 0, "end": 5}],
                   "relations": [{"type": "hedges", "from": "h1", "to": "c1"}]}]
    assert tracks_in(hedge_only) == ["hedge", "claim"]  # its `hedges` relations do not make it an attribution system
    attributing = [{"doc_id": "d", "claims": [], "relations": [{"type": "attributed_to", "from": "c1", "to": "e1"}]}]
    assert tracks_in(attributing) == ["claim", "attribution"]
    assert tracks_in([{"doc_id": "d", "sources": []}]) == ["attribution"]
    assert tracks_in([{"doc_id": "d"}]) == ["ner", "hedge", "claim", "attribution"]

"""Our ner scores against independent implementations: seqeval (strict IOB2) and nervaluate (four SemEval views)."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from nervaluate import Evaluator
from seqeval.metrics import classification_report, f1_score, precision_score, recall_score
from seqeval.scheme import IOB2

from caveat.labels import inventory
from caveat.scoring import score
from caveat.scoring.bio import spans_to_iob2
from .scoring_strategies import ner_cases

TOL = 1e-9
NERVALUATE_VIEW = {"strict": "strict", "exact": "exact", "partial": "partial", "type": "ent_type"}
SETTINGS = settings(max_examples=75, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _tags(docs: list[dict], records: list[dict]) -> tuple[list[list[str]], list[list[str]]]:
    by_id = {r["doc_id"]: r for r in records}
    gold = [spans_to_iob2([(t["start"], t["end"]) for t in d["tokens"]],
                          [(e["start"], e["end"], e["label"]) for e in d["entities"]]) for d in docs]
    pred = [spans_to_iob2([(t["start"], t["end"]) for t in d["tokens"]],
                          [(e["start"], e["end"], e["label"]) for e in by_id[d["id"]]["entities"]]) for d in docs]
    return gold, pred


def _anything(tags: list[list[str]]) -> bool:
    return any(t != "O" for seq in tags for t in seq)


@SETTINGS
@given(ner_cases())
def test_strict_f1_equals_seqeval_strict_iob2(case):
    docs, preds, _ = case
    ours = score(docs, preds, ["ner"])["ner"]["metrics"]
    y_true, y_pred = _tags(docs, preds)
    if not _anything(y_true) and not _anything(y_pred):
        # seqeval reports 0 here; our documented rule: nothing to find and nothing found is perfect
        assert ours["strict.f1"] == 1.0
        return
    kw = {"mode": "strict", "scheme": IOB2, "zero_division": 0}
    assert ours["strict.f1"] == pytest.approx(f1_score(y_true, y_pred, **kw), abs=TOL)
    assert ours["strict.precision"] == pytest.approx(precision_score(y_true, y_pred, **kw), abs=TOL)
    assert ours["strict.recall"] == pytest.approx(recall_score(y_true, y_pred, **kw), abs=TOL)


@pytest.mark.filterwarnings("ignore::RuntimeWarning")  # seqeval averages an empty report
@SETTINGS
@given(ner_cases())
def test_per_label_scores_equal_seqeval_report(case):
    docs, preds, _ = case
    ours = score(docs, preds, ["ner"])["ner"]["metrics"]
    y_true, y_pred = _tags(docs, preds)
    report = classification_report(y_true, y_pred, mode="strict", scheme=IOB2, output_dict=True, zero_division=0)
    labels = {k for k in report if k in inventory().entity_labels}
    assert labels == {k.split(".")[1] for k in ours if k.startswith("label.")}
    for label in labels:
        assert ours[f"label.{label}.f1"] == pytest.approx(report[label]["f1-score"], abs=TOL)
        assert ours[f"label.{label}.precision"] == pytest.approx(report[label]["precision"], abs=TOL)
        assert ours[f"label.{label}.recall"] == pytest.approx(report[label]["recall"], abs=TOL)
    if labels:
        assert ours["label_macro.f1"] == pytest.approx(report["macro avg"]["f1-score"], abs=TOL)


@SETTINGS
@given(ner_cases())
def test_four_views_equal_nervaluate(case):
    docs, preds, _ = case
    result = score(docs, preds, ["ner"])["ner"]
    y_true, y_pred = _tags(docs, preds)
    theirs = Evaluator(y_true, y_pred, tags=inventory().entity_labels, loader="list").evaluate()["overall"]
    empty = not _anything(y_true) and not _anything(y_pred)
    for view, name in NERVALUATE_VIEW.items():
        ref = theirs[name]
        counts = {k: result["counts"].get(f"semeval.{view}.{k}", 0) for k in ("cor", "inc", "par", "mis", "spu")}
        assert counts == {"cor": ref.correct, "inc": ref.incorrect, "par": ref.partial, "mis": ref.missed,
                          "spu": ref.spurious}, view
        for metric in ("precision", "recall", "f1"):
            ours = result["metrics"][f"semeval.{view}.{metric}"]
            if empty:
                assert ours == 1.0  # nervaluate says 0; see the zero-division rules
            else:
                assert ours == pytest.approx(getattr(ref, metric), abs=TOL), (view, metric)
    assert result["metrics"]["semeval.strict.f1"] == pytest.approx(result["metrics"]["strict.f1"], abs=TOL)


@st.composite
def overlapping_cases(draw):
    """Documents whose gold and predicted entities may overlap, nest or repeat (beyond what BIO can encode)."""
    labels = draw(st.lists(st.sampled_from(inventory().entity_labels), min_size=1, max_size=3, unique=True))
    span = st.tuples(st.integers(0, 59), st.integers(1, 12), st.sampled_from(labels)).map(
        lambda t: (t[0], min(60, t[0] + t[1]), t[2]))
    docs, preds = [], []
    for n in range(draw(st.integers(1, 3))):
        gold = sorted(draw(st.lists(span, max_size=8)))
        pred = sorted(draw(st.lists(span, max_size=8)))
        text = "x" * 60
        docs.append({"id": f"d{n}", "text": text, "sentences": [{"start": 0, "end": 60}],
                     "entities": [{"start": s, "end": e, "label": lab} for s, e, lab in gold]})
        preds.append({"doc_id": f"d{n}", "entities": [{"start": s, "end": e, "label": lab} for s, e, lab in pred]})
    return docs, preds


@SETTINGS
@given(overlapping_cases())
def test_four_views_equal_nervaluate_on_overlapping_spans(case):
    docs, preds = case
    result = score(docs, preds, ["ner"])["ner"]
    as_dicts = lambda items: [{"label": e["label"], "start": e["start"], "end": e["end"] - 1} for e in items]  # noqa: E731
    true = [as_dicts(d["entities"]) for d in docs]
    pred = [as_dicts(p["entities"]) for p in preds]
    theirs = Evaluator(true, pred, tags=inventory().entity_labels, loader="dict").evaluate()["overall"]
    for view, name in NERVALUATE_VIEW.items():
        ref = theirs[name]
        counts = {k: result["counts"].get(f"semeval.{view}.{k}", 0) for k in ("cor", "inc", "par", "mis", "spu")}
        assert counts == {"cor": ref.correct, "inc": ref.incorrect, "par": ref.partial, "mis": ref.missed,
                          "spu": ref.spurious}, view
        if ref.actual or ref.possible:
            assert result["metrics"][f"semeval.{view}.f1"] == pytest.approx(ref.f1, abs=TOL)

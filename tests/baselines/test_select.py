"""Hyper-parameter selection: validation first, cross-validation without it, never the test split."""
from __future__ import annotations

import pytest

from caveat.baselines.data import kfold
from caveat.baselines.select import choose, f1, span_f1


def test_f1_zero_division_rules():
    assert f1(0, 0, 0) == 1.0
    assert f1(0, 3, 0) == 0.0 and f1(0, 0, 3) == 0.0
    assert f1(2, 4, 2) == pytest.approx(2 * 2 / 6)


def test_span_f1_exact_and_overlap():
    gold = [[(0, 5, "A"), (10, 15, "B")]]
    pred = [[(0, 5, "A"), (11, 15, "B"), (20, 22, "A")]]
    assert span_f1(gold, pred) == pytest.approx(2 * 1 / 5)
    assert span_f1(gold, pred, exact=False) == pytest.approx(2 * 2 / 5)
    assert span_f1(gold, [[(0, 5, "B")]], exact=False) == 0.0  # labels must agree


def _folds(items, k):
    """Leave-one-out over the first k items (enough to see which items each call fits and scores on)."""
    return [([x for x in items if x != y], [y]) for y in items[:k]]


def test_choose_uses_validation_when_there_is_one():
    seen = []

    def evaluate(params, fit_on, score_on):
        seen.append((params["x"], tuple(fit_on), tuple(score_on)))
        return -abs(params["x"] - 2)

    params, score, how = choose([{"x": 1}, {"x": 2}, {"x": 3}], evaluate, [1, 2, 3], [9], _folds)
    assert params == {"x": 2} and score == 0 and how == "validation"
    assert all(s == (9,) for _, _, s in seen)


def test_choose_falls_back_to_cross_validation_then_default():
    def evaluate(params, fit_on, score_on):
        assert not set(fit_on) & set(score_on)
        return params["x"]

    params, _, how = choose([{"x": 1}, {"x": 5}], evaluate, [1, 2, 3, 4], [], _folds)
    assert params == {"x": 5} and "CV" in how
    params, score, how = choose([{"x": 1}, {"x": 5}], evaluate, [1], [], _folds)
    assert params == {"x": 1} and score is None and how == "default"


def test_ties_go_to_the_first_grid_point():
    params, _, _ = choose([{"x": 1}, {"x": 2}], lambda p, a, b: 0.5, [1], [2], _folds)
    assert params == {"x": 1}


def test_kfold_partitions_documents():
    docs = [{"id": f"d{i}"} for i in range(7)]
    folds = kfold(docs, 3, seed=4)
    assert len(folds) == 3
    held = [d["id"] for _, b in folds for d in b]
    assert sorted(held) == sorted(d["id"] for d in docs)
    for a, b in folds:
        assert not {d["id"] for d in a} & {d["id"] for d in b}
    assert kfold(docs, 3, seed=4) == folds

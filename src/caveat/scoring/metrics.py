"""Metric formulas over summed counts, with Caveat's explicit zero-division rules.

Every function takes counts that are plain numbers or numpy arrays of equal shape
(one entry per bootstrap resample) and returns the same shape.

Zero-division rules (the same everywhere):
- precision = tp / predicted, recall = tp / gold, F1 = 2PR / (P + R);
- when a system predicted nothing and there was nothing to find (predicted = gold = 0),
  precision, recall and F1 are all 1.0: nothing was missed and nothing was wrong;
- otherwise a zero denominator gives 0.0 for that ratio, and F1 is 0.0 when P + R = 0;
- accuracies over matched items follow the same rule: with no matched items the
  accuracy is 1.0 if both sides were empty and 0.0 otherwise.
"""
from __future__ import annotations

from typing import Any

import numpy as np

Number = Any  # float or numpy array


def _scalar(*values: Number) -> bool:
    """True if no value is a numpy array (the fast path for point estimates)."""
    return not any(isinstance(v, np.ndarray) for v in values)


def _ratio(num: Number, den: Number, empty: Number) -> Number:
    """``num / den``, or ``empty`` where ``den`` is 0."""
    if _scalar(num, den, empty):
        return float(num) / float(den) if den > 0 else float(empty)
    num_a, den_a = np.asarray(num, dtype=float), np.asarray(den, dtype=float)
    safe = np.where(den_a > 0, den_a, 1.0)
    return np.where(den_a > 0, num_a / safe, np.asarray(empty, dtype=float))


def both_empty(n_pred: Number, n_gold: Number) -> Number:
    """1.0 where nothing was predicted and nothing was to be found, else 0.0."""
    if _scalar(n_pred, n_gold):
        return float(n_pred == 0 and n_gold == 0)
    return ((np.asarray(n_pred) == 0) & (np.asarray(n_gold) == 0)).astype(float)


def f1_of(p: Number, r: Number) -> Number:
    """Harmonic mean of precision and recall; 0.0 where both are 0."""
    if _scalar(p, r):
        return 2 * p * r / (p + r) if p + r > 0 else 0.0
    p_a, r_a = np.asarray(p, dtype=float), np.asarray(r, dtype=float)
    s = p_a + r_a
    return np.where(s > 0, 2 * p_a * r_a / np.where(s > 0, s, 1.0), 0.0)


def prf(tp: Number, n_pred: Number, n_gold: Number) -> dict[str, Number]:
    """Precision, recall and F1 from true positives and the predicted and gold totals."""
    empty = both_empty(n_pred, n_gold)
    p = _ratio(tp, n_pred, empty)
    r = _ratio(tp, n_gold, empty)
    return {"precision": p, "recall": r, "f1": f1_of(p, r)}


def semeval_prf(cor: Number, inc: Number, par: Number, mis: Number, spu: Number, *, partial_credit: bool) -> dict[str, Number]:
    """SemEval-2013 P/R/F1: POS = COR+INC+PAR+MIS, ACT = COR+INC+PAR+SPU; partial matches count 0.5 if ``partial_credit``."""
    pos = np.asarray(cor) + np.asarray(inc) + np.asarray(par) + np.asarray(mis)
    act = np.asarray(cor) + np.asarray(inc) + np.asarray(par) + np.asarray(spu)
    hits = np.asarray(cor, dtype=float) + (0.5 * np.asarray(par, dtype=float) if partial_credit else 0.0)
    empty = both_empty(act, pos)
    p = _ratio(hits, act, empty)
    r = _ratio(hits, pos, empty)
    return {"precision": p, "recall": r, "f1": f1_of(p, r)}


def accuracy(correct: Number, total: Number, n_pred: Number, n_gold: Number) -> Number:
    """``correct / total`` over matched items; with none matched, 1.0 if both sides were empty, else 0.0."""
    return _ratio(correct, total, both_empty(n_pred, n_gold))


def macro_f1(per_class: list[tuple[Number, Number, Number]], n_pred: Number, n_gold: Number) -> Number:
    """Mean F1 over the classes that occur (tp + fp + fn > 0); the empty rule when none occurs.

    ``per_class`` holds ``(tp, fp, fn)`` per class.
    """
    if _scalar(n_pred, n_gold, *[x for row in per_class for x in row]):
        f1s = [2 * tp / (2 * tp + fp + fn) for tp, fp, fn in per_class if 2 * tp + fp + fn > 0]
        return sum(f1s) / len(f1s) if f1s else both_empty(n_pred, n_gold)
    total = np.zeros(np.shape(n_pred), dtype=float)
    present = np.zeros(np.shape(n_pred), dtype=float)
    for tp, fp, fn in per_class:
        tp_a, fp_a, fn_a = (np.asarray(x, dtype=float) for x in (tp, fp, fn))
        den = 2 * tp_a + fp_a + fn_a
        total = total + np.where(den > 0, 2 * tp_a / np.where(den > 0, den, 1.0), 0.0)
        present = present + (den > 0)
    return _ratio(total, present, both_empty(n_pred, n_gold))


def all_positive_f1(positives: Number, total: Number) -> Number:
    """F1 of the trivial system that marks every item positive (a reference for sentence-level tasks)."""
    return prf(positives, total, positives)["f1"]

"""Hyper-parameter selection on the validation split, or by document-level cross-validation on train; never on test.

The selection criteria are simple component scores (span F1, pair F1) computed here; the benchmark's own
metrics live in :mod:`caveat.scoring` and are used for reporting only.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from typing import Callable, Sequence, TypeVar

from ..spans import match_one_to_one

T = TypeVar("T")
CV_FOLDS = 3


def f1(tp: int, n_gold: int, n_pred: int) -> float:
    """F1 from counts; 1.0 when there is nothing to find and nothing was found, 0.0 when only one side is empty."""
    if n_gold == 0 and n_pred == 0:
        return 1.0
    return 2 * tp / (n_gold + n_pred) if tp else 0.0


def span_f1(gold: Sequence[Sequence[tuple]], pred: Sequence[Sequence[tuple]], *, exact: bool = True) -> float:
    """Micro F1 of labelled spans ``(start, end, label, ...)`` over documents: exact boundaries, or one-to-one overlap."""
    tp = n_gold = n_pred = 0
    for g_doc, p_doc in zip(gold, pred):
        n_gold += len(g_doc)
        n_pred += len(p_doc)
        if exact:
            tp += sum((Counter(s[:3] for s in g_doc) & Counter(s[:3] for s in p_doc)).values())
            continue
        g_by, p_by = defaultdict(list), defaultdict(list)
        for s in g_doc:
            g_by[s[2]].append((s[0], s[1]))
        for s in p_doc:
            p_by[s[2]].append((s[0], s[1]))
        tp += sum(len(match_one_to_one(g_by[lab], p_by[lab], exact=False)) for lab in g_by)
    return f1(tp, n_gold, n_pred)


def choose(
    grid: Sequence[dict],
    evaluate: Callable[[dict, list[T], list[T]], float],
    train: Sequence[T],
    validation: Sequence[T],
    folds: Callable[[Sequence[T], int], list[tuple[list[T], list[T]]]],
) -> tuple[dict, float | None, str]:
    """The grid point with the best score, its score and how it was chosen ("validation", "3-fold CV" or "default").

    ``evaluate(params, fit_on, score_on)`` trains on one list and scores on the other. Ties go to the earlier grid point.
    """
    if len(grid) == 1 and not validation:
        return dict(grid[0]), None, "default"
    if validation:
        scores = [evaluate(p, list(train), list(validation)) for p in grid]
        how = "validation"
    elif len(train) >= 2:
        splits = folds(train, CV_FOLDS)
        scores = [sum(evaluate(p, a, b) for a, b in splits) / len(splits) for p in grid]
        how = f"{len(splits)}-fold CV on train"
    else:
        return dict(grid[0]), None, "default"
    best = max(range(len(grid)), key=lambda n: (scores[n], -n))
    return dict(grid[best]), scores[best], how


class MemoFit:
    """Mixin for models whose grid varies ``C`` and a decision threshold: a fit is reused for every threshold.

    The class provides ``_fit(views, params)``, ``state()``, ``load(state)`` and a ``_memo`` dict.
    """

    def _fit_memo(self, views: Sequence, params: dict) -> None:
        """``_fit``, reusing the fitted model when the same documents were fitted with the same C."""
        key = (tuple(id(v) for v in views), params["C"])  # the threshold only changes decoding
        if key not in self._memo:
            self._fit(views, params)
            self._memo[key] = self.state()
        self.load(self._memo[key])
        self.params = dict(params)

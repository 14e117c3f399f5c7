"""Matching predicted to gold spans and relation pairs: exact, one-to-one overlap, and the SemEval-2013 views."""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from typing import Hashable, Iterable, Sequence

from ..spans import greedy_pairs, match_one_to_one, overlaps

Interval = tuple[int, int]
Labelled = tuple[int, int, str]
VIEWS = ("strict", "exact", "partial", "type")


def exact_matches(gold: Sequence[Hashable], pred: Sequence[Hashable]) -> tuple[int, list[int], list[int]]:
    """Multiset matching of identical keys: ``(tp, unmatched gold indices, unmatched pred indices)``."""
    common = Counter(gold) & Counter(pred)
    tp = sum(common.values())
    left_g, left_p = Counter(common), Counter(common)
    fn, fp = [], []
    for i, g in enumerate(gold):
        if left_g[g] > 0:
            left_g[g] -= 1
        else:
            fn.append(i)
    for i, p in enumerate(pred):
        if left_p[p] > 0:
            left_p[p] -= 1
        else:
            fp.append(i)
    return tp, fn, fp


def overlap_matches(gold: Sequence[Interval], pred: Sequence[Interval]) -> list[tuple[int, int]]:
    """One-to-one matching of overlapping intervals, larger overlaps first (see :func:`caveat.spans.match_one_to_one`)."""
    return match_one_to_one(gold, pred, exact=False)


def pair_matches(gold: Sequence[tuple[Interval, Interval]], pred: Sequence[tuple[Interval, Interval]]) -> list[tuple[int, int]]:
    """One-to-one matching of (from, to) interval pairs: both ends must overlap; larger total overlap first."""
    candidates = []
    for gi, (gf, gt) in enumerate(gold):
        for pi, (pf, pt) in enumerate(pred):
            if overlaps(gf, pf) and overlaps(gt, pt):
                inter = min(gf[1], pf[1]) - max(gf[0], pf[0]) + min(gt[1], pt[1]) - max(gt[0], pt[0])
                candidates.append((-inter, gi, pi))
    return greedy_pairs(candidates)


def overlapping(gold: Sequence[Interval], starts: Sequence[int], max_len: int, p: Interval) -> list[int]:
    """Indices (in order) of the gold intervals, sorted by start, that overlap ``p``."""
    lo = bisect_right(starts, p[0] - max_len)
    hi = bisect_left(starts, p[1])
    return [i for i in range(lo, hi) if gold[i][1] > p[0]]


def _candidates(gold: Sequence[Labelled], pred: Sequence[Labelled]) -> list[list[int]]:
    """For each prediction (sorted), the indices of the gold spans (sorted) it overlaps, in order."""
    if all(gold[i][0] >= gold[i - 1][1] for i in range(1, len(gold))):  # disjoint gold: one forward sweep
        out, j, n = [], 0, len(gold)
        for ps, pe, _ in pred:
            while j < n and gold[j][1] <= ps:
                j += 1
            k, cands = j, []
            while k < n and gold[k][0] < pe:
                cands.append(k)
                k += 1
            out.append(cands)
        return out
    spans = [(g[0], g[1]) for g in gold]
    starts = [g[0] for g in gold]
    max_len = max((g[1] - g[0] for g in gold), default=0)
    return [overlapping(spans, starts, max_len, (p[0], p[1])) for p in pred]


COR, INC, PAR, SPU = 0, 1, 2, 3


def greedy_outcomes(gold: Sequence[Labelled], items: Iterable[tuple[Labelled, list[int]]]
                    ) -> tuple[list[tuple[int, int, int, int]], dict[str, set[int]]]:
    """The SemEval outcome of each prediction in each view, and the gold indices each view claimed.

    ``items`` are ``(prediction, overlapping gold indices in order)`` in text order. The outcome
    is a ``(strict, exact, partial, type)`` tuple of COR, INC, PAR or SPU.
    """
    claimed = {v: set() for v in VIEWS}
    c_strict, c_exact, c_partial, c_type = (claimed[v] for v in VIEWS)
    outcomes = []
    for (ps, pe, plab), cands in items:
        row = []
        for view, taken, miss in (("strict", c_strict, INC), ("exact", c_exact, INC), ("partial", c_partial, PAR)):
            hit = near = None
            for gi in cands:
                if gi in taken:
                    continue
                gs, ge, glab = gold[gi]
                if gs == ps and ge == pe and (view != "strict" or glab == plab):
                    hit = gi
                    break
                if near is None:
                    near = gi
            if hit is not None:
                taken.add(hit)
                row.append(COR)
            elif near is not None:
                taken.add(near)
                row.append(miss)
            else:
                row.append(SPU)
        best = best_dist = other = None
        for gi in cands:
            if gi in c_type:
                continue
            gs, ge, glab = gold[gi]
            if glab == plab:
                dist = abs(ps - gs) + abs(pe - ge)
                if best_dist is None or dist < best_dist:
                    best, best_dist = gi, dist
            elif other is None:
                other = gi
        if best is not None:
            c_type.add(best)
            row.append(COR)
        elif other is not None:
            c_type.add(other)
            row.append(INC)
        else:
            row.append(SPU)
        outcomes.append((row[0], row[1], row[2], row[3]))
    return outcomes, claimed


def semeval_counts(gold: Sequence[Labelled], pred: Sequence[Labelled]) -> dict[str, dict[str, int]]:
    """SemEval-2013 task 9 outcome counts (cor, inc, par, mis, spu) for the strict, exact, partial and type views.

    Both lists are sorted by (start, end). Predictions are taken in text order; each one is
    compared with the gold entities not yet claimed, in text order, as nervaluate does:
    strict/exact/partial take the first identical span (same type for strict), else the first
    overlapping gold is ``inc`` (``par`` in the partial view); type takes, among overlapping
    golds of the same type, the one with the closest boundaries (``cor``), else the first
    overlapping gold of another type (``inc``). A prediction that overlaps no free gold is
    ``spu``; a gold claimed by no prediction is ``mis``. Any shared code point is an overlap.
    """
    outcomes, claimed = greedy_outcomes(gold, zip(pred, _candidates(gold, pred)))
    out = {}
    for k, view in enumerate(VIEWS):
        codes = [o[k] for o in outcomes]
        out[view] = {"cor": codes.count(COR), "inc": codes.count(INC), "par": codes.count(PAR),
                     "mis": len(gold) - len(claimed[view]), "spu": codes.count(SPU)}
    return out

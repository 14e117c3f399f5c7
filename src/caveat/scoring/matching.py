"""Matching predicted to gold spans and relation pairs: exact, one-to-one overlap, and the SemEval-2013 views."""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from typing import Hashable, Sequence

from ..spans import match_one_to_one, overlaps

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
    candidates.sort()
    used_g: set[int] = set()
    used_p: set[int] = set()
    out = []
    for _, gi, pi in candidates:
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            out.append((gi, pi))
    return sorted(out)


def overlapping(gold: Sequence[Interval], starts: Sequence[int], max_len: int, p: Interval) -> list[int]:
    """Indices (in order) of the gold intervals, sorted by start, that overlap ``p``."""
    lo = bisect_right(starts, p[0] - max_len)
    hi = bisect_left(starts, p[1])
    return [i for i in range(lo, hi) if gold[i][1] > p[0]]


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
    spans = [(g[0], g[1]) for g in gold]
    starts = [g[0] for g in gold]
    max_len = max((g[1] - g[0] for g in gold), default=0)
    claimed: dict[str, set[int]] = {v: set() for v in VIEWS}
    out = {v: {"cor": 0, "inc": 0, "par": 0, "mis": 0, "spu": 0} for v in VIEWS}
    for ps, pe, plab in pred:
        cands = overlapping(spans, starts, max_len, (ps, pe)) if gold else []
        for view in ("strict", "exact", "partial"):
            taken = claimed[view]
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
                out[view]["cor"] += 1
            elif near is not None:
                taken.add(near)
                out[view]["par" if view == "partial" else "inc"] += 1
            else:
                out[view]["spu"] += 1
        taken = claimed["type"]
        best = best_dist = other = None
        for gi in cands:
            if gi in taken:
                continue
            gs, ge, glab = gold[gi]
            if glab == plab:
                dist = abs(ps - gs) + abs(pe - ge)
                if best_dist is None or dist < best_dist:
                    best, best_dist = gi, dist
            elif other is None:
                other = gi
        if best is not None:
            taken.add(best)
            out["type"]["cor"] += 1
        elif other is not None:
            taken.add(other)
            out["type"]["inc"] += 1
        else:
            out["type"]["spu"] += 1
    for view in VIEWS:
        out[view]["mis"] = len(gold) - len(claimed[view])
    return out

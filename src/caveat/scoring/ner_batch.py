"""The ner track counted for all documents at once with numpy: the same counts as :func:`caveat.scoring.ner.count`, faster.

Documents are laid end to end (each shifted past the previous text), so spans of different
documents never overlap and one sorted array serves them all. Predictions that overlap exactly
one gold entity, which no other prediction overlaps, are decided in bulk; the few others go
through :func:`caveat.scoring.matching.greedy_outcomes` in text order, which is safe because
they touch no gold entity the bulk step claimed.
"""
from __future__ import annotations

from itertools import chain
from typing import Sequence

import numpy as np

from ..labels import inventory
from .matching import COR, INC, PAR, SPU, VIEWS, greedy_outcomes
from .pairing import Pair

OUTCOME_NAMES = {COR: "cor", INC: "inc", PAR: "par", SPU: "spu"}


class _Gold:
    """Gold entities as ``(start, end, label_id)`` tuples on demand."""

    def __init__(self, s: np.ndarray, e: np.ndarray, lab: np.ndarray):
        self.s, self.e, self.lab = s, e, lab

    def __getitem__(self, i: int) -> tuple[int, int, int]:
        return int(self.s[i]), int(self.e[i]), int(self.lab[i])


def _arrays(pairs: Sequence[Pair], side: str, offsets: np.ndarray, ids: dict[str, int]) -> tuple[np.ndarray, ...]:
    """Document index, shifted start and end, and label id of every entity on one side."""
    per_doc = [getattr(p, side).columns["entities"] for p in pairs]
    doc = np.repeat(np.arange(len(pairs), dtype=np.int64), [len(c[0]) for c in per_doc])
    start = np.fromiter(chain.from_iterable(c[0] for c in per_doc), np.int64, len(doc)) + offsets[doc]
    end = np.fromiter(chain.from_iterable(c[1] for c in per_doc), np.int64, len(doc)) + offsets[doc]
    labels = list(chain.from_iterable(c[2] for c in per_doc))
    for label in set(labels) - ids.keys():  # labels outside the inventory get ids of their own
        ids[label] = len(ids)
    lab = np.array(list(map(ids.__getitem__, labels)), dtype=np.int64)
    return doc, start, end, lab


def count_matrix(pairs: Sequence[Pair]) -> tuple[list[str], np.ndarray] | None:
    """Count names and the documents x counts matrix, or None if some document's gold entities overlap each other."""
    D = len(pairs)
    offsets = np.zeros(D, dtype=np.int64)
    if D > 1:
        offsets[1:] = np.cumsum([len(p.gold.text) + 1 for p in pairs])[:-1]
    ids = {label: i for i, label in enumerate(inventory().entity_labels)}
    gd, gs, ge, gl = _arrays(pairs, "gold", offsets, ids)
    pd, ps, pe, pl = _arrays(pairs, "pred", offsets, ids)
    G, P = len(gs), len(ps)
    if G > 1 and np.any(gs[1:] < ge[:-1]):
        return None
    lo = np.searchsorted(ge, ps, side="right")  # first gold ending after the prediction starts
    hi = np.searchsorted(gs, pe, side="left")   # first gold starting at or after the prediction ends
    ncand = np.maximum(hi - lo, 0)
    has = ncand > 0
    diff = np.bincount(lo[has], minlength=G + 1) - np.bincount(hi[has], minlength=G + 1)
    cover = np.cumsum(diff)[:G]  # predictions overlapping each gold entity
    first = np.minimum(lo, max(G - 1, 0))
    single = ncand == 1
    easy = single & (cover[first] == 1) if G else single
    same_span = single & (gs[first] == ps) & (ge[first] == pe) if G else single
    same_label = single & (gl[first] == pl) if G else single
    codes = {v: np.full(P, SPU, dtype=np.int64) for v in VIEWS}
    codes["strict"][easy] = np.where(same_span[easy] & same_label[easy], COR, INC)
    codes["exact"][easy] = np.where(same_span[easy], COR, INC)
    codes["partial"][easy] = np.where(same_span[easy], COR, PAR)
    codes["type"][easy] = np.where(same_label[easy], COR, INC)
    claimed = {v: np.zeros(G, dtype=bool) for v in VIEWS}
    for v in VIEWS:
        claimed[v][lo[easy]] = True
    hard = np.nonzero(has & ~easy)[0]
    if len(hard):
        los, his = lo.tolist(), hi.tolist()
        items = [((int(ps[i]), int(pe[i]), int(pl[i])), list(range(los[i], his[i]))) for i in hard.tolist()]
        outcomes, taken = greedy_outcomes(_Gold(gs, ge, gl), items)
        rows = np.array(outcomes, dtype=np.int64).reshape(len(hard), len(VIEWS))
        for k, v in enumerate(VIEWS):
            codes[v][hard] = rows[:, k]
            claimed[v][list(taken[v])] = True
    K = len(ids)
    exact_hit = np.unique(lo[same_span & same_label]) if G else np.zeros(0, dtype=np.int64)
    columns: dict[str, np.ndarray] = {
        "strict.tp": np.bincount(gd[exact_hit], minlength=D),
        "strict.pred": np.bincount(pd, minlength=D),
        "strict.gold": np.bincount(gd, minlength=D),
    }
    for v in VIEWS:
        for code, name in OUTCOME_NAMES.items():
            columns[f"semeval.{v}.{name}"] = np.bincount(pd, weights=codes[v] == code, minlength=D)
        columns[f"semeval.{v}.mis"] = np.bincount(gd, weights=~claimed[v], minlength=D)
    names_by_id = {i: label for label, i in ids.items()}
    for what, docs, labs in (("gold", gd, gl), ("pred", pd, pl), ("tp", gd[exact_hit], gl[exact_hit])):
        table = np.bincount(docs * K + labs, minlength=D * K).reshape(D, K)
        for k in np.nonzero(table.sum(axis=0))[0]:
            columns[f"label.{names_by_id[int(k)]}.{what}"] = table[:, k]
    names = sorted(columns)
    return names, np.column_stack([columns[n] for n in names]).astype(float).reshape(D, len(names))

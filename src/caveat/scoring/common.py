"""Helpers shared by the track scorers: summed-count lookups, sentence hits and error records."""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import Any, Iterable, Sequence

import numpy as np

from ..spans import overlaps
from .matching import exact_matches, overlap_matches
from .metrics import Number, prf
from .pairing import View

Counts = dict[str, float]


class Sums(dict):
    """Summed counts by name; a name no document produced sums to zero (of the right shape)."""

    def __init__(self, values: dict[str, Number], shape: tuple[int, ...] = ()):
        super().__init__(values)
        self.shape = shape

    def __missing__(self, key: str) -> Number:
        return np.zeros(self.shape) if self.shape else 0.0


def sentence_hits(sentences: Sequence[tuple[int, int]], spans: Iterable[tuple[int, int]]) -> set[int]:
    """Indices of the sentences that share a code point with any of ``spans``."""
    starts = [s for s, _ in sentences]
    ends = [e for _, e in sentences]
    hit: set[int] = set()
    for s, e in spans:
        lo = bisect_right(ends, s)
        hi = bisect_left(starts, e)
        hit.update(i for i in range(lo, hi) if overlaps(sentences[i], (s, e)))
    return hit


def sentence_counts(prefix: str, gold: View, gold_spans: Iterable[tuple[int, int]],
                    pred_spans: Iterable[tuple[int, int]]) -> Counts:
    """Sentence-level detection counts: a sentence is positive if it holds (overlaps) a span."""
    g = sentence_hits(gold.sentences, gold_spans)
    p = sentence_hits(gold.sentences, pred_spans)
    return {f"{prefix}.tp": len(g & p), f"{prefix}.pred": len(p), f"{prefix}.gold": len(g),
            f"{prefix}.total": len(gold.sentences)}


def context(view: View, start: int, end: int) -> str:
    """The text of the sentence(s) around ``[start, end)``, or of its line if the document has no sentences."""
    hits = sorted(sentence_hits(view.sentences, [(start, end)]))
    if hits:
        return view.text[view.sentences[hits[0]][0]: view.sentences[hits[-1]][1]]
    lo = view.text.rfind("\n", 0, start) + 1
    hi = view.text.find("\n", end)
    return view.text[lo: hi if hi >= 0 else len(view.text)]


def span_record(view: View, span: dict, *attributes: str) -> dict[str, Any]:
    """A JSON-ready description of a span for error listings."""
    out: dict[str, Any] = {"start": span["start"], "end": span["end"], "text": view.text[span["start"]: span["end"]]}
    for name in ("label", *attributes):
        if name in span:
            out[name] = span[name]
    return out


def error(track: str, kind: str, what: str, view: View, span: dict, *attributes: str, **extra: Any) -> dict[str, Any]:
    """One false positive or false negative, with its sentence, for error analysis."""
    return {"track": track, "kind": kind, "what": what, "doc_id": view.doc_id, **span_record(view, span, *attributes),
            "sentence": context(view, span["start"], span["end"]), **extra}


def interval(span: dict) -> tuple[int, int]:
    """A span's ``(start, end)``."""
    return span["start"], span["end"]


def span_f1_counts(prefix: str, gold: list[dict], pred: list[dict]) -> tuple[Counts, set[int], set[int]]:
    """Exact and overlap matching of two span lists: counts, plus the unmatched gold and pred indices (exact)."""
    g, p = [interval(s) for s in gold], [interval(s) for s in pred]
    tp, fn, fp = exact_matches(g, p)
    counts = {f"{prefix}.tp": tp, f"{prefix}.overlap_tp": len(overlap_matches(g, p)),
              f"{prefix}.pred": len(p), f"{prefix}.gold": len(g)}
    return counts, set(fn), set(fp)


def prf_metrics(out: dict[str, Number], name: str, tp: Number, n_pred: Number, n_gold: Number) -> None:
    """Add ``name.precision``, ``name.recall`` and ``name.f1`` to ``out``."""
    for key, value in prf(tp, n_pred, n_gold).items():
        out[f"{name}.{key}"] = value

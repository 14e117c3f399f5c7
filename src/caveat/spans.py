"""Spans: THE offset convention of Caveat.

Every span in Caveat -- paragraphs, sentences, tokens, entities, claims, sources,
hedges, predictions -- is a half-open interval ``[start, end)`` of offsets counted
in Unicode code points (Python ``str`` indices) into the document's NFC text, so
``text[start:end]`` is the span's text. Tools that count differently (UTF-16 code
units in a JavaScript editor) are converted at their edge, nowhere else.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import Iterable, Sequence


@dataclass(frozen=True, slots=True, order=True)
class Span:
    """A half-open ``[start, end)`` code-point interval into a document's text."""

    start: int
    end: int

    def __len__(self) -> int:
        return self.end - self.start

    def overlaps(self, other: "Span") -> bool:
        """True if the two spans share at least one code point."""
        return self.start < other.end and other.start < self.end

    def contains(self, other: "Span") -> bool:
        """True if ``other`` lies inside this span."""
        return self.start <= other.start and other.end <= self.end

    def of(self, text: str) -> str:
        """The substring of ``text`` this span covers."""
        return text[self.start : self.end]


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """True if half-open intervals ``a`` and ``b`` share a code point."""
    return a[0] < b[1] and b[0] < a[1]


def nearest_boundaries(boundaries: Sequence[int], offset: int) -> tuple[int | None, int | None]:
    """The closest sorted boundary at or before ``offset`` and the one at or after it."""
    i = bisect_right(boundaries, offset)
    before = boundaries[i - 1] if i > 0 else None
    j = bisect_left(boundaries, offset)
    after = boundaries[j] if j < len(boundaries) else None
    return before, after


def match_one_to_one(
    gold: Sequence[tuple[int, int]],
    pred: Sequence[tuple[int, int]],
    *,
    exact: bool,
) -> list[tuple[int, int]]:
    """Greedy one-to-one matching of predicted to gold intervals.

    With ``exact`` only identical intervals match; otherwise any overlap does, and
    larger overlaps are matched first (ties broken by position), which is optimal
    for interval sets where each gold item overlaps few predictions.
    Returns ``(gold_index, pred_index)`` pairs.
    """
    if exact:
        where: dict[tuple[int, int], list[int]] = {}
        for gi, g in enumerate(gold):
            where.setdefault((g[0], g[1]), []).append(gi)
        pairs = []
        for pi, p in enumerate(pred):
            slot = where.get((p[0], p[1]))
            if slot:
                pairs.append((slot.pop(0), pi))
        return pairs
    candidates = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            if overlaps(g, p):
                inter = min(g[1], p[1]) - max(g[0], p[0])
                candidates.append((-inter, gi, pi))
    return greedy_pairs(candidates)


def greedy_pairs(candidates: list[tuple[int, int, int]]) -> list[tuple[int, int]]:
    """One-to-one ``(gold_index, pred_index)`` pairs from ``(cost, gold_index, pred_index)`` candidates, cheapest first."""
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for _, gi, pi in sorted(candidates):
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            pairs.append((gi, pi))
    return sorted(pairs)


def sorted_spans(items: Iterable[dict]) -> list[dict]:
    """Items sorted by the stable span order: start, then end, then id."""
    return sorted(items, key=lambda s: (s["start"], s["end"], str(s.get("id", ""))))

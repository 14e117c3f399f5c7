"""BIO tags over a document's tokens: encode spans, repair invalid sequences, decode spans. Pure."""
from __future__ import annotations

from typing import Iterable, Sequence

from .data import View

OUTSIDE = "O"


def encode(v: View, spans: Iterable[tuple[int, int, str]]) -> list[str]:
    """IOB2 tags of every token for labelled character spans; longer spans win where spans overlap.

    A span covers the tokens lying inside it; a span that covers no token is dropped.
    """
    tags = [OUTSIDE] * len(v.words)
    for start, end, label in sorted(spans, key=lambda s: (s[0] - s[1], s[0], s[2])):
        i, j = v.token_range(start, end)
        if i >= j or any(tags[t] != OUTSIDE for t in range(i, j)):
            continue
        tags[i] = "B-" + label
        for t in range(i + 1, j):
            tags[t] = "I-" + label
    return tags


def repair(tags: Sequence[str], sent_of: Sequence[int] | None = None) -> list[str]:
    """A valid IOB2 sequence: an ``I-X`` that does not continue an ``X`` span (or crosses a sentence) becomes ``B-X``."""
    out = list(tags)
    for t, tag in enumerate(out):
        if tag[0] == "I":
            prev = out[t - 1] if t else OUTSIDE
            if prev == OUTSIDE or prev[2:] != tag[2:] or (sent_of is not None and sent_of[t] != sent_of[t - 1]):
                out[t] = "B" + tag[1:]
    return out


def decode(v: View, tags: Sequence[str], scores: Sequence[float] | None = None) -> list[tuple[int, int, str, float]]:
    """Character spans ``(start, end, label, score)`` of a valid IOB2 sequence (score: the mean token score, 1 if none)."""
    spans: list[tuple[int, int, str, float]] = []
    begin = -1
    n = len(tags)
    for t in range(n + 1):
        tag = tags[t] if t < n else OUTSIDE
        first = tag[0]
        if begin >= 0 and first != "I":
            mean = sum(scores[begin:t]) / (t - begin) if scores is not None else 1.0
            spans.append((v.starts[begin], v.ends[t - 1], tags[begin][2:], float(mean)))
            begin = -1
        if first == "B":
            begin = t
    return spans

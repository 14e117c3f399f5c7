"""Token-level IOB2 tags from labelled spans (for cross-checks against tagging scorers such as seqeval)."""
from __future__ import annotations

from bisect import bisect_left
from typing import Sequence


def spans_to_iob2(tokens: Sequence[tuple[int, int]], spans: Sequence[tuple[int, int, str]]) -> list[str]:
    """IOB2 tags for ``tokens`` (sorted ``(start, end)``) from non-overlapping token-aligned ``(start, end, label)`` spans.

    Raises ValueError for a span that does not start and end on token boundaries or overlaps another.
    """
    tags = ["O"] * len(tokens)
    starts = [s for s, _ in tokens]
    ends = [e for _, e in tokens]
    for s, e, label in sorted(spans):
        i = bisect_left(starts, s)
        j = bisect_left(ends, e)
        if i >= len(tokens) or j >= len(tokens) or starts[i] != s or ends[j] != e or j < i:
            raise ValueError(f"span [{s}, {e}) is not aligned to token boundaries")
        if any(t != "O" for t in tags[i:j + 1]):
            raise ValueError(f"span [{s}, {e}) overlaps another span")
        tags[i] = f"B-{label}"
        for k in range(i + 1, j + 1):
            tags[k] = f"I-{label}"
    return tags

"""Segmenting ahead in a worker process gives the same documents, in the same order, as segmenting in line."""
from __future__ import annotations

from caveat.baselines.data import from_text
from caveat.baselines.parallel import MIN_DOCUMENTS, segmented


def test_worker_segmentation_equals_inline_segmentation():
    items = [(f"d{i}", f"Headline {i}\n\nOfficials said {i} firms may be listed. Prices rose 🙄 {i} percent.\r\n") for i in range(MIN_DOCUMENTS + 5)]
    inline = list(segmented(items, workers=0))
    ahead = list(segmented(iter(items), workers=1, total=len(items)))
    assert ahead == inline == [from_text(i, t) for i, t in items]


def test_small_inputs_stay_in_process():
    assert [d["id"] for d in segmented([("a", "x."), ("b", "y.")], workers=1, total=2)] == ["a", "b"]

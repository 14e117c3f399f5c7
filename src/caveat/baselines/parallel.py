"""Segmenting input texts ahead of prediction in worker processes, so `caveat predict` uses a second core.

Segmentation (spaCy's tokenizer and sentencizer) is about half the cost of predicting; with a worker it
overlaps the prediction of the previous documents. Order is kept; look-ahead is bounded.
"""
from __future__ import annotations

import multiprocessing
import os
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice
from typing import Iterable, Iterator

from ..document import Document
from .data import from_text

CHUNK = 16  # documents per job
MIN_DOCUMENTS = 64  # below this a worker costs more than it saves


def _segment_chunk(chunk: list[tuple[str, str]]) -> list[Document]:
    return [from_text(doc_id, text) for doc_id, text in chunk]


def default_workers() -> int:
    """Worker processes for segmentation: one fewer than the cores, at least none."""
    return max(0, (os.cpu_count() or 1) - 1)


def segmented(items: Iterable[tuple[str, str]], *, workers: int = 0, total: int | None = None) -> Iterator[Document]:
    """Unannotated documents for ``(doc_id, text)`` pairs, in order; ``workers`` > 0 segments in that many processes."""
    if workers <= 0 or (total is not None and total < MIN_DOCUMENTS) or "fork" not in multiprocessing.get_all_start_methods():
        yield from (from_text(doc_id, text) for doc_id, text in items)
        return
    it = iter(items)
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
        pending: deque[Future] = deque()
        while True:
            while len(pending) < 2 * workers + 1 and (chunk := list(islice(it, CHUNK))):
                pending.append(pool.submit(_segment_chunk, chunk))
            if not pending:
                return
            yield from pending.popleft().result()

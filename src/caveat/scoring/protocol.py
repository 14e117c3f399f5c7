"""The evaluation protocol's cross-validation half: document-level folds and the mean and spread of scores over them.

The corpus is small, so besides the fixed test split, systems are also reported by k-fold
cross-validation over all gold documents: train on k-1 folds, score on the held-out one,
and report each metric's mean and standard deviation over the k folds.
"""
from __future__ import annotations

import hashlib
import statistics
from typing import Any, Sequence

from ..errors import UsageError, message

DEFAULT_FOLDS = 5


def document_folds(doc_ids: Sequence[str], k: int = DEFAULT_FOLDS, seed: int = 0) -> list[list[str]]:
    """``k`` disjoint folds covering ``doc_ids`` (whole documents; sizes differ by at most one), stable across platforms."""
    ids = sorted(set(doc_ids))
    if k < 2 or k > len(ids):
        raise UsageError(message("scoring.bad_folds", k=k, n=len(ids)))
    order = sorted(ids, key=lambda d: hashlib.sha256(f"{seed}:{d}".encode()).hexdigest())
    return [sorted(order[i::k]) for i in range(k)]


def fold_summary(results: Sequence[dict[str, dict[str, Any]]]) -> dict[str, dict[str, Any]]:
    """Per track, each metric's mean, sample standard deviation, min and max over fold results of :func:`score`."""
    out: dict[str, dict[str, Any]] = {}
    for track in results[0] if results else []:
        per_metric: dict[str, list[float]] = {}
        for r in results:
            for name, value in r[track]["metrics"].items():
                per_metric.setdefault(name, []).append(value)
        out[track] = {
            "primary": results[0][track]["primary"],
            "folds": len(results),
            "metrics": {name: {"mean": statistics.fmean(v), "std": statistics.stdev(v) if len(v) > 1 else 0.0,
                               "min": min(v), "max": max(v), "folds": len(v)} for name, v in per_metric.items()},
        }
    return out

"""The scorer: per-document counts for each track, metrics from summed counts, bootstrap CIs and the paired test."""
from __future__ import annotations

import gc
from contextlib import contextmanager
from dataclasses import dataclass
from types import ModuleType
from typing import Any, Iterator, Sequence

import numpy as np

from ..errors import UsageError, message
from . import attribution, claim, hedge, ner
from .common import Sums
from .pairing import Pair, pair_documents

TRACK_MODULES: dict[str, ModuleType] = {"ner": ner, "hedge": hedge, "claim": claim, "attribution": attribution}
TRACKS: tuple[str, ...] = tuple(TRACK_MODULES)
# The prediction keys that show a system takes part in a track, and the relation types that do
# (a hedge system's `hedges` relations do not put it on the attribution board).
TRACK_KEYS: dict[str, tuple[str, ...]] = {"ner": ("entities",), "hedge": ("hedges",), "claim": ("claims",),
                                          "attribution": ("sources",)}
TRACK_RELATIONS: dict[str, tuple[str, ...]] = {"attribution": ("attributed_to",)}
# Reference figures reported beside a track's metrics; they describe the gold, not the system.
REFERENCE_METRICS: tuple[str, ...] = ("sentence.all_positive_f1",)
DEFAULT_RESAMPLES = 1000
DEFAULT_SEED = 0
CONFIDENCE = 0.95


def primary_metric(track: str) -> str:
    """The name of a track's primary metric (a key of ``score(...)[track]["metrics"]``)."""
    return TRACK_MODULES[check_tracks([track])[0]].PRIMARY


def describe(track: str) -> str:
    """One line saying what a track's primary metric measures."""
    return TRACK_MODULES[track].DESCRIPTION


def headline_metrics(track: str) -> tuple[str, ...]:
    """The secondary metrics a leaderboard shows beside the primary one."""
    return TRACK_MODULES[track].HEADLINE


def check_tracks(tracks: Sequence[str] | None) -> list[str]:
    """The requested tracks in canonical order (all of them for ``None``); a usage error for an unknown one."""
    if tracks is None:
        return list(TRACKS)
    unknown = [t for t in tracks if t not in TRACK_MODULES]
    if unknown:
        raise UsageError(message("scoring.unknown_track", track=unknown[0], tracks=", ".join(TRACKS)))
    return [t for t in TRACKS if t in tracks]


@dataclass(frozen=True)
class Tally:
    """The per-document counts of one track: a documents x counts matrix, plus the error records if asked for."""

    track: str
    doc_ids: tuple[str, ...]
    names: tuple[str, ...]
    matrix: np.ndarray
    errors: tuple[dict, ...] = ()

    def sums(self, weights: np.ndarray | None = None) -> Sums:
        """Counts summed over documents, or over each row of bootstrap ``weights`` (resamples x documents)."""
        if weights is None:
            totals = self.matrix.sum(axis=0)
            return Sums({n: float(v) for n, v in zip(self.names, totals)})
        totals = weights @ self.matrix
        return Sums({n: totals[:, k] for k, n in enumerate(self.names)}, shape=(weights.shape[0],))

    def metrics(self, weights: np.ndarray | None = None) -> dict[str, Any]:
        """The track's metrics: floats, or arrays with one value per resample."""
        return TRACK_MODULES[self.track].metrics(self.sums(weights))


def tally_pairs(pairs: Sequence[Pair], tracks: Sequence[str] | None = None, *, errors: bool = False) -> dict[str, Tally]:
    """Count every requested track over already paired documents."""
    out = {}
    for track in check_tracks(tracks):
        module = TRACK_MODULES[track]
        batch = getattr(module, "count_matrix", None)
        found = batch(pairs) if batch is not None and not errors and pairs else None
        if found is not None:
            names, matrix = found
            out[track] = Tally(track, tuple(p.doc_id for p in pairs), tuple(names), matrix)
            continue
        rows, errs = [], []
        for pair in pairs:
            counts, found = module.count(pair, errors)
            rows.append(counts)
            errs += found
        names = sorted({k for row in rows for k in row})
        matrix = np.array([[row.get(n, 0) for n in names] for row in rows], dtype=float).reshape(len(rows), len(names))
        out[track] = Tally(track, tuple(p.doc_id for p in pairs), tuple(names), matrix, tuple(errs))
    return out


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector (restored on exit).

    Counting allocates many small acyclic objects; on a large heap, the collector's full
    passes would otherwise roughly double the scorer's time without freeing anything.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def tally(gold_docs: Sequence[dict], predictions: Sequence[dict], tracks: Sequence[str] | None = None, *,
          where: Sequence[str] | None = None, errors: bool = False) -> dict[str, Tally]:
    """Pair gold documents with prediction records (refusing mismatches) and count every requested track."""
    with gc_paused():
        return tally_pairs(pair_documents(gold_docs, predictions, where), tracks, errors=errors)


def resample_weights(n_docs: int, resamples: int, seed: int) -> np.ndarray:
    """Bootstrap weights (resamples x documents): how often each document is drawn, with replacement."""
    rng = np.random.default_rng(seed)
    return rng.multinomial(n_docs, np.full(n_docs, 1.0 / n_docs), size=resamples).astype(float)


def _plain(value: Any) -> Any:
    """A JSON-ready number: int for whole counts, float otherwise."""
    value = float(value)
    return int(value) if value.is_integer() and abs(value) < 2**53 else value


def _visible(track: str, sums: Sums, names: Sequence[str]) -> list[str]:
    hidden = tuple(TRACK_MODULES[track].absent(sums))
    return [n for n in names if not n.startswith(hidden)]


def confidence_intervals(t: Tally, *, resamples: int = DEFAULT_RESAMPLES, seed: int = DEFAULT_SEED,
                         confidence: float = CONFIDENCE) -> dict[str, list[float]]:
    """Percentile bootstrap intervals of every metric of a tally, documents resampled with replacement."""
    weights = resample_weights(len(t.doc_ids), resamples, seed)
    values = t.metrics(weights)
    tail = (1.0 - confidence) / 2
    return {name: [float(np.quantile(v, tail)), float(np.quantile(v, 1.0 - tail))] for name, v in values.items()}


def report(t: Tally, *, resamples: int = 0, seed: int = DEFAULT_SEED, confidence: float = CONFIDENCE,
           errors: bool = False) -> dict[str, Any]:
    """The JSON-ready result of one track: primary metric and value, every metric, summed counts, optional CIs and errors."""
    sums = t.sums()
    values = t.metrics()
    names = _visible(t.track, sums, list(values))
    primary = TRACK_MODULES[t.track].PRIMARY
    out: dict[str, Any] = {
        "primary": primary,
        "value": float(values[primary]),
        "documents": len(t.doc_ids),
        "metrics": {n: float(values[n]) for n in names},
        "counts": {n: _plain(v) for n, v in sums.items()},
    }
    if resamples > 0:
        ci = confidence_intervals(t, resamples=resamples, seed=seed, confidence=confidence)
        out["ci"] = {n: ci[n] for n in names}
        out["bootstrap"] = {"resamples": resamples, "seed": seed, "confidence": confidence, "unit": "document"}
    if errors:
        out["errors"] = list(t.errors)
    return out


def score(gold_docs: Sequence[dict], predictions: Sequence[dict], tracks: Sequence[str] | None = None, *,
          where: Sequence[str] | None = None, resamples: int = 0, seed: int = DEFAULT_SEED,
          confidence: float = CONFIDENCE, errors: bool = False) -> dict[str, dict[str, Any]]:
    """Score prediction records against gold documents, per track: ``{track: {"primary", "value", "metrics", "counts", ...}}``.

    Every gold document needs exactly one prediction record with its ``doc_id``; a record
    whose ``text`` (if given) or span texts differ from the gold is refused with the first
    differing place. ``resamples > 0`` adds 95% bootstrap intervals (``"ci"``); ``errors``
    adds the false positives and negatives with their sentences.
    """
    tallies = tally(gold_docs, predictions, tracks, where=where, errors=errors)
    return {track: report(t, resamples=resamples, seed=seed, confidence=confidence, errors=errors)
            for track, t in tallies.items()}


def bootstrap(gold_docs: Sequence[dict], predictions: Sequence[dict], tracks: Sequence[str] | None = None, *,
              resamples: int = DEFAULT_RESAMPLES, seed: int = DEFAULT_SEED, confidence: float = CONFIDENCE,
              where: Sequence[str] | None = None) -> dict[str, dict[str, list[float]]]:
    """Bootstrap confidence intervals ``{track: {metric: [low, high]}}``, resampling documents."""
    tallies = tally(gold_docs, predictions, tracks, where=where)
    return {track: confidence_intervals(t, resamples=resamples, seed=seed, confidence=confidence)
            for track, t in tallies.items()}


def paired_test(a: Tally, b: Tally, metric: str | None = None, *, resamples: int = DEFAULT_RESAMPLES,
                seed: int = DEFAULT_SEED, confidence: float = CONFIDENCE) -> dict[str, Any]:
    """Paired bootstrap test that system A beats system B on ``metric`` (default: the primary), same documents resampled.

    ``p_value`` = (1 + resamples where A does not beat B) / (1 + resamples): small means A is reliably better.
    """
    if a.track != b.track or a.doc_ids != b.doc_ids:
        raise ValueError("a paired test needs tallies of one track over the same documents")
    metric = metric or TRACK_MODULES[a.track].PRIMARY
    weights = resample_weights(len(a.doc_ids), resamples, seed)
    va, vb = a.metrics(weights)[metric], b.metrics(weights)[metric]
    delta = va - vb
    tail = (1.0 - confidence) / 2
    point_a, point_b = float(a.metrics()[metric]), float(b.metrics()[metric])
    return {"metric": metric, "a": point_a, "b": point_b, "delta": point_a - point_b,
            "delta_ci": [float(np.quantile(delta, tail)), float(np.quantile(delta, 1 - tail))],
            "p_value": float((1 + np.sum(delta <= 0)) / (1 + resamples)), "resamples": resamples, "seed": seed}


def paired_bootstrap(gold_docs: Sequence[dict], predictions_a: Sequence[dict], predictions_b: Sequence[dict],
                     tracks: Sequence[str] | None = None, *, resamples: int = DEFAULT_RESAMPLES,
                     seed: int = DEFAULT_SEED) -> dict[str, dict[str, Any]]:
    """Paired bootstrap test of system A against system B on each track's primary metric."""
    ta, tb = tally(gold_docs, predictions_a, tracks), tally(gold_docs, predictions_b, tracks)
    return {track: paired_test(ta[track], tb[track], resamples=resamples, seed=seed) for track in ta}

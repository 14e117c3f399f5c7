"""Caveat's scorer: pure functions over paired gold documents and prediction records (tracks ner, hedge, claim, attribution).

    from caveat.scoring import score, bootstrap, paired_bootstrap, primary_metric
    result = score(gold_docs, prediction_records, tracks=["ner"], resamples=1000)
    result["ner"]["value"]          # the primary metric, strict micro F1
"""
from __future__ import annotations

from .core import (CONFIDENCE, DEFAULT_RESAMPLES, DEFAULT_SEED, REFERENCE_METRICS, TRACK_KEYS, TRACKS, Tally, bootstrap, check_tracks,
                   confidence_intervals, paired_bootstrap, paired_test, primary_metric, report, score, tally,
                   tally_pairs)
from .pairing import ScoringInputError, pair_documents

__all__ = [
    "CONFIDENCE", "DEFAULT_RESAMPLES", "DEFAULT_SEED", "REFERENCE_METRICS", "TRACKS", "TRACK_KEYS", "ScoringInputError", "Tally",
    "bootstrap", "check_tracks", "confidence_intervals", "pair_documents", "paired_bootstrap", "paired_test",
    "primary_metric", "report", "score", "tally", "tally_pairs",
]

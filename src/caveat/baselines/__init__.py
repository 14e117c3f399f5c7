"""Caveat's scikit-learn baselines: a floor, a learned model and an oracle for every track.

Pure code: documents in, models and prediction records out; :mod:`caveat.commands.train`,
``models`` and ``predict`` do the file IO. See ``baselines/README.md``.
"""
from __future__ import annotations

from . import persist
from .pipeline import predict, train
from .registry import CLASSES, TRACKS, TRAINABLE, closure, default_names, tracks_of

__all__ = ["persist", "CLASSES", "TRACKS", "TRAINABLE", "closure", "default_names", "predict", "train", "tracks_of"]

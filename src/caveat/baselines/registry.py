"""Every baseline by name, the order they run in, and the default set for ``caveat predict``."""
from __future__ import annotations

from typing import Iterable, Mapping, Sequence

from .attribution import AttributionNearest, AttributionRanker
from .base import Baseline
from .claim import ClaimMajority, ClaimTagger
from .hedge import HedgeLexicon, HedgeTagger
from .ner import NerGazetteer, NerTagger
from .oracle import Oracle

TRACKS = ("ner", "hedge", "claim", "attribution")
CLASSES: dict[str, type[Baseline]] = {cls.name: cls for cls in (
    NerGazetteer, NerTagger, ClaimMajority, ClaimTagger, HedgeLexicon, HedgeTagger,
    AttributionNearest, AttributionRanker, Oracle,
)}
TRAINABLE = tuple(name for name, cls in CLASSES.items() if cls.kind != "oracle")


def create(name: str, seed: int = 0) -> Baseline:
    """A fresh, untrained baseline."""
    return CLASSES[name](seed=seed)


def closure(names: Iterable[str]) -> list[str]:
    """The names plus everything they require, in an order where each comes after its requirements."""
    order: list[str] = []

    def visit(name: str) -> None:
        if name in order:
            return
        for dep in CLASSES[name].requires:
            visit(dep)
        order.append(name)

    for name in names:
        visit(name)
    return order


def tracks_of(name: str) -> list[str]:
    """The tracks a baseline's submission is ranked on: its own track (every track for the oracle)."""
    track = CLASSES[name].track
    return list(TRACKS) if track == "all" else [track]


def default_names(scores: Mapping[str, float | None], available: Sequence[str]) -> list[str]:
    """The best available learned baseline of every track, by validation selection score (ties: name order)."""
    out = []
    for track in TRACKS:
        learned = sorted(n for n in available if n in CLASSES and CLASSES[n].track == track and CLASSES[n].kind == "learned")
        if learned:
            out.append(max(learned, key=lambda n: -1.0 if scores.get(n) is None else scores[n]))
    return out

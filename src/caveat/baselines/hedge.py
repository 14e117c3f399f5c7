"""The hedge track: a training-set cue lexicon floor and a learned cue tagger; both link cues to claims (``hedges``)."""
from __future__ import annotations

from typing import Sequence

from ..labels import inventory
from .base import Record
from .data import View
from .kinds import LexiconFloor, TaggerWithLinker, nearest

(LABEL,) = inventory().labels("hedges")


def _hedge_type(span: dict) -> str:
    """A gold cue's hedge_type: what both hedge baselines learn."""
    return span["hedge_type"]


class HedgeLexicon(LexiconFloor):
    name, track, kind = "hedge-lexicon", "hedge", "floor"
    description = ("Floor: a lexicon of the cue strings seen in training (lower-cased, each with its most frequent "
                   "hedge_type, kept if annotated at least half the times it occurs), matched longest-first; each cue "
                   "hedges the claim containing it or the nearest claim in its sentence (claims from claim-majority).")
    requires = ("claim-majority",)
    layer, lower, relation = "hedges", True, "hedges"
    value = staticmethod(_hedge_type)

    @staticmethod
    def fields_of(value: str) -> dict:
        return {"label": LABEL, "hedge_type": value}

    def links(self, v: View, rec: Record, spans: Sequence[dict]) -> list[dict]:
        claims = rec.get("claims", [])
        pairs = [(cue, nearest(v, cue, claims, containing=True)) for cue in spans]
        return [{"type": self.relation, "from": cue["id"], "to": claim["id"]} for cue, claim in pairs if claim is not None]


class HedgeTagger(TaggerWithLinker):
    name, track, kind = "hedge-tagger", "hedge", "learned"
    description = ("Learned: a per-token SGD tagger of cues typed by hedge_type (window features plus jackknifed "
                   "cue-lexicon features, IOB2 with repair); a logistic-regression ranker links each cue to a claim "
                   "in its sentence (claims from claim-tagger).")
    requires = ("claim-tagger",)
    layer, relation, span_fields, label_field = "hedges", "hedges", {"label": LABEL}, "hedge_type"
    value = staticmethod(_hedge_type)

    def selection_score(self) -> float | None:
        return self.tagger.selection[0]

"""The hedge track: a training-set cue lexicon floor and a learned cue tagger; both link cues to claims (``hedges``)."""
from __future__ import annotations

from typing import Sequence

from .base import Record, add_span
from .data import View
from .kinds import LexiconFloor, TaggerWithLinker


def nearest(v: View, span: dict, candidates: Sequence[dict], *, containing: bool) -> dict | None:
    """The candidate nearest to ``span`` in its sentence (with ``containing``, one that contains it first), or None."""
    if containing:
        inside = [c for c in candidates if c["start"] <= span["start"] and span["end"] <= c["end"]]
        if inside:
            return min(inside, key=lambda c: (c["end"] - c["start"], c["start"]))
    bounds = v.sentence_bounds(span["start"], span["end"])
    if bounds is None:
        return None
    a, b = bounds
    same = [c for c in candidates if c["start"] < b and a < c["end"]]
    return min(same, key=lambda c: (max(c["start"] - span["end"], span["start"] - c["end"], 0), c["start"]), default=None)


class HedgeLexicon(LexiconFloor):
    name, track, kind = "hedge-lexicon", "hedge", "floor"
    description = ("Floor: a lexicon of the cue strings seen in training (lower-cased, each with its most frequent "
                   "hedge_type, kept if annotated at least half the times it occurs), matched longest-first; each cue "
                   "hedges the claim containing it or the nearest claim in its sentence (claims from claim-majority).")
    requires = ("claim-majority",)
    layer, lower = "hedges", True

    @staticmethod
    def value(span: dict) -> str:
        return span["hedge_type"]

    def annotate(self, views: Sequence[View], recs: Sequence[Record]) -> None:
        for v, rec in zip(views, recs):
            rec.setdefault("hedges", [])
            rels = rec.setdefault("relations", [])
            for i, j, hedge_type in self.matcher.match(v):
                cue = add_span(rec, "hedges", v, v.starts[i], v.ends[j - 1], label="HEDGE", hedge_type=hedge_type)
                claim = nearest(v, cue, rec.get("claims", []), containing=True)
                if claim is not None:
                    rels.append({"type": "hedges", "from": cue["id"], "to": claim["id"]})


class HedgeTagger(TaggerWithLinker):
    name, track, kind = "hedge-tagger", "hedge", "learned"
    description = ("Learned: a per-token SGD tagger of cues typed by hedge_type (window features plus jackknifed "
                   "cue-lexicon features, IOB2 with repair); a logistic-regression ranker links each cue to a claim "
                   "in its sentence (claims from claim-tagger).")
    requires = ("claim-tagger",)
    layer, relation, span_fields, label_field = "hedges", "hedges", {"label": "HEDGE"}, "hedge_type"

    @staticmethod
    def value(span: dict) -> str:
        return span["hedge_type"]

    def selection_score(self) -> float | None:
        return self.tagger.selection[0]

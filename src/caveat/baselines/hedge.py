"""The hedge track: a training-set cue lexicon floor and a learned cue tagger; both link cues to claims (``hedges``)."""
from __future__ import annotations

from typing import Sequence

from . import lexicon
from .base import Baseline, Record, add_span, folds_of
from .data import View
from .ranker import PairRanker
from .tagger import SpanTagger


def _hedge_type(span: dict) -> str:
    return span["hedge_type"]


def nearest_claim(v: View, cue: dict, claims: Sequence[dict]) -> dict | None:
    """The claim containing the cue, else the nearest claim in the cue's sentence, else None."""
    inside = [c for c in claims if c["start"] <= cue["start"] and cue["end"] <= c["end"]]
    if inside:
        return min(inside, key=lambda c: (c["end"] - c["start"], c["start"]))
    if not v.words:
        return None
    t = v.token_range(cue["start"], cue["end"])[0]
    a, b = v.sentence_span(v.sent_of[min(t, len(v.words) - 1)])
    same = [c for c in claims if c["start"] < b and a < c["end"]]
    return min(same, key=lambda c: (max(c["start"] - cue["end"], cue["start"] - c["end"]), c["start"]), default=None)


class HedgeLexicon(Baseline):
    name, track, kind = "hedge-lexicon", "hedge", "floor"
    description = ("Floor: a lexicon of the cue strings seen in training (lower-cased, each with its most frequent "
                   "hedge_type, kept if annotated at least half the times it occurs), matched longest-first; each cue "
                   "hedges the claim containing it or the nearest claim in its sentence (claims from claim-majority).")
    requires = ("claim-majority",)

    def fit(self, train: Sequence[View], validation: Sequence[View]) -> "HedgeLexicon":
        self.lexicon = lexicon.build(train, "hedges", _hedge_type, lower=True)
        self.matcher = lexicon.Matcher(self.lexicon, lower=True)
        return self

    def annotate(self, views: Sequence[View], recs: Sequence[Record]) -> None:
        for v, rec in zip(views, recs):
            rec.setdefault("hedges", [])
            rels = rec.setdefault("relations", [])
            claims = rec.get("claims", [])
            for i, j, hedge_type in self.matcher.match(v):
                cue = add_span(rec, "hedges", v, v.starts[i], v.ends[j - 1], label="HEDGE", hedge_type=hedge_type)
                claim = nearest_claim(v, cue, claims)
                if claim is not None:
                    rels.append({"type": "hedges", "from": cue["id"], "to": claim["id"]})

    def state(self) -> dict:
        return {"lexicon": dict(self.lexicon)}

    def load(self, state: dict) -> "HedgeLexicon":
        self.lexicon = dict(state["lexicon"])
        self.matcher = lexicon.Matcher(self.lexicon, lower=True)
        return self

    def selection(self) -> dict:
        return {"entries": len(self.lexicon)}


class HedgeTagger(Baseline):
    name, track, kind = "hedge-tagger", "hedge", "learned"
    description = ("Learned: a per-token SGD tagger of cues typed by hedge_type (window features plus jackknifed "
                   "cue-lexicon features, IOB2 with repair); a logistic-regression ranker links each cue to a claim "
                   "in its sentence (claims from claim-tagger).")
    requires = ("claim-tagger",)

    def __init__(self, seed: int = 0):
        super().__init__(seed)
        self.tagger = SpanTagger("hedges", _hedge_type, use_lexicon=True, lower=True, seed=seed)
        self.linker = PairRanker("hedges", seed=seed)

    def fit(self, train: Sequence[View], validation: Sequence[View]) -> "HedgeTagger":
        self.tagger.fit(train, validation, folds_of(self.seed))
        self.linker.fit(train, validation, folds_of(self.seed))
        return self

    def annotate(self, views: Sequence[View], recs: Sequence[Record]) -> None:
        for v, rec, spans in zip(views, recs, self.tagger.spans_many(views)):
            rec.setdefault("hedges", [])
            for start, end, hedge_type, score in spans:
                add_span(rec, "hedges", v, start, end, label="HEDGE", hedge_type=hedge_type, score=round(score, 4))
        for rec, rels in zip(recs, self.linker.link(views, recs)):
            rec.setdefault("relations", []).extend(rels)

    def state(self) -> dict:
        return {"tagger": self.tagger.state(), "linker": self.linker.state()}

    def load(self, state: dict) -> "HedgeTagger":
        self.tagger.load(state["tagger"])
        self.linker.load(state["linker"])
        return self

    def selection(self) -> dict:
        (ts, th), (ls, lh) = self.tagger.selection, self.linker.selection
        return {"tagger": {**self.tagger.params, "extend": self.tagger.extend, "selection_f1": ts, "chosen_by": th},
                "linker": {**self.linker.params, "selection_pair_f1": ls, "chosen_by": lh}}

    def selection_score(self) -> float | None:
        return self.tagger.selection[0]

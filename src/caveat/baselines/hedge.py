"""The hedge track: a training-set cue lexicon floor and a learned cue tagger; both link cues to claims (``hedges``)."""
from __future__ import annotations

from typing import Sequence

from ..labels import inventory
from .base import Record, folds_of
from .cuespans import CueSpanClassifier, merge, merged_f1
from .data import View
from .kinds import LexiconFloor, TaggerWithLinker, nearest
from .tagger import SpanTagger

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
                   "cue-lexicon features, IOB2 with repair), plus a logistic-regression classifier of whole multi-word "
                   "cue candidates proposed by anchor words learned from training cues (anchor to clause end, or "
                   "segment-bounded spans ending on an anchor), whose cues replace the tagger's where they overlap; a "
                   "logistic-regression ranker links each cue to a claim in its sentence (claims from claim-tagger).")
    requires = ("claim-tagger",)
    layer, relation, span_fields, label_field = "hedges", "hedges", {"label": LABEL}, "hedge_type"
    value = staticmethod(_hedge_type)

    def __init__(self, seed: int = 0):
        super().__init__(seed)
        self.whole = CueSpanClassifier(self.layer, self.value, seed=seed)

    def fit(self, train: Sequence[View], validation: Sequence[View]) -> "HedgeTagger":
        super().fit(train, validation)
        fold_taggers: dict[tuple[int, ...], SpanTagger] = {}  # lives for this fit only, while its views do

        def tagged(fit_on: list[View], held: list[View]) -> list[list[tuple[int, int, str, float]]]:
            """The tagger's spans of ``held``: the final tagger when fitted on train, else its parameters refitted on
            ``fit_on`` (a CV fold), so a held-out fold is never tagged by a tagger that saw it."""
            key = tuple(id(v) for v in fit_on)
            if key == tuple(id(v) for v in train):
                return self.tagger.spans_many(held)
            if key not in fold_taggers:
                fold = SpanTagger(self.layer, self.value, use_lexicon=True, lower=True, seed=self.seed)
                fold._fit(fit_on, self.tagger.params)
                fold.extend = list(self.tagger.extend)
                fold_taggers[key] = fold
            return fold_taggers[key].spans_many(held)

        def score(whole: CueSpanClassifier, fit_on: list[View], held: list[View]) -> float:
            gold = [[(s["start"], s["end"], self.value(s)) for s in v.doc.get(self.layer, [])] for v in held]
            return merged_f1(gold, tagged(fit_on, held), whole.spans_many(held))

        self.whole.fit(train, validation, folds_of(self.seed), score)
        return self

    def spans_many(self, views: Sequence[View]) -> list[list[tuple[int, int, str, float]]]:
        """The whole-cue classifier's spans, plus the tagger's spans outside them."""
        return [merge(t, w) for t, w in zip(self.tagger.spans_many(views), self.whole.spans_many(views))]

    def state(self) -> dict:
        return {**super().state(), "whole": self.whole.state()}

    def load(self, state: dict) -> "HedgeTagger":
        super().load(state)
        self.whole.load(state["whole"])
        return self

    def selection(self) -> dict:
        score, how = self.whole.selection
        return {**super().selection(), "whole_cues": {**self.whole.params, "anchors": len(self.whole.fwd) + len(self.whole.bwd),
                                                      "selection_f1": score, "chosen_by": how}}

    def selection_score(self) -> float | None:
        return self.whole.selection[0] if self.whole.selection[0] is not None else self.tagger.selection[0]

"""The ner track: a gazetteer floor and a learned token tagger."""
from __future__ import annotations

from typing import Sequence

from .base import Baseline, Record, add_span, folds_of
from .data import View
from .kinds import LexiconFloor
from .tagger import SpanTagger


def _label(span: dict) -> str:
    return span["label"]


class NerGazetteer(LexiconFloor):
    name, track, kind = "ner-gazetteer", "ner", "floor"
    description = ("Floor: a gazetteer of the entity mentions seen in training (case-sensitive, each with its most "
                   "frequent type, kept if annotated at least half the times it occurs), matched longest-first.")
    layer, lower = "entities", False

    value = staticmethod(_label)

    @staticmethod
    def fields_of(value: str) -> dict:
        return {"label": value}


class NerTagger(Baseline):
    name, track, kind = "ner-tagger", "ner", "learned"
    description = ("Learned: a per-token SGD logistic regression over a +-2 window of words, shapes and affixes plus "
                   "jackknifed gazetteer features, IOB2 tags with repair of invalid sequences.")

    def __init__(self, seed: int = 0):
        super().__init__(seed)
        self.tagger = SpanTagger("entities", _label, use_lexicon=True, lower=False, seed=seed)

    def fit(self, train: Sequence[View], validation: Sequence[View]) -> "NerTagger":
        self.tagger.fit(train, validation, folds_of(self.seed))
        return self

    def annotate(self, views: Sequence[View], recs: Sequence[Record]) -> None:
        for v, rec, spans in zip(views, recs, self.tagger.spans_many(views)):
            rec.setdefault("entities", [])
            for start, end, label, score in spans:
                add_span(rec, "entities", v, start, end, label=label, score=round(score, 4))

    def state(self) -> dict:
        return {"tagger": self.tagger.state()}

    def load(self, state: dict) -> "NerTagger":
        self.tagger.load(state["tagger"])
        return self

    def selection(self) -> dict:
        score, how = self.tagger.selection
        return {"tagger": {**self.tagger.params, "extend": self.tagger.extend, "selection_f1": score, "chosen_by": how}}

    def selection_score(self) -> float | None:
        return self.tagger.selection[0]

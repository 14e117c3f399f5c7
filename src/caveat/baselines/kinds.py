"""Two shapes of baseline shared across tracks: a training-set lexicon floor, and a learned tagger with a relation ranker."""
from __future__ import annotations

from typing import ClassVar, Sequence

from . import lexicon
from .base import Baseline, Record, add_span, folds_of
from .data import View
from .ranker import PairRanker
from .tagger import SpanTagger


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


class LexiconFloor(Baseline):
    """A floor that matches the span strings of one layer seen in training; subclasses say how matches become spans."""

    layer: ClassVar[str]
    lower: ClassVar[bool]
    relation: ClassVar[str | None] = None  # the relation type :meth:`links` adds, if any

    @staticmethod
    def value(span: dict) -> str:
        """The value a lexicon entry keeps for a span (its label or type)."""
        raise NotImplementedError

    @staticmethod
    def fields_of(value: str) -> dict:
        """The label and attribute fields of a predicted span whose lexicon entry holds ``value``."""
        raise NotImplementedError

    def links(self, v: View, rec: Record, spans: Sequence[dict]) -> list[dict]:
        """The relations (type, from, to) linking this document's matched ``spans`` to the layers already in ``rec``."""
        return []

    def annotate(self, views: Sequence[View], recs: Sequence[Record]) -> None:
        for v, rec in zip(views, recs):
            rec.setdefault(self.layer, [])
            spans = [add_span(rec, self.layer, v, v.starts[i], v.ends[j - 1], **self.fields_of(value))
                     for i, j, value in self.matcher.match(v)]
            if self.relation is not None:
                rec.setdefault("relations", []).extend(self.links(v, rec, spans))

    def fit(self, train: Sequence[View], validation: Sequence[View]) -> "LexiconFloor":
        return self.load({"lexicon": lexicon.build(train, self.layer, self.value, lower=self.lower)})

    def state(self) -> dict:
        return {"lexicon": dict(self.lexicon)}

    def load(self, state: dict) -> "LexiconFloor":
        self.lexicon = dict(state["lexicon"])
        self.matcher = lexicon.Matcher(self.lexicon, lower=self.lower)
        return self

    def selection(self) -> dict:
        return {"entries": len(self.lexicon)}


class TaggerWithLinker(Baseline):
    """A learned model: a span tagger for one layer, then a ranker that links spans by one relation type."""

    layer: ClassVar[str]
    relation: ClassVar[str]
    span_fields: ClassVar[dict]  # constant fields of every predicted span (its label)
    label_field: ClassVar[str | None] = None  # the span field that takes the tagger's label, if any

    @staticmethod
    def value(span: dict) -> str:
        """The tagger's label for a gold span."""
        raise NotImplementedError

    def __init__(self, seed: int = 0):
        super().__init__(seed)
        self.tagger = SpanTagger(self.layer, self.value, use_lexicon=True, lower=True, seed=seed)
        self.linker = PairRanker(self.relation, seed=seed)

    def fit(self, train: Sequence[View], validation: Sequence[View]) -> "TaggerWithLinker":
        self.tagger.fit(train, validation, folds_of(self.seed))
        self.linker.fit(train, validation, folds_of(self.seed))
        return self

    def spans_many(self, views: Sequence[View]) -> list[list[tuple[int, int, str, float]]]:
        """Predicted ``(start, end, label, score)`` spans of each document (the tagger's)."""
        return self.tagger.spans_many(views)

    def annotate(self, views: Sequence[View], recs: Sequence[Record]) -> None:
        for v, rec, spans in zip(views, recs, self.spans_many(views)):
            rec.setdefault(self.layer, [])
            for start, end, label, score in spans:
                fields = {**self.span_fields, **({self.label_field: label} if self.label_field else {})}
                add_span(rec, self.layer, v, start, end, **fields, score=round(score, 4))
        for rec, rels in zip(recs, self.linker.link(views, recs)):
            rec.setdefault("relations", []).extend(rels)

    def state(self) -> dict:
        return {"tagger": self.tagger.state(), "linker": self.linker.state()}

    def load(self, state: dict) -> "TaggerWithLinker":
        self.tagger.load(state["tagger"])
        self.linker.load(state["linker"])
        return self

    def selection(self) -> dict:
        (ts, th), (ls, lh) = self.tagger.selection, self.linker.selection
        return {"tagger": {**self.tagger.params, "extend": self.tagger.extend, "selection_f1": ts, "chosen_by": th},
                "linker": {**self.linker.params, "selection_pair_f1": ls, "chosen_by": lh}}

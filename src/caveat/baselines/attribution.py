"""The attribution track: a nearest-source floor and a learned SOURCE tagger with a candidate-ranking linker."""
from __future__ import annotations

from typing import Sequence

from . import lexicon
from .base import Baseline, Record, add_span, folds_of
from .data import View
from .ranker import PairRanker
from .tagger import SpanTagger

LABEL = "SOURCE"


def _source(span: dict) -> str:
    return LABEL


class AttributionNearest(Baseline):
    name, track, kind = "attribution-nearest", "attribution", "floor"
    description = ("Floor: SOURCE spans from a lexicon of the source strings seen in training (lower-cased, kept if "
                   "annotated at least half the times they occur); each claim is attributed to the nearest such source "
                   "in its sentence, else to the author (claims from claim-majority).")
    requires = ("claim-majority",)

    def fit(self, train: Sequence[View], validation: Sequence[View]) -> "AttributionNearest":
        self.lexicon = lexicon.build(train, "sources", _source, lower=True)
        self.matcher = lexicon.Matcher(self.lexicon, lower=True)
        return self

    def annotate(self, views: Sequence[View], recs: Sequence[Record]) -> None:
        for v, rec in zip(views, recs):
            rec.setdefault("sources", [])
            rels = rec.setdefault("relations", [])
            sources = [add_span(rec, "sources", v, v.starts[i], v.ends[j - 1], label=LABEL)
                       for i, j, _ in self.matcher.match(v)]
            if not v.words:
                continue
            for claim in rec.get("claims", []):
                t = v.token_range(claim["start"], claim["end"])[0]
                a, b = v.sentence_span(v.sent_of[min(t, len(v.words) - 1)])
                same = [s for s in sources if a <= s["start"] and s["end"] <= b]
                if same:
                    best = min(same, key=lambda s: (max(s["start"] - claim["end"], claim["start"] - s["end"], 0), s["start"]))
                    rels.append({"type": "attributed_to", "from": claim["id"], "to": best["id"]})

    def state(self) -> dict:
        return {"lexicon": dict(self.lexicon)}

    def load(self, state: dict) -> "AttributionNearest":
        self.lexicon = dict(state["lexicon"])
        self.matcher = lexicon.Matcher(self.lexicon, lower=True)
        return self

    def selection(self) -> dict:
        return {"entries": len(self.lexicon)}


class AttributionRanker(Baseline):
    name, track, kind = "attribution-ranker", "attribution", "learned"
    description = ("Learned: a per-token SGD tagger of SOURCE spans (window features plus jackknifed source-lexicon "
                   "features) and a logistic-regression ranker over the SOURCE and entity spans within one sentence of "
                   "each claim (distance, direction, words between and around); below its threshold a claim is the "
                   "author's (claims from claim-tagger, entities from ner-tagger).")
    requires = ("claim-tagger", "ner-tagger")

    def __init__(self, seed: int = 0):
        super().__init__(seed)
        self.tagger = SpanTagger("sources", _source, use_lexicon=True, lower=True, seed=seed)
        self.linker = PairRanker("attributed_to", seed=seed)

    def fit(self, train: Sequence[View], validation: Sequence[View]) -> "AttributionRanker":
        self.tagger.fit(train, validation, folds_of(self.seed))
        self.linker.fit(train, validation, folds_of(self.seed))
        return self

    def annotate(self, views: Sequence[View], recs: Sequence[Record]) -> None:
        for v, rec, spans in zip(views, recs, self.tagger.spans_many(views)):
            rec.setdefault("sources", [])
            for start, end, _, score in spans:
                add_span(rec, "sources", v, start, end, label=LABEL, score=round(score, 4))
        for rec, rels in zip(recs, self.linker.link(views, recs)):
            rec.setdefault("relations", []).extend(rels)

    def state(self) -> dict:
        return {"tagger": self.tagger.state(), "linker": self.linker.state()}

    def load(self, state: dict) -> "AttributionRanker":
        self.tagger.load(state["tagger"])
        self.linker.load(state["linker"])
        return self

    def selection(self) -> dict:
        (ts, th), (ls, lh) = self.tagger.selection, self.linker.selection
        return {"tagger": {**self.tagger.params, "extend": self.tagger.extend, "selection_f1": ts, "chosen_by": th},
                "linker": {**self.linker.params, "selection_pair_f1": ls, "chosen_by": lh}}

    def selection_score(self) -> float | None:
        return self.linker.selection[0]

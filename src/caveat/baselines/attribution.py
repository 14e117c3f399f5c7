"""The attribution track: a nearest-source floor and a learned SOURCE tagger with a candidate-ranking linker."""
from __future__ import annotations

from typing import Sequence

from .base import Record, add_span
from .data import View
from .hedge import nearest
from .kinds import LexiconFloor, TaggerWithLinker

LABEL = "SOURCE"


class AttributionNearest(LexiconFloor):
    name, track, kind = "attribution-nearest", "attribution", "floor"
    description = ("Floor: SOURCE spans from a lexicon of the source strings seen in training (lower-cased, kept if "
                   "annotated at least half the times they occur); each claim is attributed to the nearest such source "
                   "in its sentence, else to the author (claims from claim-majority).")
    requires = ("claim-majority",)
    layer, lower = "sources", True

    @staticmethod
    def value(span: dict) -> str:
        return LABEL

    def annotate(self, views: Sequence[View], recs: Sequence[Record]) -> None:
        for v, rec in zip(views, recs):
            rec.setdefault("sources", [])
            rels = rec.setdefault("relations", [])
            sources = [add_span(rec, "sources", v, v.starts[i], v.ends[j - 1], label=LABEL)
                       for i, j, _ in self.matcher.match(v)]
            for claim in rec.get("claims", []):
                source = nearest(v, claim, sources, containing=False)
                if source is not None:
                    rels.append({"type": "attributed_to", "from": claim["id"], "to": source["id"]})


class AttributionRanker(TaggerWithLinker):
    name, track, kind = "attribution-ranker", "attribution", "learned"
    description = ("Learned: a per-token SGD tagger of SOURCE spans (window features plus jackknifed source-lexicon "
                   "features) and a logistic-regression ranker over the SOURCE and entity spans within one sentence of "
                   "each claim (distance, direction, words between and around); below its threshold a claim is the "
                   "author's (claims from claim-tagger, entities from ner-tagger).")
    requires = ("claim-tagger", "ner-tagger")
    layer, relation, span_fields = "sources", "attributed_to", {"label": LABEL}

    @staticmethod
    def value(span: dict) -> str:
        return LABEL

    def selection_score(self) -> float | None:
        return self.linker.selection[0]

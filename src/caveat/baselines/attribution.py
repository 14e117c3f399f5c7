"""The attribution track: a nearest-source floor and a learned SOURCE tagger with a candidate-ranking linker."""
from __future__ import annotations

from typing import Sequence

from ..labels import inventory
from .base import Record
from .data import View
from .kinds import LexiconFloor, TaggerWithLinker, nearest

(LABEL,) = inventory().labels("sources")


def _source_label(span: dict) -> str:
    """Every SOURCE span has the one label: sources are untyped."""
    return LABEL


class AttributionNearest(LexiconFloor):
    name, track, kind = "attribution-nearest", "attribution", "floor"
    description = ("Floor: SOURCE spans from a lexicon of the source strings seen in training (lower-cased, kept if "
                   "annotated at least half the times they occur); each claim is attributed to the nearest such source "
                   "in its sentence, else to the author (claims from claim-majority).")
    requires = ("claim-majority",)
    layer, lower, relation = "sources", True, "attributed_to"
    value = staticmethod(_source_label)

    @staticmethod
    def fields_of(value: str) -> dict:
        return {"label": LABEL}

    def links(self, v: View, rec: Record, spans: Sequence[dict]) -> list[dict]:
        pairs = [(claim, nearest(v, claim, spans, containing=False)) for claim in rec.get("claims", [])]
        return [{"type": self.relation, "from": claim["id"], "to": src["id"]} for claim, src in pairs if src is not None]


class AttributionRanker(TaggerWithLinker):
    name, track, kind = "attribution-ranker", "attribution", "learned"
    description = ("Learned: a per-token SGD tagger of SOURCE spans (window features plus jackknifed source-lexicon "
                   "features) and a logistic-regression ranker over the SOURCE and entity spans within one sentence of "
                   "each claim (distance, direction, words between and around); below its threshold a claim is the "
                   "author's (claims from claim-tagger, entities from ner-tagger).")
    requires = ("claim-tagger", "ner-tagger")
    layer, relation, span_fields = "sources", "attributed_to", {"label": LABEL}
    value = staticmethod(_source_label)

    def selection_score(self) -> float | None:
        return self.linker.selection[0]

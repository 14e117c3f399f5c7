"""The attribution track: a nearest-source floor and a learned SOURCE tagger with a candidate-ranking linker."""
from __future__ import annotations

from typing import Sequence

from ..labels import inventory
from .base import Record, add_span
from .data import View
from .kinds import LexiconFloor, TaggerWithLinker, nearest
from .ranker import lede_sentences

(LABEL,) = inventory().labels("sources")
INTERVIEW_VERBS = (("spoke", "with"), ("spoke", "to"), ("talked", "to"), ("talked", "with"), ("asked",), ("interviewed",))
ARTICLES = frozenset({"a", "an"})
NP_STOP = frozenset({"at", "in", "who", "whose", "from", "for", "of", "on", "with", "based", "about", "and", "or"})
NP_MAX = 6  # tokens


def interviewee_spans(v: View) -> list[tuple[int, int]]:
    """Character spans of "spoke with / asked / interviewed + a(n) + noun phrase" in the lede: an interview's speaker.

    The noun phrase runs to the first preposition, relative pronoun or punctuation token (at most ``NP_MAX`` tokens,
    an "and" inside it is kept when words follow); it is the interviewee the answers below are attributed to.
    """
    out = []
    for first, last in lede_sentences(v):
        low = [w.lower() for w in v.words[first:last]]
        for k in range(len(low)):
            for verb in INTERVIEW_VERBS:
                a = k + len(verb)
                if tuple(low[k:a]) != verb or a >= len(low) or low[a] not in ARTICLES:
                    continue
                b = a + 1
                while b < len(low) and b - a - 1 < NP_MAX and low[b][:1].isalnum() and (
                        low[b] not in NP_STOP or (low[b] == "and" and b + 1 < len(low) and low[b + 1][:1].isalpha()
                                                  and low[b + 1] not in NP_STOP and b + 2 < len(low) and low[b + 2] != ",")):
                    b += 1
                while b > a + 1 and low[b - 1] in NP_STOP:  # an "and" kept just before the length limit
                    b -= 1
                if b > a + 1:
                    out.append((v.starts[first + a + 1], v.ends[first + b - 1]))
    return out


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
                   "features) plus the interviewee named in the lede ('spoke with / asked a(n) X'), and a "
                   "logistic-regression ranker over the SOURCE and entity spans within one sentence of each claim, "
                   "earlier in its paragraph or in the lede (distance, direction, scope, words between and around, "
                   "question-answer and quotation context); below its threshold a claim is the author's (claims from "
                   "claim-tagger, entities from ner-tagger).")
    requires = ("claim-tagger", "ner-tagger")
    layer, relation, span_fields = "sources", "attributed_to", {"label": LABEL}
    value = staticmethod(_source_label)

    def annotate(self, views: Sequence[View], recs: Sequence[Record]) -> None:
        """Tagged SOURCE spans plus the lede's interviewee (where no tagged span overlaps it), then the linker."""
        for v, rec, spans in zip(views, recs, self.tagger.spans_many(views)):
            rec.setdefault(self.layer, [])
            for start, end, _, score in spans:
                add_span(rec, self.layer, v, start, end, **self.span_fields, score=round(score, 4))
            for start, end in interviewee_spans(v):
                if not any(s["start"] < end and start < s["end"] for s in rec[self.layer]):
                    add_span(rec, self.layer, v, start, end, **self.span_fields, score=1.0)
        for rec, rels in zip(recs, self.linker.link(views, recs)):
            rec.setdefault("relations", []).extend(rels)

    def selection_score(self) -> float | None:
        return self.linker.selection[0]

"""Small hand-built documents for the agreement tests (plain dicts; offsets found with str.find)."""
from __future__ import annotations

import copy

TEXT = "Huawei may buy about 90% of chips. Google said it will leave. Apple sells phones."


def at(text: str, quote: str, n: int = 1) -> tuple[int, int]:
    """Offsets of the n-th occurrence of ``quote`` in ``text``."""
    i = -1
    for _ in range(n):
        i = text.index(quote, i + 1)
    return i, i + len(quote)


def span(sid: str, text: str, quote: str, label: str, **attrs) -> dict:
    """An annotation span over ``quote``."""
    start, end = at(text, quote)
    return {"id": sid, "start": start, "end": end, "text": quote, "label": label, **attrs}


def rel(rid: str, rtype: str, src: str, dst: str) -> dict:
    return {"id": rid, "type": rtype, "from": src, "to": dst}


def doc(doc_id: str = "d1", text: str = TEXT, **layers) -> dict:
    """A document with sentences split at '. ' and the given annotation layers."""
    sentences, start = [], 0
    while start < len(text):
        end = text.find(". ", start)
        end = len(text) if end == -1 else end + 1
        sentences.append({"start": start, "end": end})
        start = end + 1
    base = {"id": doc_id, "meta": {}, "text": text, "paragraphs": [{"start": 0, "end": len(text), "kind": "body"}],
            "sentences": sentences, "tokens": [], "entities": [], "claims": [], "sources": [], "hedges": [], "relations": []}
    base.update(copy.deepcopy(layers))
    return base


def pass_a() -> dict:
    """Annotator A on TEXT."""
    t = TEXT
    return doc(
        entities=[span("e1", t, "Huawei", "ORG"), span("e2", t, "about 90%", "PERCENT"),
                  span("e3", t, "Google", "ORG"), span("e4", t, "Apple", "ORG")],
        claims=[span("c1", t, "Huawei may buy about 90% of chips", "CLAIM", claim_type="QUANTITATIVE", checkworthy=True),
                span("c2", t, "it will leave", "CLAIM", claim_type="PREDICTIVE", checkworthy=True)],
        sources=[span("s1", t, "Google", "SOURCE")],
        hedges=[span("h1", t, "may", "HEDGE", hedge_type="EPISTEMIC"), span("h2", t, "about", "HEDGE", hedge_type="APPROXIMATOR")],
        relations=[rel("r1", "attributed_to", "c2", "s1"), rel("r2", "hedges", "h1", "c1"), rel("r3", "hedges", "h2", "c1")],
    )


def pass_b() -> dict:
    """Annotator B on TEXT: a narrower PERCENT, Apple as GPE, a wider c2 with another checkworthy, an extra claim, no 'about' hedge."""
    t = TEXT
    return doc(
        entities=[span("x1", t, "Huawei", "ORG"), span("x2", t, "90%", "PERCENT"),
                  span("x3", t, "Google", "ORG"), span("x4", t, "Apple", "GPE")],
        claims=[span("k1", t, "Huawei may buy about 90% of chips", "CLAIM", claim_type="QUANTITATIVE", checkworthy=True),
                span("k2", t, "Google said it will leave", "CLAIM", claim_type="PREDICTIVE", checkworthy=False),
                span("k3", t, "Apple sells phones", "CLAIM", claim_type="FACTUAL", checkworthy=True)],
        sources=[span("y1", t, "Google", "SOURCE")],
        hedges=[span("g1", t, "may", "HEDGE", hedge_type="EPISTEMIC")],
        relations=[rel("q1", "attributed_to", "k2", "y1"), rel("q2", "hedges", "g1", "k1")],
    )

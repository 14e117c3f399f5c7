"""A small corpus with every layer annotated, emoji, right-to-left marks and HTML/script text, built with the real
segmenter and anchor resolver (no hand-typed offsets)."""
from __future__ import annotations

import copy
from pathlib import Path

from caveat.anchor import resolve
from caveat.document import dumps
from caveat.ingest import documents_from_raw

XSS_SCRIPT = "<script>window.__xss = 1</script>"
XSS_IMG = '"><img src=x onerror=alert(1)>'
FIREFIGHTER = "\U0001F468\U0001F3FB\u200D\U0001F692"  # man firefighter, medium-light skin: 4 code points, 7 UTF-16 units
EYE_ROLL = "\U0001F644"  # beyond the BMP: 1 code point, 2 UTF-16 units

TRICKY_TEXT = f"""Huawei sales may fall {FIREFIGHTER} {XSS_SCRIPT}

BEIJING, May 16

{EYE_ROLL} Huawei said on Thursday that its sales would probably fall by about 10% next year, according to a company spokesperson.

{FIREFIGHTER} Analysts at {XSS_IMG} Research argue that the ban could hurt US suppliers.

\u200f\u05e9\u05dc\u05d5\u05dd\u200f The Commerce Department added 28 entities to the list in October 2019, \u202e officials said \u202c on Monday.
"""

TRICKY_ANCHORS = {
    "entities": [
        {"id": "e-huawei", "q": "Huawei", "in": f"{EYE_ROLL} Huawei said", "label": "ORG"},
        {"q": "Thursday", "label": "DATE"},
        {"q": "10%", "label": "PERCENT"},
        {"q": "next year", "label": "DATE"},
        {"q": "US", "in": "hurt US suppliers", "label": "GPE"},
        {"id": "e-commerce", "q": "The Commerce Department", "label": "ORG"},
        {"q": "28", "label": "CARDINAL"},
        {"q": "October 2019", "label": "DATE"},
        {"q": "Monday", "label": "DATE"},
    ],
    "sources": [
        {"id": "s-huawei", "q": "Huawei", "in": f"{EYE_ROLL} Huawei said"},
        {"id": "s-spokes", "q": "a company spokesperson"},
        {"id": "s-analysts", "q": "Analysts"},
        {"id": "s-officials", "q": "officials"},
    ],
    "claims": [
        {"id": "c-sales", "q": "its sales would probably fall by about 10% next year", "claim_type": "PREDICTIVE", "checkworthy": True},
        {"id": "c-ban", "q": "the ban could hurt US suppliers", "claim_type": "CAUSAL", "checkworthy": False},
        {"id": "c-list", "q": "The Commerce Department added 28 entities to the list in October 2019", "claim_type": "FACTUAL",
         "checkworthy": True},
    ],
    "hedges": [
        {"id": "h-probably", "q": "probably", "hedge_type": "EPISTEMIC"},
        {"id": "h-about", "q": "about", "hedge_type": "APPROXIMATOR"},
        {"id": "h-according", "q": "according to", "hedge_type": "ATTRIBUTION"},
        {"id": "h-could", "q": "could", "hedge_type": "EPISTEMIC"},
    ],
    "relations": [
        {"type": "attributed_to", "from": "c-sales", "to": "s-huawei"},
        {"type": "attributed_to", "from": "c-sales", "to": "s-spokes"},
        {"type": "attributed_to", "from": "c-ban", "to": "s-analysts"},
        {"type": "attributed_to", "from": "c-list", "to": "s-officials"},
        {"type": "hedges", "from": "h-probably", "to": "c-sales"},
        {"type": "hedges", "from": "h-about", "to": "c-sales"},
        {"type": "hedges", "from": "h-according", "to": "c-sales"},
        {"type": "hedges", "from": "h-could", "to": "c-ban"},
    ],
}

PLAIN_TEXT = """Rules tighten on chip exports

The Commerce Department said on Friday that new rules would likely take effect within weeks.
"""

PLAIN_ANCHORS = {
    "entities": [{"q": "The Commerce Department", "label": "ORG"}, {"q": "Friday", "label": "DATE"}],
    "sources": [{"id": "s1", "q": "The Commerce Department"}],
    "claims": [{"id": "c1", "q": "new rules would likely take effect within weeks", "claim_type": "PREDICTIVE", "checkworthy": True}],
    "hedges": [{"id": "h1", "q": "likely", "hedge_type": "EPISTEMIC"}],
    "relations": [{"type": "attributed_to", "from": "c1", "to": "s1"}, {"type": "hedges", "from": "h1", "to": "c1"}],
}

TRICKY_ID = "tricky-emoji-xss"
PLAIN_ID = "plain-chip-rules"
EMPTY_ID = "empty-layers"


def _doc(text: str, doc_id: str, anchors: dict | None, meta: dict) -> dict:
    (doc,) = documents_from_raw(text, [{"id": doc_id, **meta}], "authored")
    if anchors:
        doc = resolve({"doc_id": doc_id, "annotator": "fixture", **anchors}, doc)
    return doc


def fixture_documents() -> list[dict]:
    """Three documents: every layer with tricky text, a plain one, and one with empty layers (as the corpus is today)."""
    meta = {"date": "2019-05-16", "license": "CC-BY-4.0", "register": "brief", "subject": "entity-list"}
    return [
        _doc(TRICKY_TEXT, TRICKY_ID, TRICKY_ANCHORS, {**meta, "title": f"Tricky {XSS_SCRIPT} {EYE_ROLL}",
                                                     "url": "javascript:alert(1)", "notes": XSS_IMG}),
        _doc(PLAIN_TEXT, PLAIN_ID, PLAIN_ANCHORS, {**meta, "register": "wire", "url": "https://example.org/a?b=1&c=2"}),
        _doc(PLAIN_TEXT.replace("Friday", "Tuesday"), EMPTY_ID, None, meta),
    ]


def fixture_predictions(docs: list[dict]) -> list[dict]:
    """A system's output on the tricky document: one entity missed, one of the wrong type, one claim off by its
    boundaries, a spurious hedge; the plain document predicted perfectly; none for the empty document."""
    tricky = copy.deepcopy(next(d for d in docs if d["id"] == TRICKY_ID))
    plain = next(d for d in docs if d["id"] == PLAIN_ID)
    ents = [e for e in tricky["entities"] if e["text"] != "Monday"]
    for e in ents:
        if e["text"] == "Thursday":
            e["label"] = "TIME"
    claims = tricky["claims"]
    for c in claims:
        if c["id"] == "c-ban":
            c["start"] += len("the ")
            c["text"] = c["text"][len("the "):]
    text = tricky["text"]
    start = text.index("argue")
    hedges = tricky["hedges"] + [{"id": "h-spurious", "start": start, "end": start + len("argue"), "text": "argue",
                                  "label": "HEDGE", "hedge_type": "ATTRIBUTION"}]
    strip = lambda spans: [{k: v for k, v in s.items()} for s in spans]  # noqa: E731
    rec = {"doc_id": TRICKY_ID, "entities": strip(ents), "claims": strip(claims), "sources": strip(tricky["sources"]),
           "hedges": strip(hedges), "relations": [{k: r[k] for k in ("type", "from", "to")} for r in tricky["relations"]]}
    perfect = {"doc_id": PLAIN_ID, **{k: plain[k] for k in ("entities", "claims", "sources", "hedges")},
               "relations": [{k: r[k] for k in ("type", "from", "to")} for r in plain["relations"]]}
    return [rec, perfect]


def write_corpus(root: Path, docs: list[dict], splits: dict[str, str] | None = None) -> Path:
    """Write documents (and a split file) as a corpus directory under ``root``."""
    (root / "documents").mkdir(parents=True, exist_ok=True)
    for doc in docs:
        (root / "documents" / f"{doc['id']}.json").write_text(dumps(doc), encoding="utf-8")
    if splits is not None:
        import json

        (root / "splits.json").write_text(json.dumps(splits), encoding="utf-8")
    return root

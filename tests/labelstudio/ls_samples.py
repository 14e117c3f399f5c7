"""Sample documents for the Label Studio tests: segmented with Caveat's own segmenter, annotated on token boundaries."""
from __future__ import annotations

import copy
import os
from pathlib import Path
from typing import Any

from caveat.document import canonical
from caveat.ingest import documents_from_raw
from caveat.labels import inventory

GOLDEN = Path(__file__).resolve().parent / "golden"
# CAVEAT_REGEN_GOLDEN=1 rewrites the golden files from the current code (see golden/README.md).
REGEN = os.environ.get("CAVEAT_REGEN_GOLDEN") == "1"

# Emoji (one code point, and a 4-code-point ZWJ sequence), a letter with a combining mark that NFC
# keeps decomposed (n + U+0308), CJK, and double spaces.
EMOJI_RAW = (
    "Fire chief 👨🏻‍🚒 Zoë Wang says Tokyo may  double its budget\n\n"
    "🙄 Zoë Wang, the fire chief of 東京都, said the city may  spend about 5 billion yen on the "
    "Spın̈al Tap stage, according to officials.\n\n"
    "She added that prices would probably rise.\n"
)
PLAIN_RAW = (
    "Regulators weigh new camera rules\n\n"
    "The Federal Communications Commission said on Tuesday that it could ban new approvals for two camera makers.\n"
)
EMPTY_RAW = "An unannotated brief\n\nNothing in this short text has been annotated yet.\n"


def find(text: str, quote: str, n: int = 1) -> tuple[int, int]:
    """Offsets of the n-th occurrence of ``quote`` in ``text``."""
    at = -1
    for _ in range(n):
        at = text.index(quote, at + 1)
    return at, at + len(quote)


def span(doc: dict, sid: str, quote: str, label: str, n: int = 1, **attrs: Any) -> dict:
    """A span over the n-th occurrence of ``quote``."""
    s, e = find(doc["text"], quote, n)
    return {"id": sid, "start": s, "end": e, "text": doc["text"][s:e], "label": label, **attrs}


def _segmented(raw: str, doc_id: str) -> dict:
    return documents_from_raw(raw, [{"id": doc_id, "license": "CC BY 4.0"}], "authored")[0]


def emoji_document() -> dict:
    """A fully annotated document whose text has emoji, CJK, a combining mark and double spaces."""
    inv = inventory()
    doc = _segmented(EMOJI_RAW, "ls-emoji-cjk")
    ent = inv.entity_labels
    assert {"PERSON", "GPE", "MONEY", "WORK_OF_ART"} <= set(ent)
    doc["entities"] = [
        span(doc, "e1", "Zoë Wang", "PERSON"),
        span(doc, "e2", "Tokyo", "GPE"),
        span(doc, "e3", "Zoë Wang", "PERSON", 2),
        span(doc, "e4", "東京都", "GPE"),
        span(doc, "e5", "5 billion yen", "MONEY"),
        span(doc, "e6", "Spın̈al Tap", "WORK_OF_ART"),
    ]
    doc["claims"] = [
        span(doc, "c1", "the city may  spend about 5 billion yen on the Spın̈al Tap stage", "CLAIM",
             claim_type=inv.claim_types[0], checkworthy=True),
        span(doc, "c2", "prices would probably rise", "CLAIM", claim_type=inv.claim_types[-1], checkworthy=False),
    ]
    doc["sources"] = [span(doc, "s1", "officials", "SOURCE"), span(doc, "s2", "She", "SOURCE")]
    doc["hedges"] = [
        span(doc, "h1", "may", "HEDGE", 2, hedge_type=inv.hedge_types[0]),
        span(doc, "h2", "about", "HEDGE", hedge_type=inv.hedge_types[1]),
        span(doc, "h3", "according to", "HEDGE", hedge_type=inv.hedge_types[2]),
        span(doc, "h4", "probably", "HEDGE", hedge_type=inv.hedge_types[0]),
    ]
    doc["relations"] = [
        {"id": "r1", "type": "attributed_to", "from": "c1", "to": "e3"},
        {"id": "r2", "type": "attributed_to", "from": "c2", "to": "s2"},
        {"id": "r3", "type": "hedges", "from": "h1", "to": "c1"},
        {"id": "r4", "type": "hedges", "from": "h2", "to": "c1"},
        {"id": "r5", "type": "hedges", "from": "h4", "to": "c2"},
    ]
    return canonical(doc)


def plain_document() -> dict:
    """A small annotated document in plain ASCII, with overlapping spans of different layers."""
    inv = inventory()
    doc = _segmented(PLAIN_RAW, "ls-plain")
    doc["entities"] = [span(doc, "e1", "Federal Communications Commission", "ORG"), span(doc, "e2", "Tuesday", "DATE"),
                       span(doc, "e3", "two", "CARDINAL")]
    doc["claims"] = [span(doc, "c1", "it could ban new approvals for two camera makers", "CLAIM",
                          claim_type=inv.claim_types[3], checkworthy=True)]
    doc["sources"] = [span(doc, "s1", "The Federal Communications Commission", "SOURCE")]
    doc["hedges"] = [span(doc, "h1", "could", "HEDGE", hedge_type=inv.hedge_types[0])]
    doc["relations"] = [{"id": "r1", "type": "attributed_to", "from": "c1", "to": "s1"},
                        {"id": "r2", "type": "hedges", "from": "h1", "to": "c1"}]
    return canonical(doc)


def empty_document() -> dict:
    """A segmented document with empty annotation layers."""
    return canonical(_segmented(EMPTY_RAW, "ls-empty"))


def as_prediction(doc: dict) -> dict:
    """The document's layers as a prediction record with a score on every span (what a baseline would write)."""
    rec: dict = {"doc_id": doc["id"]}
    for i, layer in enumerate(("entities", "claims", "sources", "hedges")):
        rec[layer] = [dict(s, score=round(0.5 + 0.01 * (i + j), 2)) for j, s in enumerate(doc[layer])]
    rec["relations"] = copy.deepcopy(doc["relations"])
    return rec


def layers_of(doc: dict) -> dict:
    """The parts of a document a round trip must keep: everything but ``meta.annotation``."""
    out = {k: v for k, v in canonical(doc).items() if k != "meta"}
    out["meta"] = {k: v for k, v in doc["meta"].items() if k != "annotation"}
    return out


BROWSER_RAW = "Chief 👨🏻‍🚒 Wang Lei toured 東京 with  🙄 Zoë.\n"
BROWSER_WORD = "Wang Lei"


def browser_document() -> dict:
    """An unannotated one-line document: the browser test labels the words right after a 4-code-point emoji."""
    return canonical(_segmented(BROWSER_RAW, "ls-browser"))

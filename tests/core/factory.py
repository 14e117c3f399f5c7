"""Small documents for the core tests: a hand-checked mini document and random token-aligned annotations."""
from __future__ import annotations

import random

from caveat.document import Document, canonical, empty_layers
from caveat.labels import inventory
from caveat.segment import segment

MINI_TEXT = "Officials said Acme may grow.\n\nIt did.\n"
META = {"title": "Mini", "origin": "authored", "license": "CC-BY-4.0", "language": "en", "date": "2024-01-01",
        "publisher": None, "url": None, "notes": None, "annotation": {"status": "draft", "passes": []}}


def segmented(text: str, doc_id: str = "mini", **meta) -> Document:
    """A segmented document with empty annotation layers."""
    return canonical({"id": doc_id, "meta": {**META, **meta}, "text": text, **segment(text), **empty_layers()})


def mini_doc() -> Document:
    """The mini document with one span of every layer and both relation types."""
    doc = segmented(MINI_TEXT)
    text = doc["text"]

    def span(sid: str, q: str, label: str, **attrs) -> dict:
        s = text.index(q)
        return {"id": sid, "start": s, "end": s + len(q), "text": q, "label": label, **attrs}

    doc["entities"] = [span("e1", "Acme", "ORG")]
    doc["claims"] = [span("c1", "Acme may grow.", "CLAIM", claim_type="PREDICTIVE", checkworthy=True)]
    doc["sources"] = [span("s1", "Officials", "SOURCE")]
    doc["hedges"] = [span("h1", "may", "HEDGE", hedge_type="EPISTEMIC")]
    doc["relations"] = [{"id": "r1", "type": "attributed_to", "from": "c1", "to": "s1"},
                        {"id": "r2", "type": "hedges", "from": "h1", "to": "c1"}]
    return canonical(doc)


def annotate_randomly(doc: Document, rng: random.Random, density: float = 0.3) -> Document:
    """``doc`` with random valid token-aligned spans in every layer and random valid relations."""
    inv = inventory()
    text, tokens = doc["text"], doc["tokens"]
    out = dict(doc, **empty_layers())
    prefix = {"entities": "e", "claims": "c", "sources": "s", "hedges": "h"}
    for layer in prefix:
        spans, seen = [], set()
        for _ in range(int(len(tokens) * density / 4) + 1):
            if not tokens:
                break
            i = rng.randrange(len(tokens))
            j = min(len(tokens) - 1, i + rng.randrange(3))
            s, e = tokens[i]["start"], tokens[j]["end"]
            if (s, e) in seen or (layer == "entities" and any(a < e and s < b for a, b in seen)):
                continue  # entities are flat (no two overlap); other layers may nest
            seen.add((s, e))
            span = {"id": f"{prefix[layer]}{len(spans) + 1}", "start": s, "end": e, "text": text[s:e],
                    "label": rng.choice(inv.labels(layer))}
            for name in inv.attributes(layer):
                span[name] = rng.choice(inv.attribute_values(layer, name))
            spans.append(span)
        out[layer] = spans
    relations = []
    for rtype in inv.relation_types:
        spec = inv.relation(rtype)
        froms = [s["id"] for layer in spec["from"] for s in out[layer]]
        tos = [s["id"] for layer in spec["to"] for s in out[layer]]
        pairs = {(rng.choice(froms), rng.choice(tos)) for _ in range(min(len(froms), len(tos)))} if froms and tos else set()
        relations += [{"type": rtype, "from": f, "to": t} for f, t in sorted(pairs)]
    out = canonical({**out, "relations": relations})
    out["relations"] = [{"id": f"r{k + 1}", **r} for k, r in enumerate(out["relations"])]
    return canonical(out)

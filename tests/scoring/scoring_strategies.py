"""Hypothesis strategies for the scorer tests: synthetic documents with token-aligned annotations."""
from __future__ import annotations

from hypothesis import strategies as st

from caveat.labels import inventory

# Non-ASCII words make sure offsets are code points, not bytes.
WORDS = ["alpha", "Beta", "gamma", "Δelta", "café", "x", "🙂", "naïve", "O'Neil", "2019"]
INV = inventory()


def build_text(words: list[str], breaks: set[int]) -> dict:
    """A document skeleton: text, tokens, and sentences cut before the token indices in ``breaks``."""
    tokens, pos, parts = [], 0, []
    for i, w in enumerate(words):
        if i:
            parts.append(" ")
            pos += 1
        tokens.append({"start": pos, "end": pos + len(w)})
        parts.append(w)
        pos += len(w)
    cuts = sorted({0, *[b for b in breaks if 0 < b < len(words)], len(words)})
    sentences = [{"start": tokens[a]["start"], "end": tokens[b - 1]["end"]} for a, b in zip(cuts, cuts[1:])]
    text = "".join(parts)
    return {"text": text, "tokens": tokens, "sentences": sentences,
            "paragraphs": [{"start": 0, "end": len(text), "kind": "body"}]}


@st.composite
def skeletons(draw, min_tokens: int = 1, max_tokens: int = 40) -> dict:
    """A random text with tokens and sentences."""
    words = draw(st.lists(st.sampled_from(WORDS), min_size=min_tokens, max_size=max_tokens))
    breaks = set(draw(st.lists(st.integers(1, max(1, len(words) - 1)), max_size=3)))
    return build_text(words, breaks)


@st.composite
def token_spans(draw, n_tokens: int, labels: list[str], max_len: int = 4) -> list[tuple[int, int, str]]:
    """Non-overlapping token-index spans ``(first, last_exclusive, label)`` in order; adjacent spans allowed."""
    out, pos = [], 0
    steps = draw(st.lists(st.tuples(st.integers(0, 3), st.integers(1, max_len), st.sampled_from(labels)), max_size=12))
    for gap, length, label in steps:
        a = pos + gap
        b = a + length
        if b > n_tokens:
            break
        out.append((a, b, label))
        pos = b
    return out


def to_chars(tokens: list[dict], spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Token-index spans to character offsets."""
    return [(tokens[a]["start"], tokens[b - 1]["end"], lab) for a, b, lab in spans]


@st.composite
def perturbed(draw, n_tokens: int, gold: list[tuple[int, int, str]], labels: list[str]) -> list[tuple[int, int, str]]:
    """A prediction made from gold spans by keeping, relabelling, moving, dropping and adding spans (non-overlapping)."""
    out = []
    for a, b, lab in gold:
        action = draw(st.sampled_from(["keep", "keep", "relabel", "shrink", "grow", "shift", "drop"]))
        if action == "relabel":
            lab = draw(st.sampled_from(labels))
        elif action == "shrink" and b - a > 1:
            a, b = (a + 1, b) if draw(st.booleans()) else (a, b - 1)
        elif action == "grow":
            a, b = max(0, a - 1), min(n_tokens, b + 1)
        elif action == "shift":
            a, b = (a + 1, min(n_tokens, b + 1)) if b - a >= 1 else (a, b)
        elif action == "drop":
            continue
        if a < b:
            out.append((a, b, lab))
    out += draw(token_spans(n_tokens, labels))
    kept, end = [], 0
    for a, b, lab in sorted(out):
        if a >= end:
            kept.append((a, b, lab))
            end = b
    return kept


@st.composite
def ner_cases(draw, max_docs: int = 4) -> tuple[list[dict], list[dict], list[dict]]:
    """Gold documents, prediction records and their token skeletons, with entity spans only."""
    labels = draw(st.lists(st.sampled_from(INV.entity_labels), min_size=1, max_size=4, unique=True))
    golds, preds = [], []
    for n in range(draw(st.integers(1, max_docs))):
        skel = draw(skeletons())
        n_tok = len(skel["tokens"])
        g = draw(token_spans(n_tok, labels))
        p = draw(perturbed(n_tok, g, labels)) if draw(st.booleans()) else draw(token_spans(n_tok, labels))
        doc_id = f"doc-{n}"
        golds.append({"id": doc_id, **skel, "entities": [
            {"id": f"e{i}", "start": s, "end": e, "text": skel["text"][s:e], "label": lab}
            for i, (s, e, lab) in enumerate(to_chars(skel["tokens"], g))], "claims": [], "sources": [], "hedges": [],
            "relations": []})
        preds.append({"doc_id": doc_id, "entities": [
            {"start": s, "end": e, "label": lab} for s, e, lab in to_chars(skel["tokens"], p)]})
    return golds, preds, labels


@st.composite
def annotated_documents(draw, max_docs: int = 3) -> list[dict]:
    """Fully annotated random gold documents: all four layers, attributes and both relation types."""
    docs = []
    for n in range(draw(st.integers(1, max_docs))):
        skel = draw(skeletons(min_tokens=1, max_tokens=30))
        toks = skel["tokens"]
        doc = {"id": f"doc-{n}", "meta": {}, **skel, "relations": []}

        def spans(layer: str, labels: list[str]) -> list[dict]:
            out = []
            for i, (s, e, lab) in enumerate(to_chars(toks, draw(token_spans(len(toks), labels)))):
                span = {"id": f"{layer[0]}{i}", "start": s, "end": e, "text": skel["text"][s:e], "label": lab}
                if layer == "claims":
                    span["claim_type"] = draw(st.sampled_from(INV.claim_types))
                    span["checkworthy"] = draw(st.booleans())
                if layer == "hedges":
                    span["hedge_type"] = draw(st.sampled_from(INV.hedge_types))
                out.append(span)
            return out

        doc["entities"] = spans("entities", INV.entity_labels)
        doc["claims"] = spans("claims", INV.labels("claims"))
        doc["sources"] = spans("sources", INV.labels("sources"))
        doc["hedges"] = spans("hedges", INV.labels("hedges"))
        rels = set()
        targets = [s["id"] for s in doc["sources"] + doc["entities"]]
        for c in doc["claims"]:
            if targets and draw(st.booleans()):
                rels.add(("attributed_to", c["id"], draw(st.sampled_from(targets))))
        for h in doc["hedges"]:
            if doc["claims"] and draw(st.booleans()):
                rels.add(("hedges", h["id"], draw(st.sampled_from([c["id"] for c in doc["claims"]]))))
        doc["relations"] = [{"id": f"r{i}", "type": t, "from": f, "to": to} for i, (t, f, to) in enumerate(sorted(rels))]
        docs.append(doc)
    return docs


def as_prediction(doc: dict, *, with_text: bool = True) -> dict:
    """The prediction record that repeats a gold document's annotations exactly."""
    rec = {"doc_id": doc["id"]}
    if with_text:
        rec["text"] = doc["text"]
    for layer in ("entities", "claims", "sources", "hedges", "relations"):
        rec[layer] = [dict(x) for x in doc[layer]]
    return rec

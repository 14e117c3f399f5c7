"""Hypothesis strategies: random texts (non-BMP emoji, ZWJ sequences, combining marks, CJK, double spaces) and random annotations."""
from __future__ import annotations

from hypothesis import strategies as st

from caveat.labels import ANNOTATION_LAYERS, inventory

PIECES = ["a", "b", "Z", " ", "  ", "é", "n\u0308", "東", "京", "🙄", "😀", "👨🏻‍🚒", "\n", ".", "𝔘"]
texts = st.lists(st.sampled_from(PIECES), min_size=1, max_size=40).map("".join)
scores = st.floats(min_value=0, max_value=1, allow_nan=False, allow_infinity=False)


@st.composite
def records(draw, *, prediction: bool = False) -> tuple[str, dict]:
    """A text and a document-like record over it: spans of every layer with attributes, relations the inventory allows.

    Span and relation ids are unique; a prediction record may leave attributes out and carries scores.
    """
    inv = inventory()
    text = draw(texts)
    n = len(text)
    prefix = draw(st.sampled_from(["", "e", "Q:", "x.y-", "Z_"]))
    ids = iter(f"{prefix}{i}" if prefix else str(i) for i in draw(st.permutations(range(40))))
    record: dict = {}
    for layer in ANNOTATION_LAYERS:
        spans = []
        for _ in range(draw(st.integers(0, 4))):
            start = draw(st.integers(0, n - 1))
            end = draw(st.integers(start + 1, n))
            span = {"id": next(ids), "start": start, "end": end, "text": text[start:end],
                    "label": draw(st.sampled_from(inv.labels(layer)))}
            for name in inv.attributes(layer):
                if not prediction or draw(st.booleans()):
                    span[name] = draw(st.sampled_from(inv.attribute_values(layer, name)))
            if prediction and draw(st.booleans()):
                span["score"] = draw(scores)
            spans.append(span)
        record[layer] = spans
    relations, seen = [], set()
    for rtype in inv.relation_types:
        spec = inv.relation(rtype)
        sources = [s["id"] for layer in spec["from"] for s in record[layer]]
        targets = [s["id"] for layer in spec["to"] for s in record[layer]]
        if not sources or not targets:
            continue
        for _ in range(draw(st.integers(0, 3))):
            key = (rtype, draw(st.sampled_from(sources)), draw(st.sampled_from(targets)))
            if key in seen:
                continue
            seen.add(key)
            rel = {"id": next(ids), "type": rtype, "from": key[1], "to": key[2]}
            if prediction and draw(st.booleans()):
                rel["score"] = draw(scores)
            relations.append(rel)
    record["relations"] = relations
    return text, record

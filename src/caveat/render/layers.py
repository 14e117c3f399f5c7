"""Annotation layers of a document (or a prediction record) as drawable marks, span details and relation links. Pure."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..labels import ANNOTATION_LAYERS, Inventory
from .marks import Mark, css_ident


def span_label(span: dict, layer: str, inv: Inventory) -> str:
    """The span's label; a layer with a single label lets predictions omit it."""
    labels = inv.labels(layer)
    return str(span.get("label", labels[0] if len(labels) == 1 else ""))


def span_type(span: dict, layer: str, inv: Inventory) -> tuple[str, ...]:
    """What "the type" of a span means in its layer: its label where the layer has several, then its enum attributes."""
    labels = inv.labels(layer)
    out = [span_label(span, layer, inv)] if len(labels) > 1 else []
    out += [str(span.get(name, "")) for name, spec in inv.attributes(layer).items() if spec["type"] == "enum"]
    return tuple(out)


def attributes_of(span: dict, layer: str, inv: Inventory) -> dict[str, Any]:
    """The inventory attributes the span carries, in inventory order."""
    return {name: span[name] for name in inv.attributes(layer) if name in span}


def tag_text(span: dict, layer: str, inv: Inventory) -> str:
    """The short tag drawn after a span: its type, then the boolean attributes that are true."""
    parts = list(span_type(span, layer, inv)) or [span_label(span, layer, inv)]
    parts += [name for name, spec in inv.attributes(layer).items() if spec["type"] == "boolean" and span.get(name) is True]
    return " · ".join(p for p in parts if p)


def span_classes(span: dict, layer: str, inv: Inventory) -> tuple[str, ...]:
    """CSS classes naming the span's label and attribute values (``lab-ORG``, ``claim_type-FACTUAL``, ``checkworthy-true``)."""
    out = [f"lab-{css_ident(span_label(span, layer, inv))}"]
    for name, value in attributes_of(span, layer, inv).items():
        shown = str(value).lower() if isinstance(value, bool) else value
        out.append(f"{css_ident(name)}-{css_ident(shown)}")
    return tuple(out)


@dataclass
class Drawn:
    """A document's spans ready to draw: marks, details by key, span id -> key, and (layer, index) -> key."""

    marks: list[Mark] = field(default_factory=list)
    details: dict[str, dict] = field(default_factory=dict)
    key_of_id: dict[str, str] = field(default_factory=dict)
    key_at: dict[tuple[str, int], str] = field(default_factory=dict)


def draw_layers(doc: dict, prefix: str, inv: Inventory) -> Drawn:
    """Marks for every annotation span of ``doc`` (a document or a prediction record), keyed ``prefix`` + n."""
    out = Drawn()
    text = doc.get("text", "")
    for layer in ANNOTATION_LAYERS:
        for i, span in enumerate(doc.get(layer) or []):
            key = f"{prefix}{len(out.marks)}"
            start, end = int(span["start"]), int(span["end"])
            out.marks.append(Mark(key, layer, start, end, span_classes(span, layer, inv), tag_text(span, layer, inv)))
            out.details[key] = {"id": span.get("id"), "layer": layer, "label": span_label(span, layer, inv),
                                "start": start, "end": end,
                                "text": text[start:end] if 0 <= start < end <= len(text) else "",
                                "attributes": attributes_of(span, layer, inv)}
            out.key_at[(layer, i)] = key
            if "id" in span:
                out.key_of_id.setdefault(str(span["id"]), key)
    return out


def relation_links(doc: dict, key_of: dict[str, str]) -> dict[str, list[str]]:
    """For every span key, the keys it is related to (either direction): hovering one lights the others."""
    links: dict[str, set[str]] = {}
    for rel in doc.get("relations") or []:
        a, b = key_of.get(str(rel.get("from"))), key_of.get(str(rel.get("to")))
        if a and b:
            links.setdefault(a, set()).add(b)
            links.setdefault(b, set()).add(a)
    return {k: sorted(v, key=_key_order) for k, v in sorted(links.items(), key=lambda kv: _key_order(kv[0]))}


def _key_order(key: str) -> tuple[str, int]:
    head = key.rstrip("0123456789")
    return head, int(key[len(head):] or 0)


def relation_rows(doc: dict, details_by_id: dict[str, dict]) -> list[dict]:
    """Relations with the text of both ends, for the relation table."""
    rows = []
    for rel in doc.get("relations") or []:
        src, dst = details_by_id.get(str(rel.get("from"))), details_by_id.get(str(rel.get("to")))
        rows.append({"id": rel.get("id"), "type": rel.get("type"), "from": rel.get("from"), "to": rel.get("to"),
                     "from_text": src["text"] if src else None, "to_text": dst["text"] if dst else None})
    return rows

"""The Caveat document: plain JSON-ready dicts, their canonical order, and their stable text form.

A document is ``{"id", "meta", "text", "paragraphs", "sentences", "tokens",
"entities", "claims", "sources", "hedges", "relations"}``; every span in it follows
the convention of :mod:`caveat.spans`.
"""
from __future__ import annotations

import json
from typing import Any, Iterable

from .labels import ANNOTATION_LAYERS, SEGMENT_LAYERS

DOC_KEYS = ("id", "meta", "text", *SEGMENT_LAYERS, *ANNOTATION_LAYERS, "relations")
SPAN_KEYS = ("id", "start", "end", "text", "label")
RELATION_KEYS = ("id", "type", "from", "to")
Document = dict[str, Any]


def _ordered(item: dict, first: Iterable[str]) -> dict:
    """``item`` with the keys in ``first`` leading, the rest sorted."""
    head = [k for k in first if k in item]
    tail = sorted(k for k in item if k not in head)
    return {k: item[k] for k in head + tail}


def span_sort_key(span: dict) -> tuple:
    """Stable span order: start, then end, then id."""
    return (span.get("start", 0), span.get("end", 0), str(span.get("id", "")))


def canonical(doc: Document) -> Document:
    """The document with keys in canonical order and spans and relations sorted."""
    out = {k: doc[k] for k in DOC_KEYS if k in doc}
    out.update({k: doc[k] for k in sorted(doc) if k not in out})
    for layer in SEGMENT_LAYERS:
        if layer in out:
            out[layer] = [_ordered(s, ("start", "end")) for s in sorted(out[layer], key=span_sort_key)]
    for layer in ANNOTATION_LAYERS:
        if layer in out:
            out[layer] = [_ordered(s, SPAN_KEYS) for s in sorted(out[layer], key=span_sort_key)]
    if "relations" in out:
        out["relations"] = [
            _ordered(r, RELATION_KEYS)
            for r in sorted(out["relations"], key=lambda r: (r.get("type", ""), r.get("from", ""), r.get("to", ""), r.get("id", "")))
        ]
    if isinstance(out.get("meta"), dict):
        out["meta"] = json.loads(json.dumps(out["meta"], sort_keys=True))
    return out


def _one_line(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(", ", ": "))


def dumps(doc: Document) -> str:
    """The stable text form: pretty-printed, canonical order, one span per line (a one-span edit is one diff hunk)."""
    doc = canonical(doc)
    lines = ["{"]
    keys = list(doc)
    for n, key in enumerate(keys):
        comma = "," if n < len(keys) - 1 else ""
        value = doc[key]
        if isinstance(value, list):
            if not value:
                lines.append(f"  {json.dumps(key)}: []{comma}")
                continue
            lines.append(f"  {json.dumps(key)}: [")
            lines.extend(f"    {_one_line(item)}{',' if i < len(value) - 1 else ''}" for i, item in enumerate(value))
            lines.append(f"  ]{comma}")
        elif isinstance(value, dict):
            inner = json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True).replace("\n", "\n  ")
            lines.append(f"  {json.dumps(key)}: {inner}{comma}")
        else:
            lines.append(f"  {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}{comma}")
    lines.append("}")
    return "\n".join(lines) + "\n"


def empty_layers() -> dict[str, list]:
    """Empty annotation layers and relations, for a freshly segmented document."""
    return {**{layer: [] for layer in ANNOTATION_LAYERS}, "relations": []}


def spans_by_id(doc: Document) -> dict[str, tuple[str, dict]]:
    """Map every annotation span id to ``(layer, span)``."""
    return {s["id"]: (layer, s) for layer in ANNOTATION_LAYERS for s in doc.get(layer, []) if "id" in s}


def sentence_of(doc: Document, offset: int) -> dict | None:
    """The sentence containing ``offset``, if any."""
    from bisect import bisect_right

    sents = doc.get("sentences", [])
    i = bisect_right([s["start"] for s in sents], offset) - 1
    if i >= 0 and sents[i]["start"] <= offset < sents[i]["end"]:
        return sents[i]
    return None

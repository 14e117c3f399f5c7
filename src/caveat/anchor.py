"""Anchored pass files: annotations given by quoting the text instead of by offsets, resolved to a document. Pure.

An anchored span item is ``{"q": quote, "label"?, "id"?, "n"?, "in"?, ...attributes}``: ``q`` must match
the text exactly and start and end on token boundaries; ``in`` (a longer quote that occurs once in the
text) or ``n`` (1-based occurrence, or ``"all"``) picks among repeated occurrences. See docs/annotating.md.
"""
from __future__ import annotations

import json
import re
from typing import Any

from .document import Document, canonical
from .errors import message
from .labels import ANNOTATION_LAYERS, Inventory, inventory

ID_PREFIX = {"entities": "e", "claims": "c", "sources": "s", "hedges": "h"}
ITEM_KEYS = {"q", "label", "id", "n", "in", "note"}
LOOSE = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "—": "-", "–": "-", "\u00a0": " "})


class AnchorErrors(Exception):
    """All the problems of one pass file."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


def _occurrences(text: str, q: str, lo: int, hi: int, starts: set[int], ends: set[int]) -> list[int]:
    out, i = [], text.find(q, lo)
    while i != -1 and i + len(q) <= hi:
        if i in starts and i + len(q) in ends:
            out.append(i)
        i = text.find(q, i + 1)
    return out


def _resolve_item(item: Any, where: str, text: str, starts: set[int], ends: set[int]) -> tuple[list[int], str | None]:
    """Start offsets chosen for one anchored item, or an error message."""
    if not isinstance(item, dict) or not isinstance(item.get("q"), str) or not item["q"]:
        return [], message("anchor_item_shape", where=where)
    q = item["q"]
    lo, hi = 0, len(text)
    ctx = item.get("in")
    if ctx is not None:
        hits = [m.start() for m in re.finditer(re.escape(ctx), text)] if isinstance(ctx, str) and ctx else []
        if len(hits) != 1:
            return [], message("anchor_context", where=where, ctx=ctx, count=len(hits))
        lo, hi = hits[0], hits[0] + len(ctx)
    found = _occurrences(text, q, lo, hi, starts, ends)
    if not found:
        anywhere = text.find(q, lo) != -1 and text.find(q, lo) + len(q) <= hi
        loose = text.translate(LOOSE).find(q.translate(LOOSE), lo)
        if anywhere:
            hint = "it occurs, but not on token boundaries; quote whole tokens"
        elif loose != -1:
            hint = f"the text has {text[loose:loose + len(q)]!r} (check quotes, apostrophes and dashes)"
        else:
            hint = "it does not occur in the text" + (" inside the `in` context" if ctx else "")
        return [], message("anchor_not_found", where=where, q=q, hint=hint)
    n = item.get("n")
    if n == "all":
        return found, None
    if n is None:
        if len(found) > 1:
            return [], message("anchor_ambiguous", where=where, q=q, count=len(found), offsets=found[:8])
        return found, None
    if not isinstance(n, int) or not 1 <= n <= len(found):
        return [], message("anchor_bad_n", where=where, q=q, n=n, count=len(found))
    return [found[n - 1]], None


def _items(anchors: dict, key: str) -> list:
    """The list under ``key`` of a pass file ([] if absent, null or not a list: that is reported)."""
    value = anchors.get(key)
    return value if isinstance(value, list) else []


def resolve(anchors: dict, doc: Document, inv: Inventory | None = None) -> Document:
    """The document ``doc`` with its annotation layers replaced by the resolved ``anchors``; raises AnchorErrors."""
    inv = inv or inventory()
    text = doc["text"]
    starts = {t["start"] for t in doc["tokens"]}
    ends = {t["end"] for t in doc["tokens"]}
    problems: list[str] = []
    if anchors.get("doc_id") != doc["id"]:
        problems.append(message("anchor_doc_id", actual=anchors.get("doc_id"), expected=doc["id"]))
    for key in (*ANNOTATION_LAYERS, "relations"):
        if not isinstance(anchors.get(key) or [], list):
            problems.append(message("anchor_layer_shape", layer=key, actual=json.dumps(anchors[key])[:60]))
    explicit = {it["id"] for layer in ANNOTATION_LAYERS for it in _items(anchors, layer)
                if isinstance(it, dict) and isinstance(it.get("id"), str)}
    layers: dict[str, list[dict]] = {}
    for layer in ANNOTATION_LAYERS:
        attrs = inv.attributes(layer)
        default_label = inv.labels(layer)[0] if len(inv.labels(layer)) == 1 else None
        spans: list[dict] = []
        for k, item in enumerate(_items(anchors, layer)):
            where = f"{layer}[{k}]" + (f" (q={item.get('q')!r})" if isinstance(item, dict) else "")
            found, err = _resolve_item(item, where, text, starts, ends)
            if err:
                problems.append(err)
                continue
            unknown = set(item) - ITEM_KEYS - set(attrs)
            if unknown:
                problems.append(message("anchor_unknown_keys", where=where, keys=sorted(unknown), allowed=sorted(ITEM_KEYS | set(attrs))))
            if len(found) > 1 and "id" in item:
                problems.append(message("anchor_id_all", where=where))
            for start in found:
                span = {"start": start, "end": start + len(item["q"]), "text": item["q"],
                        "label": item.get("label", default_label)}
                span.update({name: item[name] for name in attrs if name in item})
                if len(found) == 1 and "id" in item:
                    span["id"] = item["id"]
                spans.append(span)
        layers[layer] = spans
    used = set(explicit)
    for layer, spans in layers.items():
        counter = 0
        seen: set[tuple] = set()
        unique = []
        for span in sorted(spans, key=lambda s: (s["start"], s["end"], s.get("id", ""))):
            key = (span["start"], span["end"], span["label"], *(span.get(a) for a in inv.attributes(layer)))
            if key in seen and "id" not in span:
                continue  # the same span listed twice (e.g. by "all" and by a single item)
            seen.add(key)
            if "id" not in span:
                counter += 1
                while f"{ID_PREFIX[layer]}{counter}" in used:
                    counter += 1
                span["id"] = f"{ID_PREFIX[layer]}{counter}"
                used.add(span["id"])
            unique.append(span)
        layers[layer] = unique
    ents = layers["entities"]
    for a, b in zip(ents, ents[1:]):
        if b["start"] < a["end"]:
            problems.append(message("anchor_entity_overlap", a=a["text"], a_start=a["start"], b=b["text"], b_start=b["start"]))
    relations = []
    for k, rel in enumerate(_items(anchors, "relations")):
        if not isinstance(rel, dict) or not all(isinstance(rel.get(x), str) for x in ("type", "from", "to")):
            problems.append(message("anchor_relation_shape", where=f"relations[{k}]"))
            continue
        relations.append({"id": f"r{k + 1}", "type": rel["type"], "from": rel["from"], "to": rel["to"]})
    if problems:
        raise AnchorErrors(problems)
    meta = dict(doc["meta"])
    annotation = dict(meta.get("annotation") or {})
    annotation["status"] = anchors.get("status", "draft")
    annotation["passes"] = anchors.get("passes") or [
        {"annotator": anchors.get("annotator", "unknown"), "kind": anchors.get("kind", "annotation"),
         "date": anchors.get("date"), "notes": anchors.get("notes")}
    ]
    meta["annotation"] = annotation
    return canonical({**doc, "meta": meta, **layers, "relations": relations})


def to_anchors(doc: Document, annotator: str, inv: Inventory | None = None) -> dict:
    """The anchored form of a document's annotations (``n`` picks repeated quotes); inverse of :func:`resolve`."""
    inv = inv or inventory()
    text = doc["text"]
    starts = {t["start"] for t in doc["tokens"]}
    ends = {t["end"] for t in doc["tokens"]}
    out: dict[str, Any] = {"doc_id": doc["id"], "annotator": annotator}
    for layer in ANNOTATION_LAYERS:
        items = []
        for span in doc.get(layer, []):
            q = span["text"]
            found = _occurrences(text, q, 0, len(text), starts, ends)
            item: dict[str, Any] = {"id": span["id"], "q": q}
            if len(inv.labels(layer)) > 1:
                item["label"] = span["label"]
            if len(found) > 1:
                item["n"] = found.index(span["start"]) + 1
            item.update({a: span[a] for a in inv.attributes(layer) if a in span})
            items.append(item)
        out[layer] = items
    out["relations"] = [{"type": r["type"], "from": r["from"], "to": r["to"]} for r in doc.get("relations", [])]
    return out

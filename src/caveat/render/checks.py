"""The few things a document must get right to be drawn at all (the rest is `caveat validate`'s job). Pure and fast."""
from __future__ import annotations

from typing import Any

from ..labels import ANNOTATION_LAYERS, SEGMENT_LAYERS


def _span_problem(item: Any, n: int) -> str | None:
    if not isinstance(item, dict):
        return "expected an object with start and end"
    s, e = item.get("start"), item.get("end")
    if type(s) is not int or type(e) is not int:
        return "expected integer start and end"
    if not 0 <= s <= e <= n:
        return f"offsets [{s}, {e}) fall outside the text (length {n})"
    return None


def drawing_problem(doc: Any) -> tuple[str, str] | None:
    """``(path, problem)`` of the first thing that stops the document from being drawn, or None.

    Empty spans are tolerated here (the page lists them as undrawable); wrong types and out-of-range offsets are not.
    """
    if not isinstance(doc, dict):
        return "$", f"expected a document object, found {type(doc).__name__}"
    if not isinstance(doc.get("id"), str) or not doc["id"]:
        return "$.id", "expected a non-empty string id"
    if not isinstance(doc.get("text"), str):
        return "$.text", "expected the document text as a string"
    if "meta" in doc and not isinstance(doc["meta"], (dict, type(None))):
        return "$.meta", "expected an object"
    n = len(doc["text"])
    for layer in (*SEGMENT_LAYERS, *ANNOTATION_LAYERS, "relations"):
        items = doc.get(layer, [])
        if not isinstance(items, list):
            return f"$.{layer}", "expected a list"
        for i, item in enumerate(items):
            if layer == "relations":
                if not isinstance(item, dict):
                    return f"$.{layer}[{i}]", "expected a relation object"
                continue
            problem = _span_problem(item, n)
            if problem:
                return f"$.{layer}[{i}]", problem
    return None

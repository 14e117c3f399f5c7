"""Gold against a system's predictions, span by span, for error analysis: correct, wrong type, boundary, missed, spurious. Pure."""
from __future__ import annotations

from typing import Any

from ..labels import ANNOTATION_LAYERS, Inventory
from ..spans import match_one_to_one
from .layers import attributes_of, span_type

STATUSES = ("correct", "wrong_type", "boundary", "missed", "spurious")
RELATION_STATUSES = ("correct", "missed", "spurious")


def _item(status: str, layer: str, inv: Inventory, gold: dict | None, pred: dict | None, gi: int | None, pi: int | None) -> dict:
    diffs = []
    if gold is not None and pred is not None:
        ga, pa = attributes_of(gold, layer, inv), attributes_of(pred, layer, inv)
        diffs = [name for name in inv.attributes(layer) if ga.get(name) != pa.get(name)]
    return {"status": status, "layer": layer, "gold": gi, "pred": pi,
            "gold_type": list(span_type(gold, layer, inv)) if gold is not None else None,
            "pred_type": list(span_type(pred, layer, inv)) if pred is not None else None,
            "attribute_diffs": diffs}


def diff_layer(gold: list[dict], pred: list[dict], layer: str, inv: Inventory) -> list[dict]:
    """One record per gold or predicted span: exact-boundary matches first (correct or wrong_type), then overlaps (boundary), then the rest."""
    g_iv = [(s["start"], s["end"]) for s in gold]
    p_iv = [(s["start"], s["end"]) for s in pred]
    items: list[dict] = []
    exact = match_one_to_one(g_iv, p_iv, exact=True)
    for gi, pi in exact:
        same = span_type(gold[gi], layer, inv) == span_type(pred[pi], layer, inv)
        items.append(_item("correct" if same else "wrong_type", layer, inv, gold[gi], pred[pi], gi, pi))
    g_left = [i for i in range(len(gold)) if i not in {g for g, _ in exact}]
    p_left = [i for i in range(len(pred)) if i not in {p for _, p in exact}]
    loose = match_one_to_one([g_iv[i] for i in g_left], [p_iv[i] for i in p_left], exact=False)
    for a, b in loose:
        gi, pi = g_left[a], p_left[b]
        items.append(_item("boundary", layer, inv, gold[gi], pred[pi], gi, pi))
    g_done = {i["gold"] for i in items}
    p_done = {i["pred"] for i in items}
    items += [_item("missed", layer, inv, gold[gi], None, gi, None) for gi in range(len(gold)) if gi not in g_done]
    items += [_item("spurious", layer, inv, None, pred[pi], None, pi) for pi in range(len(pred)) if pi not in p_done]
    return sorted(items, key=lambda i: _position(i, gold, pred))


def _position(item: dict, gold: list[dict], pred: list[dict]) -> tuple[int, int, int]:
    span = gold[item["gold"]] if item["gold"] is not None else pred[item["pred"]]
    return span["start"], span["end"], STATUSES.index(item["status"])


def diff_relations(gold_doc: dict, pred: dict, span_pairs: dict[tuple[str, int], int]) -> list[dict]:
    """Relations compared through the span matching: a predicted relation is correct if both its ends match a gold relation's ends."""
    def ends(doc: dict) -> dict[str, tuple[str, int]]:
        return {str(s["id"]): (layer, i) for layer in ANNOTATION_LAYERS for i, s in enumerate(doc.get(layer) or []) if "id" in s}

    g_ends, p_ends = ends(gold_doc), ends(pred)
    gold_rels = {}
    for rel in gold_doc.get("relations") or []:
        a, b = g_ends.get(str(rel.get("from"))), g_ends.get(str(rel.get("to")))
        if a and b:
            gold_rels.setdefault((rel.get("type"), a, b), rel)
    pred_to_gold = {(layer, pi): (layer, gi) for (layer, gi), pi in span_pairs.items()}
    out, seen = [], set()
    for rel in pred.get("relations") or []:
        a, b = p_ends.get(str(rel.get("from"))), p_ends.get(str(rel.get("to")))
        key = (rel.get("type"), pred_to_gold.get(a) if a else None, pred_to_gold.get(b) if b else None)
        hit = key[1] is not None and key[2] is not None and key in gold_rels and key not in seen
        if hit:
            seen.add(key)
        out.append({"status": "correct" if hit else "spurious", "type": rel.get("type"), "gold": gold_rels.get(key) if hit else None, "pred": rel})
    out += [{"status": "missed", "type": k[0], "gold": rel, "pred": None} for k, rel in gold_rels.items() if k not in seen]
    return out


def diff_document(gold_doc: dict, pred: dict, inv: Inventory) -> dict[str, Any]:
    """Every layer's span diff, the relation diff and counts per layer and status."""
    layers = {layer: diff_layer(gold_doc.get(layer) or [], pred.get(layer) or [], layer, inv) for layer in ANNOTATION_LAYERS}
    pairs = {(layer, i["gold"]): i["pred"] for layer, items in layers.items() for i in items
             if i["gold"] is not None and i["pred"] is not None}
    relations = diff_relations(gold_doc, pred, pairs)
    counts = {layer: {s: sum(i["status"] == s for i in items) for s in STATUSES} for layer, items in layers.items()}
    counts["relations"] = {s: sum(r["status"] == s for r in relations) for s in RELATION_STATUSES}
    return {"layers": layers, "relations": relations, "counts": counts,
            "errors": sum(n for layer, c in counts.items() for s, n in c.items() if s != "correct")}

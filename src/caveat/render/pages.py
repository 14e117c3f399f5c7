"""The data each page shows, as plain template contexts built from documents and predictions. Pure."""
from __future__ import annotations

import re
from typing import Any

from markupsafe import Markup

from ..labels import ANNOTATION_LAYERS, Inventory
from .diff import STATUSES, diff_document
from .highlight import highlight
from .layers import Drawn, draw_layers, relation_links, relation_rows
from .marks import Mark, valid_marks

SAFE_URL = re.compile(r"^https?://[^\s<>\"']+$", re.I)
META_FIELDS = ("date", "publisher", "origin", "register", "subject", "license", "language")


def safe_url(url: Any) -> str | None:
    """``url`` if it is a plain http(s) address, else None (no ``javascript:`` links)."""
    return url if isinstance(url, str) and SAFE_URL.match(url) else None


def counts(doc: dict) -> dict[str, int]:
    """Spans per annotation layer, and relations."""
    return {**{layer: len(doc.get(layer) or []) for layer in ANNOTATION_LAYERS}, "relations": len(doc.get("relations") or [])}


def page_name(doc_id: str) -> str:
    """The file name of a document's page: its id where that is file-safe, else a safe slug plus a short hash."""
    if re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]{0,150}", doc_id) and ".." not in doc_id:
        return f"{doc_id}.html"
    import hashlib

    slug = re.sub(r"[^A-Za-z0-9._-]+", "-", doc_id).strip("-.")[:80] or "doc"
    return f"{slug}-{hashlib.sha256(doc_id.encode('utf-8', 'surrogatepass')).hexdigest()[:10]}.html"


def annotation_of(meta: dict) -> dict:
    """``meta.annotation`` as ``{status, passes[{kind, annotator}]}``, whatever shape the file gave it."""
    ann = meta.get("annotation") if isinstance(meta.get("annotation"), dict) else {}
    passes = ann.get("passes") if isinstance(ann.get("passes"), list) else []
    return {"status": str(ann.get("status") or "unknown"),
            "passes": [{"kind": str(p.get("kind") or "pass"), "annotator": str(p.get("annotator") or "unknown")}
                       for p in passes if isinstance(p, dict)]}


def _span_rows(drawn: Drawn) -> dict[str, list[dict]]:
    rows: dict[str, list[dict]] = {layer: [] for layer in ANNOTATION_LAYERS}
    for key, d in drawn.details.items():
        rows[d["layer"]].append({"key": key, **d, "attrs": ", ".join(f"{k}={v}" for k, v in d["attributes"].items())})
    return rows


def _draw(text: str, drawn: Drawn, paragraphs: list[dict]) -> tuple[Markup, list[dict]]:
    good, bad = valid_marks(text, drawn.marks)
    return highlight(text, good, paragraphs), [drawn.details[m.key] for m in bad]


def _diff_marks(items: list[dict], layer: str, gold: Drawn, pred: Drawn) -> list[Mark]:
    """Marks for one layer's diff: gold spans drawn as underlines, predicted ones as backgrounds, both coloured by status."""
    marks = []
    for item in items:
        status = item["status"]
        gtype = " ".join(item["gold_type"] or []) or layer
        ptype = " ".join(item["pred_type"] or []) or layer
        if item["gold"] is not None:
            key = gold.key_at[(layer, item["gold"])]
            d = gold.details[key]
            tag = {"correct": "", "missed": f"missed {gtype}", "wrong_type": f"gold {gtype}", "boundary": f"gold {gtype}"}[status]
            marks.append(Mark(key, "gold", d["start"], d["end"], (f"df-{status}",), tag))
        if item["pred"] is not None:
            key = pred.key_at[(layer, item["pred"])]
            d = pred.details[key]
            tag = {"correct": f"✓ {ptype}", "spurious": f"spurious {ptype}", "wrong_type": f"predicted {ptype}",
                   "boundary": f"boundary {ptype}"}[status]
            marks.append(Mark(key, "pred", d["start"], d["end"], (f"df-{status}",), tag))
    return marks


def _diff_rows(items: list[dict], layer: str, gold: Drawn, pred: Drawn) -> list[dict]:
    rows = []
    for item in items:
        g = gold.details[gold.key_at[(layer, item["gold"])]] if item["gold"] is not None else None
        p = pred.details[pred.key_at[(layer, item["pred"])]] if item["pred"] is not None else None
        rows.append({"status": item["status"], "gold_text": g["text"] if g else None, "pred_text": p["text"] if p else None,
                     "gold_type": " ".join(item["gold_type"] or []), "pred_type": " ".join(item["pred_type"] or []),
                     "start": (g or p)["start"], "attribute_diffs": ", ".join(item["attribute_diffs"])})
    return rows


def prediction_view(doc: dict, pred: dict, system: str, gold: Drawn, inv: Inventory) -> dict:
    """The system's side of a document page: its highlighted text, the per-layer diff and the error table."""
    text, paras = doc["text"], doc.get("paragraphs") or []
    drawn = draw_layers({**pred, "text": text}, "p", inv)
    html, bad = _draw(text, drawn, paras)
    diff = diff_document(doc, pred, inv)
    blocks = []
    for layer in ANNOTATION_LAYERS:
        items = diff["layers"][layer]
        block_html, _ = _draw(text, Drawn(marks=_diff_marks(items, layer, gold, drawn)), paras)
        blocks.append({"layer": layer, "html": block_html, "counts": diff["counts"][layer],
                       "errors": sum(n for s, n in diff["counts"][layer].items() if s != "correct"),
                       "rows": [r for r in _diff_rows(items, layer, gold, drawn) if r["status"] != "correct"]})
    rel_rows = [{"status": r["status"], "type": r["type"],
                 "gold": f"{r['gold']['from']} → {r['gold']['to']}" if r["gold"] else "",
                 "pred": f"{r['pred'].get('from')} → {r['pred'].get('to')}" if r["pred"] else ""}
                for r in diff["relations"]]
    return {"system": system, "html": html, "undrawable": bad, "blocks": blocks, "relations": rel_rows,
            "relation_counts": diff["counts"]["relations"], "errors": diff["errors"], "drawn": drawn,
            "statuses": STATUSES}


def document_context(doc: dict, *, split: str, inv: Inventory, pred: dict | None = None, system: str | None = None) -> dict:
    """Everything a document page shows."""
    meta = doc.get("meta") or {}
    text, paras = doc["text"], doc.get("paragraphs") or []
    gold = draw_layers(doc, "g", inv)
    html, bad = _draw(text, gold, paras)
    by_id = {str(d["id"]): d for d in gold.details.values() if d["id"] is not None}
    data: dict[str, Any] = {"spans": dict(gold.details), "links": relation_links(doc, gold.key_of_id)}
    view = None
    if pred is not None:
        view = prediction_view(doc, pred, system or "system", gold, inv)
        data["spans"].update(view["drawn"].details)
        data["links"].update(relation_links(pred, view["drawn"].key_of_id))
    annotation = annotation_of(meta)
    return {
        "doc": {"id": doc["id"], "title": meta.get("title") or doc["id"], "split": split,
                "status": annotation["status"], "passes": annotation["passes"],
                "url": meta.get("url"), "safe_url": safe_url(meta.get("url")), "notes": meta.get("notes"),
                "meta": [(k, meta.get(k)) for k in META_FIELDS if meta.get(k) not in (None, "")],
                "chars": len(text), "sentences": len(doc.get("sentences") or []), "tokens": len(doc.get("tokens") or [])},
        "counts": counts(doc), "html": html, "undrawable": bad, "data": data,
        "rows": _span_rows(gold), "relations": relation_rows(doc, by_id), "prediction": view,
    }


def index_row(doc: dict, split: str, page: str, errors: int | None) -> dict:
    """One line of the document index."""
    meta = doc.get("meta") or {}
    return {"id": doc["id"], "title": meta.get("title") or doc["id"], "page": page, "origin": meta.get("origin") or "",
            "split": split, "status": annotation_of(meta)["status"], "register": meta.get("register") or "",
            "tokens": len(doc.get("tokens") or []), "counts": counts(doc), "errors": errors}

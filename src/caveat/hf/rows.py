"""Documents to the rows of every config (pure): one row per document, or one per sentence with row-relative offsets."""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import Any, Iterable

from ..document import Document, spans_by_id
from ..labels import ANNOTATION_LAYERS, Inventory, inventory
from .features import CERTAINTY

Row = dict[str, Any]
META_FIELDS = ("title", "date", "publisher", "url", "origin", "license", "language", "register", "subject", "notes", "writer")
PASS_FIELDS = ("annotator", "kind", "date", "file", "notes")


def document_row(doc: Document, inv: Inventory | None = None) -> Row:
    """The ``documents`` row of one document."""
    meta = doc.get("meta") or {}
    annotation = meta.get("annotation") or {}
    row: Row = {"id": doc["id"], **{k: meta.get(k) for k in META_FIELDS}}
    row["fact_notes"] = list(meta.get("fact_notes") or [])
    row["annotation_status"] = annotation.get("status")
    row["annotation_passes"] = [{k: p.get(k) for k in PASS_FIELDS} for p in annotation.get("passes") or []]
    row["text"] = doc["text"]
    # Segments, spans and relations go in as they are: the Parquet schema keeps exactly its struct's fields.
    for layer in ("paragraphs", "sentences", "tokens", *ANNOTATION_LAYERS, "relations"):
        row[layer] = doc.get(layer, [])
    return row


def spans_per_sentence(sentences: list[dict], spans: Iterable[dict]) -> list[list[dict]]:
    """For each sentence, the spans sharing at least one code point with it, in document order."""
    starts = [s["start"] for s in sentences]
    out: list[list[dict]] = [[] for _ in sentences]
    for span in sorted(spans, key=lambda s: (s["start"], s["end"])):
        i = max(0, bisect_right(starts, span["start"]) - 1)
        while i < len(sentences) and sentences[i]["start"] < span["end"]:
            if span["start"] < sentences[i]["end"]:
                out[i].append(span)
            i += 1
    return out


def bio_tags(token_spans: list[tuple[int, int]], spans: list[dict], key: str) -> tuple[list[str], int]:
    """BIO tags of tokens from spans typed by ``span[key]``; longer spans win overlaps. Returns (tags, spans dropped)."""
    tags = ["O"] * len(token_spans)
    starts = [t[0] for t in token_spans]
    dropped = 0
    for span in sorted(spans, key=lambda s: (s["start"] - s["end"], s["start"])):
        first = bisect_left(starts, span["start"])
        if first > 0 and token_spans[first - 1][1] > span["start"]:
            first -= 1  # the span starts inside a token: tag that token too
        last = bisect_left(starts, span["end"], lo=first)
        covered = list(range(first, last))
        if not covered or any(tags[i] != "O" for i in covered):
            dropped += 1
            continue
        for n, i in enumerate(covered):
            tags[i] = f"{'B' if n == 0 else 'I'}-{span[key]}"
    return tags, dropped


def _clip(span: dict, start: int, end: int) -> tuple[int, int, bool]:
    """The span clipped to ``[start, end)``, relative to ``start``, and whether clipping cut it."""
    s, e = max(span["start"], start), min(span["end"], end)
    return s - start, e - start, (s, e) != (span["start"], span["end"])


def sentence_rows(doc: Document, inv: Inventory | None = None) -> tuple[dict[str, list[Row]], dict[str, int]]:
    """The ``ner``, ``hedges`` and ``claims`` rows of one document (one per sentence), and how many spans BIO dropped."""
    inv = inv or inventory()
    text = doc["text"]
    tokens = doc.get("tokens", [])
    token_starts = [t["start"] for t in tokens]
    by_id = spans_by_id(doc)
    sources_of: dict[str, list[str]] = {}
    for rel in doc.get("relations", []):
        if rel.get("type") == "attributed_to" and rel.get("to") in by_id:
            sources_of.setdefault(rel["from"], []).append(by_id[rel["to"]][1])
    out: dict[str, list[Row]] = {"ner": [], "hedges": [], "claims": []}
    dropped = {"ner": 0, "hedges": 0}
    sentences = doc.get("sentences", [])
    per = {layer: spans_per_sentence(sentences, doc.get(layer, [])) for layer in ("entities", "hedges", "claims")}
    for index, sent in enumerate(sentences):
        s0, s1 = sent["start"], sent["end"]
        lo, hi = bisect_left(token_starts, s0), bisect_left(token_starts, s1)
        toks = [(t["start"], t["end"]) for t in tokens[lo:hi]]
        base = {"id": f"{doc['id']}-{index}", "doc_id": doc["id"], "sentence_index": index,
                "sentence_start": s0, "sentence_end": s1, "text": text[s0:s1],
                "tokens": [text[a:b] for a, b in toks], "token_starts": [a - s0 for a, _ in toks],
                "token_ends": [b - s0 for _, b in toks]}
        ner_tags, n = bio_tags(toks, per["entities"][index], "label")
        dropped["ner"] += n
        out["ner"].append({**base, "ner_tags": ner_tags})
        hedges = per["hedges"][index]
        cue_tags, n = bio_tags(toks, hedges, "hedge_type")
        dropped["hedges"] += n
        cues = []
        for h in hedges:
            a, b, _ = _clip(h, s0, s1)
            cues.append({"id": h["id"], "start": a, "end": b, "text": text[s0 + a:s0 + b], "hedge_type": h["hedge_type"]})
        out["hedges"].append({**base, "cue_tags": cue_tags, "cues": cues, "label": CERTAINTY[1 if hedges else 0]})
        claims = []
        for c in per["claims"][index]:
            a, b, clipped = _clip(c, s0, s1)
            claim = {"id": c["id"], "start": a, "end": b, "text": text[s0 + a:s0 + b], "clipped": clipped}
            claim.update({name: c.get(name) for name in inv.attributes("claims")})
            claim["sources"] = [s["text"] for s in sorted(sources_of.get(c["id"], []), key=lambda s: (s["start"], s["end"]))]
            claims.append(claim)
        out["claims"].append({**base, "has_claim": bool(claims), "claims": claims})
    return out, dropped

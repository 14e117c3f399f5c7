"""Raw article text (plus optional sidecar metadata) to segmented, unannotated documents. Pure."""
from __future__ import annotations

from typing import Any

from .document import Document, canonical, empty_layers
from .errors import CaveatError, message
from .schemas import ORIGINS
from .segment import segment, slugify, split_articles

META_DEFAULTS = {"date": None, "publisher": None, "url": None, "license": "unknown", "language": "en", "notes": None}


def documents_from_raw(raw: str, metas: list[dict] | None, origin: str, where: str = "<raw>") -> list[Document]:
    """Split ``raw`` into articles and segment each; ``metas[i]`` (if given) fills article i's metadata."""
    if origin not in ORIGINS:
        raise CaveatError(message("ingest.origin", origin=origin, origins=ORIGINS), exit_code=2)
    articles = split_articles(raw)
    if metas is not None and len(metas) != len(articles):
        raise CaveatError(message("ingest.meta_count", where=where, n_meta=len(metas), n_text=len(articles)))
    docs = []
    for i, text in enumerate(articles):
        seg = segment(text)
        headline = next((text[p["start"]:p["end"]] for p in seg["paragraphs"] if p["kind"] == "headline"), None)
        given = dict(metas[i]) if metas else {}
        title = given.pop("title", None) or headline or text[seg["paragraphs"][0]["start"]:seg["paragraphs"][0]["end"]][:120]
        doc_id = given.pop("id", None) or slugify(title)
        meta: dict[str, Any] = {**META_DEFAULTS, "title": title, "origin": origin}
        meta.update(given)
        meta.setdefault("annotation", {"status": "draft", "passes": []})
        docs.append(canonical({"id": doc_id, "meta": meta, "text": text, **seg, **empty_layers()}))
    return docs

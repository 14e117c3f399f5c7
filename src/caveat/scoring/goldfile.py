"""Gold documents from an outside gold file (prediction-shaped JSON Lines records plus ``text``)."""
from __future__ import annotations

from typing import Any, Sequence

from ..errors import CaveatError, message
from ..labels import ANNOTATION_LAYERS
from .pairing import view_of


def gold_documents(records: Sequence[tuple[int, dict]], where: str) -> list[dict]:
    """Scoring-ready gold documents from checked records; sentences come from Caveat's segmenter.

    Every record needs ``text``; spans and relations are checked as predictions are.
    """
    from ..segment import segment

    docs: list[dict[str, Any]] = []
    for n, rec in records:
        place = f"{where}:{n}"
        if not isinstance(rec.get("text"), str):
            raise CaveatError(message("evaluate.gold_text", where=place))
        text = rec["text"]
        sentences = segment(text)["sentences"]
        view_of(rec, text, sentences, place)  # refuses bad offsets, span texts and relation ends
        doc = {"id": rec["doc_id"], "text": text, "sentences": sentences, "relations": list(rec.get("relations", []))}
        doc.update({layer: list(rec.get(layer, [])) for layer in ANNOTATION_LAYERS})
        docs.append(doc)
    return docs

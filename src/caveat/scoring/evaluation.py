"""One evaluation run: choosing the gold documents of a split, matching records to them, and the JSON result."""
from __future__ import annotations

import hashlib
from typing import Any, Sequence

from ..errors import CaveatError, UsageError, message
from ..labels import ANNOTATION_LAYERS, inventory
from ..validate import SPLITS
from .core import TRACK_KEYS, TRACK_RELATIONS, TRACKS, check_tracks, score

SPLIT_CHOICES = (*SPLITS, "all")


def tracks_in(records: Sequence[dict]) -> list[str]:
    """The tracks a set of prediction records takes part in (a track's keys, or relations of its types, appear in some
    record); all if none do."""
    types = {r.get("type") for rec in records for r in rec.get("relations") or [] if isinstance(r, dict)}
    present = [t for t in TRACKS if any(k in rec for rec in records for k in TRACK_KEYS[t])
               or types & set(TRACK_RELATIONS.get(t, ()))]
    return present or list(TRACKS)


def is_gold(doc: dict) -> bool:
    """True if a corpus document has been annotated: it records an annotation pass or holds a span.

    A freshly segmented document (no pass, no span) is not gold yet: scoring it would count
    every prediction on it as a false positive.
    """
    meta = doc.get("meta") if isinstance(doc.get("meta"), dict) else {}
    annotation = meta.get("annotation") if isinstance(meta.get("annotation"), dict) else {}
    return bool(annotation.get("passes")) or any(doc.get(layer) for layer in ANNOTATION_LAYERS)


def select_gold(docs: Sequence[dict], splits: dict[str, str], split: str, corpus: str, *,
                require: bool = True) -> tuple[list[dict], str, list[str]]:
    """The annotated documents of ``split`` (``all``: every split), the split actually used, and notes for the reader.

    A corpus without a split file is scored whole, with a note saying so; documents not yet
    annotated are left out, with a note. With ``require``, an empty split is an error.
    """
    if split not in SPLIT_CHOICES:
        raise UsageError(message("scoring.unknown_split", split=split, splits=", ".join(SPLIT_CHOICES)))
    notes: list[str] = []
    if split == "all" or not splits:
        if split != "all":
            notes.append(message("evaluate.split_fallback", corpus=corpus, n=len(docs)))
        chosen, used = list(docs), "all"
    else:
        chosen, used = [d for d in docs if splits.get(d["id"]) == split], split
        if not chosen and require:
            raise CaveatError(message("evaluate.no_split", splits=f"{corpus}/splits.json", split=split))
    gold = [d for d in chosen if is_gold(d)]
    if len(gold) < len(chosen):
        notes.append(message("evaluate.unannotated", n=len(chosen) - len(gold), total=len(chosen), split=used))
    if not gold and require:
        raise CaveatError(message("scoring.no_gold"))
    return gold, used, notes


def restrict(records: Sequence[tuple[int, dict]], gold_ids: set[str], corpus_ids: set[str]) -> tuple[list[tuple[int, dict]], int]:
    """Drop records of corpus documents outside the scored split (a file may predict the whole corpus); count them."""
    kept = [(n, r) for n, r in records if r["doc_id"] in gold_ids or r["doc_id"] not in corpus_ids]
    return kept, len(records) - len(kept)


def gold_fingerprint(docs: Sequence[dict]) -> str:
    """A SHA-256 over the gold documents' ids, texts and annotations: which gold a result was computed on."""
    import json

    h = hashlib.sha256()
    for d in sorted(docs, key=lambda d: d["id"]):
        keep = {k: d.get(k) for k in ("id", "text", *ANNOTATION_LAYERS, "relations")}
        h.update(json.dumps(keep, sort_keys=True, ensure_ascii=False).encode())
    return h.hexdigest()


def evaluate(gold_docs: Sequence[dict], records: Sequence[tuple[int, dict]], *, where: str, gold: str, split: str,
             tracks: Sequence[str] | None = None, resamples: int = 1000, seed: int = 0, errors: bool = False,
             notes: Sequence[str] = ()) -> dict[str, Any]:
    """Score checked records (``(line, record)``) against gold documents; the JSON-ready result with its provenance."""
    preds = [r for _, r in records]
    chosen = check_tracks(tracks) if tracks else tracks_in(preds)
    result = score(gold_docs, preds, chosen, where=[f"{where}:{n}" for n, _ in records], resamples=resamples,
                   seed=seed, errors=errors)
    inv = inventory()
    return {"predictions": where, "gold": gold, "split": split, "documents": len(gold_docs),
            "gold_sha256": gold_fingerprint(gold_docs), "labels_version": inv.version, "labels_sha256": inv.sha256,
            "notes": list(notes), "tracks": result}

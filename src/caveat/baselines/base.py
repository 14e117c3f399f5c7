"""What every baseline is: a named model for one track that adds its layers to a prediction record."""
from __future__ import annotations

from typing import Any, ClassVar, Sequence

from ..labels import ANNOTATION_LAYERS
from .data import View, kfold

Record = dict[str, Any]
ID_PREFIX = {"entities": "e", "claims": "c", "sources": "s", "hedges": "h"}


def folds_of(seed: int):
    """The fold function the selectors use: document-level k-fold with a fixed seed."""
    def folds(views: Sequence[View], k: int) -> list[tuple[list[View], list[View]]]:
        by_id = {id(v.doc): v for v in views}
        return [([by_id[id(d)] for d in a], [by_id[id(d)] for d in b]) for a, b in kfold([v.doc for v in views], k, seed)]
    return folds


def new_record(v: View) -> Record:
    """An empty prediction record for a document: its id and text, no layers yet."""
    return {"doc_id": v.doc["id"], "text": v.text}


def add_span(rec: Record, layer: str, v: View, start: int, end: int, **fields: Any) -> dict:
    """Append a span to ``rec[layer]`` with the next free id, its text and the layer's label; returns it."""
    spans = rec.setdefault(layer, [])
    span = {"id": f"{ID_PREFIX[layer]}{len(spans) + 1}", "start": start, "end": end, "text": v.text[start:end], **fields}
    spans.append(span)
    return span


def finish(rec: Record) -> Record:
    """The record in its published form: layers in schema order, spans sorted, relation ids assigned."""
    out: Record = {"doc_id": rec["doc_id"]}
    if "text" in rec:
        out["text"] = rec["text"]
    for layer in ANNOTATION_LAYERS:
        if layer in rec:
            out[layer] = sorted(rec[layer], key=lambda s: (s["start"], s["end"], s["id"]))
    if "relations" in rec:
        rels = sorted(rec["relations"], key=lambda r: (r["type"], r["from"], r["to"]))
        out["relations"] = [{"id": f"r{n}", **r} for n, r in enumerate(rels, start=1)]
    return out


class Baseline:
    """A baseline: ``fit`` on annotated training views, then ``annotate`` adds its layers to a batch of records."""

    name: ClassVar[str]
    track: ClassVar[str]
    kind: ClassVar[str]  # "floor", "learned" or "oracle"
    description: ClassVar[str]
    requires: ClassVar[tuple[str, ...]] = ()  # baselines whose layers this one reads

    def __init__(self, seed: int = 0):
        self.seed = seed

    def fit(self, train: Sequence[View], validation: Sequence[View]) -> "Baseline":
        """Train on annotated documents; choose hyper-parameters on validation (or CV on train when it is empty)."""
        return self

    def annotate(self, views: Sequence[View], recs: Sequence[Record]) -> None:
        """Add this baseline's layers (and relations) to each record, reading the layers of its ``requires``."""
        raise NotImplementedError

    def state(self) -> dict:
        """Everything needed to predict again, as skops-safe data (scikit-learn objects, numpy arrays, plain values)."""
        return {}

    def load(self, state: dict) -> "Baseline":
        """Restore from :meth:`state`."""
        return self

    def selection(self) -> dict:
        """The chosen hyper-parameters and how they were chosen, JSON-ready."""
        return {}

    def selection_score(self) -> float | None:
        """The main component's score where its hyper-parameters were chosen (None for floors and defaults)."""
        return None

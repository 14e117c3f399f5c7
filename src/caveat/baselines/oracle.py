"""The oracle: it reads the gold annotations, so it must score 1.0 on every track (a check on the scorer)."""
from __future__ import annotations

from typing import Sequence

from ..labels import ANNOTATION_LAYERS, inventory
from .base import Baseline, Record
from .data import View


class Oracle(Baseline):
    name, track, kind = "oracle", "all", "oracle"
    description = "Oracle: copies the gold annotations of every layer; it scores 1.0 everywhere, which checks the scorer."

    def annotate(self, views: Sequence[View], recs: Sequence[Record]) -> None:
        inv = inventory()
        for v, rec in zip(views, recs):
            for layer in ANNOTATION_LAYERS:
                keep = {"id", "start", "end", "text", "label", *inv.attributes(layer)}
                rec[layer] = [{k: val for k, val in s.items() if k in keep} for s in v.doc.get(layer, [])]
            rec["relations"] = [{k: r[k] for k in ("type", "from", "to")} for r in v.doc.get("relations", [])]

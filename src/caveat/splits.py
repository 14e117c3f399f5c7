"""Split assignment (pure): every document to train/validation/test by document, stratified, seeded and stable."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any, Iterable

from .document import Document
from .validate import SPLITS

TARGET = {"train": 0.65, "validation": 0.15, "test": 0.20}
DEFAULT_SEED = 13
STRATA = ("register", "subject")


@dataclass
class SplitPlan:
    """The new assignment and what changed relative to the old one."""

    assignment: dict[str, str]
    kept: int = 0
    added: dict[str, str] = field(default_factory=dict)
    moved: dict[str, tuple[str, str]] = field(default_factory=dict)
    dropped: list[str] = field(default_factory=list)


def _order_key(doc_id: str, seed: int) -> str:
    """A seeded, platform-independent pseudo-random order of document ids."""
    return hashlib.sha256(f"{seed}:{doc_id}".encode()).hexdigest()


def _groups(doc: Document) -> list[tuple[str, Any]]:
    """The strata a document counts in: the whole corpus, its register and its subject."""
    meta = doc.get("meta") or {}
    return [("all", None), *((key, meta.get(key)) for key in STRATA)]


class _Counts:
    """Documents per split in every stratum seen so far."""

    def __init__(self) -> None:
        self.by_group: dict[tuple[str, Any], dict[str, int]] = {}

    def add(self, doc: Document, split: str) -> None:
        for g in _groups(doc):
            self.by_group.setdefault(g, {s: 0 for s in SPLITS})[split] += 1

    def deficit(self, doc: Document, split: str) -> float:
        """How far ``split`` falls behind its target share, summed over the document's strata, counting this document."""
        total = 0.0
        for g in _groups(doc):
            counts = self.by_group.get(g, {s: 0 for s in SPLITS})
            n = sum(counts.values()) + 1
            total += TARGET[split] * n - counts[split]
        return total


def assign_splits(docs: Iterable[Document], existing: dict[str, str] | None = None, *,
                  seed: int = DEFAULT_SEED, reassign: bool = False) -> SplitPlan:
    """Assign every document a split: seeds to test, kept assignments unchanged unless ``reassign``, the rest greedily
    to the split furthest below its 65/15/20 target in the corpus, the document's register and its subject."""
    docs = sorted(docs, key=lambda d: d["id"])
    ids = {d["id"] for d in docs}
    old = {} if existing is None else dict(existing)
    plan = SplitPlan(assignment={}, dropped=sorted(k for k in old if k not in ids))
    counts = _Counts()
    pending = []
    for doc in docs:
        before = old.get(doc["id"])
        is_seed = (doc.get("meta") or {}).get("origin") == "seed"
        if is_seed:
            split = "test"
        elif not reassign and before in SPLITS:
            split = before
        else:
            pending.append(doc)
            continue
        plan.assignment[doc["id"]] = split
        counts.add(doc, split)
        if before == split:
            plan.kept += 1
        elif before is None:
            plan.added[doc["id"]] = split
        else:
            plan.moved[doc["id"]] = (before, split)
    for doc in sorted(pending, key=lambda d: _order_key(d["id"], seed)):
        split = max(SPLITS, key=lambda s: (round(counts.deficit(doc, s), 9), -SPLITS.index(s)))
        plan.assignment[doc["id"]] = split
        counts.add(doc, split)
        before = old.get(doc["id"])
        if before is None:
            plan.added[doc["id"]] = split
        elif before != split:
            plan.moved[doc["id"]] = (before, split)
        else:
            plan.kept += 1
    plan.assignment = dict(sorted(plan.assignment.items()))
    return plan


def split_counts(assignment: dict[str, str]) -> dict[str, int]:
    """Documents per split."""
    return {s: sum(v == s for v in assignment.values()) for s in SPLITS}

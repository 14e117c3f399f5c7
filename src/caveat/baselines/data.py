"""Corpus plumbing for the baselines: annotated documents, splits, folds, corpus versions and token views. Pure."""
from __future__ import annotations

import hashlib
import random
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from typing import Any, Sequence

from ..document import Document, dumps
from ..labels import ANNOTATION_LAYERS
from ..segment import segment

SPLITS = ("train", "validation", "test")


def is_annotated(doc: Document) -> bool:
    """True if the document holds at least one annotation span (a freshly segmented one holds none)."""
    return any(doc.get(layer) for layer in ANNOTATION_LAYERS)


def by_split(docs: Sequence[Document], splits: dict[str, str]) -> dict[str, list[Document]]:
    """Documents of each split ({train, validation, test} -> docs, in corpus order); unassigned ones are left out."""
    out: dict[str, list[Document]] = {s: [] for s in SPLITS}
    for doc in docs:
        split = splits.get(doc.get("id", ""))
        if split in out:
            out[split].append(doc)
    return out


def corpus_version(docs: Sequence[Document]) -> str:
    """A content hash of the given documents (order-free): equal iff the same documents, byte for byte."""
    h = hashlib.sha256()
    for text in sorted(dumps(d) for d in docs):
        h.update(hashlib.sha256(text.encode("utf-8")).digest())
    return "sha256:" + h.hexdigest()[:16]


def kfold(docs: Sequence[Document], k: int, seed: int) -> list[tuple[list[Document], list[Document]]]:
    """Document-level k-fold splits ``(train, held_out)``, shuffled with ``seed``; k is capped at len(docs)."""
    order = sorted(docs, key=lambda d: d.get("id", ""))
    random.Random(seed).shuffle(order)
    k = max(1, min(k, len(order)))
    folds = [order[i::k] for i in range(k)]
    return [([d for j, f in enumerate(folds) if j != i for d in f], folds[i]) for i in range(k)]


def from_text(doc_id: str, text: str) -> Document:
    """An unannotated document for raw text, segmented as is, so offsets stay offsets into ``text``."""
    return {"id": doc_id, "text": text, **segment(text)}


@dataclass
class View:
    """A document's tokens and sentences as parallel lists, plus a cache shared by the models reading it."""

    doc: Document
    starts: list[int]
    ends: list[int]
    words: list[str]
    sent_of: list[int]  # token index -> sentence index
    sents: list[tuple[int, int]]  # sentence index -> [first token, last token + 1)
    kinds: list[str]  # sentence index -> paragraph kind
    cache: dict[str, Any] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return self.doc["text"]

    def token_range(self, start: int, end: int) -> tuple[int, int]:
        """Token indices ``[i, j)`` of the tokens lying inside ``[start, end)`` (``i == j`` if none)."""
        return bisect_left(self.starts, start), bisect_right(self.ends, end)

    def sentence_span(self, s: int) -> tuple[int, int]:
        """Character offsets of sentence ``s``."""
        i, j = self.sents[s]
        return self.starts[i], self.ends[j - 1]

    def sentence_bounds(self, start: int, end: int) -> tuple[int, int] | None:
        """Character offsets of the sentence holding the first token of ``[start, end)`` (None without tokens)."""
        if not self.words:
            return None
        t = min(self.token_range(start, end)[0], len(self.words) - 1)
        return self.sentence_span(self.sent_of[t])


def view(doc: Document) -> View:
    """The token view of a segmented document (sentences without tokens are dropped)."""
    text = doc["text"]
    toks = sorted((t["start"], t["end"]) for t in doc.get("tokens", []))
    starts = [s for s, _ in toks]
    ends = [e for _, e in toks]
    paras = sorted((p["start"], p["end"], p.get("kind", "body")) for p in doc.get("paragraphs", []))
    para_starts = [p[0] for p in paras]
    sents: list[tuple[int, int]] = []
    kinds: list[str] = []
    sent_of = [0] * len(toks)
    for s in sorted((s["start"], s["end"]) for s in doc.get("sentences", [])):
        i, j = bisect_left(starts, s[0]), bisect_right(ends, s[1])
        if i >= j:
            continue
        for t in range(i, j):
            sent_of[t] = len(sents)
        sents.append((i, j))
        p = bisect_right(para_starts, s[0]) - 1
        kinds.append(paras[p][2] if p >= 0 and paras[p][1] >= s[1] else "body")
    return View(doc, starts, ends, [text[s:e] for s, e in toks], sent_of, sents, kinds)

"""Pairing gold documents with prediction records, refusing any pair that does not describe the same text."""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from operator import itemgetter, lt
from typing import Any, Callable, Sequence

from ..errors import CaveatError, message
from ..labels import ANNOTATION_LAYERS, inventory


class ScoringInputError(CaveatError):
    """Predictions (or an outside gold file) that cannot be scored against the gold; exit code 1."""


class View:
    """One side of a pair, ready to score: spans per layer sorted by (start, end), relations resolved to spans.

    ``columns`` holds the starts, ends and labels of each layer's spans; ``sentences`` (sorted
    ``(start, end)`` pairs) are worked out from the gold segments on first use.
    """

    def __init__(self, doc_id: str, text: str, segments: Sequence[dict] | Callable[[], list[tuple[int, int]]],
                 layers: dict[str, list[dict]], relations: dict[str, list[tuple[dict, dict]]] | None = None):
        self.doc_id, self.text, self.layers = doc_id, text, layers
        self.relations = relations or {}
        self._segments = segments
        self.columns: dict[str, Columns] = {}  # per layer: starts, ends and labels of the spans, in order

    def keys(self, layer: str) -> list[Key]:
        """``(start, end, label)`` of each span of ``layer``, in order."""
        return list(zip(*self.columns[layer])) if self.columns.get(layer) else []

    @cached_property
    def sentences(self) -> list[tuple[int, int]]:
        """The document's sentences as sorted ``(start, end)`` pairs."""
        seg = self._segments
        return seg() if callable(seg) else sorted((s["start"], s["end"]) for s in seg)


@dataclass(frozen=True)
class Pair:
    """A gold document and the prediction for it."""

    doc_id: str
    gold: View
    pred: View


def _first_difference(a: str, b: str) -> int:
    """The first offset where two strings differ (the shorter length if one is a prefix of the other)."""
    n = min(len(a), len(b))
    for i in range(n):
        if a[i] != b[i]:
            return i
    return n


def _bad_record(where: str, path: str, expected: str, found: Any) -> ScoringInputError:
    return ScoringInputError(message("scoring.bad_record", where=where, path=path, expected=expected,
                                     found=type(found).__name__ if not isinstance(found, (int, str)) else repr(found)))


_BY_POSITION = itemgetter("start", "end")
Key = tuple  # (start, end, label or None)
Columns = tuple  # (starts, ends, labels): equal-length tuples


def _fast_columns(items: list, text: str, need_label: bool) -> tuple[Columns, bool] | None:
    """Starts, ends and labels of the spans, each span read once, and whether the starts strictly increase.

    None if any span needs a closer look.

    A span is fine if it is a dict with integer offsets inside ``text``, a ``text`` (if any)
    equal to the text there, and (if ``need_label``) a string label.
    """
    try:
        rows = [(sp["start"], sp["end"], sp.get("label"), sp.get("text")) for sp in items]
    except (KeyError, TypeError, AttributeError):
        return None
    starts, ends, labels, texts = zip(*rows)
    if set(map(type, starts + ends)) != {int} or min(starts) < 0 or max(ends) > len(text) \
            or not all(map(lt, starts, ends)):
        return None
    if need_label and set(map(type, labels)) != {str}:
        return None
    if texts.count(None) != len(texts) and any(t is not None and t != text[s:e] for s, e, t in zip(starts, ends, texts)):
        return None
    return (starts, ends, labels), all(map(lt, starts, starts[1:]))


def _spans(record: dict, layer: str, text: str, where: str, doc_id: str) -> tuple[list[dict], Columns]:
    """The record's spans of ``layer`` sorted by (start, end), and their columns; refuses bad offsets, texts and labels."""
    items = record.get(layer)
    if not items:
        return [], ((), (), ())
    if not isinstance(items, list):
        raise _bad_record(where, f"$.{layer}", "a list of spans", items)
    n = len(text)
    need_label = layer == "entities"
    fast = _fast_columns(items, text, need_label)
    if fast is not None and fast[1]:
        return items, fast[0]  # already in order
    if fast is None:
        for i, span in enumerate(items):  # find and name the first bad span
            if not isinstance(span, dict):
                raise _bad_record(where, f"$.{layer}[{i}]", "a span object", span)
            s, e = span.get("start"), span.get("end")
            if type(s) is not int or type(e) is not int:
                raise _bad_record(where, f"$.{layer}[{i}]", "integer start and end", s if type(s) is not int else e)
            if not 0 <= s < e <= n:
                raise ScoringInputError(message("scoring.bad_offsets", where=where, path=f"$.{layer}[{i}]", start=s,
                                                end=e, doc_id=doc_id, length=n))
            t = span.get("text")
            if t is not None and t != text[s:e]:
                raise ScoringInputError(message("scoring.span_text", where=where, path=f"$.{layer}[{i}]", start=s,
                                                end=e, pred=t, gold=text[s:e]))
            if need_label and type(span.get("label")) is not str:
                raise _bad_record(where, f"$.{layer}[{i}].label", "an entity label", span.get("label"))
    ordered = sorted(items, key=_BY_POSITION)
    return ordered, (tuple(sp["start"] for sp in ordered), tuple(sp["end"] for sp in ordered),
                     tuple(sp.get("label") for sp in ordered))


def _relations(record: dict, layers: dict[str, list[dict]], where: str) -> dict[str, list[tuple[dict, dict]]]:
    """Relations resolved to their span objects, checked against the inventory's layer rules."""
    inv = inventory()
    out: dict[str, list[tuple[dict, dict]]] = {name: [] for name in inv.relation_types}
    rels = record.get("relations")
    if not rels:
        return out  # span ids only matter to relations
    by_id: dict[str, tuple[str, dict]] = {}
    for layer, spans in layers.items():
        for i, span in enumerate(spans):
            sid = span.get("id")
            if sid is None:
                continue
            if sid in by_id:
                raise ScoringInputError(message("scoring.duplicate_span_id", where=where, path=f"$.{layer}", sid=sid))
            by_id[sid] = (layer, span)
    if not isinstance(rels, list):
        raise _bad_record(where, "$.relations", "a list of relations", rels)
    for i, rel in enumerate(rels):
        path = f"$.relations[{i}]"
        if not isinstance(rel, dict) or rel.get("type") not in out:
            raise _bad_record(where, path + ".type", f"one of {inv.relation_types}",
                              rel.get("type") if isinstance(rel, dict) else rel)
        spec = inv.relation(rel["type"])
        ends = []
        for end, key in (("from", "from"), ("to", "to")):
            target = rel.get(key)
            if target not in by_id:
                raise ScoringInputError(message("scoring.relation_end", where=where, path=f"{path}.{key}",
                                                type=rel["type"], end=end, target=target))
            layer, span = by_id[target]
            if layer not in spec[key]:
                raise ScoringInputError(message("scoring.relation_layer", where=where, path=f"{path}.{key}",
                                                type=rel["type"], end=end, layer=layer,
                                                allowed=" or ".join(spec[key])))
            ends.append(span)
        out[rel["type"]].append((ends[0], ends[1]))
    return out


def view_of(record: dict, text: str, sentences: Sequence[dict] | Callable[[], list[tuple[int, int]]], where: str) -> View:
    """A checked, scoring-ready view of a gold document or a prediction record over ``text``.

    ``sentences`` are segment dicts, or a function giving sorted ``(start, end)`` pairs.
    """
    doc_id = str(record.get("doc_id", record.get("id", "")))
    checked = {layer: _spans(record, layer, text, where, doc_id) for layer in ANNOTATION_LAYERS}
    layers = {layer: spans for layer, (spans, _) in checked.items()}
    view = View(doc_id, text, sentences, layers, _relations(record, layers, where))
    view.columns = {layer: columns for layer, (_, columns) in checked.items()}
    return view


def pair_documents(gold_docs: Sequence[dict], predictions: Sequence[dict],
                   where: Sequence[str] | None = None) -> list[Pair]:
    """Pair every gold document with its one prediction record, in gold order; refuse any mismatch.

    ``where[i]`` names prediction record ``i`` in messages (e.g. ``preds.jsonl:12``).
    """
    if not gold_docs:
        raise ScoringInputError(message("scoring.no_gold"))
    names = list(where) if where is not None else [f"prediction record {i + 1}" for i in range(len(predictions))]
    gold_by_id: dict[str, dict] = {}
    for doc in gold_docs:
        gold_by_id[doc["id"]] = doc
    by_id: dict[str, int] = {}
    for i, rec in enumerate(predictions):
        if not isinstance(rec, dict) or not isinstance(rec.get("doc_id"), str):
            raise _bad_record(names[i], "$.doc_id", "an object with a string doc_id", rec.get("doc_id") if isinstance(rec, dict) else rec)
        doc_id = rec["doc_id"]
        if doc_id in by_id:
            raise ScoringInputError(message("scoring.duplicate_prediction", where=names[i], doc_id=doc_id,
                                            first=names[by_id[doc_id]]))
        if doc_id not in gold_by_id:
            raise ScoringInputError(message("scoring.unknown_document", where=names[i], doc_id=doc_id,
                                            n_gold=len(gold_by_id), example=next(iter(gold_by_id))))
        by_id[doc_id] = i
    missing = [d["id"] for d in gold_docs if d["id"] not in by_id]
    if missing:
        raise ScoringInputError(message("scoring.missing_document", doc_id=missing[0], n_missing=len(missing),
                                        n_gold=len(gold_docs)))
    pairs = []
    for doc in gold_docs:
        i = by_id[doc["id"]]
        rec, text = predictions[i], doc["text"]
        if isinstance(rec.get("text"), str) and rec["text"] != text:
            at = _first_difference(text, rec["text"])
            line = text.count("\n", 0, at) + 1
            column = at - (text.rfind("\n", 0, at) + 1) + 1
            raise ScoringInputError(message("scoring.text_mismatch", where=names[i], doc_id=doc["id"], offset=at,
                                            line=line, column=column, gold=text[at:at + 20] or "<end of text>",
                                            pred=rec["text"][at:at + 20] or "<end of text>"))
        gold = view_of(doc, text, doc.get("sentences") or [], f"gold document {doc['id']!r}")
        pred = view_of(rec, text, lambda g=gold: g.sentences, names[i])
        pairs.append(Pair(doc["id"], gold, pred))
    return pairs

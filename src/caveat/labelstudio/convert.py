"""Pure converters between Caveat documents / prediction records and Label Studio tasks and results.

Caveat -> Label Studio: :func:`document_task` (a task with gold layers as annotations or
predictions), :func:`prediction_entry` (a baseline's record as a pre-annotation).
Label Studio -> Caveat: :func:`result_layers` (one annotation or prediction result back into
layers and relations, every check naming the task, annotation and result); whole exports are
read by :mod:`caveat.labelstudio.exports`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Sequence

from ..document import empty_layers
from ..errors import CaveatError, message
from ..labels import ANNOTATION_LAYERS, SEGMENT_LAYERS, Inventory, inventory
from ..schemas import ID_PATTERN
from .config import TEXT_NAME, model
from .offsets import OffsetUnit, convert_in, convert_out

LABELS, CHOICES, RELATION = "labels", "choices", "relation"
GOLD_MODEL_VERSION = "caveat-gold"
_ID = re.compile(ID_PATTERN)


class ExportError(CaveatError):
    """A Label Studio export (or one task of it) that cannot be read into Caveat documents; exit code 1."""


@dataclass(frozen=True)
class Where:
    """Where a problem is: the export's name, the task, its document, the annotation or prediction, the result."""

    source: str
    task: Any = None
    doc_id: str | None = None
    item: str | None = None
    result: Any = None

    def at(self, **changes: Any) -> "Where":
        """A copy with some fields changed."""
        return Where(**{**self.__dict__, **changes})

    def __str__(self) -> str:
        out = self.source
        if self.task is not None:
            out += f": task {self.task}"
            if self.doc_id:
                out += f" (doc {self.doc_id!r})"
        if self.item:
            out += f", {self.item}"
        if self.result is not None:
            out += f", result {self.result!r}"
        return out


def fail(key: str, where: Where, **details: Any) -> ExportError:
    """The ExportError of message ``key`` at ``where``."""
    return ExportError(message(key, where=where, **details))


def shown(value: Any) -> str:
    """A short description of an unexpected value for messages (the value if scalar, else its type)."""
    return repr(value) if isinstance(value, (str, int, float, bool)) or value is None else type(value).__name__


# ---------------------------------------------------------------- Caveat -> Label Studio

def layers_result(record: dict, text: str, *, inv: Inventory | None = None, offsets: OffsetUnit = "codepoint") -> list[dict]:
    """Label Studio result items for the spans, per-span attributes and relations of a document or prediction record.

    Span ids become region ids; a span's ``score`` and a relation's ``id``/``score`` are kept on the item.
    Spans without an id (allowed in prediction records) get ``<layer>-<n>``.
    """
    inv = inv or inventory()
    m = model(inv)
    out: list[dict] = []
    for layer in ANNOTATION_LAYERS:
        default_label = inv.labels(layer)[0] if len(inv.labels(layer)) == 1 else None
        for n, span in enumerate(record.get(layer) or []):
            rid = span.get("id") or f"{layer}-{n + 1}"
            s, e = span["start"], span["end"]
            ls_s, ls_e = convert_out(text, s, e, offsets)
            where = {"start": ls_s, "end": ls_e, "text": text[s:e]}
            item = {"id": rid, "from_name": m.control_of_layer[layer], "to_name": TEXT_NAME, "type": LABELS,
                    "value": {**where, "labels": [span.get("label") or default_label]}}
            if "score" in span:
                item["score"] = span["score"]
            out.append(item)
            for attr in m.attributes_of(layer):
                if attr.name in span:
                    out.append({"id": rid, "from_name": attr.name, "to_name": TEXT_NAME, "type": CHOICES,
                                "value": {**where, "choices": [attr.to_choice(span[attr.name])]}})
    for rel in record.get("relations") or []:
        item = {"type": RELATION, "from_id": rel["from"], "to_id": rel["to"], "direction": "right", "labels": [rel["type"]]}
        for key in ("id", "score"):
            if key in rel:
                item[key] = rel[key]
        out.append(item)
    return out


def task_data(doc: dict) -> dict:
    """The task's ``data``: the text, the document id, its title and, under ``caveat``, its metadata and segmentation."""
    meta = doc.get("meta") or {}
    return {
        TEXT_NAME: doc["text"],
        "doc_id": doc["id"],
        "title": meta.get("title") or doc["id"],
        "caveat": {"meta": meta, **{layer: doc.get(layer, []) for layer in SEGMENT_LAYERS}},
    }


def _has_annotations(record: dict) -> bool:
    return any(record.get(layer) for layer in (*ANNOTATION_LAYERS, "relations"))


def mean_score(record: dict) -> float | None:
    """The mean of a record's span and relation scores (None if it has none)."""
    scores = [x["score"] for layer in (*ANNOTATION_LAYERS, "relations") for x in record.get(layer) or [] if "score" in x]
    return sum(scores) / len(scores) if scores else None


def prediction_entry(record: dict, text: str, model_version: str, *, inv: Inventory | None = None,
                     offsets: OffsetUnit = "codepoint") -> dict:
    """A Label Studio prediction (pre-annotation) from a Caveat prediction record."""
    entry: dict = {"model_version": model_version, "result": layers_result(record, text, inv=inv, offsets=offsets)}
    score = mean_score(record)
    if score is not None:
        entry["score"] = score
    return entry


def document_task(doc: dict, *, gold_as: str = "annotations", predictions: Sequence[tuple[str, dict]] = (),
                  inv: Inventory | None = None, offsets: OffsetUnit = "codepoint") -> dict:
    """A Label Studio task for ``doc``.

    ``gold_as`` puts the document's own layers in as ``"annotations"`` (for review), ``"predictions"``
    (pre-annotations, model version ``caveat-gold``) or ``"none"``; ``predictions`` adds
    ``(model_version, record)`` pairs as pre-annotations. A document with empty layers gets no gold entry.
    """
    if gold_as not in ("annotations", "predictions", "none"):
        raise ValueError(f"gold_as must be annotations, predictions or none, not {gold_as!r}")
    task: dict = {"data": task_data(doc)}
    if gold_as != "none" and _has_annotations(doc):
        result = layers_result(doc, doc["text"], inv=inv, offsets=offsets)
        if gold_as == "annotations":
            task["annotations"] = [{"result": result}]
        else:
            task["predictions"] = [{"model_version": GOLD_MODEL_VERSION, "score": 1.0, "result": result}]
    for model_version, record in predictions:
        task.setdefault("predictions", []).append(prediction_entry(record, doc["text"], model_version, inv=inv, offsets=offsets))
    return task


# ---------------------------------------------------------------- Label Studio -> Caveat

def _region_id(raw: Any, where: Where) -> str:
    """A Caveat span id for a Label Studio region id (ids Caveat cannot use get an ``ls`` prefix)."""
    if not isinstance(raw, (str, int)) or isinstance(raw, bool) or str(raw) == "":
        raise fail("ls.result_shape", where, expected="a region \"id\" string", found=shown(raw))
    rid = str(raw)
    return rid if _ID.match(rid) else "ls" + re.sub(r"[^A-Za-z0-9_.:-]", "_", rid)


def _offsets(value: dict, text: str, unit: OffsetUnit, where: Where) -> tuple[int, int]:
    """Checked code-point offsets of a text region, its ``value.text`` compared with the document text."""
    s, e = value.get("start"), value.get("end")
    if type(s) is not int or type(e) is not int:
        raise fail("ls.result_shape", where, expected="integer value.start and value.end (a text region)",
                    found=f"start={shown(s)}, end={shown(e)}")
    converted = convert_in(text, s, e, unit)
    if converted is None or not 0 <= converted[0] < converted[1] <= len(text):
        raise fail("ls.bad_offsets", where, start=s, end=e, length=len(text), unit=_unit_name(unit))
    cs, ce = converted
    found = value.get("text")
    if found is not None and found != text[cs:ce]:
        other: OffsetUnit = "utf16" if unit == "codepoint" else "codepoint"
        alt = convert_in(text, s, e, other)
        if alt is not None and 0 <= alt[0] < alt[1] <= len(text) and text[alt[0]:alt[1]] == found:
            hint = message("ls.hint_utf16" if other == "utf16" else "ls.hint_codepoint")
        else:
            hint = message("ls.hint_text")
        raise fail("ls.text_mismatch", where, found=found, expected=text[cs:ce], start=s, end=e,
                    unit=_unit_name(unit), hint=hint)
    return cs, ce


def _unit_name(unit: OffsetUnit) -> str:
    return "code points" if unit == "codepoint" else "UTF-16 code units"


def _relation_rules(inv: Inventory) -> str:
    return "; ".join(f"{name}: {'/'.join(inv.relation(name)['from'])} -> {'/'.join(inv.relation(name)['to'])}"
                     for name in inv.relation_types)


def _relation_type(labels: list, from_layer: str, to_layer: str, inv: Inventory) -> tuple[str, bool] | None:
    """The relation type and whether its ends must be swapped to fit the inventory (a relation drawn backwards).

    The type is the relation's one label, or for an unlabeled relation the one type the joined layers allow.
    A labeled relation whose layers fit neither way keeps its ends (the validator reports it).
    """
    fits = [(t, False) for t in inv.relation_types if from_layer in inv.relation(t)["from"] and to_layer in inv.relation(t)["to"]]
    swapped = [(t, True) for t in inv.relation_types if to_layer in inv.relation(t)["from"] and from_layer in inv.relation(t)["to"]]
    if len(labels) == 1:
        named = [f for f in fits + swapped if f[0] == labels[0]]
        if labels[0] in inv.relation_types:
            return named[0] if named else (labels[0], False)
        return None
    if not labels and len(fits + swapped) == 1:
        return (fits + swapped)[0]
    return None


def result_layers(result: Any, text: str, where: Where, *, inv: Inventory | None = None,
                  offsets: OffsetUnit = "codepoint", keep_scores: bool = False) -> dict[str, list]:
    """The annotation layers and relations of one Label Studio result list over ``text`` (raises ExportError).

    Per-region choices are merged onto their span; relations come from ``from_id``/``to_id``
    (direction ``left`` swaps them; an unlabeled relation takes the one type the inventory allows).
    """
    inv = inv or inventory()
    m = model(inv)
    if not isinstance(result, list):
        raise fail("ls.result_shape", where, expected="a list of result items", found=shown(result))
    layers: dict[str, list] = empty_layers()
    regions: dict[str, tuple[str, dict]] = {}
    raw_ids: dict[str, str] = {}
    choices: list[tuple[dict, Where]] = []
    relations: list[tuple[dict, Where]] = []
    for n, item in enumerate(result):
        here = where.at(result=item.get("id", f"#{n}") if isinstance(item, dict) else f"#{n}")
        if not isinstance(item, dict):
            raise fail("ls.result_shape", here, expected="a result object", found=shown(item))
        kind = item.get("type")
        if kind == RELATION:
            relations.append((item, where.at(result=f"relation #{n}")))
            continue
        name = item.get("from_name")
        if name not in m.labels_of_control and name not in m.attributes:
            raise fail("ls.unknown_from_name", here, name=name, expected=sorted([*m.labels_of_control, *m.attributes]))
        if item.get("to_name", TEXT_NAME) != TEXT_NAME:
            raise fail("ls.result_shape", here, expected=f"to_name {TEXT_NAME!r}", found=shown(item.get("to_name")))
        value = item.get("value")
        if not isinstance(value, dict):
            raise fail("ls.result_shape", here, expected="a \"value\" object", found=shown(value))
        if name in m.attributes:
            choices.append((item, here))
            continue
        rid = _region_id(item.get("id"), here)
        labels = value.get("labels")
        if not isinstance(labels, list) or len(labels) != 1:
            raise fail("ls.label_count", here, labels=shown(labels) if not isinstance(labels, list) else labels)
        label = labels[0]
        if label not in m.labels_of_control[name]:
            raise fail("ls.unknown_label", here, label=label, control=name, expected=m.labels_of_control[name])
        if rid in regions:
            raise fail("ls.region_twice", here, rid=rid, controls=f"{regions[rid][1]['label']} and {label}")
        s, e = _offsets(value, text, offsets, here)
        layer = m.layer_of_label[label]
        span = {"id": rid, "start": s, "end": e, "text": text[s:e], "label": label}
        if keep_scores and isinstance(item.get("score"), (int, float)) and not isinstance(item.get("score"), bool):
            span["score"] = item["score"]
        regions[rid] = (layer, span)
        raw_ids[str(item.get("id"))] = rid
        layers[layer].append(span)
    for item, here in choices:
        attr = m.attributes[item["from_name"]]
        raw = item.get("id")
        rid = raw_ids.get(str(raw))
        if rid is None:
            raise fail("ls.choice_no_region", here, name=attr.name, rid=raw)
        layer, span = regions[rid]
        if layer != attr.layer:
            raise fail("ls.choice_layer", here, name=attr.name, layer=attr.layer, rid=rid, label=span["label"])
        picked = item["value"].get("choices")
        if not isinstance(picked, list) or len(picked) != 1 or picked[0] not in attr.choices or attr.name in span:
            raise fail("ls.bad_choice", here, name=attr.name, expected=list(attr.choices),
                        found=picked if attr.name not in span else "a second choice for the same region")
        span[attr.name] = attr.to_caveat(picked[0])
    seen: set[tuple[str, str, str]] = set()
    used_ids = set(regions)
    for item, here in relations:
        ends = []
        for key in ("from_id", "to_id"):
            rid = raw_ids.get(str(item.get(key)))
            if rid is None:
                raise fail("ls.relation_missing", here, from_id=item.get("from_id"), to_id=item.get("to_id"), missing=item.get(key))
            ends.append(rid)
        labels = item.get("labels") or []
        (fl, fs), (tl, ts) = regions[ends[0]], regions[ends[1]]
        if item.get("direction") == "left":
            ends.reverse()
            (fl, fs), (tl, ts) = (tl, ts), (fl, fs)
        typed = _relation_type(labels if isinstance(labels, list) else [labels], fl, tl, inv)
        if typed is None:
            raise fail("ls.relation_label", here, from_id=ends[0], from_label=fs["label"], to_id=ends[1],
                        to_label=ts["label"], labels=labels, rules=_relation_rules(inv))
        rtype, swap = typed
        if swap:
            ends.reverse()
        key = (rtype, ends[0], ends[1])
        if key in seen:
            continue
        seen.add(key)
        rel_id = item.get("id")
        if not (isinstance(rel_id, str) and _ID.match(rel_id)) or rel_id in used_ids:
            rel_id = f"{ends[0]}-{rtype}-{ends[1]}"
        if rel_id in used_ids:
            raise fail("ls.duplicate_id", here, rid=rel_id)
        used_ids.add(rel_id)
        rel = {"id": rel_id, "type": rtype, "from": ends[0], "to": ends[1]}
        if keep_scores and isinstance(item.get("score"), (int, float)) and not isinstance(item.get("score"), bool):
            rel["score"] = item["score"]
        layers["relations"].append(rel)
    return layers

"""Pure converters between Caveat documents / prediction records and Label Studio tasks and results.

Caveat -> Label Studio: :func:`document_task` (a task with gold layers as annotations or
predictions), :func:`prediction_entry` (a baseline's record as a pre-annotation).
Label Studio -> Caveat: :func:`result_layers` (one annotation or prediction result back into
layers and relations), :func:`read_task` / :func:`read_export` (a full JSON export into
documents, one per annotator, plus prediction records). Every check of an export names the
task, annotation and result it concerns; a task that fails yields no document at all.
"""
from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from typing import Any, Iterable, Sequence

from ..document import canonical, empty_layers
from ..errors import CaveatError, message
from ..labels import ANNOTATION_LAYERS, SEGMENT_LAYERS, Inventory, inventory
from ..schemas import ID_PATTERN
from .config import TEXT_NAME, ConfigModel, model
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


def _fail(key: str, where: Where, **details: Any) -> ExportError:
    return ExportError(message(key, where=where, **details))


def _kind(value: Any) -> str:
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
        raise _fail("ls.result_shape", where, expected="a region \"id\" string", found=_kind(raw))
    rid = str(raw)
    return rid if _ID.match(rid) else "ls" + re.sub(r"[^A-Za-z0-9_.:-]", "_", rid)


def _offsets(value: dict, text: str, unit: OffsetUnit, where: Where) -> tuple[int, int]:
    """Checked code-point offsets of a text region, its ``value.text`` compared with the document text."""
    s, e = value.get("start"), value.get("end")
    if type(s) is not int or type(e) is not int:
        raise _fail("ls.result_shape", where, expected="integer value.start and value.end (a text region)",
                    found=f"start={_kind(s)}, end={_kind(e)}")
    converted = convert_in(text, s, e, unit)
    if converted is None or not 0 <= converted[0] < converted[1] <= len(text):
        raise _fail("ls.bad_offsets", where, start=s, end=e, length=len(text), unit=_unit_name(unit))
    cs, ce = converted
    found = value.get("text")
    if found is not None and found != text[cs:ce]:
        other: OffsetUnit = "utf16" if unit == "codepoint" else "codepoint"
        alt = convert_in(text, s, e, other)
        if alt is not None and 0 <= alt[0] < alt[1] <= len(text) and text[alt[0]:alt[1]] == found:
            hint = message("ls.hint_utf16" if other == "utf16" else "ls.hint_codepoint")
        else:
            hint = message("ls.hint_text")
        raise _fail("ls.text_mismatch", where, found=found, expected=text[cs:ce], start=s, end=e,
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
        raise _fail("ls.result_shape", where, expected="a list of result items", found=_kind(result))
    layers: dict[str, list] = empty_layers()
    regions: dict[str, tuple[str, dict]] = {}
    raw_ids: dict[str, str] = {}
    choices: list[tuple[dict, Where]] = []
    relations: list[tuple[dict, Where]] = []
    for n, item in enumerate(result):
        here = where.at(result=item.get("id", f"#{n}") if isinstance(item, dict) else f"#{n}")
        if not isinstance(item, dict):
            raise _fail("ls.result_shape", here, expected="a result object", found=_kind(item))
        kind = item.get("type")
        if kind == RELATION:
            relations.append((item, where.at(result=f"relation #{n}")))
            continue
        name = item.get("from_name")
        if name not in m.labels_of_control and name not in m.attributes:
            raise _fail("ls.unknown_from_name", here, name=name, expected=sorted([*m.labels_of_control, *m.attributes]))
        if item.get("to_name", TEXT_NAME) != TEXT_NAME:
            raise _fail("ls.result_shape", here, expected=f"to_name {TEXT_NAME!r}", found=_kind(item.get("to_name")))
        value = item.get("value")
        if not isinstance(value, dict):
            raise _fail("ls.result_shape", here, expected="a \"value\" object", found=_kind(value))
        if name in m.attributes:
            choices.append((item, here))
            continue
        rid = _region_id(item.get("id"), here)
        labels = value.get("labels")
        if not isinstance(labels, list) or len(labels) != 1:
            raise _fail("ls.label_count", here, labels=_kind(labels) if not isinstance(labels, list) else labels)
        label = labels[0]
        if label not in m.labels_of_control[name]:
            raise _fail("ls.unknown_label", here, label=label, control=name, expected=m.labels_of_control[name])
        if rid in regions:
            raise _fail("ls.region_twice", here, rid=rid, controls=f"{regions[rid][1]['label']} and {label}")
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
            raise _fail("ls.choice_no_region", here, name=attr.name, rid=raw)
        layer, span = regions[rid]
        if layer != attr.layer:
            raise _fail("ls.choice_layer", here, name=attr.name, layer=attr.layer, rid=rid, label=span["label"])
        picked = item["value"].get("choices")
        if not isinstance(picked, list) or len(picked) != 1 or picked[0] not in attr.choices or attr.name in span:
            raise _fail("ls.bad_choice", here, name=attr.name, expected=list(attr.choices),
                        found=picked if attr.name not in span else "a second choice for the same region")
        span[attr.name] = attr.to_caveat(picked[0])
    seen: set[tuple[str, str, str]] = set()
    used_ids = set(regions)
    for item, here in relations:
        ends = []
        for key in ("from_id", "to_id"):
            rid = raw_ids.get(str(item.get(key)))
            if rid is None:
                raise _fail("ls.relation_missing", here, from_id=item.get("from_id"), to_id=item.get("to_id"), missing=item.get(key))
            ends.append(rid)
        labels = item.get("labels") or []
        (fl, fs), (tl, ts) = regions[ends[0]], regions[ends[1]]
        if item.get("direction") == "left":
            ends.reverse()
            (fl, fs), (tl, ts) = (tl, ts), (fl, fs)
        typed = _relation_type(labels if isinstance(labels, list) else [labels], fl, tl, inv)
        if typed is None:
            raise _fail("ls.relation_label", here, from_id=ends[0], from_label=fs["label"], to_id=ends[1],
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
            raise _fail("ls.duplicate_id", here, rid=rel_id)
        used_ids.add(rel_id)
        rel = {"id": rel_id, "type": rtype, "from": ends[0], "to": ends[1]}
        if keep_scores and isinstance(item.get("score"), (int, float)) and not isinstance(item.get("score"), bool):
            rel["score"] = item["score"]
        layers["relations"].append(rel)
    return layers


# ---------------------------------------------------------------- whole tasks and exports

@dataclass
class AnnotatedDocument:
    """One annotator's annotation of one task, as a Caveat document (a non-gold draft)."""

    doc_id: str
    annotator: str
    document: dict
    annotation_id: Any


@dataclass
class TaskResult:
    """What one task of an export yields: its annotators' documents and its prediction records."""

    task_id: Any
    doc_id: str
    documents: list[AnnotatedDocument] = field(default_factory=list)
    predictions: list[tuple[str, dict]] = field(default_factory=list)  # (model_version, record)
    cancelled: int = 0
    superseded: int = 0


def annotator_of(annotation: dict) -> str:
    """Who made an annotation: the e-mail of ``completed_by`` when the export expands it, else ``user-<id>``."""
    who = annotation.get("completed_by")
    if isinstance(who, dict):
        return str(who.get("email") or f"user-{who.get('id')}")
    if who is None:
        return str(annotation.get("created_username") or "unknown")
    return f"user-{who}"


def _first_difference(a: str, b: str) -> int:
    n = min(len(a), len(b))
    return next((i for i in range(n) if a[i] != b[i]), n)


def base_document(task: dict, where: Where, corpus_doc: dict | None, corpus_file: str | None) -> dict:
    """The document a task's annotations are written onto: the corpus's own if given (same text), else rebuilt from the task data."""
    data = task["data"]
    text = data[TEXT_NAME]
    if corpus_doc is not None:
        if corpus_doc.get("text") != text:
            at = _first_difference(text, corpus_doc.get("text") or "")
            raise _fail("ls.text_changed", where, file=corpus_file or "the corpus", offset=at,
                        ls=text[at:at + 20], corpus=(corpus_doc.get("text") or "")[at:at + 20])
        base = copy.deepcopy(corpus_doc)
    else:
        extra = data.get("caveat") if isinstance(data.get("caveat"), dict) else {}
        meta = copy.deepcopy(extra.get("meta")) if isinstance(extra.get("meta"), dict) else {}
        meta.setdefault("title", data.get("title") or data["doc_id"])
        base = {"id": data["doc_id"], "meta": meta, "text": text,
                **{layer: copy.deepcopy(extra.get(layer) or []) for layer in SEGMENT_LAYERS}}
    base.update(empty_layers())
    return base


def _pass_record(annotation: dict, annotator: str, task_id: Any, project: Any) -> dict:
    """The ``meta.annotation.passes`` entry of a pulled annotation: who, when, and the Label Studio ids."""
    ls = {"task": task_id, "annotation": annotation.get("id")}
    if project is not None:
        ls["project"] = project
    for key in ("created_at", "updated_at", "lead_time"):
        if annotation.get(key) is not None:
            ls[key] = annotation[key]
    return {"annotator": annotator, "kind": "annotation", "date": annotation.get("updated_at") or annotation.get("created_at"),
            "file": None, "notes": None, "labelstudio": ls}


def _with_pass(base: dict, record: dict) -> dict:
    """``base`` as a draft whose passes end with ``record`` (replacing an earlier pull of the same annotation)."""
    doc = base
    meta = doc.setdefault("meta", {})
    old = meta.get("annotation") if isinstance(meta.get("annotation"), dict) else {}
    ident = (record["labelstudio"].get("project"), record["labelstudio"]["task"], record["labelstudio"]["annotation"])
    passes = [p for p in old.get("passes", []) if not (isinstance(p, dict) and isinstance(p.get("labelstudio"), dict)
              and (p["labelstudio"].get("project"), p["labelstudio"].get("task"), p["labelstudio"].get("annotation")) == ident)]
    meta["annotation"] = {**old, "status": "draft", "passes": passes + [record]}
    return doc


def read_task(task: Any, source: str, *, corpus_doc: dict | None = None, corpus_file: str | None = None,
              annotator: str | None = None, offsets: OffsetUnit = "codepoint", project: Any = None,
              inv: Inventory | None = None) -> TaskResult:
    """Read one task of a full JSON export: one document per annotator (the latest annotation of each), and predictions.

    Cancelled (skipped) annotations are left out; with ``annotator`` only that person's annotation is kept.
    Raises ExportError naming the task, annotation and result on the first problem.
    """
    where = Where(source)
    if not isinstance(task, dict) or not isinstance(task.get("data"), dict):
        raise _fail("ls.task_shape", where.at(task=task.get("id") if isinstance(task, dict) else None),
                    expected="a task object with a \"data\" object", found=_kind(task.get("data") if isinstance(task, dict) else task))
    data = task["data"]
    where = where.at(task=task.get("id"))
    if not isinstance(data.get("doc_id"), str) or not data["doc_id"]:
        raise _fail("ls.no_doc_id", where)
    where = where.at(doc_id=data["doc_id"])
    if not isinstance(data.get(TEXT_NAME), str):
        raise _fail("ls.no_text", where)
    text = data[TEXT_NAME]
    out = TaskResult(task.get("id"), data["doc_id"])
    for key in ("annotations", "predictions"):
        if not isinstance(task.get(key, []), list):
            raise _fail("ls.task_shape", where, expected=f"a list of {key}", found=_kind(task.get(key)))
    latest: dict[str, dict] = {}
    for ann in task.get("annotations", []):
        if not isinstance(ann, dict):
            raise _fail("ls.task_shape", where, expected="an annotation object", found=_kind(ann))
        if ann.get("was_cancelled"):
            out.cancelled += 1
            continue
        who = annotator_of(ann)
        if annotator is not None and who != annotator:
            continue
        if who in latest:
            out.superseded += 1
            if str(ann.get("updated_at") or "") < str(latest[who].get("updated_at") or ""):
                continue
        latest[who] = ann
    base = base_document(task, where, corpus_doc, corpus_file) if latest else None
    for who in sorted(latest):
        ann = latest[who]
        layers = result_layers(ann.get("result"), text, where.at(item=f"annotation {ann.get('id')} by {who}"), inv=inv, offsets=offsets)
        doc = _with_pass({**copy.deepcopy(base), **layers}, _pass_record(ann, who, task.get("id"), project))
        out.documents.append(AnnotatedDocument(data["doc_id"], who, canonical(doc), ann.get("id")))
    for pred in task.get("predictions", []):
        if not isinstance(pred, dict):
            raise _fail("ls.task_shape", where, expected="a prediction object (export with full predictions)", found=_kind(pred))
        here = where.at(item=f"prediction {pred.get('id')}")
        layers = result_layers(pred.get("result"), text, here, inv=inv, offsets=offsets, keep_scores=True)
        version = str(pred.get("model_version") or "unversioned")
        meta = {"model_version": version, "labelstudio": {k: pred[k] for k in ("id", "score", "created_at") if pred.get(k) is not None}}
        out.predictions.append((version, {"doc_id": data["doc_id"], "meta": meta, **layers}))
    return out


@dataclass
class ExportResult:
    """A whole export read: the tasks that worked, the messages of those that failed, and counts."""

    tasks: list[TaskResult]
    failures: list[str]

    @property
    def documents(self) -> list[AnnotatedDocument]:
        return [d for t in self.tasks for d in t.documents]

    def predictions_by_version(self) -> dict[str, list[dict]]:
        """Prediction records grouped by model version, one record per document, in task order."""
        out: dict[str, list[dict]] = {}
        for t in self.tasks:
            for version, record in t.predictions:
                out.setdefault(version, []).append(record)
        return out


def read_export(export: Any, source: str, *, corpus: dict[str, dict] | None = None, corpus_files: dict[str, str] | None = None,
                annotator: str | None = None, offsets: OffsetUnit = "codepoint", project: Any = None,
                inv: Inventory | None = None) -> ExportResult:
    """Read a full JSON export task by task; a failing task is reported in ``failures`` and yields nothing."""
    if not isinstance(export, list):
        raise ExportError(message("ls.not_export", file=source, found=_kind(export)))
    corpus = corpus or {}
    tasks, failures = [], []
    for task in export:
        doc_id = task.get("data", {}).get("doc_id") if isinstance(task, dict) and isinstance(task.get("data"), dict) else None
        try:
            tasks.append(read_task(task, source, corpus_doc=corpus.get(doc_id) if isinstance(doc_id, str) else None,
                                   corpus_file=(corpus_files or {}).get(doc_id) if isinstance(doc_id, str) else None,
                                   annotator=annotator, offsets=offsets, project=project, inv=inv))
        except ExportError as exc:
            failures.append(exc.message)
    return ExportResult(tasks, failures)


def annotators(result: ExportResult) -> list[str]:
    """Every annotator whose annotation was kept, sorted."""
    return sorted({d.annotator for d in result.documents})


def group_by_doc(documents: Iterable[AnnotatedDocument]) -> dict[str, list[AnnotatedDocument]]:
    """Annotated documents grouped by document id (several entries = several annotators)."""
    out: dict[str, list[AnnotatedDocument]] = {}
    for d in documents:
        out.setdefault(d.doc_id, []).append(d)
    return out

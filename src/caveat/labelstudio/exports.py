"""Reading a Label Studio full JSON export: one Caveat document per annotator and task, plus prediction records.

Cancelled (skipped) annotations are left out; each annotator's latest annotation of a task is kept;
annotator, annotation ids and timestamps go into ``meta.annotation.passes``. A task that fails any
check yields nothing, and its message names the task, annotation and result.
"""
from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any

from ..document import canonical, empty_layers
from ..errors import message
from ..labels import SEGMENT_LAYERS, Inventory
from .config import TEXT_NAME
from .convert import ExportError, Where, fail, result_layers, shown
from .offsets import OffsetUnit


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
    seen: set[str] = field(default_factory=set)  # every annotator with a kept (not cancelled) annotation


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
            raise fail("ls.text_changed", where, file=corpus_file or "the corpus", offset=at,
                        ls=text[at:at + 20], corpus=(corpus_doc.get("text") or "")[at:at + 20])
        base = copy.deepcopy(corpus_doc)
    else:
        extra = data.get("caveat") if isinstance(data.get("caveat"), dict) else {}
        for layer in SEGMENT_LAYERS:
            segments = extra.get(layer) or []
            if not isinstance(segments, list) or not all(isinstance(x, dict) for x in segments):
                raise fail("ls.task_shape", where, expected=f"data.caveat.{layer} as a list of segment objects",
                           found=shown(segments))
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
        raise fail("ls.task_shape", where.at(task=task.get("id") if isinstance(task, dict) else None),
                    expected="a task object with a \"data\" object", found=shown(task.get("data") if isinstance(task, dict) else task))
    data = task["data"]
    where = where.at(task=task.get("id"))
    if not isinstance(data.get("doc_id"), str) or not data["doc_id"]:
        raise fail("ls.no_doc_id", where)
    where = where.at(doc_id=data["doc_id"])
    if not isinstance(data.get(TEXT_NAME), str):
        raise fail("ls.no_text", where)
    text = data[TEXT_NAME]
    out = TaskResult(task.get("id"), data["doc_id"])
    for key in ("annotations", "predictions"):
        if not isinstance(task.get(key, []), list):
            raise fail("ls.task_shape", where, expected=f"a list of {key}", found=shown(task.get(key)))
    latest: dict[str, dict] = {}
    for ann in task.get("annotations", []):
        if not isinstance(ann, dict):
            raise fail("ls.task_shape", where, expected="an annotation object", found=shown(ann))
        if ann.get("was_cancelled"):
            out.cancelled += 1
            continue
        who = annotator_of(ann)
        out.seen.add(who)
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
            raise fail("ls.task_shape", where, expected="a prediction object (export with full predictions)", found=shown(pred))
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
        raise ExportError(message("ls.not_export", file=source, found=shown(export)))
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
    """Every annotator with a (not cancelled) annotation in the export, picked or not, sorted."""
    return sorted({who for t in result.tasks for who in t.seen})


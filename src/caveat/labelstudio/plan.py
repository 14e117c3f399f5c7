"""Pure planning for push and pull: which tasks to create or update, where pulled documents go, and what changed."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any, Iterable, Sequence

from ..document import dumps
from ..labels import ANNOTATION_LAYERS
from .config import TEXT_NAME
from .exports import AnnotatedDocument

# Both routes to gold (corpus/GUIDELINES.md): one pass + a full review, or two passes + adjudication.
GOLD_STATUSES = ("reviewed", "adjudicated")


# ---------------------------------------------------------------- push

@dataclass
class PushPlan:
    """What a push does to a project, given the tasks Caveat wants there and the tasks already there."""

    new_tasks: list[dict] = field(default_factory=list)
    add_annotations: list[tuple[int, dict]] = field(default_factory=list)  # (task id, {"result": ...})
    add_predictions: list[tuple[int, dict]] = field(default_factory=list)  # (task id, prediction entry)
    update_data: list[tuple[int, dict]] = field(default_factory=list)  # (task id, new data)
    unchanged: list[str] = field(default_factory=list)
    conflicts: list[tuple[str, int]] = field(default_factory=list)  # (doc id, task id): text changed under annotations

    def summary(self) -> dict[str, int]:
        """Counts of each kind of change."""
        return {"new tasks": len(self.new_tasks), "annotations added": len(self.add_annotations),
                "predictions added": len(self.add_predictions), "tasks updated": len(self.update_data),
                "unchanged": len(self.unchanged), "conflicts": len(self.conflicts)}


def plan_push(wanted: Sequence[dict], existing: Sequence[dict]) -> PushPlan:
    """Plan a push of ``wanted`` tasks (from :func:`convert.document_task`) into a project holding ``existing`` (a full export).

    New documents become new tasks. For a document already there (matched by ``data.doc_id``, first task
    wins): predictions of a model version the task lacks are added; gold annotations are added only to a
    task nobody has annotated; a changed text updates an unannotated task and is a conflict otherwise.
    """
    by_doc: dict[str, dict] = {}
    for task in sorted(existing, key=lambda t: t.get("id", 0)):
        doc_id = (task.get("data") or {}).get("doc_id")
        if isinstance(doc_id, str):
            by_doc.setdefault(doc_id, task)
    plan = PushPlan()
    for task in wanted:
        doc_id = task["data"]["doc_id"]
        old = by_doc.get(doc_id)
        if old is None:
            plan.new_tasks.append(task)
            continue
        tid = old["id"]
        annotated = any(not a.get("was_cancelled") for a in old.get("annotations") or [])
        if old["data"].get(TEXT_NAME) != task["data"][TEXT_NAME]:
            if annotated:
                plan.conflicts.append((doc_id, tid))
                continue
            plan.update_data.append((tid, task["data"]))
        elif old["data"] != task["data"]:
            plan.update_data.append((tid, task["data"]))
        versions = {p.get("model_version") for p in old.get("predictions") or [] if isinstance(p, dict)}
        before = (len(plan.add_annotations), len(plan.add_predictions), len(plan.update_data))
        plan.add_predictions += [(tid, e) for e in task.get("predictions", []) if e["model_version"] not in versions]
        for ann in task.get("annotations", []):
            if not annotated:
                plan.add_annotations.append((tid, ann))
        if (len(plan.add_annotations), len(plan.add_predictions), len(plan.update_data)) == before:
            plan.unchanged.append(doc_id)
    return plan


# ---------------------------------------------------------------- pull

def annotator_dir(annotator: str) -> str:
    """A directory name for an annotator (``ann@example.org`` -> ``ann-at-example.org``)."""
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", annotator.replace("@", "-at-")).strip("._") or "unknown"


def pull_targets(documents: Iterable[AnnotatedDocument], out: PurePath, annotators_out: PurePath) -> list[tuple[AnnotatedDocument, PurePath]]:
    """Where each pulled document goes.

    A task annotated by one person goes to ``out/<doc_id>.json``; a task annotated by several people is
    kept apart, one directory per annotator: ``annotators_out/<annotator>/<doc_id>.json``.
    """
    docs = list(documents)
    count: dict[str, int] = {}
    for d in docs:
        count[d.doc_id] = count.get(d.doc_id, 0) + 1
    return [(d, out / f"{d.doc_id}.json" if count[d.doc_id] == 1 else annotators_out / annotator_dir(d.annotator) / f"{d.doc_id}.json")
            for d in docs]


def gold_status(doc: Any) -> str | None:
    """The status of a gold document (``reviewed`` or ``adjudicated``: gold that a pull must not overwrite), else None."""
    meta = doc.get("meta") if isinstance(doc, dict) else None
    ann = meta.get("annotation") if isinstance(meta, dict) else None
    status = ann.get("status") if isinstance(ann, dict) else None
    return status if status in GOLD_STATUSES else None


def _span_key(span: dict) -> tuple:
    return tuple(sorted((k, str(v)) for k, v in span.items() if k != "id"))


def changes(old: dict | None, new: dict) -> dict[str, dict[str, int]]:
    """Per layer (and relations): spans added, removed and changed (same id, other content) from ``old`` to ``new``."""
    out: dict[str, dict[str, int]] = {}
    for layer in (*ANNOTATION_LAYERS, "relations"):
        before = {s.get("id"): s for s in (old or {}).get(layer) or [] if isinstance(s, dict)}
        after = {s.get("id"): s for s in new.get(layer) or []}
        added = [k for k in after if k not in before]
        removed = [k for k in before if k not in after]
        changed = [k for k in after if k in before and _span_key(after[k]) != _span_key(before[k])]
        # a span re-drawn with a new id but the same content is neither added nor removed
        same = {_span_key(before[k]) for k in removed} & {_span_key(after[k]) for k in added}
        added = [k for k in added if _span_key(after[k]) not in same]
        removed = [k for k in removed if _span_key(before[k]) not in same]
        if added or removed or changed:
            out[layer] = {"added": len(added), "removed": len(removed), "changed": len(changed)}
    return out


def describe_changes(ch: dict[str, dict[str, int]]) -> str:
    """``entities +3 -1 ~1, relations +1`` (or ``annotation layers unchanged``)."""
    if not ch:
        return "annotation layers unchanged"
    parts = []
    for layer, c in ch.items():
        bits = [f"+{c['added']}" if c["added"] else "", f"-{c['removed']}" if c["removed"] else "",
                f"~{c['changed']}" if c["changed"] else ""]
        parts.append(f"{layer} {' '.join(b for b in bits if b)}")
    return ", ".join(parts)


def same_file(old: dict | None, new: dict) -> bool:
    """True if writing ``new`` would not change the file holding ``old``."""
    return old is not None and dumps(old) == dumps(new)

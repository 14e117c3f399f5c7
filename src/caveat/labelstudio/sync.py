"""Live sync with a Label Studio server through ``label_studio_sdk``: connect, find or create a project, push, snapshot.

The API token is only handed to the SDK client: it is never printed, logged or written to a file,
and no message built here contains it.
"""
from __future__ import annotations

import json
import os
import time
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Iterator, Mapping

from ..errors import CaveatError, message
from ..fileio import parse_json
from .plan import PushPlan, plan_push

ENV_URL, ENV_KEY = "LABEL_STUDIO_URL", "LABEL_STUDIO_API_KEY"
IMPORT_BATCH = 100


class ServerError(CaveatError):
    """Label Studio could not be reached or refused a request; exit code 1."""


@dataclass(frozen=True)
class Connection:
    """A server URL and an SDK client (the token lives only inside the client)."""

    url: str
    client: Any


def resolve(url: str | None, api_key: str | None, env: Mapping[str, str] | None = None) -> tuple[str, str]:
    """The URL and token from the options or else the SDK's environment variables (usage error if either is missing)."""
    env = os.environ if env is None else env
    url = (url or env.get(ENV_URL) or "").rstrip("/")
    key = api_key or env.get(ENV_KEY) or ""
    if not url:
        raise CaveatError(message("ls.no_url"), exit_code=2)
    if not key:
        raise CaveatError(message("ls.no_key"), exit_code=2)
    return url, key


def _detail(body: Any) -> str:
    if isinstance(body, dict):
        body = body.get("detail") or body.get("validation_errors") or body
    text = body if isinstance(body, str) else json.dumps(body, ensure_ascii=False, default=str)
    return text if len(text) <= 300 else text[:297] + "..."


@contextmanager
def api(url: str, action: str, fix: str | None = None) -> Iterator[None]:
    """Turn transport and HTTP failures of the SDK into one ServerError naming the server and the action."""
    import httpx
    from label_studio_sdk.core.api_error import ApiError

    try:
        yield
    except ApiError as exc:
        if exc.status_code in (401, 403):
            raise ServerError(message("ls.auth", url=url, status=exc.status_code)) from None
        raise ServerError(message("ls.http", url=url, status=exc.status_code, action=action, detail=_detail(exc.body),
                                  fix=fix or message("ls.fix_generic"))) from None
    except httpx.HTTPError as exc:
        raise ServerError(message("ls.unreachable", url=url, reason=type(exc).__name__ + (f": {exc}" if str(exc) else ""))) from None


def connect(url: str, api_key: str, *, timeout: float = 120) -> Connection:
    """An SDK client for ``url``, checked by asking the server who we are."""
    from label_studio_sdk import LabelStudio

    client = LabelStudio(base_url=url, api_key=api_key, timeout=timeout)
    with api(url, "a who-am-I check"):
        client.users.whoami()
    return Connection(url, client)


def find_project(conn: Connection, ref: str) -> Any | None:
    """The project whose id (all digits) or exact title is ``ref``; None if there is none."""
    with api(conn.url, "listing projects"):
        projects = list(conn.client.projects.list(page_size=100))
    if ref.isdigit():
        hits = [p for p in projects if p.id == int(ref)]
    else:
        hits = [p for p in projects if p.title == ref]
    if len(hits) > 1:
        raise ServerError(message("ls.ambiguous_project", count=len(hits), ref=ref, url=conn.url, ids=[p.id for p in hits]))
    return hits[0] if hits else None


def require_project(conn: Connection, ref: str) -> Any:
    """Like :func:`find_project`, but a missing project is an error listing the projects there are."""
    project = find_project(conn, ref)
    if project is None:
        with api(conn.url, "listing projects"):
            known = [f"{p.id}: {p.title}" for p in conn.client.projects.list(page_size=100)]
        raise ServerError(message("ls.no_project", ref=ref, url=conn.url, known=known or "none"))
    return project


def ensure_project(conn: Connection, ref: str, config: str, description: str) -> tuple[Any, str]:
    """Find ``ref`` or create it (as a title) with ``config``; an existing project gets ``config`` if it differs.

    Returns the project and what happened: ``created``, ``config updated`` or ``found``.
    """
    project = find_project(conn, ref)
    if project is None:
        if ref.isdigit():
            require_project(conn, ref)
        with api(conn.url, "creating the project"):
            return conn.client.projects.create(title=ref, label_config=config, description=description), "created"
    if (project.label_config or "").strip() != config.strip():
        with api(conn.url, "updating the project's labeling config", message("ls.fix_config")):
            conn.client.projects.update(id=project.id, label_config=config, description=description)
        return project, "config updated"
    return project, "found"


def snapshot(conn: Connection, project_id: int, *, timeout: float = 300, poll: float = 0.3) -> list[dict]:
    """A full JSON export of a project: every task (annotated or not), predictions in full, annotators expanded."""
    c = conn.client
    with api(conn.url, f"starting an export of project {project_id}"):
        export = c.projects.exports.create(
            project_id, title="caveat ls pull",
            task_filter_options={"only_with_annotations": False},
            serialization_options={"predictions": {"only_id": False}, "annotations__completed_by": {"only_id": False}},
        )
    deadline = time.monotonic() + timeout
    status = export.status
    while status != "completed":
        if status == "failed" or time.monotonic() > deadline:
            raise ServerError(message("ls.export_timeout", project=project_id, seconds=timeout, status=status))
        time.sleep(poll)
        with api(conn.url, f"checking export {export.id} of project {project_id}"):
            status = c.projects.exports.get(project_id, export.id).status
    with api(conn.url, f"downloading export {export.id} of project {project_id}"):
        data = b"".join(c.projects.exports.download(project_id, export.id, export_type="JSON"))
    with api(conn.url, f"deleting export {export.id} of project {project_id}"):
        c.projects.exports.delete(project_id, export.id)
    return parse_json(data.decode("utf-8", errors="replace"), f"{conn.url}: export {export.id} of project {project_id}")


def apply_push(conn: Connection, project_id: int, plan: PushPlan) -> None:
    """Carry out a push plan: import new tasks in batches, update data, add annotations and predictions."""
    c = conn.client
    for i in range(0, len(plan.new_tasks), IMPORT_BATCH):
        with api(conn.url, f"importing tasks into project {project_id}"):
            c.projects.import_tasks(id=project_id, request=plan.new_tasks[i:i + IMPORT_BATCH])
    for tid, data in plan.update_data:
        with api(conn.url, f"updating task {tid}"):
            c.tasks.update(id=str(tid), data=data)
    for tid, ann in plan.add_annotations:
        with api(conn.url, f"adding an annotation to task {tid}"):
            c.annotations.create(id=tid, result=ann["result"])
    for tid, entry in plan.add_predictions:
        with api(conn.url, f"adding a prediction to task {tid}"):
            kwargs = {"score": entry["score"]} if "score" in entry else {}
            c.predictions.create(task=tid, result=entry["result"], model_version=entry["model_version"], **kwargs)


def project_url(conn: Connection, project_id: int) -> str:
    """The web address of a project's data manager."""
    return f"{conn.url}/projects/{project_id}/data"


def push(conn: Connection, ref: str, tasks: list[dict], config: str, description: str) -> tuple[Any, str, PushPlan]:
    """Push ``tasks`` into project ``ref`` (created or brought up to date first); returns the project, what happened to it, and the plan carried out."""
    project, what = ensure_project(conn, ref, config, description)
    existing = snapshot(conn, project.id) if what != "created" else []
    plan = plan_push(tasks, existing)
    apply_push(conn, project.id, plan)
    return project, what, plan


def pull(conn: Connection, ref: str) -> tuple[Any, list[dict]]:
    """The project ``ref`` and a full snapshot export of it."""
    project = require_project(conn, ref)
    return project, snapshot(conn, project.id)

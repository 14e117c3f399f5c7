"""`caveat ls config|export|import|push|pull`: the Label Studio round trip (files offline, or a live server)."""
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from typing import Callable, Sequence

from ..cliutil import add_quiet, corpus_dir, parser, progress, run
from ..document import dumps
from ..errors import CaveatError, message
from ..fileio import (JsonInputError, atomic_write_json, atomic_write_jsonl, atomic_write_text, document_files, iter_jsonl,
                      parse_json, read_json, read_text)
from ..labels import inventory
from ..labelstudio import config as ls_config
from ..labelstudio.convert import document_task
from ..labelstudio.exports import ExportResult, annotators, read_export
from ..labelstudio.offsets import UNITS
from ..labelstudio.plan import changes, describe_changes, gold_status, pull_targets, same_file

SUBCOMMANDS = {
    "config": "print the labeling config generated from schema/labels.json",
    "export": "write a Label Studio tasks file from the corpus (and a baseline's predictions)",
    "import": "read a Label Studio full JSON export back into documents",
    "push": "create or update a project on a Label Studio server and import tasks",
    "pull": "export a project from a Label Studio server and write its annotations as drafts",
}
EXAMPLE = "caveat ls push --project caveat-batch-1 --predictions preds.jsonl"


def _say(quiet: bool, text: str) -> None:
    """Print unless quiet."""
    if not quiet:
        print(text)


# ---------------------------------------------------------------- reading the corpus and predictions

def _read_corpus(corpus: str) -> tuple[dict[str, dict], dict[str, str]]:
    """Every document of a corpus directory by id, and the file each one came from (a file that is not a document
    object with a string id is one clear error, not silently left out)."""
    from ..corpusio import problem_of

    docs, files = {}, {}
    for f in document_files([corpus_dir(corpus)]):
        doc = read_json(f)
        if not (isinstance(doc, dict) and isinstance(doc.get("id"), str)):
            raise CaveatError(problem_of(doc, f, corpus) or f"{f}: expected a document object with a string id.")
        docs[doc["id"]] = doc
        files[doc["id"]] = str(f)
    return docs, files


def _corpus_documents(corpus: str, ids: Sequence[str] | None) -> list[dict]:
    """The corpus documents to send (only ``ids`` if given), sorted by id; each must pass validation."""
    from ..corpusio import problem_of

    docs, files = _read_corpus(corpus)
    if ids:
        missing = sorted(set(ids) - set(docs))
        if missing:
            raise CaveatError(message("ls.unknown_docs", corpus=corpus, ids=missing), exit_code=2)
        docs = {i: docs[i] for i in ids}
    if not docs:
        raise CaveatError(message("ls.no_documents", corpus=corpus), exit_code=2)
    for doc_id in sorted(docs):
        problem = problem_of(docs[doc_id], files[doc_id], corpus)
        if problem:
            raise CaveatError(problem)
    return [docs[i] for i in sorted(docs)]


def _read_predictions(paths: Sequence[str], model_version: str | None, docs: dict[str, dict]) -> dict[str, list[tuple[str, dict]]]:
    """Prediction records per document id as ``(model_version, record)``, each checked against the document's text."""
    from ..scoring.pairing import view_of
    from ..scoring.submission import first_schema_error

    out: dict[str, list[tuple[str, dict]]] = {}
    for path in paths:
        first: dict[str, str] = {}
        for line, record in iter_jsonl(path):
            where = f"{path}:{line}"
            err = first_schema_error(record)
            if err is not None:
                raise CaveatError(message("ls.pred_schema", where=where, reason=f"{err[0]}: {err[1]}"))
            doc_id = record["doc_id"]
            if doc_id not in docs:
                raise CaveatError(message("ls.pred_unknown_doc", where=where, doc_id=doc_id, n=len(docs)))
            if doc_id in first:
                raise CaveatError(message("ls.pred_duplicate", where=where, doc_id=doc_id, first=first[doc_id]))
            first[doc_id] = where
            text = docs[doc_id]["text"]
            if isinstance(record.get("text"), str) and record["text"] != text:
                raise CaveatError(message("ls.pred_schema", where=where, reason="its \"text\" differs from the document's text"))
            view_of(record, text, [], where)
            meta = record.get("meta") if isinstance(record.get("meta"), dict) else {}
            version = str(model_version or meta.get("model_version") or Path(path).stem)
            out.setdefault(doc_id, []).append((version, record))
    return out


def _tasks(args: argparse.Namespace) -> list[dict]:
    """The tasks for the chosen corpus documents, with gold layers and predictions as asked."""
    docs = _corpus_documents(args.corpus, args.doc)
    preds = _read_predictions(args.predictions or [], args.model_version, {d["id"]: d for d in docs})
    return [document_task(d, gold_as=args.gold, predictions=preds.get(d["id"], [])) for d in docs]


# ---------------------------------------------------------------- writing pulled documents

def _write_pulled(result: ExportResult, out: Path, annotators_out: Path, *, overwrite: bool, quiet: bool) -> dict[str, int]:
    """Write the documents of an export as drafts (see :func:`plan.pull_targets`), never over adjudicated gold unless ``overwrite``."""
    counts = {"written": 0, "unchanged": 0, "kept adjudicated": 0}
    targets = pull_targets(result.documents, out, annotators_out)
    for pulled, path in progress(targets, total=len(targets), description="writing", quiet=quiet):
        path = Path(path)
        old = None
        if path.is_file():
            try:
                old = parse_json(read_text(path), str(path))
            except JsonInputError:
                old = None
        if gold_status(old) and not overwrite:
            counts["kept adjudicated"] += 1
            print(message("ls.kept_adjudicated", path=path, doc_id=pulled.doc_id, annotator=pulled.annotator,
                          status=gold_status(old)), file=sys.stderr)
            continue
        if same_file(old, pulled.document):
            counts["unchanged"] += 1
            _say(quiet, f"  {pulled.doc_id} ({pulled.annotator}): unchanged, {path}")
            continue
        atomic_write_text(path, dumps(pulled.document))
        counts["written"] += 1
        what = "new" if old is None else describe_changes(changes(old, pulled.document))
        _say(quiet, f"  {pulled.doc_id} ({pulled.annotator}): {what}, {path}")
    return counts


def _write_predictions(result: ExportResult, out: str | None, quiet: bool) -> None:
    """Write the export's predictions as one JSON Lines file per model version under ``out`` (if given)."""
    if not out:
        return
    for version, records in sorted(result.predictions_by_version().items()):
        path = Path(out) / (re.sub(r"[^A-Za-z0-9_.-]+", "_", version) + ".jsonl")
        atomic_write_jsonl(path, sorted(records, key=lambda r: r["doc_id"]))
        _say(quiet, f"  predictions of {version!r}: {len(records)} record(s), {path}")


def _finish(result: ExportResult, counts: dict[str, int], quiet: bool, annotator: str | None = None) -> int:
    """Print the failures and the summary line; exit 1 if any task failed."""
    for failure in result.failures:
        print(f"error: {failure}", file=sys.stderr)
    if annotator is not None and not result.documents:
        print(f"warning: {message('ls.no_such_annotator', annotator=annotator, seen=annotators(result) or 'none')}", file=sys.stderr)
    tasks = len(result.tasks) + len(result.failures)
    unannotated = sum(1 for t in result.tasks if not t.documents)
    cancelled = sum(t.cancelled for t in result.tasks)
    several = sum(1 for t in result.tasks if len(t.documents) > 1)
    _say(quiet, f"{tasks} task(s): {counts['written']} document(s) written, {counts['unchanged']} unchanged, "
                f"{counts['kept adjudicated']} kept adjudicated, {unannotated} without annotations, "
                f"{cancelled} skipped annotation(s) left out, {several} task(s) with several annotators kept apart, "
                f"{len(result.failures)} failed")
    if result.failures:
        print(f"error: {message('ls.failed_tasks', count=len(result.failures))}", file=sys.stderr)
        return 1
    return 0


# ---------------------------------------------------------------- subcommands

def _add_selection(p: argparse.ArgumentParser) -> None:
    """Options choosing what to send: corpus, documents, predictions, and how gold layers go in."""
    p.add_argument("--corpus", default="corpus", metavar="DIR", help="corpus directory (default: corpus/)")
    p.add_argument("--doc", nargs="+", metavar="ID", help="only these document ids (default: every document)")
    p.add_argument("--predictions", action="append", metavar="FILE",
                   help="a prediction file (JSON Lines, as `caveat predict` writes) to add as pre-annotations; repeatable")
    p.add_argument("--model-version", metavar="NAME", help="model version of the predictions (default: each record's meta.model_version, else the file name)")
    p.add_argument("--gold", choices=("annotations", "predictions", "none"), default="annotations",
                   help="send the documents' own layers as annotations (default), as predictions, or not at all")


def _add_server(p: argparse.ArgumentParser) -> None:
    """Options naming the server, the token and the project."""
    p.add_argument("--url", metavar="URL", help="Label Studio URL (default: $LABEL_STUDIO_URL)")
    p.add_argument("--api-key", metavar="TOKEN", help="API token (default: $LABEL_STUDIO_API_KEY; prefer the variable, "
                   "since command lines are visible to other users)")
    p.add_argument("--project", required=True, metavar="TITLE|ID", help="project title (or numeric id)")


def _add_pull_output(p: argparse.ArgumentParser) -> None:
    """Options shared by pull and import: whose annotations, adjudicated gold, predictions, offset unit."""
    p.add_argument("--annotator", metavar="EMAIL", help="keep only this annotator's annotations (otherwise one document per annotator)")
    p.add_argument("--overwrite-adjudicated", action="store_true", help="replace gold documents (status reviewed or adjudicated; off by default)")
    p.add_argument("--predictions-out", metavar="DIR", help="also write the tasks' predictions, one JSON Lines file per model version")
    p.add_argument("--offsets", choices=UNITS, default="codepoint",
                   help="how the export counts offsets: code points (Label Studio 1.23.2, default) or utf16 (older editors)")


def cmd_config(argv: Sequence[str]) -> int:
    """`caveat ls config`: the generated labeling config on stdout or in --out."""
    p = parser("ls config", "Print the Label Studio labeling config generated from schema/labels.json.", "caveat ls config --out labeling.xml")
    p.add_argument("--out", metavar="FILE", help="write the config to FILE instead of standard output")
    add_quiet(p)
    args = p.parse_args(argv)

    def body() -> int:
        xml = ls_config.labeling_config()
        if args.out:
            atomic_write_text(args.out, xml)
            _say(args.quiet, f"wrote {args.out}")
        else:
            sys.stdout.write(xml)
        return 0

    return run(body)


def cmd_export(argv: Sequence[str]) -> int:
    """`caveat ls export`: a tasks file for Label Studio's import."""
    p = parser("ls export", "Write a tasks file to import in Label Studio's web interface (Import > Upload Files).",
               "caveat ls export --corpus corpus --predictions preds.jsonl --out tasks.json")
    _add_selection(p)
    p.add_argument("--out", required=True, metavar="FILE", help="the tasks file to write (JSON)")
    add_quiet(p)
    args = p.parse_args(argv)

    def body() -> int:
        tasks = _tasks(args)
        atomic_write_json(args.out, tasks)
        n_pred = sum(len(t.get("predictions", [])) for t in tasks)
        n_ann = sum(len(t.get("annotations", [])) for t in tasks)
        _say(args.quiet, f"wrote {args.out}: {len(tasks)} task(s), {n_ann} annotation(s), {n_pred} prediction(s). "
                         f"Use the config from `caveat ls config` for the project.")
        return 0

    return run(body)


def cmd_import(argv: Sequence[str]) -> int:
    """`caveat ls import`: a full JSON export back into documents (as pull writes them)."""
    p = parser("ls import", "Read a Label Studio full JSON export into Caveat documents (drafts, one per annotator).",
               "caveat ls import export.json --out drafts/")
    p.add_argument("export", metavar="EXPORT.json", help="a project exported from Label Studio in the JSON format")
    p.add_argument("--out", required=True, metavar="DIR", help="where documents go: DIR/<doc_id>.json")
    p.add_argument("--annotators-out", metavar="DIR",
                   help="where tasks annotated by several people go, one directory per annotator (default: OUT/annotators)")
    p.add_argument("--corpus", metavar="DIR", help="take metadata and segmentation from this corpus (default: from the tasks)")
    _add_pull_output(p)
    add_quiet(p)
    args = p.parse_args(argv)

    def body() -> int:
        export = read_json(args.export)
        corpus, files = _read_corpus(args.corpus) if args.corpus else ({}, {})
        result = read_export(export, args.export, corpus=corpus, corpus_files=files, annotator=args.annotator, offsets=args.offsets)
        out = Path(args.out)
        counts = _write_pulled(result, out, Path(args.annotators_out) if args.annotators_out else out / "annotators",
                               overwrite=args.overwrite_adjudicated, quiet=args.quiet)
        _write_predictions(result, args.predictions_out, args.quiet)
        return _finish(result, counts, args.quiet, args.annotator)

    return run(body)


def cmd_push(argv: Sequence[str]) -> int:
    """`caveat ls push`: create or update a project and import tasks."""
    p = parser("ls push", "Create or update a Label Studio project with Caveat's labeling config and import the corpus as tasks.",
               EXAMPLE)
    _add_server(p)
    _add_selection(p)
    add_quiet(p)
    args = p.parse_args(argv)

    def body() -> int:
        from ..labelstudio import sync

        url, key = sync.resolve(args.url, args.api_key)
        tasks = _tasks(args)
        conn = sync.connect(url, key)
        xml = ls_config.labeling_config()
        description = f"Caveat labels v{inventory().version}, config {ls_config.config_sha256(xml)}"
        project, what, plan = sync.push(conn, args.project, tasks, xml, description)
        for doc_id, tid in plan.conflicts:
            print(f"warning: {message('ls.push_conflict', doc_id=doc_id, task=tid)}", file=sys.stderr)
        counts = ", ".join(f"{v} {k}" for k, v in plan.summary().items())
        _say(args.quiet, f"project {project.id} {args.project!r} ({what}): {counts}\n  {sync.project_url(conn, project.id)}")
        return 0

    return run(body)


def cmd_pull(argv: Sequence[str]) -> int:
    """`caveat ls pull`: snapshot a project and write its annotations as drafts."""
    p = parser("ls pull", "Export a Label Studio project (full snapshot) and write its annotations into the corpus as drafts.",
               "caveat ls pull --project caveat-batch-1 --corpus corpus")
    _add_server(p)
    p.add_argument("--corpus", default="corpus", metavar="DIR", help="corpus directory (default: corpus/)")
    p.add_argument("--out", metavar="DIR", help="where tasks annotated by one person go (default: CORPUS/documents)")
    p.add_argument("--annotators-out", metavar="DIR",
                   help="where tasks annotated by several people go, one directory per annotator (default: CORPUS/annotators)")
    p.add_argument("--save-export", metavar="FILE", help="also keep the raw export (JSON) in FILE")
    _add_pull_output(p)
    add_quiet(p)
    args = p.parse_args(argv)

    def body() -> int:
        from ..labelstudio import sync

        url, key = sync.resolve(args.url, args.api_key)
        corpus, files = _read_corpus(args.corpus)
        conn = sync.connect(url, key)
        project, export = sync.pull(conn, args.project)
        if args.save_export:
            atomic_write_json(args.save_export, export)
        result = read_export(export, f"project {project.id} export", corpus=corpus, corpus_files=files,
                             annotator=args.annotator, offsets=args.offsets, project=project.id)
        out = Path(args.out) if args.out else Path(args.corpus) / "documents"
        annotators_out = Path(args.annotators_out) if args.annotators_out else Path(args.corpus) / "annotators"
        _say(args.quiet, f"project {project.id} {project.title!r}: {len(export)} task(s)")
        counts = _write_pulled(result, out, annotators_out, overwrite=args.overwrite_adjudicated, quiet=args.quiet)
        _write_predictions(result, args.predictions_out, args.quiet)
        return _finish(result, counts, args.quiet, args.annotator)

    return run(body)


COMMANDS: dict[str, Callable[[Sequence[str]], int]] = {
    "config": cmd_config, "export": cmd_export, "import": cmd_import, "push": cmd_push, "pull": cmd_pull,
}


def usage() -> str:
    """The help text of `caveat ls`."""
    width = max(map(len, SUBCOMMANDS))
    lines = ["usage: caveat ls <config|export|import|push|pull> [options]   (caveat ls <sub> --help for details)", "",
             "The Label Studio round trip: a config generated from the labels, tasks out, annotations back in.", "",
             "subcommands:"]
    lines += [f"  {name:<{width}}  {summary}" for name, summary in SUBCOMMANDS.items()]
    lines += ["", "example:", f"  {EXAMPLE}"]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Dispatch `caveat ls <sub>`; exit 2 on an unknown subcommand."""
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] in ("-h", "--help"):
        print(usage())
        return 0 if args else 2
    if args[0] not in COMMANDS:
        print(f"error: unknown subcommand {args[0]!r}\n\n{usage()}", file=sys.stderr)
        return 2
    return COMMANDS[args[0]](args[1:])

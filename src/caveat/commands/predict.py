"""`caveat predict`: run trained baselines on new text (JSON Lines of {doc_id, text}, or .txt files) -> prediction file."""
from __future__ import annotations

import gc
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator, Sequence

from ..baselines import closure, default_names, persist, predict
from ..baselines.base import Baseline
from ..baselines.parallel import default_workers, segmented
from ..baselines.registry import CLASSES
from ..cliutil import add_quiet, parser, progress, run
from ..errors import CaveatError, UsageError, message
from ..fileio import JsonInputError, atomic_write_jsonl, iter_jsonl, parse_json, read_bytes, read_text
from .models import DEFAULT_MODELS, model_files


@contextmanager
def fewer_gc_pauses() -> Iterator[None]:
    """Freeze the objects alive now (the loaded models) and collect less often while predicting; undone on exit.

    Prediction allocates many small lists (features per token); the default collector thresholds then spend
    a sixth or more of the run scanning them.
    """
    old = gc.get_threshold()
    gc.collect()
    gc.freeze()
    gc.set_threshold(100_000, 50, 50)
    try:
        yield
    finally:
        gc.set_threshold(*old)
        gc.unfreeze()


def _one_json(path: Path) -> Any:
    """A .json file parsed whole (one record, or a list of them, maybe pretty-printed), or None if it is JSON Lines."""
    try:
        return parse_json(read_text(path), str(path))
    except JsonInputError:
        return None  # several records, one per line: read as JSON Lines, whose errors name the line


def read_inputs(paths: Sequence[str]) -> list[dict]:
    """Input documents ``{doc_id, text}`` from .jsonl and .txt files, with one clear message for any bad record."""
    docs: list[dict] = []
    seen: dict[str, str] = {}
    for raw in paths:
        path = Path(raw)
        if path.suffix == ".txt":
            items = [(str(path), {"doc_id": path.stem, "text": read_text(path, exact=True)})]
        elif path.suffix == ".json" and (whole := _one_json(path)) is not None:
            items = [(f"{path}[{n}]", rec) for n, rec in enumerate(whole)] if isinstance(whole, list) else [(str(path), whole)]
        elif path.suffix in (".jsonl", ".json"):
            items = [(f"{path}:{n}", rec) for n, rec in iter_jsonl(path)]
        else:
            raise UsageError(message("baselines.input_kind", file=path))
        if not items:
            raise CaveatError(message("baselines.input_empty", file=path))
        for where, rec in items:
            if not isinstance(rec, dict):
                raise CaveatError(message("baselines.input_record", where=where, found=type(rec).__name__))
            for field, expected, ok in (
                    ("doc_id", "a non-empty string", isinstance(rec.get("doc_id"), str) and rec.get("doc_id") != ""),
                    ("text", "a string", isinstance(rec.get("text"), str))):
                if not ok:
                    found = repr(rec[field])[:40] if field in rec else "nothing"
                    raise CaveatError(message("baselines.input_field", where=where, field=field, expected=expected, found=found))
            if rec["doc_id"] in seen:
                raise CaveatError(message("baselines.input_duplicate", where=where, doc_id=rec["doc_id"], first=seen[rec["doc_id"]]))
            seen[rec["doc_id"]] = where
            docs.append({"doc_id": rec["doc_id"], "text": rec["text"]})
    return docs


def load_models(models_dir: str, model: str | None) -> tuple[dict[str, Baseline], list[str]]:
    """The models to run (the named one and what it requires, or the best learned one of every track) and the names asked for."""
    if model == "oracle":
        raise UsageError(message("baselines.oracle"))
    files = model_files(models_dir)
    if model is not None and (model not in files or model not in CLASSES):
        known = [n for n in files if n in CLASSES and CLASSES[n].kind != "oracle"]
        raise UsageError(message("baselines.unknown_model", name=model, dir=models_dir, available=", ".join(known) or "none"))
    loaded: dict[str, Baseline] = {}
    metas: dict[str, dict] = {}

    def load(name: str) -> None:
        if name not in loaded:
            loaded[name], metas[name] = persist.loads(read_bytes(files[name]), str(files[name]))
            if metas[name]["name"] != name:  # a renamed file would run one model under another's name
                raise CaveatError(message("baselines.model_renamed", file=files[name], found=metas[name]["name"], name=name))

    if model is None:
        learned = [n for n in files if n in CLASSES and CLASSES[n].kind == "learned"]
        for n in learned:
            load(n)
        names = default_names({n: metas[n].get("selection_score") for n in learned}, learned)
        if not names:
            raise CaveatError(message("baselines.no_learned", dir=models_dir, available=", ".join(files)))
    else:
        names = [model]
    for name in closure(names):
        if name not in files:
            dependent = next(n for n in closure(names) if name in CLASSES[n].requires)
            raise CaveatError(message("baselines.missing_requirement", name=dependent, dep=name, dir=models_dir))
        load(name)
    return loaded, names


def main(argv: Sequence[str] | None = None) -> int:
    p = parser("predict", "Run trained baselines on new articles and write a prediction file (JSON Lines, valid against "
               "schema/prediction.schema.json, offsets into the given text). Without --model, the best learned baseline "
               "of every track runs, so one file holds entities, claims, sources, hedges and relations.",
               "caveat predict --input articles.jsonl --out preds.jsonl")
    p.add_argument("--model", metavar="NAME", help="one trained model (see `caveat models`); default: the best of every track")
    p.add_argument("--input", required=True, nargs="+", metavar="FILE",
                   help='JSON Lines of {"doc_id", "text"} (.jsonl; a .json file may also hold one such object or a list), '
                        'and/or plain-text articles (.txt, doc_id = file name)')
    p.add_argument("--out", required=True, metavar="PATH", help="prediction file to write (JSON Lines)")
    p.add_argument("--models", default=DEFAULT_MODELS, metavar="DIR", help=f"models directory (default: {DEFAULT_MODELS}/)")
    p.add_argument("--workers", type=int, default=default_workers(), metavar="N",
                   help="processes that segment text ahead of prediction (default: cores - 1; 0: none)")
    add_quiet(p)
    args = p.parse_args(argv)

    def body() -> int:
        if Path(args.out).is_dir():
            raise UsageError(message("baselines.out_dir", path=args.out))
        if any(Path(raw).resolve() == Path(args.out).resolve() for raw in args.input):
            raise UsageError(message("baselines.out_is_input", path=args.out))
        inputs = read_inputs(args.input)
        models, names = load_models(args.models, args.model)
        t0 = time.perf_counter()
        docs = segmented(((d["doc_id"], d["text"]) for d in inputs), workers=args.workers, total=len(inputs))
        with fewer_gc_pauses():
            records = list(progress(predict(models, names, docs), total=len(inputs), description="predicting", quiet=args.quiet))
        atomic_write_jsonl(args.out, records)
        if not args.quiet:
            print(f"{len(records)} document(s) -> {args.out} in {time.perf_counter() - t0:.1f} s "
                  f"(models: {', '.join(closure(names))})", file=sys.stderr)
        return 0

    return run(body)

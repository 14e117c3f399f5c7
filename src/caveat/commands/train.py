"""`caveat train`: train every baseline on the corpus, save the models (skops) and submit their test predictions."""
from __future__ import annotations

import datetime as dt
import json
import sys
import time
from pathlib import Path
from typing import Sequence

from ..baselines import TRAINABLE, predict, train, tracks_of
from ..baselines import persist
from ..baselines.data import by_split, corpus_version, is_annotated
from ..baselines.registry import CLASSES, create
from ..baselines.select import CV_FOLDS
from ..cliutil import add_corpus, add_quiet, parser, progress, run
from ..errors import CaveatError, message
from ..fileio import atomic_write_bytes, atomic_write_json, atomic_write_text
from ..corpusio import load_split_file, load_valid_corpus

DEFAULT_MODELS = "baselines/models"
DEFAULT_SUBMISSIONS = "leaderboard/submissions"
SUBMITTED = (*TRAINABLE, "oracle")
URL = "../baselines/README.md"  # relative to leaderboard/LEADERBOARD.md, where the link is shown


def _submission_text(records: Sequence[dict]) -> str:
    """predictions.jsonl: one record per line, without the document text (the corpus has it)."""
    return "".join(json.dumps({k: v for k, v in r.items() if k != "text"}, ensure_ascii=False, sort_keys=True) + "\n"
                   for r in records)


def _write_submission(folder: Path, name: str, records: Sequence[dict], version: str, seed: int) -> None:
    """Write predictions.jsonl and metadata.json; an unchanged submission keeps its date."""
    text = _submission_text(records)
    pred_file, meta_file = folder / "predictions.jsonl", folder / "metadata.json"
    date = dt.date.today().isoformat()
    if pred_file.is_file() and meta_file.is_file() and pred_file.read_text(encoding="utf-8") == text:
        try:
            date = json.loads(meta_file.read_text(encoding="utf-8")).get("date", date)
        except ValueError:
            pass
    cls = CLASSES[name]
    atomic_write_text(pred_file, text)
    atomic_write_json(meta_file, {
        "name": name, "description": cls.description, "url": f"{URL}#{name}", "date": date,
        "external_data": False, "kind": cls.kind, "tracks": tracks_of(name),
        "baseline": {"seed": seed, "corpus_version": version, "requires": list(cls.requires)},
    })


def train_corpus(corpus: str, out: str, submissions: str | None, *, seed: int = 0, quiet: bool = True) -> dict:
    """Train all baselines on ``corpus``, save them to ``out`` and (if the test split is annotated) submit them.

    Returns a summary: per model its track, kind, seconds and selection; and what was written.
    """
    say = (lambda *a: None) if quiet else (lambda *a: print(*a, file=sys.stderr))
    docs = load_valid_corpus(corpus, quiet=quiet)  # every document validated: a malformed one is one message
    splits = load_split_file(corpus)
    if not splits:
        raise CaveatError(message("baselines.no_splits", corpus=corpus))
    parts = by_split(docs, splits)
    train_docs = [d for d in parts["train"] if is_annotated(d)]
    val_docs = [d for d in parts["validation"] if is_annotated(d)]
    test_gold = [d for d in parts["test"] if is_annotated(d)]
    if not train_docs:
        raise CaveatError(message("baselines.no_train", corpus=corpus, n=len(parts["train"])))
    if not val_docs:
        say(message("baselines.no_validation", folds=min(CV_FOLDS, len(train_docs))))
    version = corpus_version(train_docs + val_docs)
    say(f"training {len(TRAINABLE)} baselines on {len(train_docs)} train document(s) "
        f"({len(val_docs)} validation) of {corpus} (version {version})")
    timings: dict[str, float] = {}
    started = [time.perf_counter()]

    def on_start(name: str) -> None:
        started.append(time.perf_counter())

    def bar(names: Sequence[str]):
        return progress(names, total=None, description="training baselines", quiet=quiet)  # total=None: always shown

    t0 = time.perf_counter()
    models = train(list(TRAINABLE), train_docs, val_docs, seed=seed, on_start=on_start, wrap=bar)
    total = time.perf_counter() - t0
    for name, a, b in zip(TRAINABLE, started[1:], started[2:] + [t0 + total]):
        timings[name] = round(b - a, 2)
    out_dir = Path(out)
    for name, model in models.items():
        meta = persist.metadata(model, corpus_version=version, n_train=len(train_docs), n_validation=len(val_docs))
        atomic_write_bytes(out_dir / f"{name}{persist.SUFFIX}", persist.dumps(model, meta))
    summary = {"corpus_version": version, "train_documents": len(train_docs), "validation_documents": len(val_docs),
               "test_documents": len(test_gold), "seconds": round(total, 2), "models_dir": str(out_dir),
               "models": {n: {"track": m.track, "kind": m.kind, "seconds": timings[n], "selection": m.selection()}
                          for n, m in models.items()},
               "submissions": []}
    if submissions is not None and test_gold:
        models["oracle"] = create("oracle", seed=seed)
        for name in SUBMITTED:
            records = list(predict(models, [name], parts["test"]))
            _write_submission(Path(submissions) / name, name, records, version, seed)
            summary["submissions"].append(str(Path(submissions) / name))
    elif submissions is not None:
        say(message("baselines.no_test"))
    return summary


def main(argv: Sequence[str] | None = None) -> int:
    p = parser("train", "Train every baseline (a floor, a learned scikit-learn model and an oracle per track) on the "
               "corpus's train split, choosing hyper-parameters on validation; save the models with skops and write "
               "each one's test-split predictions as a leaderboard submission.",
               "caveat train --corpus corpus --out baselines/models")
    add_corpus(p)
    p.add_argument("--out", default=DEFAULT_MODELS, metavar="DIR", help=f"where models go (default: {DEFAULT_MODELS}/)")
    p.add_argument("--submissions", default=DEFAULT_SUBMISSIONS, metavar="DIR",
                   help=f"leaderboard submissions folder (default: {DEFAULT_SUBMISSIONS}/)")
    p.add_argument("--no-submit", action="store_true", help="save the models only; write no submissions")
    p.add_argument("--seed", type=int, default=0, help="random seed of every model and fold (default 0)")
    p.add_argument("--json", metavar="FILE", help="also write the training summary as JSON")
    add_quiet(p)
    args = p.parse_args(argv)

    def body() -> int:
        summary = train_corpus(args.corpus, args.out, None if args.no_submit else args.submissions,
                               seed=args.seed, quiet=args.quiet)
        if args.json:
            atomic_write_json(args.json, summary)
        if not args.quiet:
            width = max(map(len, summary["models"]))
            for name, m in summary["models"].items():
                print(f"{name:<{width}}  {m['track']:<11}  {m['kind']:<7}  {m['seconds']:>6.2f} s")
            print(f"trained {len(summary['models'])} models in {summary['seconds']:.1f} s -> {summary['models_dir']}/"
                  + (f"; {len(summary['submissions'])} submissions -> {args.submissions}/" if summary["submissions"] else ""))
        return 0

    return run(body)

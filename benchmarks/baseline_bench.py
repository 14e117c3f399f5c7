"""Benchmark the baselines on the corpus: training time (target < 2 min on 2 cores), `caveat predict` throughput
(target >= 1,000 sentences/s), and quality on the test split (95% bootstrap CIs, learned vs floor) and by
document-level k-fold cross-validation over every annotated document (mean and spread).

Usage: python benchmarks/baseline_bench.py [--corpus corpus] [--folds 5] [--resamples 1000] [--json FILE]
Reference figures measured in the same run put the timings in proportion: a segmentation pass over the same texts.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from caveat.baselines import TRACKS, TRAINABLE, default_names, persist, predict, train
from caveat.baselines.data import by_split, is_annotated, kfold
from caveat.baselines.parallel import default_workers, segmented
from caveat.baselines.registry import CLASSES, create
from caveat.corpusio import load_split_file as load_splits, load_valid_corpus as load_corpus
from caveat.commands.predict import fewer_gc_pauses
from caveat.scoring import paired_bootstrap, score
from caveat.segment import segment

TRAIN_TARGET_S = 120.0
PREDICT_TARGET = 1000.0  # sentences per second
QUALITY_TARGETS = {  # (track, metric) -> target, from the "Quality and speed"
    ("ner", "strict.f1"): 0.75, ("hedge", "typed.f1"): 0.80, ("hedge", "sentence.f1"): 0.90,
    ("claim", "checkworthy.f1"): 0.70, ("attribution", "pair.f1"): 0.60,
}


def timed(fn):
    """(result, wall seconds, CPU seconds of this process)."""
    w, c = time.perf_counter(), time.process_time()
    out = fn()
    return out, time.perf_counter() - w, time.process_time() - c


def by_track(track: str) -> dict[str, str]:
    return {CLASSES[n].kind: n for n in TRAINABLE if CLASSES[n].track == track}


def bench_training(train_docs, val_docs) -> tuple[dict, dict]:
    models, wall, cpu = timed(lambda: train(list(TRAINABLE), train_docs, val_docs, seed=0))
    _, seg_wall, _ = timed(lambda: [segment(d["text"]) for d in train_docs + val_docs])
    return models, {"wall_s": wall, "cpu_s": cpu, "target_s": TRAIN_TARGET_S, "ratio_to_target": wall / TRAIN_TARGET_S,
                    "reference_segmentation_s": seg_wall, "ratio_to_reference": wall / max(seg_wall, 1e-9),
                    "train_documents": len(train_docs), "validation_documents": len(val_docs)}


def bench_predict(models, texts: list[str], min_sentences: int, models_dir: str | None) -> dict:
    """Throughput of the default models: in this process (texts repeated to ``min_sentences``; spaCy's word cache
    warm after the first pass), and as `caveat predict` in a fresh process (each text once, cold caches)."""
    names = default_names({n: m.selection_score() for n, m in models.items()}, list(models))
    n_sent = sum(len(segment(t)["sentences"]) for t in texts)
    reps = max(1, -(-min_sentences // max(n_sent, 1)))
    inputs = [(f"d{r}-{i}", t) for r in range(reps) for i, t in enumerate(texts)]

    def run(workers: int) -> int:
        with fewer_gc_pauses():
            out = list(predict(models, names, segmented(inputs, workers=workers, total=len(inputs))))
        return len("".join(json.dumps(r, ensure_ascii=False) for r in out))

    _, wall1, cpu1 = timed(lambda: run(0))
    workers = default_workers()
    _, wall, cpu = timed(lambda: run(workers))
    _, seg_wall, _ = timed(lambda: [segment(t) for _, t in inputs])
    sentences = n_sent * reps
    out = {"models": names, "documents": len(inputs), "sentences": sentences, "wall_s": wall, "cpu_s": cpu,
           "segmentation_workers": workers, "sentences_per_s": sentences / wall,
           "one_process_sentences_per_s": sentences / wall1, "one_process_sentences_per_cpu_s": sentences / max(cpu1, 1e-9),
           "target_sentences_per_s": PREDICT_TARGET, "segmentation_sentences_per_s": sentences / max(seg_wall, 1e-9),
           "ratio_to_segmentation": seg_wall / wall}
    if models_dir:
        with tempfile.TemporaryDirectory() as tmp:
            big, small = Path(tmp) / "all.jsonl", Path(tmp) / "one.jsonl"
            big.write_text("".join(json.dumps({"doc_id": f"d{i}", "text": t}) + "\n" for i, t in enumerate(texts)))
            small.write_text(json.dumps({"doc_id": "x", "text": "Officials said sales may fall."}) + "\n")
            cmd = [sys.executable, "-m", "caveat.cli", "predict", "--models", models_dir, "--out", str(Path(tmp) / "p.jsonl"), "-q"]
            _, startup, _ = timed(lambda: subprocess.run([*cmd, "--input", str(small)], check=True))
            _, total, _ = timed(lambda: subprocess.run([*cmd, "--input", str(big)], check=True))
        out["cli"] = {"sentences": n_sent, "wall_s": total, "startup_and_load_s": startup,
                      "sentences_per_s_after_startup": n_sent / max(total - startup, 1e-9)}
    return out


def test_quality(models, test_gold, resamples: int) -> dict:
    out, preds = {}, {}
    for name in TRAINABLE:
        track = CLASSES[name].track
        preds[name] = list(predict(models, [name], test_gold))
        r = score(test_gold, preds[name], [track], resamples=resamples)[track]
        out[name] = {"track": track, "kind": CLASSES[name].kind, "primary": r["primary"], "value": r["value"],
                     "ci": r["ci"][r["primary"]], "metrics": r["metrics"], "metric_ci": r["ci"]}
    oracle = {"oracle": create("oracle")}
    out["oracle"] = {t: r["value"] for t, r in score(test_gold, list(predict(oracle, ["oracle"], test_gold))).items()}
    out["paired"] = {}
    for track in TRACKS:  # learned vs floor, the same documents resampled (what the leaderboard's mark uses)
        kinds = by_track(track)
        out["paired"][track] = paired_bootstrap(test_gold, preds[kinds["learned"]], preds[kinds["floor"]], [track],
                                                resamples=resamples)[track]
    return out


def cv_quality(docs, k: int, seed: int = 0) -> dict:
    """Document-level k-fold CV: in each fold a sixth of the training part is held out for validation."""
    per: dict[str, list[float]] = {n: [] for n in TRAINABLE}
    for fold, (rest, held) in enumerate(kfold(docs, k, seed)):
        inner_train, inner_val = kfold(rest, 6, seed + fold + 1)[0] if len(rest) >= 6 else (rest, [])
        models = train(list(TRAINABLE), inner_train, inner_val, seed=seed)
        for name in TRAINABLE:
            track = CLASSES[name].track
            per[name].append(score(held, list(predict(models, [name], held)), [track])[track]["value"])
        print(f"  fold {fold + 1}/{k} done", file=sys.stderr)
    return {n: {"mean": statistics.fmean(v), "sd": statistics.stdev(v) if len(v) > 1 else 0.0, "min": min(v),
                "max": max(v), "folds": v} for n, v in per.items()}


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--corpus", default="corpus")
    p.add_argument("--folds", type=int, default=5)
    p.add_argument("--resamples", type=int, default=1000)
    p.add_argument("--min-sentences", type=int, default=5000, help="predict at least this many sentences")
    p.add_argument("--json", metavar="FILE")
    args = p.parse_args(argv)
    docs = load_corpus(args.corpus)
    parts = by_split(docs, load_splits(args.corpus))
    train_docs, val_docs, test_gold = ([d for d in parts[s] if is_annotated(d)] for s in ("train", "validation", "test"))
    gold = [d for d in docs if is_annotated(d)]
    print(f"machine: {os.cpu_count()} cores; load average {os.getloadavg()[0]:.2f}; corpus {args.corpus}: "
          f"{len(docs)} documents, {len(gold)} annotated (train {len(train_docs)}, validation {len(val_docs)}, test {len(test_gold)})")
    if not train_docs:
        print("no annotated train documents: nothing to benchmark", file=sys.stderr)
        return 1
    report: dict = {"cores": os.cpu_count(), "load_average": os.getloadavg()[0]}

    models, report["training"] = bench_training(train_docs, val_docs)
    t = report["training"]
    print(f"\ntraining all {len(TRAINABLE)} baselines: {t['wall_s']:.1f} s wall, {t['cpu_s']:.1f} s CPU "
          f"(target < {TRAIN_TARGET_S:.0f} s: {'met' if t['wall_s'] < TRAIN_TARGET_S else 'NOT met'}; "
          f"{t['ratio_to_reference']:.0f}x one segmentation pass over the same texts)")

    with tempfile.TemporaryDirectory() as tmp:
        for name, model in models.items():  # the CLI run loads exactly the models this run trained
            meta = persist.metadata(model, corpus_version="bench", n_train=len(train_docs), n_validation=len(val_docs))
            (Path(tmp) / f"{name}{persist.SUFFIX}").write_bytes(persist.dumps(model, meta))
        report["predict"] = pr = bench_predict(models, [d["text"] for d in docs], args.min_sentences, tmp)
    print(f"predict ({', '.join(pr['models'])}; segmentation included, as `caveat predict` runs it): "
          f"{pr['sentences']} sentences in {pr['wall_s']:.2f} s = {pr['sentences_per_s']:.0f} sentences/s wall with "
          f"{pr['segmentation_workers']} segmentation worker(s) "
          f"(target >= {PREDICT_TARGET:.0f}: {'met' if pr['sentences_per_s'] >= PREDICT_TARGET else 'NOT met'}); "
          f"one process: {pr['one_process_sentences_per_s']:.0f}/s wall, {pr['one_process_sentences_per_cpu_s']:.0f} per CPU second; "
          f"segmentation alone {pr['segmentation_sentences_per_s']:.0f}/s (ratio {pr['ratio_to_segmentation']:.2f})")
    c = pr["cli"]
    print(f"`caveat predict` in a fresh process on the {len(docs)} corpus texts ({c['sentences']} sentences, cold caches): "
          f"{c['wall_s']:.2f} s, of which {c['startup_and_load_s']:.2f} s start-up and model loading; "
          f"{c['sentences_per_s_after_startup']:.0f} sentences/s after start-up "
          f"(target >= {PREDICT_TARGET:.0f}: {'met' if c['sentences_per_s_after_startup'] >= PREDICT_TARGET else 'NOT met'})")

    if test_gold:
        report["test"] = q = test_quality(models, test_gold, args.resamples)
        print(f"\ntest split ({len(test_gold)} annotated documents), primary metric with 95% bootstrap CI over documents:")
        for track in TRACKS:
            kinds = by_track(track)
            for kind in ("floor", "learned"):
                r = q[kinds[kind]]
                print(f"  {track:<12} {kinds[kind]:<20} {r['primary']:<15} {r['value']:.3f} [{r['ci'][0]:.3f}, {r['ci'][1]:.3f}]")
            f, lrn = q[kinds["floor"]], q[kinds["learned"]]
            sep = lrn["ci"][0] > f["ci"][1]
            pt = q["paired"][track]
            print(f"  {'':<12} learned above floor with non-overlapping CIs: {'yes' if sep else 'NO'}; paired bootstrap: "
                  f"delta {pt['delta']:+.3f} [{pt['delta_ci'][0]:+.3f}, {pt['delta_ci'][1]:+.3f}], p = {pt['p_value']:.3f}")
            report.setdefault("separated", {})[track] = sep
        print(f"  oracle: {q['oracle']}")
        print("\nquality targets (learned baselines, test split):")
        for (track, metric), target in QUALITY_TARGETS.items():
            r = q[by_track(track)["learned"]]
            value = r["metrics"].get(metric)
            ci = r["metric_ci"].get(metric, [float("nan")] * 2)
            status = "met" if value is not None and value >= target else "NOT met"
            print(f"  {track:<12} {metric:<15} {value:.3f} [{ci[0]:.3f}, {ci[1]:.3f}]  target >= {target:.2f}: {status}")
    else:
        print("\nthe test split has no annotated documents: no test-split quality figures")

    if len(gold) >= 2 and args.folds >= 2:
        print(f"\n{args.folds}-fold document-level cross-validation over all {len(gold)} annotated documents:", file=sys.stderr)
        report["cv"] = cv = cv_quality(gold, args.folds)
        print(f"\n{args.folds}-fold CV over {len(gold)} annotated documents (primary metric; mean, sd, min-max over folds):")
        for track in TRACKS:
            for kind, name in sorted(by_track(track).items()):
                c = cv[name]
                print(f"  {track:<12} {name:<20} {c['mean']:.3f} ± {c['sd']:.3f}  ({c['min']:.3f}-{c['max']:.3f})")
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=2, default=float) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

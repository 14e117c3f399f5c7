#!/usr/bin/env python3
"""Scoring speed: Caveat's ner scorer against seqeval (strict IOB2) on the same synthetic predictions.

    .venv/bin/python benchmarks/score_bench.py                 # 100,000 sentences
    .venv/bin/python benchmarks/score_bench.py --sentences 20000 --repeat 3

Builds N synthetic sentences (grouped into documents), gold entities and a noisy system's
entities, then times `caveat.scoring.score(..., ["ner"])` (the whole ner track: strict P/R/F1,
the four SemEval views, per-label scores) and `seqeval.metrics.f1_score(mode="strict",
scheme=IOB2)` side by side in one process. Prints both strict F1s (they must agree to 1e-9;
exit 1 otherwise), wall and CPU times (best of --repeat; CPU time is steadier on a busy
machine) and the speed ratios against the 10x target: plain, and with seqeval also run with
the cyclic garbage collector paused, as our scorer runs (the target counts as met only if
every ratio reaches it).
Needs the test extra (seqeval).
"""
from __future__ import annotations

import argparse
import os
import platform
import random
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from caveat.labels import inventory  # noqa: E402
from caveat.scoring import score  # noqa: E402
from caveat.scoring.core import gc_paused  # noqa: E402

TARGET_RATIO = 10.0


def spans(rng: random.Random, n_tokens: int, labels: list[str]) -> list[tuple[int, int, str]]:
    """Non-overlapping token spans ``(first, last_exclusive, label)`` for one sentence.

    Entity lengths 1-3 tokens (mean 1.5) with gaps of 1-13 tokens: about one entity per 8-9
    tokens, the density of CoNLL-2003 English (23,499 entities in 203,621 tokens).
    """
    out, pos = [], rng.randrange(0, 8)
    while pos < n_tokens:
        length = rng.choices((1, 2, 3), weights=(6, 3, 1))[0]
        if pos + length > n_tokens:
            break
        out.append((pos, pos + length, rng.choice(labels)))
        pos += length + rng.randrange(1, 14)
    return out


def noisy(rng: random.Random, n_tokens: int, gold: list[tuple[int, int, str]], labels: list[str]) -> list[tuple[int, int, str]]:
    """A system's spans: most gold spans kept, some relabelled, shifted or dropped, a few spurious."""
    out = []
    for a, b, lab in gold:
        r = rng.random()
        if r < 0.70:
            out.append((a, b, lab))
        elif r < 0.80:
            out.append((a, b, rng.choice(labels)))
        elif r < 0.90 and b < n_tokens:
            out.append((a + 1 if b - a > 1 else a, b + 1, lab))
    if rng.random() < 0.3:
        a = rng.randrange(0, n_tokens)
        out.append((a, a + 1, rng.choice(labels)))
    kept, end = [], 0
    for a, b, lab in sorted(out):
        if a >= end:
            kept.append((a, b, lab))
            end = b
    return kept


def iob2(n_tokens: int, items: list[tuple[int, int, str]]) -> list[str]:
    """IOB2 tags of one sentence from its token spans."""
    tags = ["O"] * n_tokens
    for a, b, lab in items:
        tags[a] = f"B-{lab}"
        for k in range(a + 1, b):
            tags[k] = f"I-{lab}"
    return tags


def build(n_sentences: int, per_doc: int, seed: int) -> tuple[list[dict], list[dict], list[list[str]], list[list[str]], int]:
    """Gold documents + prediction records for our scorer, and the same data as IOB2 tag sequences for seqeval."""
    rng = random.Random(seed)
    labels = inventory().entity_labels
    docs, preds, y_true, y_pred = [], [], [], []
    n_tok_total = 0
    for d in range(0, n_sentences, per_doc):
        text_parts, sentences, gold_ents, pred_ents, pos = [], [], [], [], 0
        for _ in range(min(per_doc, n_sentences - d)):
            n_tok = rng.randrange(5, 25)  # mean 14.5 tokens, as in CoNLL-2003
            words = [f"w{rng.randrange(5000)}" for _ in range(n_tok)]
            starts = []
            for w in words:
                starts.append(pos)
                text_parts.append(w + " ")
                pos += len(w) + 1
            ends = [s + len(w) for s, w in zip(starts, words)]
            sentences.append({"start": starts[0], "end": ends[-1]})
            g = spans(rng, n_tok, labels)
            p = noisy(rng, n_tok, g, labels)
            gold_ents += [{"start": starts[a], "end": ends[b - 1], "label": lab} for a, b, lab in g]
            pred_ents += [{"start": starts[a], "end": ends[b - 1], "label": lab} for a, b, lab in p]
            y_true.append(iob2(n_tok, g))
            y_pred.append(iob2(n_tok, p))
            n_tok_total += n_tok
        doc_id = f"bench-{d // per_doc:05d}"
        docs.append({"id": doc_id, "text": "".join(text_parts), "sentences": sentences, "entities": gold_ents,
                     "claims": [], "sources": [], "hedges": [], "relations": []})
        preds.append({"doc_id": doc_id, "entities": pred_ents})
    return docs, preds, y_true, y_pred, n_tok_total


def best_of(repeat: int, fn):
    """(best wall seconds, best CPU seconds of this process, last result) over ``repeat`` calls."""
    wall = cpu = float("inf")
    result = None
    for _ in range(repeat):
        w0, c0 = time.perf_counter(), time.process_time()
        result = fn()
        wall = min(wall, time.perf_counter() - w0)
        cpu = min(cpu, time.process_time() - c0)
    return wall, cpu, result


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; exit 1 if the two strict F1s differ, 2 without seqeval."""
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--sentences", type=int, default=100_000, help="synthetic sentences (default: 100000)")
    p.add_argument("--per-doc", type=int, default=25, help="sentences per document (default: 25)")
    p.add_argument("--repeat", type=int, default=3, help="timed runs per scorer; the best counts (default: 3)")
    p.add_argument("--seed", type=int, default=0)
    args = p.parse_args(argv)
    try:
        from seqeval.metrics import f1_score
        from seqeval.scheme import IOB2
    except ImportError:
        print("seqeval is not installed: install the test extra (pip install -e .[test])", file=sys.stderr)
        return 2

    t0 = time.perf_counter()
    docs, preds, y_true, y_pred, n_tok = build(args.sentences, args.per_doc, args.seed)
    n_gold = sum(len(d["entities"]) for d in docs)
    n_pred = sum(len(r["entities"]) for r in preds)
    print(f"machine: {platform.machine()}, {platform.python_implementation()} {platform.python_version()}, "
          f"numpy {np.__version__}, {os.cpu_count()} CPU(s)")
    print(f"data: {args.sentences:,} sentences in {len(docs):,} documents, {n_tok:,} tokens, "
          f"{n_gold:,} gold and {n_pred:,} predicted entities (built in {time.perf_counter() - t0:.1f} s)")

    ours_wall, ours_cpu, ours = best_of(args.repeat, lambda: score(docs, preds, ["ner"]))
    theirs_wall, theirs_cpu, theirs = best_of(args.repeat, lambda: f1_score(y_true, y_pred, mode="strict", scheme=IOB2))

    def seqeval_gc_paused() -> float:
        with gc_paused():  # the same help our scorer gives itself, for a like-for-like figure
            return f1_score(y_true, y_pred, mode="strict", scheme=IOB2)

    paused_wall, paused_cpu, _ = best_of(args.repeat, seqeval_gc_paused)
    ours_f1 = ours["ner"]["metrics"]["strict.f1"]
    print(f"{'':40s} {'wall s':>8s} {'CPU s':>8s}   strict F1")
    print(f"{'caveat.scoring (whole ner track)':40s} {ours_wall:8.2f} {ours_cpu:8.2f}   {ours_f1:.12f}")
    print(f"{'seqeval strict IOB2 (F1 only)':40s} {theirs_wall:8.2f} {theirs_cpu:8.2f}   {theirs:.12f}")
    print(f"{'seqeval, cyclic GC paused as ours is':40s} {paused_wall:8.2f} {paused_cpu:8.2f}")
    same = abs(ours_f1 - theirs) <= 1e-9
    print(f"same strict F1 (|diff| <= 1e-9): {'yes' if same else 'NO'} (|diff| = {abs(ours_f1 - theirs):.1e})")
    ratios = {"CPU time": theirs_cpu / ours_cpu, "wall time": theirs_wall / ours_wall,
              "CPU time, both without GC": paused_cpu / ours_cpu}
    verdict = "met" if min(ratios.values()) >= TARGET_RATIO else "NOT met"
    print("speed ratio seqeval / caveat: " + ", ".join(f"{r:.1f}x {name}" for name, r in ratios.items())
          + f" (target >= {TARGET_RATIO:.0f}x: {verdict}; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs)")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())

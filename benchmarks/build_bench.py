"""Benchmark `caveat build` on a synthetic corpus: build time, its ratio to writing the same rows with pyarrow directly
(target: at most 2x), and the first `load_dataset` time per config. Usage: python benchmarks/build_bench.py [N_DOCS]."""
from __future__ import annotations

import copy
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("HF_DATASETS_OFFLINE", "1")
os.environ.setdefault("HF_HUB_OFFLINE", "1")

import pyarrow as pa  # noqa: E402
import pyarrow.parquet as pq  # noqa: E402

from caveat.corpusio import load_valid_corpus as load_corpus  # noqa: E402
from caveat.commands.build import write_build  # noqa: E402
from caveat.hf.build import build_dataset  # noqa: E402
from caveat.hf.features import CONFIGS, all_features, storage_schema  # noqa: E402
from caveat.hf.rows import document_row, sentence_rows  # noqa: E402
from caveat.labels import inventory  # noqa: E402
from caveat.splits import assign_splits  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


def synthetic_corpus(n: int) -> list[dict]:
    """``n`` documents copied from the real corpus, each with entities, claims, sources, hedges and relations."""
    inv = inventory()
    base = load_corpus(str(ROOT / "corpus"))
    docs = []
    for i in range(n):
        d = copy.deepcopy(base[i % len(base)])
        d["id"] = f"bench-{i:05d}"
        d["meta"].update(origin="authored", register=f"r{i % 7}", subject=f"s{i % 5}")
        text, toks = d["text"], d["tokens"]
        d["entities"] = [{"id": f"e{j}", "start": t["start"], "end": t["end"], "text": text[t["start"]:t["end"]],
                          "label": inv.entity_labels[j % 18]} for j, t in enumerate(toks) if text[t["start"]].isupper()]
        d["claims"] = [{"id": f"c{j}", "start": s["start"], "end": s["end"], "text": text[s["start"]:s["end"]],
                        "label": "CLAIM", "claim_type": inv.claim_types[j % 5], "checkworthy": bool(j % 2)}
                       for j, s in enumerate(d["sentences"][::2])]
        firsts = [next(t for t in toks if t["start"] == c["start"]) for c in d["claims"]]
        d["sources"] = [{"id": f"s{j}", "start": t["start"], "end": t["end"], "text": text[t["start"]:t["end"]],
                         "label": "SOURCE"} for j, t in enumerate(firsts)]
        d["hedges"] = [{"id": f"h{j}", "start": t["start"], "end": t["end"], "text": text[t["start"]:t["end"]],
                        "label": "HEDGE", "hedge_type": inv.hedge_types[j % 4]}
                       for j, t in enumerate(toks) if text[t["start"]:t["end"]] in ("may", "could", "some", "about", "said")]
        d["relations"] = [{"id": f"ra{j}", "type": "attributed_to", "from": f"c{j}", "to": f"s{j}"} for j in range(len(d["claims"]))]
        docs.append(d)
    return docs


def timed(fn):
    """(wall seconds, CPU seconds of this process, result): CPU time is robust to other jobs on a shared machine."""
    w0, c0 = time.perf_counter(), time.process_time()
    result = fn()
    return time.perf_counter() - w0, time.process_time() - c0, result


def make_rows(docs: list[dict], splits: dict[str, str]) -> dict[str, dict[str, list[dict]]]:
    """The same rows caveat build writes, by config and split."""
    rows: dict[str, dict[str, list[dict]]] = {c: {} for c in CONFIGS}
    for d in docs:
        s = splits[d["id"]]
        rows["documents"].setdefault(s, []).append(document_row(d))
        per, _ = sentence_rows(d)
        for c, items in per.items():
            rows[c].setdefault(s, []).extend(items)
    return rows


def write_with_pyarrow(rows: dict[str, dict[str, list[dict]]], out: Path) -> None:
    """The rows as Parquet, straight through pyarrow (no card, Croissant, stats or manifest)."""
    features = all_features()
    for c in CONFIGS:
        for s, r in rows[c].items():
            pq.write_table(pa.Table.from_pylist(r, schema=storage_schema(features[c])), out / f"{c}-{s}.parquet")


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    print(f"synthetic corpus: {n} documents (copies of the real corpus's texts, every layer annotated); {os.cpu_count()} cores")
    docs = synthetic_corpus(n)
    splits = assign_splits(docs).assignment
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        w_build, c_build, built = timed(lambda: build_dataset(docs, splits))
        w_write, c_write, _ = timed(lambda: write_build(built, tmp / "hf"))
        (tmp / "ref").mkdir()
        w_rows, c_rows, rows = timed(lambda: make_rows(docs, splits))
        w_pa, c_pa, _ = timed(lambda: write_with_pyarrow(rows, tmp / "ref"))
        print(f"{'':48} {'wall s':>8} {'CPU s':>8}")
        print(f"{'caveat build (in memory)':48} {w_build:8.2f} {c_build:8.2f}")
        print(f"{'caveat build writing the directory':48} {w_write:8.2f} {c_write:8.2f}")
        print(f"{'reference: making the same rows':48} {w_rows:8.2f} {c_rows:8.2f}")
        print(f"{'reference: pyarrow writing them':48} {w_pa:8.2f} {c_pa:8.2f}")
        total_c, total_w = c_build + c_write, w_build + w_write
        print(f"ratio build / (rows + pyarrow): {total_c / (c_rows + c_pa):.2f}x CPU, {total_w / (w_rows + w_pa):.2f}x wall (target <= 2x)")
        print(f"ratio build / pyarrow writing only: {total_c / c_pa:.2f}x CPU, {total_w / w_pa:.2f}x wall")
        size = sum(len(b) for b in built.files.values())
        print(f"built size: {size / 1e6:.1f} MB; rows: " + ", ".join(f"{c} {sum(v.values())}" for c, v in built.manifest['rows'].items()))
        import datasets

        datasets.disable_progress_bars()
        for config in CONFIGS:
            with tempfile.TemporaryDirectory() as cache:
                w_load, c_load, ds = timed(lambda: datasets.load_dataset(str(tmp / "hf"), config, cache_dir=cache))
            print(f"first load_dataset({config!r}): {w_load:.2f} s wall, {c_load:.2f} s CPU "
                  f"({sum(d.num_rows for d in ds.values())} rows)")


if __name__ == "__main__":
    main()

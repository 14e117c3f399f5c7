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

from caveat.cliutil import load_corpus  # noqa: E402
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
    t0 = time.perf_counter()
    result = fn()
    return time.perf_counter() - t0, result


def pyarrow_reference(docs: list[dict], splits: dict[str, str], out: Path) -> float:
    """Seconds to write the same rows (made beforehand) as Parquet with pyarrow directly."""
    features = all_features()
    rows = {c: {} for c in CONFIGS}
    for d in docs:
        s = splits[d["id"]]
        rows["documents"].setdefault(s, []).append(document_row(d))
        per, _ = sentence_rows(d)
        for c, items in per.items():
            rows[c].setdefault(s, []).extend(items)
    t0 = time.perf_counter()
    for c in CONFIGS:
        for s, r in rows[c].items():
            pq.write_table(pa.Table.from_pylist(r, schema=storage_schema(features[c])), out / f"{c}-{s}.parquet")
    return time.perf_counter() - t0


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    print(f"synthetic corpus: {n} documents (copies of the real corpus's texts, every layer annotated); {os.cpu_count()} cores")
    docs = synthetic_corpus(n)
    splits = assign_splits(docs).assignment
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        t_build, built = timed(lambda: build_dataset(docs, splits))
        t_write, _ = timed(lambda: write_build(built, tmp / "hf"))
        (tmp / "ref").mkdir()
        t_ref = pyarrow_reference(docs, splits, tmp / "ref")
        print(f"caveat build (rows, Parquet, card, Croissant, manifest): {t_build:.2f} s + {t_write:.2f} s writing")
        print(f"pyarrow writing the same rows directly:                 {t_ref:.2f} s")
        print(f"ratio caveat build / pyarrow direct: {(t_build + t_write) / t_ref:.2f}x (target <= 2x)")
        size = sum(len(b) for b in built.files.values())
        print(f"built size: {size / 1e6:.1f} MB; rows: " + ", ".join(f"{c} {sum(v.values())}" for c, v in built.manifest['rows'].items()))
        import datasets

        datasets.disable_progress_bars()
        for config in CONFIGS:
            with tempfile.TemporaryDirectory() as cache:
                t_load, ds = timed(lambda: datasets.load_dataset(str(tmp / "hf"), config, cache_dir=cache))
            print(f"first load_dataset({config!r}): {t_load:.2f} s ({sum(d.num_rows for d in ds.values())} rows)")


if __name__ == "__main__":
    main()

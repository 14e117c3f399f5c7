"""Label Studio bridge benchmark: converting the corpus to tasks and reading a full export back, vs plain JSON.

For every document of the corpus (annotated ones carry their gold layers) this times, as ratios to a
reference measured in the same run (``json.loads(json.dumps(doc))`` of the same documents, i.e. the
cost of merely moving them through a JSON API):

* corpus -> Label Studio tasks (``document_task``), and
* a full JSON export of those tasks -> Caveat documents (``read_export``, every check included),

and checks that the trip is the identity on every annotated document. The corpus is repeated
``--repeat`` times so the figures are stable. No server is involved: the server's own cost is
measured by the tests' timings (see docs/labelstudio.md).

Usage: ``.venv/bin/python benchmarks/labelstudio_bench.py [--corpus corpus] [--repeat 20]``.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time

from caveat.corpusio import load_valid_corpus as load_corpus
from caveat.labelstudio.convert import document_task
from caveat.labelstudio.exports import read_export

LAYERS = ("entities", "claims", "sources", "hedges", "relations")


def as_export(tasks: list[dict]) -> list[dict]:
    """The tasks as Label Studio exports them after import: ids, and each annotation completed by someone."""
    out = []
    for n, task in enumerate(tasks, start=1):
        anns = [dict(a, id=n, completed_by={"id": 1, "email": "bench@example.org"}, updated_at="2026-01-01T00:00:00Z")
                for a in task.get("annotations", [])]
        out.append(dict(task, id=n, annotations=anns))
    return json.loads(json.dumps(out, ensure_ascii=False))


def timed(fn, *args):
    t0 = time.perf_counter()
    value = fn(*args)
    return value, time.perf_counter() - t0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", default="corpus")
    ap.add_argument("--repeat", type=int, default=20)
    args = ap.parse_args()
    docs = load_corpus(args.corpus)
    batch = [dict(d, id=f"{d['id']}--{i}") for i in range(args.repeat) for d in docs]
    n_items = sum(len(d.get(layer, [])) for d in batch for layer in LAYERS)

    _, ref = timed(lambda: [json.loads(json.dumps(d, ensure_ascii=False)) for d in batch])
    tasks, t_out = timed(lambda: [document_task(d) for d in batch])
    export = as_export(tasks)
    result, t_in = timed(read_export, export, "bench")
    assert not result.failures, result.failures[:3]
    by_id = {d.doc_id: d.document for d in result.documents}
    annotated = [d for d in batch if any(d.get(layer) for layer in LAYERS)]
    for d in annotated:
        back = by_id[d["id"]]
        assert all(back[layer] == d[layer] for layer in LAYERS), d["id"]

    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    print(f"{len(batch)} documents ({len(docs)} x {args.repeat}), {len(annotated)} annotated, {n_items} spans+relations")
    print(f"reference  json round trip   {ref:8.3f} s")
    print(f"to tasks   document_task     {t_out:8.3f} s  = {t_out / ref:5.2f} x reference")
    print(f"from export read_export      {t_in:8.3f} s  = {t_in / ref:5.2f} x reference "
          f"({n_items / t_in:,.0f} spans+relations/s)")
    print(f"identity on {len(annotated)} annotated documents: ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())

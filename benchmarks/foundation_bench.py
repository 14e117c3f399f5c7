"""Foundation benchmark: validation vs parsing, segmentation vs spaCy's bare tokenizer, and validation memory.

Generates a synthetic corpus (default 10,000 documents of about 3,000 characters, with annotated
spans so the validator does real work) in a temporary directory, then prints, as ratios to a
reference measured in the same run:

* validation time (``validate_paths``, the body of ``caveat validate``) / reading + ``json.loads``
  of the same files (target <= 5x);
* segmentation time (``caveat.segment.segment``) / ``spacy.blank("en").tokenizer`` on the same
  texts (target <= 1.5x);
* peak traced memory (tracemalloc) of validating a tenth of the corpus vs all of it. Documents
  are streamed, so the peak must not grow by anything like a document per document: what does
  grow is the sorted file list and the id index that the corpus-level checks (E501-E506) need.
  The target is a growth below 2% of one document's working memory per added document.

Usage: ``.venv/bin/python benchmarks/foundation_bench.py [--docs N] [--seed S] [--keep DIR]``.
"""
from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import random
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from caveat.commands.validate import validate_paths
from caveat.document import dumps, empty_layers
from caveat.errors import ERROR
from caveat.fileio import atomic_write_text
from caveat.labels import inventory
from caveat.segment import segment

TARGET_VALIDATE = 5.0
TARGET_SEGMENT = 1.5
TARGET_MEMORY = 0.02  # peak growth per added document, as a fraction of one document's working memory
CHARS = 3000

WORDS = (
    "the a of to and in that for on with as by at from said would could may which officials company government "
    "market report data system policy trade rules export chips firms technology security surveillance cameras "
    "analysts investors shares percent year month week billion million new first last more most some many other "
    "added blocked announced expected according while however because although after before since during "
    "will might likely about nearly roughly estimated suggested claimed argued warned noted told reporters"
).split()
NAMES = ["Megvii", "SenseTime", "Hikvision", "Huawei", "Beijing", "Washington", "Xinjiang", "Reuters",
         "Samantha Hoffman", "the Department of Commerce", "U.S.", "Xiamen Meiya Pico Information Co. Ltd.",
         "MIT Technology Review", "Dahua Technology", "the People's Bank of China", "Yitu Technologies"]
EXTRAS = ["90%", "$1.2 billion", "14.5 million", "(like those in Shandong)", "exist--", "in-house", "2019",
          "[Xinjiang Uighur Autonomous Region]", "October 2nd", "co-founder", "e.g.", "Mr. Li"]


def _sentence(rng: random.Random) -> str:
    """One synthetic news sentence."""
    n = rng.randint(8, 24)
    words = [rng.choice(NAMES) if rng.random() < 0.12 else rng.choice(EXTRAS) if rng.random() < 0.05
             else rng.choice(WORDS) for _ in range(n)]
    if rng.random() < 0.3:
        words.insert(rng.randint(1, n - 1), rng.choice(WORDS) + ",")
    body = " ".join(words)
    body = body[0].upper() + body[1:]
    if rng.random() < 0.15:
        return f"“{body},” {rng.choice(NAMES)} said."
    return body + rng.choice([".", ".", ".", "?", "!"])


def synthetic_text(rng: random.Random, chars: int = CHARS) -> str:
    """An article-shaped text of about ``chars`` characters: headline, caption, body, sometimes bullets."""
    parts = [" ".join(rng.choice(WORDS + NAMES) for _ in range(rng.randint(6, 12))).capitalize(),
             f"{_sentence(rng)} ({rng.choice(NAMES)}/Reuters)"]
    size = sum(map(len, parts))
    while size < chars:
        if rng.random() < 0.1:
            block = "\n".join(f"  • {rng.choice(NAMES)}" for _ in range(rng.randint(2, 5)))
        else:
            block = " ".join(_sentence(rng) for _ in range(rng.randint(2, 5)))
        parts.append(block)
        size += len(block) + 2
    return "\n\n".join(parts) + "\n"


def annotate(doc_id: str, text: str, seg: dict, rng: random.Random) -> dict:
    """A document with token-aligned entities, claims, sources, hedges and relations."""
    inv = inventory()
    tokens, layers = seg["tokens"], empty_layers()
    ents, hedges, claims, sources, relations = [], [], [], [], []

    def span(prefix: str, k: int, s: int, e: int, label: str, **attrs) -> dict:
        return {"id": f"{prefix}{k}", "start": s, "end": e, "text": text[s:e], "label": label, **attrs}

    for k, i in enumerate(range(0, len(tokens) - 3, 17)):
        j = i + rng.randint(0, 2)
        ents.append(span("e", k, tokens[i]["start"], tokens[j]["end"], rng.choice(inv.entity_labels)))
    for k, sent in enumerate(seg["sentences"][::3]):
        claim = span("c", k, sent["start"], sent["end"], "CLAIM", claim_type=rng.choice(inv.claim_types),
                     checkworthy=rng.random() < 0.5)
        claims.append(claim)
        inside = [t for t in tokens if sent["start"] <= t["start"] and t["end"] <= sent["end"]]
        src = span("s", k, inside[0]["start"], inside[0]["end"], "SOURCE")
        sources.append(src)
        relations.append({"id": f"r{2 * k}", "type": "attributed_to", "from": claim["id"], "to": src["id"]})
        cue = inside[len(inside) // 2]
        hedge = span("h", k, cue["start"], cue["end"], "HEDGE", hedge_type=rng.choice(inv.hedge_types))
        hedges.append(hedge)
        relations.append({"id": f"r{2 * k + 1}", "type": "hedges", "from": hedge["id"], "to": claim["id"]})
    layers.update(entities=ents, claims=claims, sources=sources, hedges=hedges, relations=relations)
    meta = {"title": doc_id, "origin": "authored", "license": "CC-BY-4.0", "language": "en", "date": "2024-01-01",
            "publisher": None, "url": None, "notes": "synthetic benchmark document",
            "annotation": {"status": "draft", "passes": []}}
    return {"id": doc_id, "meta": meta, "text": text, **seg, **layers}


def machine() -> str:
    """nproc, CPU model and Python of this machine."""
    model = platform.processor() or "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{os.cpu_count()} CPU(s) (nproc {len(os.sched_getaffinity(0))}), {model}, Python {platform.python_version()}"


def time_segmentation(texts: list[str]) -> tuple[float, float]:
    """Seconds for the bare spaCy tokenizer and for segment() on the same texts (interleaved blocks, results dropped)."""
    import spacy

    bare = spacy.blank("en").tokenizer
    for t in texts[:20]:  # warm both up (imports, caches)
        bare(t)
        segment(t)
    t_bare = t_seg = 0.0
    block = 250
    for lo in range(0, len(texts), block):
        chunk = texts[lo:lo + block]
        t0 = time.perf_counter()
        for t in chunk:
            bare(t)
        t1 = time.perf_counter()
        for t in chunk:
            segment(t)
        t2 = time.perf_counter()
        t_bare += t1 - t0
        t_seg += t2 - t1
    return t_bare, t_seg


def time_validation(files: list[Path]) -> tuple[float, float, list]:
    """Seconds to read + json.loads every file (the reference) and to validate them (``validate_paths``, the body
    of ``caveat validate``), measured in interleaved blocks so that load from other processes hits both alike."""
    t_parse = t_val = 0.0
    problems: list = []
    block = 250
    for lo in range(0, len(files), block):
        chunk = files[lo:lo + block]
        t0 = time.perf_counter()
        for f in chunk:
            json.loads(f.read_text(encoding="utf-8"))
        t1 = time.perf_counter()
        problems += validate_paths([str(f) for f in chunk], quiet=True)
        t2 = time.perf_counter()
        t_parse += t1 - t0
        t_val += t2 - t1
    return t_parse, t_val, problems


def peak_memory(paths: list[str]) -> int:
    """Peak traced bytes while validating the given files or corpus directories."""
    gc.collect()
    tracemalloc.start()
    validate_paths(paths, quiet=True)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 epilog="example:\n  .venv/bin/python benchmarks/foundation_bench.py --docs 1000",
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=10_000, help="number of synthetic documents (default 10000)")
    ap.add_argument("--seed", type=int, default=13, help="random seed of the generator")
    ap.add_argument("--keep", metavar="DIR", help="write the corpus here and keep it (default: a temp dir)")
    args = ap.parse_args(argv)
    if args.docs < 10:
        ap.error("--docs must be at least 10")
    rng = random.Random(args.seed)
    print(f"machine: {machine()}")
    print(f"documents: {args.docs} synthetic, about {CHARS} characters each (seed {args.seed})", flush=True)

    texts = [synthetic_text(rng) for _ in range(args.docs)]
    t_bare, t_seg = time_segmentation(texts)

    with tempfile.TemporaryDirectory(prefix="caveat-bench-") as tmp:
        root = Path(args.keep) if args.keep else Path(tmp)
        big, small = root / "corpus-all", root / "corpus-tenth"
        (big / "documents").mkdir(parents=True, exist_ok=True)
        (small / "documents").mkdir(parents=True, exist_ok=True)
        n_small = max(1, args.docs // 10)
        n_spans = 0
        for i, text in enumerate(texts):
            doc_id = f"bench-{i:05d}"
            doc = annotate(doc_id, text, segment(text), rng)
            n_spans += sum(len(doc[k]) for k in ("entities", "claims", "sources", "hedges", "relations"))
            target = big / "documents" / f"{doc_id}.json"
            atomic_write_text(target, dumps(doc))
            if i < n_small:
                os.link(target, small / "documents" / target.name)
        del texts
        files = sorted((big / "documents").glob("*.json"))
        mb = sum(f.stat().st_size for f in files) / 1e6
        print(f"corpus: {len(files)} files, {mb:.0f} MB, {n_spans} annotation spans and relations", flush=True)

        time_validation(files[: min(200, len(files))])  # warm the page cache and the imports
        t_parse, t_val, problems = time_validation(files)
        problems += validate_paths([str(big)], quiet=True)  # the corpus-level checks too, untimed
        errors = [p for p in problems if p.severity == ERROR]
        if errors:
            print(f"the synthetic corpus should be valid but has {len(errors)} error(s), e.g. {errors[0].render()}")
            return 1

        one_doc = max(peak_memory([str(f)]) for f in files[:20])
        peak_small = peak_memory([str(small)])
        peak_big = peak_memory([str(big)])

    rows = [
        ("validation / json.loads", t_val, t_parse, TARGET_VALIDATE),
        ("segmentation / bare spaCy tokenizer", t_seg, t_bare, TARGET_SEGMENT),
    ]
    print()
    ok = True
    for name, t, ref, target in rows:
        ratio = t / ref
        ok &= ratio <= target
        print(f"{name:<38} {t:8.2f} s / {ref:7.2f} s = {ratio:5.2f}x  (target <= {target}x: "
              f"{'met' if ratio <= target else 'MISSED'})")
    per_doc = t_val / args.docs * 1e3
    print(f"{'validation per document':<38} {per_doc:8.2f} ms")
    growth = (peak_big - peak_small) / (args.docs - n_small)
    ok &= growth <= TARGET_MEMORY * one_doc
    print(f"{'validation peak memory (tracemalloc)':<38} {peak_small / 1e6:6.1f} MB at {n_small} docs, "
          f"{peak_big / 1e6:6.1f} MB at {args.docs} docs = {peak_big / peak_small:.2f}x  (not flat: see below)")
    print(f"{'  one document alone (max of 20)':<38} {one_doc / 1e6:6.2f} MB, freed before the next one")
    print(f"{'  growth per added document':<38} {growth:8.0f} B = {growth / one_doc:.2%} of one document: the sorted "
          f"file list and the id index of the corpus checks (streaming target <= {TARGET_MEMORY:.0%}: "
          f"{'met' if growth <= TARGET_MEMORY * one_doc else 'MISSED'})")
    print(f"\nall targets {'met' if ok else 'NOT met'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

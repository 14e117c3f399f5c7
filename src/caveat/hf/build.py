"""Build the dataset directory in memory (pure): data files, card, Croissant and manifest as ``{relative path: bytes}``."""
from __future__ import annotations

import hashlib
import json
from collections import Counter
from dataclasses import dataclass
from typing import Any, Callable, Iterable

from ..document import Document
from ..errors import CaveatError, message
from ..labels import Inventory, inventory
from ..stats import corpus_stats
from .card import render_card
from .croissant import croissant_metadata
from .features import CONFIGS, SPLITS, all_features
from .parquet import parquet_bytes
from .rows import document_row, sentence_rows

MANIFEST = "manifest.json"
CARD = "README.md"
CROISSANT = "croissant.json"


@dataclass
class BuiltDataset:
    """Every file of the dataset directory, the manifest and the stats the card was made from."""

    files: dict[str, bytes]
    manifest: dict
    stats: dict


def sha256(data: bytes) -> str:
    """Hex SHA-256 of bytes."""
    return hashlib.sha256(data).hexdigest()


def corpus_digest(docs: list[Document], splits: dict[str, str]) -> str:
    """SHA-256 of the corpus as read: every document as compact sorted-key JSON, in id order, then the split file."""
    h = hashlib.sha256()
    for doc in sorted(docs, key=lambda d: d["id"]):
        h.update(json.dumps(doc, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
    h.update(json.dumps(splits, sort_keys=True).encode("utf-8"))
    return h.hexdigest()


def _json_bytes(obj: Any) -> bytes:
    return (json.dumps(obj, indent=2, ensure_ascii=False, sort_keys=True) + "\n").encode("utf-8")


def _pick_instance(rows: list[dict], config: str) -> dict:
    """A representative row: the first with annotations in the config's layer, else the first row."""
    wanted = {"ner": lambda r: any(t != "O" for t in r["ner_tags"]), "hedges": lambda r: bool(r["cues"]),
              "claims": lambda r: r["has_claim"], "documents": lambda r: bool(r["entities"] or r["claims"] or r["hedges"])}
    return next((r for r in rows if wanted[config](r)), rows[0])


def _doc_facts(docs: list[Document]) -> dict:
    """Facts about the documents' metadata that the card states."""
    passes = [p for d in docs for p in (d.get("meta", {}).get("annotation") or {}).get("passes") or []]
    dates = sorted(d["meta"]["date"] for d in docs if d.get("meta", {}).get("date"))
    return {
        "licences": Counter(d.get("meta", {}).get("license") or "unknown" for d in docs),
        "statuses": Counter((d.get("meta", {}).get("annotation") or {}).get("status") or "unrecorded" for d in docs),
        "annotators": len({p.get("annotator") for p in passes}),
        "passes": len(passes),
        "pass_kinds": Counter(p.get("kind") or "unrecorded" for p in passes),
        "date_range": f"{dates[0]} to {dates[-1]}" if dates else "none recorded",
        "last_pass_date": max((p["date"] for p in passes if isinstance(p.get("date"), str)), default=None),
    }


def build_dataset(docs: Iterable[Document], splits: dict[str, str], reports: dict[str, Any] | None = None, *,
                  inv: Inventory | None = None, tick: Callable[[], None] | None = None) -> BuiltDataset:
    """Every file of the dataset directory for these (valid) documents and this split assignment."""
    inv = inv or inventory()
    docs = sorted(docs, key=lambda d: d["id"])
    missing = [d["id"] for d in docs if splits.get(d["id"]) not in SPLITS]
    if missing:
        raise CaveatError(message("hf.no_split", count=len(missing), first=missing[0]), exit_code=1)
    if not docs:
        raise CaveatError(message("hf.empty"), exit_code=1)
    features = all_features(inv)
    rows: dict[str, dict[str, list[dict]]] = {c: {s: [] for s in SPLITS} for c in CONFIGS}
    dropped = Counter()
    for doc in docs:
        split = splits[doc["id"]]
        rows["documents"][split].append(document_row(doc, inv))
        per_sentence, lost = sentence_rows(doc, inv)
        for config, items in per_sentence.items():
            rows[config][split].extend(items)
        dropped.update(lost)
        if tick:
            tick()
    present = [s for s in SPLITS if rows["documents"][s]]
    files: dict[str, bytes] = {}
    hashes: dict[tuple[str, str], str] = {}
    for config in CONFIGS:
        for split in present:
            data = parquet_bytes(rows[config][split], features[config])
            files[f"data/{config}/{split}.parquet"] = data
            hashes[(config, split)] = sha256(data)
    st = corpus_stats(docs, splits, reports, inv)
    facts = _doc_facts(docs)
    digest = corpus_digest(docs, splits)
    manifest = {
        "corpus_version": digest[:16],
        "corpus_sha256": digest,
        "label_inventory": {"version": inv.version, "sha256": inv.sha256},
        "documents": len(docs),
        "splits": present,
        "rows": {c: {s: len(rows[c][s]) for s in present} for c in CONFIGS},
        "bio_dropped": {"ner": dropped["ner"], "hedges": dropped["hedges"]},
        "files": {path: {"sha256": sha256(data), "bytes": len(data)} for path, data in sorted(files.items())},
    }
    instances = {c: (present[0], _pick_instance(rows[c][present[0]], c)) for c in CONFIGS}
    card = render_card(features=features, st=st, splits_present=present, rows_per_split=manifest["rows"],
                       instances=instances, docs_facts=facts, manifest_summary=manifest, inv=inv)
    files[CARD] = card.encode("utf-8")
    licences = sorted({"https://creativecommons.org/licenses/by/4.0/" if lic == "CC-BY-4.0" else lic
                       for lic in facts["licences"]})
    croissant = croissant_metadata(features, hashes, version=inv.version, licences=licences,
                                   date_published=facts["last_pass_date"],
                                   description=card.split("---\n", 2)[2].split("\n\n")[1].replace("\n", " "))
    files[CROISSANT] = _json_bytes(croissant)
    manifest["files"].update({p: {"sha256": sha256(files[p]), "bytes": len(files[p])} for p in (CARD, CROISSANT)})
    manifest["files"] = dict(sorted(manifest["files"].items()))
    files[MANIFEST] = _json_bytes(manifest)
    return BuiltDataset(files=files, manifest=manifest, stats=st)


def check_directory(expected: dict[str, bytes], actual: dict[str, bytes | None]) -> list[str]:
    """Differences between a fresh build and a directory on disk: paths missing, changed or not part of the build."""
    problems = []
    for path, data in sorted(expected.items()):
        found = actual.get(path)
        if found is None:
            problems.append(message("hf.check_missing", path=path))
        elif found != data:
            problems.append(message("hf.check_stale", path=path))
    problems += [message("hf.check_extra", path=p) for p in sorted(actual) if p not in expected and actual[p] is not None]
    return problems

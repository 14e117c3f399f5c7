"""The real corpus/ builds, loads offline with every config, and keeps every span's text at its offsets."""
from __future__ import annotations

import json

import pytest

from caveat.commands import build as build_cmd
from caveat.corpusio import load_valid_corpus as load_corpus
from caveat.labels import ANNOTATION_LAYERS

from .conftest import load_offline
from .helpers import decoded_rows

pytestmark = pytest.mark.slow


def test_real_corpus_builds_and_loads(real_corpus, tmp_path):
    out = tmp_path / "hf"
    assert build_cmd.main(["--corpus", str(real_corpus), "--out", str(out), "--quiet"]) == 0
    proc = load_offline(out, tmp_path / "cache")
    assert proc.returncode == 0, proc.stderr[-3000:]
    loaded = json.loads((tmp_path / "cache" / "rows.json").read_text())
    docs = {d["id"]: d for d in load_corpus(str(real_corpus))}
    splits = json.loads((real_corpus / "splits.json").read_text())
    rows = decoded_rows(loaded["documents"])
    assert {s: len(r) for s, r in rows.items()} == {s: sum(v == s for v in splits.values()) for s in rows}
    for row in (r for rs in rows.values() for r in rs):
        doc = docs[row["id"]]
        assert row["text"] == doc["text"]
        for layer in ANNOTATION_LAYERS:
            assert len(row[layer]) == len(doc[layer])
            assert all(row["text"][s["start"]:s["end"]] == s["text"] for s in row[layer])
    n_sents = {s: sum(len(docs[i]["sentences"]) for i, v in splits.items() if v == s) for s in rows}
    for config in ("ner", "hedges", "claims"):
        assert {s: len(r) for s, r in loaded[config]["splits"].items()} == n_sents

"""Fixtures of the render tests: the fixture corpus (every layer, tricky text), a system's predictions, an agreement
report and leaderboard results, and the site `caveat render` makes of them."""
from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from caveat.agreement import compare
from caveat.commands import render as render_cmd
from caveat.leaderboard import Submission, build

from .fixtures import EMPTY_ID, PLAIN_ID, TRICKY_ID, fixture_documents, fixture_predictions, write_corpus

SPLITS = {TRICKY_ID: "test", PLAIN_ID: "train", EMPTY_ID: "validation"}
EVIL_SYSTEM = '<script>window.__xss=3</script> $x$ "evil"'


def results_fixture(docs: list[dict], preds: list[dict]) -> dict:
    """Leaderboard results made by the real `caveat.leaderboard.build`: the fixture system, an oracle, and a system
    whose name and url try to inject HTML."""
    gold = [d for d in docs if d["id"] in {p["doc_id"] for p in preds}]
    oracle = [{"doc_id": d["id"], **{k: d[k] for k in ("entities", "claims", "sources", "hedges")},
               "relations": [{k: r[k] for k in ("type", "from", "to")} for r in d["relations"]]} for d in gold]
    worse = copy.deepcopy(preds)
    for rec in worse:
        rec["entities"] = rec["entities"][::2]
    subs = [Submission("tagger", {"name": "tagger", "kind": "baseline"}, list(enumerate(preds, 1)), "tagger.jsonl"),
            Submission("oracle", {"name": "oracle", "kind": "oracle"}, list(enumerate(oracle, 1)), "oracle.jsonl"),
            Submission("evil", {"name": EVIL_SYSTEM, "url": "javascript:alert(1)"}, list(enumerate(worse, 1)), "evil.jsonl")]
    return build(gold, subs, corpus_ids={d["id"] for d in docs}, gold="fixture", split="all", resamples=50, seed=0)


@pytest.fixture(scope="session")
def docs() -> list[dict]:
    return fixture_documents()


@pytest.fixture(scope="session")
def preds(docs) -> list[dict]:
    return fixture_predictions(docs)


@pytest.fixture(scope="session")
def corpus(tmp_path_factory, docs) -> Path:
    """The fixture corpus with a split file and one agreement report (the tricky document against a thinned copy)."""
    root = write_corpus(tmp_path_factory.mktemp("render-corpus"), docs, SPLITS)
    other = copy.deepcopy(docs)
    other[0]["entities"] = other[0]["entities"][:-2]
    (root / "agreement").mkdir()
    (root / "agreement" / "pass1-vs-pass2.json").write_text(json.dumps(compare(docs, other, date="2024-01-01")), encoding="utf-8")
    return root


@pytest.fixture(scope="session")
def pred_file(tmp_path_factory, preds) -> Path:
    path = tmp_path_factory.mktemp("render-preds") / "tagger.jsonl"
    path.write_text("".join(json.dumps(p, ensure_ascii=False) + "\n" for p in preds), encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def results(docs, preds) -> dict:
    return results_fixture(docs, preds)


@pytest.fixture(scope="session")
def results_file(tmp_path_factory, results) -> Path:
    path = tmp_path_factory.mktemp("render-results") / "results.json"
    path.write_text(json.dumps(results), encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def site(tmp_path_factory, corpus, pred_file, results_file) -> Path:
    """The site rendered by the real command, with predictions and leaderboard results."""
    out = tmp_path_factory.mktemp("render-site") / "site"
    rc = render_cmd.main(["--corpus", str(corpus), "--out", str(out), "--pred", str(pred_file), "--system", "tagger <v1>",
                          "--results", str(results_file), "--quiet"])
    assert rc == 0
    return out

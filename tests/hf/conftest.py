"""Fixtures of the HF tests: an annotated fixture corpus, its split file, its build, and offline loads of builds."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from caveat.commands import build as build_cmd
from caveat.hf.features import CONFIGS
from caveat.splits import assign_splits

from .fixture_corpus import ROOT, fixture_documents, write_corpus

OFFLINE_ENV = {"HF_DATASETS_OFFLINE": "1", "HF_HUB_OFFLINE": "1"}


def load_offline(directory: Path, cache_dir: Path, configs=CONFIGS) -> subprocess.CompletedProcess:
    """`load_dataset` every config in a fresh process, offline, into a fresh cache; JSON lands in cache_dir/rows.json."""
    env = {**os.environ, **OFFLINE_ENV}
    return subprocess.run([sys.executable, str(Path(__file__).with_name("load_offline.py")), str(directory), str(cache_dir),
                           str(cache_dir / "rows.json"), json.dumps(list(configs))],
                          env=env, capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="session")
def fixture_docs() -> list[dict]:
    return fixture_documents()


@pytest.fixture(scope="session")
def fixture_corpus(tmp_path_factory, fixture_docs) -> Path:
    """A corpus directory of annotated documents with a split file made by assign_splits."""
    root = tmp_path_factory.mktemp("corpus")
    return write_corpus(root, fixture_docs, assign_splits(fixture_docs).assignment)


@pytest.fixture(scope="session")
def fixture_build(tmp_path_factory, fixture_corpus) -> Path:
    """The fixture corpus built by `caveat build`."""
    out = tmp_path_factory.mktemp("build") / "hf"
    assert build_cmd.main(["--corpus", str(fixture_corpus), "--out", str(out), "--quiet"]) == 0
    return out


@pytest.fixture(scope="session")
def fixture_loaded(tmp_path_factory, fixture_build) -> dict:
    """Every config and split of the fixture build as loaded by `datasets.load_dataset` offline."""
    cache = tmp_path_factory.mktemp("hf-cache")
    proc = load_offline(fixture_build, cache)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads((cache / "rows.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def real_corpus(tmp_path_factory) -> Path:
    """A snapshot of the repository's corpus/ (documents, splits, agreement reports): tests read one consistent state
    even while annotators write into corpus/."""
    import shutil

    root = tmp_path_factory.mktemp("real") / "corpus"
    src = ROOT / "corpus"
    for name in ("documents", "agreement"):
        if (src / name).is_dir():
            shutil.copytree(src / name, root / name)
    if (src / "splits.json").is_file():
        shutil.copy2(src / "splits.json", root / "splits.json")
    return root

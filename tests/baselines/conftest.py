"""Fixtures of the baseline tests: a synthetic annotated corpus and one `caveat train` run on it per session."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

import synth  # noqa: E402

from caveat import cli  # noqa: E402


@pytest.fixture(scope="session")
def synth_corpus(tmp_path_factory) -> Path:
    """A corpus directory of 12 train, 4 validation and 4 test synthetic annotated documents."""
    return synth.corpus(tmp_path_factory.mktemp("synth") / "corpus", 12, 4, 4, seed=1)


@pytest.fixture(scope="session")
def trained(synth_corpus, tmp_path_factory) -> dict[str, Path]:
    """`caveat train` run once on the synthetic corpus: the models and submissions directories."""
    root = tmp_path_factory.mktemp("trained")
    paths = {"corpus": synth_corpus, "models": root / "models", "submissions": root / "submissions", "summary": root / "summary.json"}
    rc = cli.main(["train", "--corpus", str(synth_corpus), "--out", str(paths["models"]),
                   "--submissions", str(paths["submissions"]), "--json", str(paths["summary"]), "-q"])
    assert rc == 0
    return paths

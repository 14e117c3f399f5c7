"""The outputs committed for readers (leaderboard, corpus statistics) are what the commands produce from the committed corpus."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

CAVEAT = [sys.executable, "-m", "caveat.cli"]


def _run(args: list[str], cwd: Path) -> None:
    done = subprocess.run(CAVEAT + args, cwd=cwd, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


@pytest.mark.slow
def test_committed_leaderboard_is_up_to_date(repo_root, tmp_path):
    _run(["leaderboard", "--out", str(tmp_path), "--quiet"], repo_root)
    for name in ("results.json", "LEADERBOARD.md"):
        fresh = (tmp_path / name).read_text(encoding="utf-8")
        committed = (repo_root / "leaderboard" / name).read_text(encoding="utf-8")
        assert fresh == committed, f"leaderboard/{name} is stale: run `caveat leaderboard`"


def test_committed_corpus_statistics_are_up_to_date(repo_root, tmp_path):
    _run(["stats", "--out", str(tmp_path / "stats.json"), "--quiet"], repo_root)
    for name in ("stats.json", "stats.md"):
        fresh = (tmp_path / name).read_text(encoding="utf-8")
        committed = (repo_root / "corpus" / name).read_text(encoding="utf-8")
        assert fresh == committed, f"corpus/{name} is stale: run `caveat stats --out corpus/stats.json`"

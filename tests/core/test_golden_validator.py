"""Golden files: one minimal invalid fixture per validator code, with the exact messages `caveat validate` prints.

Layout: ``tests/core/golden/validator/<CODE>/`` holds either ``mini.json`` (one document) or
``corpus/`` (a tiny corpus directory, for the corpus-level codes), and ``expected.txt``: the
rendered problems, one per line, as ``caveat validate`` prints them (paths relative to the fixture
directory).

To regenerate every ``expected.txt`` after a deliberate change to a message, run
``CAVEAT_REGEN_GOLDEN=1 .venv/bin/pytest tests/core/test_golden_validator.py`` and review the diff.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from caveat.commands.validate import validate_paths
from caveat.errors import CATALOG

GOLDEN = Path(__file__).parent / "golden" / "validator"
REGEN = os.environ.get("CAVEAT_REGEN_GOLDEN") == "1"
# codes that cannot be produced alone: a second file with the same id necessarily has the wrong name
COMPANIONS = {"E501": {"W505"}}
CODES = sorted(CATALOG)


def run_fixture(code: str, monkeypatch: pytest.MonkeyPatch) -> list:
    """The problems `caveat validate` finds in the fixture of ``code``, with paths relative to it."""
    folder = GOLDEN / code
    target = "corpus" if (folder / "corpus").is_dir() else "mini.json"
    monkeypatch.chdir(folder)
    return validate_paths([target])


def test_every_code_has_exactly_one_fixture():
    assert sorted(p.name for p in GOLDEN.iterdir() if p.is_dir()) == CODES


@pytest.mark.parametrize("code", CODES)
def test_fixture_produces_its_own_code(code, monkeypatch):
    codes = {p.code for p in run_fixture(code, monkeypatch)}
    assert code in codes
    assert codes <= {code} | COMPANIONS.get(code, set()), f"{code} fixture also gives {sorted(codes - {code})}"


@pytest.mark.parametrize("code", CODES)
def test_fixture_messages_match_golden(code, monkeypatch):
    rendered = "".join(p.render() + "\n" for p in run_fixture(code, monkeypatch))
    expected = GOLDEN / code / "expected.txt"
    if REGEN:
        expected.write_text(rendered, encoding="utf-8")
    assert expected.is_file(), f"no {expected}; run with CAVEAT_REGEN_GOLDEN=1 to create it"
    assert rendered == expected.read_text(encoding="utf-8")


@pytest.mark.parametrize("code", CODES)
def test_rendered_message_names_file_place_and_fix(code, monkeypatch):
    for problem in run_fixture(code, monkeypatch):
        line = problem.render()
        assert line.startswith(f"{problem.file}: $"), line
        assert f" {problem.code} {problem.severity}: " in line
        assert "Fix: " in line and "{" not in problem.hint

"""The README's promises that code can check: its prediction example is valid, and its two Quickstart commands are what CI runs."""
from __future__ import annotations

import json
import re

import jsonschema

from caveat.cliutil import load_corpus
from caveat.schemas import prediction_schema


def _readme(repo_root) -> str:
    return (repo_root / "README.md").read_text(encoding="utf-8")


def test_the_prediction_example_is_valid_and_points_at_the_right_characters(repo_root):
    block = re.search(r"```json\n(\{\"doc_id\".*?)\n```", _readme(repo_root), re.S).group(1)
    record = json.loads(block)
    jsonschema.Draft202012Validator(prediction_schema()).validate(record)
    doc = {d["id"]: d for d in load_corpus(str(repo_root / "corpus"))}[record["doc_id"]]
    for layer in ("entities", "claims", "sources", "hedges"):
        for span in record[layer]:
            if "text" in span:
                assert doc["text"][span["start"]:span["end"]] == span["text"]
    ids = {s["id"] for layer in ("entities", "claims", "sources", "hedges") for s in record[layer]}
    assert all(r["from"] in ids and r["to"] in ids for r in record["relations"])


def test_ci_runs_the_readme_test_command_exactly(repo_root):
    quickstart = re.search(r"## Quickstart.*?```bash\n(.*?)```", _readme(repo_root), re.S).group(1)
    commands = [line.split("#")[0].strip() for line in quickstart.splitlines() if line.strip()]
    assert len(commands) == 2, commands
    assert commands[1] in (repo_root / ".ci" / "run").read_text(encoding="utf-8").splitlines()

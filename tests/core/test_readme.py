"""The README's promises that code can check: its prediction example is valid, and its two Quickstart commands are what CI runs."""
from __future__ import annotations

import json
import re

import jsonschema

from caveat.corpusio import load_valid_corpus as load_corpus
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


def test_the_corpus_table_matches_the_statistics(repo_root):
    stats = json.loads((repo_root / "corpus" / "stats.json").read_text(encoding="utf-8"))
    table = re.search(r"## What is in the corpus\n(.*?)\n\n", _readme(repo_root), re.S).group(1)
    number = lambda text: int(text.replace(",", ""))  # noqa: E731
    found = {k: number(v) for v, k in re.findall(r"([\d,]+) (sentences|tokens|entities|claims|sources|hedge cues)", table)}
    assert found == {"sentences": stats["sentences"]["all"], "tokens": stats["tokens"]["all"],
                     "entities": stats["layers"]["entities"]["spans"]["all"], "claims": stats["layers"]["claims"]["spans"]["all"],
                     "sources": stats["layers"]["sources"]["spans"]["all"], "hedge cues": stats["layers"]["hedges"]["spans"]["all"]}
    relations = dict((k, number(v)) for v, k in re.findall(r"([\d,]+) `(attributed_to|hedges)`", table))
    assert relations == {k: v["all"] for k, v in stats["relations"].items()}
    assert f"{stats['documents']['all']}: " in table
    split = " / ".join(str(stats["documents"][s]) for s in ("train", "validation", "test"))
    assert f"split {split} documents" in table

"""Split assignment: seeds in test, near 65/15/20, stratified, deterministic, stable, and accepted by the validator."""
from __future__ import annotations

import json
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from caveat.commands import splits as splits_cmd
from caveat.splits import TARGET, assign_splits, split_counts
from caveat.validate import SPLITS, DocSummary, validate_corpus

from .fixture_corpus import write_corpus

REGISTERS = ["brief", "wire", "analysis", "opinion", "qa", "interview"]
SUBJECTS = ["export-controls", "xinjiang", "social-credit", "trade-talks"]


def corpus(n: int, seeds: int = 2, offset: int = 0) -> list[dict]:
    docs = [{"id": f"seed-{i}", "meta": {"origin": "seed", "register": "brief", "subject": "xinjiang"}} for i in range(seeds)]
    docs += [{"id": f"d{offset + i:04d}", "meta": {"origin": "authored", "register": REGISTERS[(offset + i) % 6],
                                                 "subject": SUBJECTS[(offset + i) * 7 % 4]}} for i in range(n)]
    return docs


def test_seeds_in_test_and_everyone_assigned():
    docs = corpus(60)
    plan = assign_splits(docs)
    assert set(plan.assignment) == {d["id"] for d in docs}
    assert plan.assignment["seed-0"] == plan.assignment["seed-1"] == "test"
    problems = validate_corpus([DocSummary(f"{d['id']}.json", d["id"], d["id"], d["meta"]["origin"]) for d in docs],
                               plan.assignment, "splits.json")
    assert problems == []


@settings(max_examples=60, deadline=None)
@given(n=st.integers(min_value=20, max_value=300), seed=st.integers(min_value=0, max_value=10_000))
def test_proportions_are_near_the_targets(n, seed):
    counts = split_counts(assign_splits(corpus(n), seed=seed).assignment)
    total = n + 2
    for split in SPLITS:
        assert abs(counts[split] - TARGET[split] * total) <= 2, (split, counts)


def test_every_register_and_subject_is_spread_over_the_splits():
    docs = corpus(240)
    plan = assign_splits(docs)
    for key in ("register", "subject"):
        groups: dict[str, Counter] = {}
        for d in docs[2:]:
            groups.setdefault(d["meta"][key], Counter())[plan.assignment[d["id"]]] += 1
        for value, counts in groups.items():
            n = sum(counts.values())
            for split in SPLITS:
                assert abs(counts[split] - TARGET[split] * n) <= 3, (key, value, counts)


def test_deterministic_for_a_seed_and_different_for_another():
    docs = corpus(80)
    assert assign_splits(docs).assignment == assign_splits(list(reversed(docs))).assignment
    assert assign_splits(docs, seed=1).assignment != assign_splits(docs, seed=2).assignment


def test_existing_assignments_are_kept_when_documents_arrive():
    first = assign_splits(corpus(50)).assignment
    grown = corpus(50) + corpus(20, seeds=0, offset=50)
    plan = assign_splits(grown, first)
    assert all(plan.assignment[k] == v for k, v in first.items())
    assert plan.kept == len(first) and len(plan.added) == 20 and not plan.moved
    counts = split_counts(plan.assignment)
    assert abs(counts["train"] - 0.65 * 72) <= 3
    reassigned = assign_splits(grown, first, reassign=True)
    assert reassigned.assignment == assign_splits(grown).assignment


def test_a_seed_outside_test_is_moved_and_gone_documents_dropped():
    docs = corpus(10)
    old = {**assign_splits(docs).assignment, "seed-0": "train", "ghost": "validation"}
    plan = assign_splits(docs, old)
    assert plan.assignment["seed-0"] == "test" and plan.moved["seed-0"] == ("train", "test")
    assert plan.dropped == ["ghost"] and "ghost" not in plan.assignment


def test_cli_writes_checks_and_reports_bad_files(fixture_docs, tmp_path, capsys):
    root = write_corpus(tmp_path / "c", fixture_docs[:6])
    assert splits_cmd.main(["--corpus", str(root), "--check", "--quiet"]) == 1
    assert "would change" in capsys.readouterr().err
    assert splits_cmd.main(["--corpus", str(root)]) == 0
    written = json.loads((root / "splits.json").read_text())
    assert set(written) == {d["id"] for d in fixture_docs[:6]}
    assert "wrote" in capsys.readouterr().out
    assert splits_cmd.main(["--corpus", str(root), "--check", "--quiet"]) == 0
    write_corpus(root, fixture_docs[:8])
    assert splits_cmd.main(["--corpus", str(root), "--quiet"]) == 0
    again = json.loads((root / "splits.json").read_text())
    assert {k: again[k] for k in written} == written and len(again) == 8
    (root / "splits.json").write_text('{"fx-00": "train",')
    assert splits_cmd.main(["--corpus", str(root)]) == 1
    err = capsys.readouterr().err
    assert "splits.json" in err and "line 1" in err and err.count("\n") == 1
    (root / "splits.json").write_text('["train"]')
    assert splits_cmd.main(["--corpus", str(root)]) == 1
    assert "expected a JSON object" in capsys.readouterr().err
    assert splits_cmd.main(["--corpus", str(tmp_path / "nowhere")]) == 2
    assert splits_cmd.main(["--corpus", str(root), "--reassign", "--quiet"]) == 0  # the fix the message names works
    assert set(json.loads((root / "splits.json").read_text())) == {d["id"] for d in fixture_docs[:8]}


@pytest.mark.parametrize("command", ["stats", "build", "evaluate", "leaderboard", "render"])
def test_a_split_file_with_a_bad_entry_is_one_message_in_every_command(fixture_docs, tmp_path, capsys, command):
    from caveat.cli import main as caveat

    root = write_corpus(tmp_path / "c", fixture_docs[:2], {fixture_docs[0]["id"]: "dev", fixture_docs[1]["id"]: "test"})
    (tmp_path / "p.jsonl").write_text("".join(json.dumps({"doc_id": d["id"]}) + "\n" for d in fixture_docs[:2]))
    (tmp_path / "subs").mkdir()
    extra = {"stats": [], "build": ["--out", str(tmp_path / "hf")], "render": ["--out", str(tmp_path / "site")],
             "evaluate": ["--pred", str(tmp_path / "p.jsonl"), "--out", str(tmp_path / "s.json")],
             "leaderboard": ["--submissions", str(tmp_path / "subs"), "--out", str(tmp_path / "lb")]}[command]
    assert caveat([command, "--corpus", str(root), *extra]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and f"'{fixture_docs[0]['id']}': 'dev'" in err and err.count("\n") == 1


@pytest.mark.slow
def test_the_real_corpus_split_file_is_complete_and_valid(real_corpus):
    from caveat.corpusio import load_valid_corpus as load_corpus

    docs = load_corpus(str(real_corpus))
    splits = json.loads((real_corpus / "splits.json").read_text())
    summaries = [DocSummary(f"{d['id']}.json", d["id"], d["id"], d["meta"]["origin"]) for d in docs]
    assert [p.code for p in validate_corpus(summaries, splits, "corpus/splits.json")] == []
    assert all(splits[d["id"]] == "test" for d in docs if d["meta"]["origin"] == "seed")
    assert splits_cmd.main(["--corpus", str(real_corpus), "--check", "--quiet"]) == 0


@pytest.mark.parametrize("command", ["stats", "splits", "build", "evaluate", "leaderboard", "ls"])
@pytest.mark.parametrize("broken", ["[1, 2]", '{"id": "fx-broken", "meta": "x", "text": 5, "entities": null}'])
def test_a_malformed_document_is_one_message_in_every_command(fixture_docs, tmp_path, capsys, command, broken):
    from caveat.cli import main as caveat

    docs = fixture_docs[:2]
    root = write_corpus(tmp_path / "c", docs, {d["id"]: "test" for d in docs})
    (root / "documents" / "zz-broken.json").write_text(broken, encoding="utf-8")
    (tmp_path / "p.jsonl").write_text("".join(json.dumps({"doc_id": d["id"]}) + "\n" for d in docs))
    (tmp_path / "subs").mkdir()
    argv = {"stats": ["stats"], "splits": ["splits", "--check"], "build": ["build", "--out", str(tmp_path / "hf")],
            "evaluate": ["evaluate", "--pred", str(tmp_path / "p.jsonl"), "--out", str(tmp_path / "s.json")],
            "leaderboard": ["leaderboard", "--submissions", str(tmp_path / "subs"), "--out", str(tmp_path / "lb")],
            "ls": ["ls", "export", "--out", str(tmp_path / "tasks.json")]}[command]
    assert caveat([*argv, "--corpus", str(root), "--quiet"]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and err.startswith("error: ") and err.count("\n") == 1
    assert "zz-broken.json" in err and "E10" in err and "caveat validate" in err

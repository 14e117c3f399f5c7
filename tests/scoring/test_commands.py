"""`caveat evaluate`, `caveat leaderboard` and scripts/evaluate.py on a small annotated corpus in a temp directory."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from caveat.cli import main as caveat
from caveat.document import dumps
from caveat.segment import segment

TEXTS = [
    "Acme may close its Paris plant, officials said. Sales fell 5 percent in 2019.",
    "The minister said the ban would probably last a year. Critics disagree.",
    "Rome is likely to approve the plan. Bob Smith, an analyst, said costs could rise.",
    "Berlin announced new rules on Monday. They might take effect in March.",
    "Experts said the figure was roughly 1 million. Nobody knows for sure.",
    "The company reported record profit. Its chief executive said growth would continue.",
]
SPLITS = ["test", "test", "test", "test", "train", "validation"]


def annotate(i: int, text: str) -> dict:
    """A segmented document with one entity, claim, source and hedge found by string search."""
    seg = segment(text)
    doc = {"id": f"doc-{i}", "meta": {"title": f"Doc {i}", "origin": "authored", "license": "CC-BY-4.0", "language": "en"},
           "text": text, **seg, "entities": [], "claims": [], "sources": [], "hedges": [], "relations": []}
    first = seg["sentences"][0]
    word = text.split()[0].strip(",.")
    doc["entities"].append({"id": "e1", "start": 0, "end": len(word), "text": word, "label": "ORG"})
    doc["claims"].append({"id": "c1", "start": first["start"], "end": first["end"], "text": text[first["start"]:first["end"]],
                          "label": "CLAIM", "claim_type": "PREDICTIVE", "checkworthy": True})
    for cue in ("may", "probably", "likely", "might", "roughly", "would"):
        at = text.find(f" {cue} ")
        if at >= 0:
            doc["hedges"].append({"id": "h1", "start": at + 1, "end": at + 1 + len(cue), "text": cue, "label": "HEDGE",
                                  "hedge_type": "EPISTEMIC"})
            if at < first["end"]:
                doc["relations"].append({"id": "r1", "type": "hedges", "from": "h1", "to": "c1"})
            break
    doc["sources"].append({"id": "s1", "start": 0, "end": len(word), "text": word, "label": "SOURCE"})
    doc["relations"].append({"id": "r2", "type": "attributed_to", "from": "c1", "to": "s1"})
    return doc


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    (root / "documents").mkdir(parents=True)
    docs = [annotate(i, t) for i, t in enumerate(TEXTS)]
    for d in docs:
        (root / "documents" / f"{d['id']}.json").write_text(dumps(d), encoding="utf-8")
    (root / "splits.json").write_text(json.dumps({d["id"]: s for d, s in zip(docs, SPLITS)}), encoding="utf-8")
    return root


def docs_of(corpus: Path) -> list[dict]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted((corpus / "documents").glob("*.json"))]


def oracle_records(corpus: Path, keep_entities: bool = True) -> list[dict]:
    out = []
    for d in docs_of(corpus):
        rec = {"doc_id": d["id"], **{k: d[k] for k in ("claims", "sources", "hedges", "relations")}}
        rec["entities"] = d["entities"] if keep_entities else []
        out.append(rec)
    return out


def write_jsonl(path: Path, records: list) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in records), encoding="utf-8")
    return path


def test_evaluate_prints_a_table_and_writes_json(corpus, tmp_path, capsys):
    pred = write_jsonl(tmp_path / "preds.jsonl", oracle_records(corpus, keep_entities=False))
    before = pred.read_bytes()
    out = tmp_path / "scores.json"
    rc = caveat(["evaluate", "--pred", str(pred), "--corpus", str(corpus), "--out", str(out), "--resamples", "200"])
    text = capsys.readouterr().out
    assert rc == 0 and pred.read_bytes() == before
    result = json.loads(out.read_text())
    assert result["split"] == "test" and result["documents"] == 4
    assert result["tracks"]["ner"]["value"] == 0.0
    assert all(result["tracks"][t]["value"] == 1.0 for t in ("hedge", "claim", "attribution"))
    assert result["tracks"]["ner"]["ci"]["strict.f1"] == [0.0, 0.0]
    assert "ner: strict.f1 = 0.000" in text and "claim: checkworthy.f1 = 1.000" in text
    assert "2 record(s) for corpus documents outside split 'test'" in text


def test_evaluate_errors_lists_misses_with_their_sentence(corpus, tmp_path, capsys):
    pred = write_jsonl(tmp_path / "preds.jsonl", oracle_records(corpus, keep_entities=False))
    rc = caveat(["evaluate", "--pred", str(pred), "--corpus", str(corpus), "--errors", "--tracks", "ner", "--resamples", "0"])
    text = capsys.readouterr().out
    assert rc == 0
    assert "ner: 0 false positive(s), 4 false negative(s)" in text
    assert "FN doc-0 [0, 4) 'Acme' label=ORG" in text and "in: Acme may close its Paris plant, officials said." in text
    assert json.loads((tmp_path / "preds.scores.json").read_text())["tracks"]["ner"]["errors"][0]["kind"] == "false_negative"


def test_evaluate_with_an_outside_gold_file(corpus, tmp_path, capsys):
    docs = docs_of(corpus)
    gold = write_jsonl(tmp_path / "gold.jsonl", [{"text": d["text"], **r} for d, r in zip(docs, oracle_records(corpus))])
    pred = write_jsonl(tmp_path / "preds.jsonl", oracle_records(corpus))
    rc = caveat(["evaluate", "--pred", str(pred), "--gold", str(gold), "--resamples", "0", "-q"])
    result = json.loads((tmp_path / "preds.scores.json").read_text())
    assert rc == 0 and result["documents"] == 6 and result["split"] == "outside gold file"
    assert all(r["value"] == 1.0 for r in result["tracks"].values())
    assert result["tracks"]["hedge"]["counts"]["sentence.total"] == sum(len(d["sentences"]) for d in docs)


@pytest.mark.parametrize("lines,needles", [
    (['{"doc_id": "doc-0", "entities": [{"start": 0, "end": 4, "label": "PER"}]}', '{"doc_id": "doc-1"'],
     ["preds.jsonl:1: $.entities[0].label", "'PER'", "preds.jsonl:2: not valid JSON", "2 record(s)"]),
    (['{"doc_id": "doc-0", "extra": 1}'], ["preds.jsonl:1: $: Additional properties", "remove the key"]),
    ([], ["holds no records"]),
])
def test_evaluate_refuses_bad_files_with_one_message(corpus, tmp_path, capsys, lines, needles):
    pred = write_jsonl(tmp_path / "preds.jsonl", lines)
    rc = caveat(["evaluate", "--pred", str(pred), "--corpus", str(corpus)])
    err = capsys.readouterr().err
    assert rc == 1 and err.startswith("error: ") and "Traceback" not in err
    for needle in needles:
        assert needle in err, err
    assert not (tmp_path / "preds.scores.json").exists()


def test_evaluate_refuses_a_file_missing_test_documents(corpus, tmp_path, capsys):
    pred = write_jsonl(tmp_path / "preds.jsonl", oracle_records(corpus)[:2])
    assert caveat(["evaluate", "--pred", str(pred), "--corpus", str(corpus)]) == 1
    err = capsys.readouterr().err
    assert "no record for gold document 'doc-2'" in err and "2 of 4" in err


def test_evaluate_usage_errors_exit_2(corpus, tmp_path, capsys):
    assert caveat(["evaluate", "--pred", str(tmp_path / "missing.jsonl"), "--corpus", str(corpus)]) == 2
    pred = write_jsonl(tmp_path / "p.jsonl", oracle_records(corpus))
    assert caveat(["evaluate", "--pred", str(pred), "--corpus", str(corpus), "--tracks", "sentiment"]) == 2
    assert caveat(["evaluate", "--pred", str(pred), "--corpus", str(tmp_path / "nowhere")]) == 2
    assert caveat(["evaluate", "--pred", str(pred), "--corpus", str(corpus), "--out", str(tmp_path), "--resamples", "0"]) == 2
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    assert caveat(["leaderboard", "--submissions", str(tmp_path), "--corpus", str(corpus), "--out", str(tmp_path / "a-file")]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and "is a directory, expected a file path" in err and "a-file/results.json: cannot write" in err


def submit(root: Path, system: str, records: list, **meta) -> Path:
    folder = root / system
    write_jsonl(folder / "predictions.jsonl", records)
    base = {"name": system.title(), "description": f"{system} test system", "date": "2025-01-01", "external_data": False}
    (folder / "metadata.json").write_text(json.dumps({**base, **meta}), encoding="utf-8")
    return folder


def test_leaderboard_ranks_marks_ties_and_leaves_off_invalid_submissions(corpus, tmp_path, capsys):
    subs = tmp_path / "submissions"
    full = oracle_records(corpus)
    half = [dict(r, entities=r["entities"] if i % 4 == 0 else []) for i, r in enumerate(full)]  # 1 of 4 test docs
    submit(subs, "strong", [{"doc_id": r["doc_id"], "entities": r["entities"]} for r in full], kind="learned")
    submit(subs, "weak-a", [{"doc_id": r["doc_id"], "entities": r["entities"]} for r in half], kind="floor")
    submit(subs, "weak-b", [{"doc_id": r["doc_id"], "entities": r["entities"]} for r in half], url="https://example.org/b")
    submit(subs, "oracle", full, kind="oracle")
    submit(subs, "broken", ['{"doc_id": "doc-0", "entities": [{"start": 0, "end": 4}]}'], date="soon")
    out = tmp_path / "board"
    rc = caveat(["leaderboard", "--submissions", str(subs), "--corpus", str(corpus), "--out", str(out), "--resamples", "300"])
    printed = capsys.readouterr()
    assert rc == 1  # one submission is invalid, the board is still written
    assert "broken: 2 problem(s)" in printed.err and "predictions.jsonl:1: $.entities[0]: 'label' is a required property" in printed.err
    results = json.loads((out / "results.json").read_text())
    ranking = results["tracks"]["ner"]["ranking"]
    assert [e["system"] for e in ranking] == ["strong", "weak-a", "weak-b", "oracle"]
    assert [e["rank"] for e in ranking] == [1, 2, 3, None]
    assert ranking[0]["significantly_better_than_next"] is True
    assert ranking[1]["significantly_better_than_next"] is False and ranking[1]["p_value_vs_next"] == 1.0
    assert ranking[0]["ci"][0] <= ranking[0]["value"] <= ranking[0]["ci"][1]
    assert [e["system"] for e in results["tracks"]["claim"]["ranking"]] == ["oracle"]
    assert results["invalid"][0]["system"] == "broken"
    board = (out / "LEADERBOARD.md").read_text()
    assert board == printed.out.split("wrote ")[0].rstrip("\n") + "\n"
    assert "| 2 ≈ | Weak-A |" in board and "| 1 | Strong |" in board and "[Weak-B](https://example.org/b)" in board
    assert "## Left off the board" in board and "`broken`" in board


def test_leaderboard_is_deterministic_and_check_writes_nothing(corpus, tmp_path, capsys):
    subs = tmp_path / "submissions"
    submit(subs, "strong", oracle_records(corpus), kind="learned")
    out1, out2 = tmp_path / "b1", tmp_path / "b2"
    for out in (out1, out2):
        assert caveat(["leaderboard", "--submissions", str(subs), "--corpus", str(corpus), "--out", str(out), "-q"]) == 0
    assert (out1 / "results.json").read_bytes() == (out2 / "results.json").read_bytes()
    assert caveat(["leaderboard", "--submissions", str(subs), "--corpus", str(corpus), "--out", str(tmp_path / "b3"), "--check"]) == 0
    assert not (tmp_path / "b3").exists() and "1 of 1 submission(s) are valid" in capsys.readouterr().out


def test_leaderboard_refuses_a_submission_for_other_documents(corpus, tmp_path, capsys):
    subs = tmp_path / "submissions"
    submit(subs, "partial", oracle_records(corpus)[:3])
    assert caveat(["leaderboard", "--submissions", str(subs), "--corpus", str(corpus), "--out", str(tmp_path / "b")]) == 1
    assert "no record for gold document 'doc-3'" in capsys.readouterr().err


def test_scripts_evaluate_runs_as_a_submitter_would(corpus, tmp_path, repo_root):
    folder = submit(tmp_path / "subs", "mine", oracle_records(corpus))
    done = subprocess.run([sys.executable, str(repo_root / "scripts" / "evaluate.py"), str(folder), "--corpus", str(corpus),
                           "--resamples", "50", "--out", str(tmp_path / "s.json")], capture_output=True, text=True, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "attribution: pair.f1 = 1.000" in done.stdout
    assert json.loads((tmp_path / "s.json").read_text())["documents"] == 4
    (folder / "metadata.json").write_text("{}", encoding="utf-8")
    done = subprocess.run([sys.executable, str(repo_root / "scripts" / "evaluate.py"), str(folder), "--corpus", str(corpus)],
                          capture_output=True, text=True, cwd=tmp_path)
    assert done.returncode == 1 and "'name' is a required property" in done.stderr and "Traceback" not in done.stderr


def test_documents_not_yet_annotated_are_not_gold(corpus, tmp_path, capsys):
    path = corpus / "documents" / "doc-3.json"
    doc = json.loads(path.read_text())
    for layer in ("entities", "claims", "sources", "hedges", "relations"):
        doc[layer] = []
    path.write_text(dumps(doc), encoding="utf-8")  # a freshly segmented document: no pass, no span
    pred = write_jsonl(tmp_path / "preds.jsonl", oracle_records(corpus))
    assert caveat(["evaluate", "--pred", str(pred), "--corpus", str(corpus), "--resamples", "0"]) == 0
    out = capsys.readouterr().out
    assert "1 of the 4 document(s) in split 'test' are not annotated yet" in out
    assert "1 record(s) for documents of split 'test' that are not annotated yet were not scored" in out
    assert "2 record(s) for corpus documents outside split 'test'" in out  # doc-4 (train) and doc-5 (validation)
    assert json.loads((tmp_path / "preds.scores.json").read_text())["documents"] == 3


def test_leaderboard_without_annotated_test_documents_ranks_nothing(corpus, tmp_path, capsys):
    for path in (corpus / "documents").glob("*.json"):
        doc = json.loads(path.read_text())
        for layer in ("entities", "claims", "sources", "hedges", "relations"):
            doc[layer] = []
        path.write_text(dumps(doc), encoding="utf-8")
    subs = tmp_path / "submissions"
    submit(subs, "early", oracle_records(corpus))
    out = tmp_path / "board"
    assert caveat(["leaderboard", "--submissions", str(subs), "--corpus", str(corpus), "--out", str(out)]) == 0
    board = (out / "LEADERBOARD.md").read_text()
    assert "Nothing is ranked until the split holds annotated documents." in board and "are not annotated yet" in board
    assert json.loads((out / "results.json").read_text())["systems"]["early"]["tracks"]
    assert caveat(["evaluate", "--pred", str(subs / "early"), "--corpus", str(corpus)]) == 1
    assert "no gold documents to score" in capsys.readouterr().err

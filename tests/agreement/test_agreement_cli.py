"""`caveat agreement A B`: real files in, a JSON report and tables out, one clear message on bad input."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from agreement_cases import at
from caveat.commands.agreement import main
from caveat.document import dumps

SEED = "seed-us-blacklists-chinese-ai-companies"


def annotated(repo_root: Path, *, wide_claim: bool = False) -> dict:
    """The seed document with its layers replaced by a small annotation (wide_claim: the claim keeps its frame)."""
    d = json.loads((repo_root / "corpus" / "documents" / f"{SEED}.json").read_text(encoding="utf-8"))
    t = d["text"]

    def sp(sid: str, quote: str, label: str, **attrs) -> dict:
        s, e = at(t, quote)
        return {"id": sid, "start": s, "end": e, "text": quote, "label": label, **attrs}

    claim = ("According to MIT Technology Review, Chinese firms buy up to 90% of their chips from foreign companies"
             if wide_claim else "Chinese firms buy up to 90% of their chips from foreign companies")
    d.update(
        entities=[sp("e1", "MIT Technology Review", "ORG"), sp("e2", "up to 90%", "PERCENT")],
        claims=[sp("c1", claim, "CLAIM", claim_type="QUANTITATIVE", checkworthy=True)],
        sources=[sp("s1", "MIT Technology Review", "SOURCE")],
        hedges=[sp("h1", "up to", "HEDGE", hedge_type="APPROXIMATOR")],
        relations=[{"id": "r1", "type": "attributed_to", "from": "c1", "to": "s1"},
                   {"id": "r2", "type": "hedges", "from": "h1", "to": "c1"}],
    )
    return d


def write(directory: Path, d: dict) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"{d['id']}.json"
    path.write_text(dumps(d), encoding="utf-8")
    return path


def test_report_written_and_inputs_untouched(repo_root: Path, tmp_path: Path, capsys) -> None:
    a = write(tmp_path / "first", annotated(repo_root))
    b = write(tmp_path / "second", annotated(repo_root, wide_claim=True))
    (tmp_path / "first" / f"{SEED}.anchors.json").write_text('{"doc_id": "x"}', encoding="utf-8")  # skipped
    before = (a.read_bytes(), b.read_bytes())
    out = tmp_path / "reports" / "seed.json"
    assert main([str(tmp_path / "first"), str(tmp_path / "second"), "--out", str(out)]) == 0
    assert (a.read_bytes(), b.read_bytes()) == before
    rep = json.loads(out.read_text(encoding="utf-8"))
    assert rep["documents"] == [SEED] and rep["counts"]["documents"] == 1
    assert rep["spans"]["entities"]["exact"]["f1"] == 1.0
    assert rep["spans"]["claims"]["exact"]["f1"] == 0.0 and rep["spans"]["claims"]["overlap"]["f1"] == 1.0
    assert rep["relations"]["hedges"]["overlap"]["f1"] == 1.0 and rep["relations"]["hedges"]["exact"]["f1"] == 0.0
    assert [d["kind"] for d in rep["disagreements"][SEED]] == ["boundary"]
    shown = capsys.readouterr().out
    assert "Spans" in shown and "claims" in shown and "attributed_to" in shown


def test_single_files_and_quiet(repo_root: Path, tmp_path: Path, capsys) -> None:
    a = write(tmp_path / "a", annotated(repo_root))
    assert main([str(a), str(a), "--quiet"]) == 0
    assert capsys.readouterr().out == ""


def test_text_mismatch_is_one_message_without_traceback(repo_root: Path, tmp_path: Path) -> None:
    write(tmp_path / "first", annotated(repo_root))
    other = annotated(repo_root)
    other["text"] = other["text"].replace("swath", "swarm")  # same length, so the document stays valid
    write(tmp_path / "second", other)
    proc = subprocess.run([sys.executable, "-m", "caveat.cli", "agreement", str(tmp_path / "first"), str(tmp_path / "second")],
                          capture_output=True, text=True, cwd=repo_root)
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and SEED in lines[0] and "differs" in lines[0] and "Fix:" in lines[0]


@pytest.mark.parametrize("breakage, code, needle", [
    ("malformed", 1, ", column "),
    ("bad_offsets", 1, "E202"),
    ("missing", 2, "no such file or directory"),
    ("empty_dir", 2, "no document files"),
])
def test_bad_inputs(repo_root: Path, tmp_path: Path, capsys, breakage: str, code: int, needle: str) -> None:
    good = write(tmp_path / "good", annotated(repo_root))
    bad = tmp_path / "bad"
    bad.mkdir()
    if breakage == "malformed":
        (bad / f"{SEED}.json").write_text(good.read_text(encoding="utf-8")[:200], encoding="utf-8")
    elif breakage == "bad_offsets":
        d = annotated(repo_root)
        d["claims"][0]["start"] += 1
        write(bad, d)
    elif breakage == "missing":
        bad = tmp_path / "nowhere"
    assert main([str(good.parent), str(bad)]) == code
    err = capsys.readouterr().err
    assert needle in err and str(bad) in err and err.startswith("error: ")


def test_help_shows_an_example(capsys) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["--help"])
    assert exc.value.code == 0
    assert "example:" in capsys.readouterr().out


def test_anchor_refuses_a_file_that_is_not_a_document_or_a_pass_file(tmp_path, capsys, repo_root):
    from caveat.commands.anchor import main as anchor

    (tmp_path / "x.json").write_text("[1, 2]", encoding="utf-8")
    assert anchor([str(tmp_path / "x.json"), "--from-doc", "--out", str(tmp_path / "rev")]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and "x.json" in err and "E102" in err and not (tmp_path / "rev").exists()
    assert anchor([str(tmp_path / "x.json"), "--corpus", str(repo_root / "corpus"), "--out", str(tmp_path / "o")]) == 1
    assert "expected a JSON object with doc_id and the annotation layers, found list" in capsys.readouterr().err

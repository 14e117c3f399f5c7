"""`caveat stats`: counts equal independent counts of the corpus; JSON and Markdown output; agreement read defensively."""
from __future__ import annotations

import json
from collections import Counter

from caveat.commands import stats as stats_cmd
from caveat.labels import ANNOTATION_LAYERS, inventory
from caveat.stats import corpus_stats, stats_markdown, summarize_agreement


def test_counts_match_independent_counts(fixture_docs, fixture_corpus):
    splits = json.loads((fixture_corpus / "splits.json").read_text())
    st = corpus_stats(fixture_docs, splits)
    for split in ("train", "validation", "test"):
        docs = [d for d in fixture_docs if splits[d["id"]] == split]
        assert st["documents"][split] == len(docs)
        assert st["tokens"][split] == sum(len(d["tokens"]) for d in docs)
        assert st["sentences"][split] == sum(len(d["sentences"]) for d in docs)
        for layer in ANNOTATION_LAYERS:
            labels = Counter(s["label"] for d in docs for s in d[layer])
            assert {k: v[split] for k, v in st["layers"][layer]["labels"].items() if v[split]} == dict(labels)
        hedge_types = Counter(h["hedge_type"] for d in docs for h in d["hedges"])
        assert {k: v[split] for k, v in st["layers"]["hedges"]["attributes"]["hedge_type"].items()} == \
               {t: hedge_types.get(t, 0) for t in inventory().hedge_types}
        worthy = Counter(str(c["checkworthy"]).lower() for d in docs for c in d["claims"])
        assert st["layers"]["claims"]["attributes"]["checkworthy"]["true"][split] == worthy["true"]
        assert st["relations"]["hedges"][split] == sum(r["type"] == "hedges" for d in docs for r in d["relations"])
        with_hedge = sum(1 for d in docs for s in d["sentences"]
                         if any(h["start"] < s["end"] and s["start"] < h["end"] for h in d["hedges"]))
        assert st["sentences_with"]["hedge"][split] == with_hedge
        assert st["share_of_sentences_with"]["hedge"][split] == round(with_hedge / st["sentences"][split], 4)
    assert st["origin"]["seed"]["test"] == 2 and st["documents"]["all"] == len(fixture_docs)
    assert "unassigned" not in st["splits"]


def test_unassigned_documents_get_their_own_column(fixture_docs):
    st = corpus_stats(fixture_docs, {})
    assert st["splits"][-1] == "unassigned" and st["documents"]["unassigned"] == len(fixture_docs)


def test_agreement_reports_are_read_defensively():
    reports = {"b": {"date": "2026-11-28", "documents": ["x", "y", "z"],
                     "layers": [{"layer": "entities", "f1": 0.9, "per_label": [{"label": "ORG", "f1": 0.5, "support": 4}]}]},
               "a": {"unexpected": "shape"}, "c": ["not", "an", "object"]}
    out = summarize_agreement(reports)
    assert [r["name"] for r in out] == ["a", "b", "c"]
    assert out[0]["figures"] == [] and out[0]["documents"] is None
    assert {(f["scope"], f["metric"], f["value"]) for f in out[1]["figures"]} == \
           {("layers/entities", "f1", 0.9), ("layers/entities/per_label/ORG", "f1", 0.5)}
    assert out[1]["documents"] == 3 and out[2]["figures"] == []


def test_cli_prints_and_writes_json_and_markdown(fixture_corpus, tmp_path, capsys):
    out = tmp_path / "stats.json"
    assert stats_cmd.main(["--corpus", str(fixture_corpus), "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "Annotations by layer" in printed and "hedge_type=EPISTEMIC" in printed
    data = json.loads(out.read_text())
    md = (tmp_path / "stats.md").read_text()
    splits = json.loads((fixture_corpus / "splits.json").read_text())
    from caveat.corpusio import load_valid_corpus as load_corpus

    expected = corpus_stats(load_corpus(str(fixture_corpus)), splits)
    assert data == json.loads(json.dumps(expected)) and md == stats_markdown(expected)
    assert f"| documents | {data['documents']['train']} | {data['documents']['validation']} |" in md
    assert "No agreement report exists yet" in md


def test_cli_reports_a_malformed_agreement_report(fixture_docs, tmp_path, capsys):
    from .fixture_corpus import write_corpus

    root = write_corpus(tmp_path / "c", fixture_docs[:3])
    (root / "agreement").mkdir()
    (root / "agreement" / "pilot.json").write_text('{"date": "2026-11-28", "documents": [')
    assert stats_cmd.main(["--corpus", str(root), "--quiet"]) == 1
    err = capsys.readouterr().err
    assert "pilot.json" in err and "line 1" in err and err.count("\n") == 1
    (root / "agreement" / "pilot.json").write_text('[1, 2]')
    assert stats_cmd.main(["--corpus", str(root), "--quiet"]) == 1
    assert "must be a JSON object" in capsys.readouterr().err


def test_a_real_agreement_report_reaches_the_card(fixture_docs, fixture_corpus):
    """The report `caveat agreement` writes (caveat.agreement.compare) shows per layer and label in the card."""
    import copy

    from caveat.agreement import compare
    from caveat.hf.build import build_dataset

    other = copy.deepcopy(fixture_docs[:3])
    for d in other:
        d["entities"] = d["entities"][1:]
    report = json.loads(json.dumps(compare(fixture_docs[:3], other, names=("first", "second"), date="2026-11-28")))
    splits = json.loads((fixture_corpus / "splits.json").read_text())
    st = corpus_stats(fixture_docs, splits, {"double": report})
    figures = {(f["scope"], f["metric"]): f["value"] for f in st["agreement"][0]["figures"]}
    assert st["agreement"][0]["documents"] == 3
    assert figures[("spans/entities/exact", "f1")] == report["spans"]["entities"]["exact"]["f1"] < 1
    assert figures[("spans/claims/exact", "f1")] == 1.0
    card = build_dataset(fixture_docs, splits, {"double": report}).files["README.md"].decode()
    assert f"| double | 2026-11-28 | 3 | spans/entities/exact | f1 | {report['spans']['entities']['exact']['f1']:.3f} |" in card
    assert "| spans/entities/labels/ORG/exact | f1 |" in card

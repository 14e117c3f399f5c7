"""`caveat build`: the built directory loads offline with `datasets`, with the corpus's counts, labels and offsets."""
from __future__ import annotations

import hashlib
import json
import shutil
from collections import Counter
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import yaml
from datasets import Features

from caveat.commands import build as build_cmd
from caveat.commands.build import files_on_disk
from caveat.hf.build import build_dataset
from caveat.hf.features import CONFIGS, bio_names
from caveat.labels import ANNOTATION_LAYERS, inventory

from .conftest import load_offline
from .fixture_corpus import write_corpus
from .helpers import decoded_rows

pytestmark = pytest.mark.slow


def _splits(corpus: Path) -> dict[str, str]:
    return json.loads((corpus / "splits.json").read_text())


def test_every_config_and_split_has_the_corpus_row_counts(fixture_loaded, fixture_docs, fixture_corpus):
    splits = _splits(fixture_corpus)
    expected_docs = Counter(splits[d["id"]] for d in fixture_docs)
    expected_sents = Counter()
    for d in fixture_docs:
        expected_sents[splits[d["id"]]] += len(d["sentences"])
    assert set(fixture_loaded) == set(CONFIGS)
    assert {s: len(r) for s, r in fixture_loaded["documents"]["splits"].items()} == dict(expected_docs)
    for config in ("ner", "hedges", "claims"):
        assert {s: len(r) for s, r in fixture_loaded[config]["splits"].items()} == dict(expected_sents)
    assert set(expected_docs) == {"train", "validation", "test"}  # the fixture fills every split


def test_class_label_names_are_the_inventory(fixture_loaded):
    inv = inventory()
    docs = Features.from_dict(fixture_loaded["documents"]["features"])
    for layer in ANNOTATION_LAYERS:
        assert docs[layer].feature["label"].names == inv.labels(layer)
    assert docs["claims"].feature["claim_type"].names == inv.claim_types
    assert docs["hedges"].feature["hedge_type"].names == inv.hedge_types
    assert docs["relations"].feature["type"].names == inv.relation_types
    assert docs["paragraphs"].feature["kind"].names == inv.paragraph_kinds
    ner = Features.from_dict(fixture_loaded["ner"]["features"])
    assert ner["ner_tags"].feature.names == bio_names(inv.entity_labels)
    hedges = Features.from_dict(fixture_loaded["hedges"]["features"])
    assert hedges["cue_tags"].feature.names == bio_names(inv.hedge_types)
    claims = Features.from_dict(fixture_loaded["claims"]["features"])
    assert claims["claims"].feature["claim_type"].names == inv.claim_types


def test_documents_round_trip_every_span(fixture_loaded, fixture_docs):
    by_id = {d["id"]: d for d in fixture_docs}
    rows = [r for rs in decoded_rows(fixture_loaded["documents"]).values() for r in rs]
    assert sorted(r["id"] for r in rows) == sorted(by_id)
    inv = inventory()
    n_spans = 0
    for row in rows:
        doc = by_id[row["id"]]
        assert row["text"] == doc["text"]
        assert row["origin"] == doc["meta"]["origin"] and row["register"] == doc["meta"]["register"]
        for layer in ANNOTATION_LAYERS:
            assert len(row[layer]) == len(doc[layer])
            originals = {o["id"]: o for o in doc[layer]}
            for span in row[layer]:
                orig = originals[span["id"]]
                assert row["text"][span["start"]:span["end"]] == span["text"] == orig["text"]
                assert span["label"] == orig["label"]
                for name in inv.attributes(layer):
                    assert span[name] == orig[name]
                n_spans += 1
        assert sorted((r["type"], r["from"], r["to"]) for r in row["relations"]) == \
               sorted((r["type"], r["from"], r["to"]) for r in doc["relations"])
        for seg in ("sentences", "tokens"):
            assert [(s["start"], s["end"]) for s in row[seg]] == [(s["start"], s["end"]) for s in doc[seg]]
    assert n_spans > 500


def _bio_spans(tags: list[str], starts: list[int], ends: list[int]) -> set[tuple[int, int, str]]:
    out, cur = set(), None
    for tag, s, e in zip([*tags, "O"], [*starts, 0], [*ends, 0]):
        if cur and not tag.startswith("I-"):
            out.add(tuple(cur))
            cur = None
        if tag.startswith("B-"):
            cur = [s, e, tag[2:]]
        elif tag.startswith("I-") and cur:
            cur[1] = e
    return out


def test_sentence_configs_offsets_tags_and_attribution(fixture_loaded, fixture_docs):
    by_id = {d["id"]: d for d in fixture_docs}
    ner = [r for rs in decoded_rows(fixture_loaded["ner"]).values() for r in rs]
    hedges = {r["id"]: r for rs in decoded_rows(fixture_loaded["hedges"]).values() for r in rs}
    claims = {r["id"]: r for rs in decoded_rows(fixture_loaded["claims"]).values() for r in rs}
    clipped = 0
    for row in ner:
        doc = by_id[row["doc_id"]]
        s0 = row["sentence_start"]
        assert row["text"] == doc["text"][s0:row["sentence_end"]]
        assert [row["text"][a:b] for a, b in zip(row["token_starts"], row["token_ends"])] == row["tokens"]
        gold = {(e["start"] - s0, e["end"] - s0, e["label"]) for e in doc["entities"]
                if s0 <= e["start"] < row["sentence_end"] and e["id"] != "e-inner"}
        assert _bio_spans(row["ner_tags"], row["token_starts"], row["token_ends"]) == gold
        h = hedges[row["id"]]
        assert h["label"] == ("uncertain" if h["cues"] else "certain")
        assert _bio_spans(h["cue_tags"], h["token_starts"], h["token_ends"]) == \
               {(c["start"], c["end"], c["hedge_type"]) for c in h["cues"]}
        for cue in h["cues"]:
            assert h["text"][cue["start"]:cue["end"]] == cue["text"]
        c = claims[row["id"]]
        assert c["has_claim"] == bool(c["claims"])
        sources = {s["id"]: s["text"] for s in [*doc["sources"], *doc["entities"]]}
        for claim in c["claims"]:
            assert c["text"][claim["start"]:claim["end"]] == claim["text"]
            orig = next(x for x in doc["claims"] if x["id"] == claim["id"])
            assert claim["clipped"] == (claim["text"] != orig["text"])
            clipped += claim["clipped"]
            assert sorted(claim["sources"]) == sorted(sources[r["to"]] for r in doc["relations"]
                                                      if r["type"] == "attributed_to" and r["from"] == claim["id"])
    assert clipped > 0


def test_builds_are_byte_identical(fixture_build, fixture_corpus, tmp_path):
    again = tmp_path / "again"
    assert build_cmd.main(["--corpus", str(fixture_corpus), "--out", str(again), "--quiet"]) == 0
    first, second = files_on_disk(fixture_build), files_on_disk(again)
    assert set(first) == set(second) and all(first[p] == second[p] for p in first)
    assert build_cmd.main(["--corpus", str(fixture_corpus), "--out", str(fixture_build), "--check", "--quiet"]) == 0


def test_manifest_records_every_file_hash(fixture_build):
    manifest = json.loads((fixture_build / "manifest.json").read_text())
    on_disk = files_on_disk(fixture_build)
    assert set(manifest["files"]) == set(on_disk) - {"manifest.json"}
    for path, entry in manifest["files"].items():
        assert entry["sha256"] == hashlib.sha256(on_disk[path]).hexdigest()
    assert manifest["label_inventory"]["sha256"] == inventory().sha256
    assert len(manifest["corpus_sha256"]) == 64 and manifest["corpus_sha256"].startswith(manifest["corpus_version"])
    assert {p.split("/")[1] for p in manifest["files"] if p.startswith("data/")} == set(CONFIGS)


def test_card_front_matter_declares_configs_and_inventory_labels(fixture_build):
    card = (fixture_build / "README.md").read_text()
    meta = yaml.safe_load(card.split("---\n")[1])
    assert [c["config_name"] for c in meta["configs"]] == list(CONFIGS)
    assert [c["config_name"] for c in meta["configs"] if c.get("default")] == ["documents"]
    info = {c["config_name"]: Features._from_yaml_list(c["features"]) for c in meta["dataset_info"]}
    assert info["ner"]["ner_tags"].feature.names == bio_names(inventory().entity_labels)
    for heading in ("## Dataset description", "## Supported tasks and leaderboards", "## Languages", "### Data instances",
                    "### Data fields", "### Data splits", "### Curation rationale", "### Source data",
                    "#### Annotation process", "#### Who are the annotators?", "#### Agreement",
                    "### Personal and sensitive information", "### Social impact of dataset", "### Discussion of biases",
                    "### Other known limitations", "### Licensing information", "### Citation information", "## Datasheet"):
        assert heading in card, heading
    for config in CONFIGS:
        assert f"#### `{config}` (from `" in card
    assert "No agreement report exists yet" in card
    assert "surveillance of ethnic and religious minorities" in card


def test_card_numbers_follow_the_corpus(fixture_docs, fixture_corpus):
    splits = _splits(fixture_corpus)
    built = build_dataset(fixture_docs, splits)
    fewer = build_dataset(fixture_docs[:-1], {k: v for k, v in splits.items() if k != fixture_docs[-1]["id"]})
    card, card2 = built.files["README.md"].decode(), fewer.files["README.md"].decode()
    n_sents = sum(len(d["sentences"]) for d in fixture_docs)
    assert f"{len(fixture_docs)} documents,\n{n_sents} sentences" in card
    assert f"{len(fixture_docs) - 1} documents," in card2 and f"{len(fixture_docs)} documents," not in card2
    report = {"date": "2026-11-28", "documents": ["fx-00", "fx-01"],
              "layers": {"entities": {"f1": 0.8125, "labels": {"ORG": {"f1": 0.75}}}, "hedges": {"hedge_type": {"kappa": 0.6}}}}
    with_report = build_dataset(fixture_docs, splits, {"pilot": report}).files["README.md"].decode()
    assert "No agreement report exists yet" not in with_report
    assert "| pilot | 2026-11-28 | 2 | layers/entities | f1 | 0.812 |" in with_report
    assert "| pilot | 2026-11-28 | 2 | layers/entities/labels/ORG | f1 | 0.750 |" in with_report
    assert "hedge_type | kappa | 0.600 |" in with_report


def _rewrite_label(path: Path, column: str, new: str) -> None:
    table = pq.read_table(path)
    values = table.column(column).to_pylist()
    values[0] = new
    pq.write_table(table.set_column(table.schema.get_field_index(column), column, pa.array(values)), path)


def test_corrupted_builds_fail_loudly(fixture_build, fixture_corpus, tmp_path, capsys):
    bad_label = tmp_path / "bad-label"
    shutil.copytree(fixture_build, bad_label)
    _rewrite_label(bad_label / "data" / "hedges" / "train.parquet", "label", "DOUBTFUL")
    proc = load_offline(bad_label, tmp_path / "cache1", ["hedges"])
    assert proc.returncode != 0
    assert "Invalid string class label" in proc.stderr and "DOUBTFUL" in proc.stderr
    assert build_cmd.main(["--corpus", str(fixture_corpus), "--out", str(bad_label), "--check"]) == 1
    err = capsys.readouterr().err
    assert "data/hedges/train.parquet: differs from a fresh build" in err and err.count("\n") == 1

    missing = tmp_path / "missing"
    shutil.copytree(fixture_build, missing)
    (missing / "data" / "ner" / "test.parquet").unlink()
    proc = load_offline(missing, tmp_path / "cache2", ["ner"])
    assert proc.returncode != 0 and "test.parquet" in proc.stderr
    assert build_cmd.main(["--corpus", str(fixture_corpus), "--out", str(missing), "--check"]) == 1
    assert "data/ner/test.parquet: missing from the built directory" in capsys.readouterr().err


def test_invalid_documents_and_missing_splits_are_refused(fixture_docs, tmp_path, capsys):
    bad = [dict(d) for d in fixture_docs[:3]]
    bad[1] = {**bad[1], "entities": [{**bad[1]["entities"][0], "label": "WEAPON"}, *bad[1]["entities"][1:]]}
    corpus = write_corpus(tmp_path / "bad", bad, {d["id"]: "test" for d in bad})
    assert build_cmd.main(["--corpus", str(corpus), "--out", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    assert f"{bad[1]['id']}.json" in err and "E301" in err and "WEAPON" in err and err.count("\n") == 1
    assert not (tmp_path / "out").exists()
    nosplit = write_corpus(tmp_path / "nosplit", fixture_docs[:2])
    assert build_cmd.main(["--corpus", str(nosplit), "--out", str(tmp_path / "out")]) == 1
    assert "caveat splits" in capsys.readouterr().err
    (tmp_path / "notabuild").mkdir()
    (tmp_path / "notabuild" / "precious.txt").write_text("x")
    corpus_ok = write_corpus(tmp_path / "ok", fixture_docs[:2], {d["id"]: "test" for d in fixture_docs[:2]})
    assert build_cmd.main(["--corpus", str(corpus_ok), "--out", str(tmp_path / "notabuild")]) == 2
    assert (tmp_path / "notabuild" / "precious.txt").read_text() == "x"


def test_an_old_manifest_cannot_remove_files_outside_the_build_or_crash_it(fixture_docs, tmp_path, capsys):
    corpus = write_corpus(tmp_path / "c", fixture_docs[:2], {d["id"]: "test" for d in fixture_docs[:2]})
    out = tmp_path / "hf"
    assert build_cmd.main(["--corpus", str(corpus), "--out", str(out), "--quiet"]) == 0
    (tmp_path / "precious.txt").write_text("x")
    (out / "manifest.json").write_text(json.dumps({"files": {"../precious.txt": {}, "data/old.parquet": {}}}))
    (out / "data" / "old.parquet").write_bytes(b"old")
    assert build_cmd.main(["--corpus", str(corpus), "--out", str(out), "--quiet"]) == 0
    assert (tmp_path / "precious.txt").read_text() == "x" and not (out / "data" / "old.parquet").exists()
    (out / "manifest.json").write_text("[]")
    assert build_cmd.main(["--corpus", str(corpus), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert "manifest.json: not a manifest written by `caveat build`" in err and "Traceback" not in err


def test_a_split_that_empties_loses_its_files(fixture_docs, tmp_path):
    docs = fixture_docs[:4]
    corpus = write_corpus(tmp_path / "c", docs, {d["id"]: ("test" if i < 2 else "train") for i, d in enumerate(docs)})
    out = tmp_path / "hf"
    assert build_cmd.main(["--corpus", str(corpus), "--out", str(out), "--quiet"]) == 0
    assert (out / "data" / "ner" / "train.parquet").is_file()
    (corpus / "splits.json").write_text(json.dumps({d["id"]: "test" for d in docs}))
    assert build_cmd.main(["--corpus", str(corpus), "--out", str(out), "--quiet"]) == 0
    assert not (out / "data" / "ner" / "train.parquet").exists()
    assert build_cmd.main(["--corpus", str(corpus), "--out", str(out), "--check", "--quiet"]) == 0

"""The seed: `caveat segment` of the shared seed file reproduces the committed segmentation, and its decisions."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from caveat.segment import normalize_text, segment, split_articles

ROOT = Path(__file__).resolve().parents[2]
RAW = ROOT / "corpus" / "raw" / "seed" / "articles.txt"
SHARED = ROOT.parent / "shared" / "seed" / "articles.txt"
SEED_IDS = ["seed-us-blacklists-chinese-ai-companies", "seed-china-social-credit-system"]
SEGMENT_KEYS = ("text", "paragraphs", "sentences", "tokens")


def seed_source() -> Path:
    """The shared seed file when it is beside the checkout (as on developer machines and CI), else its copy in corpus/raw."""
    return SHARED if SHARED.is_file() else RAW


def segment_seed(work: Path) -> Path:
    """Run `caveat segment` on the seed file with its committed metadata; the output folder."""
    work.mkdir(parents=True, exist_ok=True)
    shutil.copy(seed_source(), work / "articles.txt")
    shutil.copy(RAW.with_suffix(".meta.json"), work / "articles.meta.json")
    exe = ROOT / ".venv" / "bin" / "caveat"
    cmd = [str(exe)] if exe.is_file() else [sys.executable, "-m", "caveat.cli"]
    proc = subprocess.run([*cmd, "segment", str(work / "articles.txt"), "--origin", "seed", "--out", str(work / "out"),
                           "--quiet"], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    return work / "out"


@pytest.fixture(scope="module")
def seed_out(tmp_path_factory) -> Path:
    return segment_seed(tmp_path_factory.mktemp("seed"))


@pytest.fixture(scope="module")
def segmented_seed(seed_out) -> dict[str, dict]:
    """The documents `caveat segment` writes for the seed file."""
    return {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in seed_out.glob("*.json")}


def test_segment_output_is_byte_identical_across_runs(seed_out, tmp_path):
    again = segment_seed(tmp_path / "again")
    first = {p.name: p.read_bytes() for p in seed_out.glob("*.json")}
    assert first and first == {p.name: p.read_bytes() for p in again.glob("*.json")}


def committed(doc_id: str) -> dict:
    return json.loads((ROOT / "corpus" / "documents" / f"{doc_id}.json").read_text(encoding="utf-8"))


def texts_of(doc: dict, layer: str, kind: str | None = None) -> list[str]:
    return [doc["text"][s["start"]:s["end"]] for s in doc[layer] if kind is None or s.get("kind") == kind]


def test_committed_raw_copy_is_the_shared_seed_byte_for_byte():
    if SHARED.is_file():
        assert RAW.read_bytes() == SHARED.read_bytes()
    assert len(split_articles(RAW.read_text(encoding="utf-8"))) == 2


def test_segment_reproduces_the_committed_seed_segmentation(segmented_seed):
    assert sorted(segmented_seed) == sorted(SEED_IDS)
    for doc_id in SEED_IDS:
        fresh, kept = segmented_seed[doc_id], committed(doc_id)
        for key in SEGMENT_KEYS:
            assert fresh[key] == kept[key], (doc_id, key)
        assert fresh["meta"]["origin"] == kept["meta"]["origin"] == "seed"


def test_seed_text_is_the_raw_article_exactly():
    articles = split_articles(RAW.read_text(encoding="utf-8"))
    for doc_id, article in zip(SEED_IDS, articles):
        assert committed(doc_id)["text"] == article == normalize_text(article)


def test_bullets_are_paragraphs_without_the_bullet_character():
    doc = committed(SEED_IDS[0])
    bullets = texts_of(doc, "paragraphs", "bullet")
    assert bullets == ["Megvii Technology", "Hikvision", "SenseTime", "Dahua Technology",
                       "Xiamen Meiya Pico Information Co. Ltd.", "Yitu Technologies",
                       "Yixin Science and Technology Co. Ltd."]
    sentences = texts_of(doc, "sentences")
    assert all(b in sentences for b in bullets)  # each bullet is one sentence: "Co. Ltd." does not split it
    assert "•" not in "".join(texts_of(doc, "tokens"))
    assert ["Co.", "Ltd."] == [t for t in texts_of(doc, "tokens") if t in ("Co.", "Ltd.")][:2]


def test_headline_caption_and_credit():
    doc = committed(SEED_IDS[0])
    kinds = [p["kind"] for p in doc["paragraphs"]]
    assert kinds[:3] == ["headline", "caption", "body"]
    assert "(Thomas Peter/Reuters)" in texts_of(doc, "sentences")
    assert "A security camera outside a mosque in Kashgar." in texts_of(doc, "sentences")
    assert texts_of(doc, "paragraphs", "quote")[0].startswith("These entities have been implicated")


def test_dateline_and_dash_split():
    doc = committed(SEED_IDS[1])
    assert [p["kind"] for p in doc["paragraphs"]][:3] == ["headline", "dateline", "body"]
    assert texts_of(doc, "paragraphs", "dateline") == ["October 2nd"]
    tokens = texts_of(doc, "tokens")
    i = tokens.index("exist")
    assert tokens[i + 1] == "--" and "exist--" not in tokens


def test_quotes_brackets_and_abbreviations():
    tokens = texts_of(committed(SEED_IDS[0]), "tokens")
    assert {"[", "Xinjiang", "]", "90", "%"} <= set(tokens)
    last = committed(SEED_IDS[1])
    assert {"“", "”", "operates", ","} <= set(texts_of(last, "tokens"))  # curly quotes are tokens of their own
    assert texts_of(last, "sentences")[-1].startswith("“The social credit system is just")
    seg = segment("The U.S. added Xiamen Meiya Pico Information Co. Ltd. to the list. It said so.\n")
    text = "The U.S. added Xiamen Meiya Pico Information Co. Ltd. to the list. It said so.\n"
    assert [text[s["start"]:s["end"]] for s in seg["sentences"]] == [
        "The U.S. added Xiamen Meiya Pico Information Co. Ltd. to the list.", "It said so."]
    assert "U.S." in [text[t["start"]:t["end"]] for t in seg["tokens"]]

"""The anchored pass-file resolver (`caveat anchor`): round trips on random documents, and every error message."""
from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from caveat.anchor import AnchorErrors, resolve, to_anchors
from caveat.document import dumps, empty_layers
from caveat.labels import ANNOTATION_LAYERS
from caveat.validate import validate_document

from .factory import annotate_randomly, mini_doc, segmented

ROOT = Path(__file__).resolve().parents[2]
TEXT = ("Officials said Acme may grow. Officials said so twice, and Acme’s rival said “maybe”.\n\n"
        "Acme may not. It may.\n")
LAYER_KEYS = (*ANNOTATION_LAYERS, "relations")


def bare(doc: dict) -> dict:
    """The document with its annotations removed (what `caveat segment` gives)."""
    return {**doc, **empty_layers()}


def problems_of(anchors: dict, doc: dict) -> list[str]:
    with pytest.raises(AnchorErrors) as info:
        resolve(anchors, doc)
    return info.value.problems


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 2**32), st.sampled_from([TEXT, TEXT * 3, "Acme.\n", "“Acme” [Acme] Acme--Acme.\n"]))
def test_to_anchors_then_resolve_gives_back_the_annotations(seed, text):
    doc = annotate_randomly(segmented(text, "rt"), random.Random(seed), density=0.5)
    anchors = json.loads(json.dumps(to_anchors(doc, "tester")))  # through JSON, as a pass file would be
    back = resolve(anchors, bare(doc))
    for key in LAYER_KEYS:
        assert back[key] == doc[key], key
    assert validate_document(back, "rt.json") == []
    assert back["meta"]["annotation"]["passes"][0]["annotator"] == "tester"


def test_ids_are_assigned_when_a_pass_gives_none():
    anchors = {"doc_id": "mini", "entities": [{"q": "Acme", "label": "ORG"}, {"q": "Officials", "label": "PERSON"}],
               "hedges": [{"q": "may", "hedge_type": "EPISTEMIC"}], "sources": [{"q": "Officials", "id": "src"}]}
    doc = resolve(anchors, bare(mini_doc()))
    assert [(s["id"], s["text"]) for s in doc["entities"]] == [("e1", "Officials"), ("e2", "Acme")]
    assert doc["hedges"][0]["label"] == "HEDGE" and doc["sources"][0]["id"] == "src"


def test_n_all_and_in_pick_occurrences():
    doc = bare(segmented(TEXT))
    got = resolve({"doc_id": "mini", "entities": [{"q": "Acme", "label": "ORG", "n": "all"}],
                   "hedges": [{"q": "may", "in": "It may.", "hedge_type": "EPISTEMIC"}]}, doc)
    assert len(got["entities"]) == 3  # "Acme’s" counts: the possessive is its own token
    assert got["hedges"][0]["start"] == TEXT.index("It may.") + 3


@pytest.mark.parametrize("item, expected", [
    ({"label": "ORG"}, 'entities[0] (q=None): expected an object with a non-empty "q" (the quoted span text)'),
    ({"q": "Acme", "label": "ORG", "in": "Officials said"},
     "entities[0] (q='Acme'): the `in` context 'Officials said' occurs 2 times in the text; it must occur exactly once. "
     "Fix: quote a longer, unique context"),
    ({"q": "cme", "label": "ORG"},
     "entities[0] (q='cme'): quote 'cme' not found: it occurs, but not on token boundaries; quote whole tokens"),
    ({"q": "Acme's", "label": "ORG"},
     "entities[0] (q=\"Acme's\"): quote \"Acme's\" not found: the text has 'Acme’s' (check quotes, apostrophes and dashes)"),
    ({"q": "Zeta", "label": "ORG"}, "entities[0] (q='Zeta'): quote 'Zeta' not found: it does not occur in the text"),
    ({"q": "Zeta", "label": "ORG", "in": "It may."},
     "entities[0] (q='Zeta'): quote 'Zeta' not found: it does not occur in the text inside the `in` context"),
    ({"q": "Acme", "label": "ORG"},
     "entities[0] (q='Acme'): quote 'Acme' occurs 3 times on token boundaries (at offsets [15, 59, 87]). "
     "Fix: add \"in\": a unique longer quote around it, or \"n\": its 1-based occurrence, or \"n\": \"all\""),
    ({"q": "Acme", "label": "ORG", "n": 4},
     "entities[0] (q='Acme'): n=4 but quote 'Acme' occurs 3 time(s). Fix: n is 1..3 or \"all\""),
    ({"q": "Officials", "label": "ORG", "n": 1, "colour": "red"},
     "entities[0] (q='Officials'): unknown key(s) ['colour']; allowed: ['id', 'in', 'label', 'n', 'note', 'q']"),
    ({"q": "Officials", "label": "ORG", "n": "all", "id": "e7"},
     'entities[0] (q=\'Officials\'): an item with an "id" must pick exactly one occurrence (drop "n": "all" or the id)'),
])
def test_each_error_message(item, expected):
    assert problems_of({"doc_id": "mini", "entities": [item]}, bare(segmented(TEXT))) == [expected]


def test_overlapping_entities_are_refused():
    anchors = {"doc_id": "mini", "entities": [{"q": "Acme may", "label": "ORG", "n": 1}, {"q": "Acme", "label": "ORG", "n": 1}]}
    assert problems_of(anchors, bare(segmented(TEXT))) == [
        "entities: 'Acme' at 15 and 'Acme may' at 15 overlap; entities are flat (OntoNotes, guideline E5). Fix: keep "
        "the longer name only (an \"n\": \"all\" item may have matched inside a longer name; use \"in\" or \"n\")"]


def test_a_layer_that_is_not_a_list_is_reported_not_a_crash():
    anchors = {"doc_id": "mini", "entities": True, "relations": {"type": "hedges"}, "claims": None}
    assert problems_of(anchors, bare(mini_doc())) == [
        "entities: expected a list of items, found true",
        'relations: expected a list of items, found {"type": "hedges"}',
    ]


def test_relation_shape_and_doc_id_messages_and_all_problems_at_once():
    anchors = {"doc_id": "other", "entities": [{"q": "Zeta", "label": "ORG"}, {"label": "ORG"}],
               "relations": [{"type": "hedges", "from": "h1"}]}
    assert problems_of(anchors, bare(mini_doc())) == [
        "doc_id 'other' does not match the document 'mini'",
        "entities[0] (q='Zeta'): quote 'Zeta' not found: it does not occur in the text",
        'entities[1] (q=None): expected an object with a non-empty "q" (the quoted span text)',
        'relations[0]: expected {"type", "from", "to"} with span ids',
    ]


def run_cli(*args: str) -> subprocess.CompletedProcess:
    exe = ROOT / ".venv" / "bin" / "caveat"
    cmd = [str(exe)] if exe.is_file() else [sys.executable, "-m", "caveat.cli"]
    return subprocess.run([*cmd, "anchor", *args], capture_output=True, text=True, timeout=300)


def test_cli_resolves_writes_and_reverses(tmp_path):
    corpus = tmp_path / "corpus"
    (corpus / "documents").mkdir(parents=True)
    target = corpus / "documents" / "mini.json"
    target.write_text(dumps(bare(mini_doc())), encoding="utf-8")
    passes, out = tmp_path / "passes", tmp_path / "out"
    passes.mkdir()
    good = passes / "mini.anchors.json"
    good.write_text(json.dumps(to_anchors(mini_doc(), "ann-1")), encoding="utf-8")
    bad = passes / "bad.anchors.json"
    bad.write_text(json.dumps({"doc_id": "mini", "entities": [{"q": "Zeta", "label": "ORG"}]}), encoding="utf-8")
    before = {p: p.read_bytes() for p in (target, good, bad)}

    proc = run_cli(str(good), str(bad), "--corpus", str(corpus), "--out", str(out))
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert f"{bad}: entities[0] (q='Zeta'): quote 'Zeta' not found" in proc.stderr
    assert "1 of 2 pass file(s) have problems" in proc.stderr
    written = json.loads((out / "mini.json").read_text(encoding="utf-8"))
    assert all(written[k] == mini_doc()[k] for k in LAYER_KEYS)
    assert {p: p.read_bytes() for p in before} == before  # inputs untouched

    missing = passes / "ghost.anchors.json"
    missing.write_text('{"doc_id": "ghost"}', encoding="utf-8")
    proc = run_cli(str(missing), "--corpus", str(corpus), "--out", str(out))
    assert proc.returncode == 1
    assert f"{missing}: no document 'ghost' in {corpus / 'documents'}" in proc.stderr

    proc = run_cli(str(out / "mini.json"), "--from-doc", "--annotator", "ann-2", "--out", str(tmp_path / "rev"))
    assert proc.returncode == 0, proc.stderr
    reversed_pass = json.loads((tmp_path / "rev" / "mini.anchors.json").read_text(encoding="utf-8"))
    assert reversed_pass == {**to_anchors(mini_doc(), "ann-2")}

"""Prediction files that do not describe the gold documents are refused with the first differing place."""
from __future__ import annotations

import pytest

from caveat.errors import CaveatError
from caveat.scoring import ScoringInputError, score
from .scoring_strategies import build_text


def gold(doc_id: str = "d1", words: str = "Alice met Bob in Paris .") -> dict:
    skel = build_text(words.split(), set())
    ents = [{"id": "e1", "start": 0, "end": 5, "text": "Alice", "label": "PERSON"}]
    return {"id": doc_id, **skel, "entities": ents, "claims": [], "sources": [], "hedges": [], "relations": []}


def refused(golds, preds, *needles, where=None):
    with pytest.raises(ScoringInputError) as info:
        score(golds, preds, where=where)
    for needle in needles:
        assert needle in info.value.message, info.value.message
    assert info.value.exit_code == 1
    return info.value.message


def test_missing_document_names_the_first_missing_id():
    refused([gold("d1"), gold("d2"), gold("d3")], [{"doc_id": "d1"}], "'d2'", "2 of 3")


def test_unknown_and_duplicate_documents_name_the_record():
    refused([gold("d1")], [{"doc_id": "d1"}, {"doc_id": "zz"}], "p.jsonl:7", "'zz'", where=["p.jsonl:3", "p.jsonl:7"])
    refused([gold("d1")], [{"doc_id": "d1"}, {"doc_id": "d1"}], "p.jsonl:7", "p.jsonl:3", where=["p.jsonl:3", "p.jsonl:7"])


def test_text_mismatch_shows_the_first_differing_offset_line_and_column():
    g = gold(words="Alice met Bob in Paris .")
    msg = refused([g], [{"doc_id": "d1", "text": "Alice met Rob in Paris ."}], "offset 10", "line 1, column 11", "'Bob in")
    assert "'Rob in" in msg
    refused([g], [{"doc_id": "d1", "text": g["text"] + " More."}], "offset 24", "<end of text>")


def test_span_text_and_offsets_are_checked():
    g = gold()
    refused([g], [{"doc_id": "d1", "entities": [{"start": 0, "end": 5, "label": "PERSON", "text": "Alic"}]}],
            "$.entities[0]", "'Alic'", "code points")
    refused([g], [{"doc_id": "d1", "entities": [{"start": 3, "end": 99, "label": "PERSON"}]}], "[3, 99)", "length 24")
    refused([g], [{"doc_id": "d1", "entities": [{"start": 4, "end": 4, "label": "PERSON"}]}], "[4, 4)")


def test_relations_must_point_to_spans_of_the_right_layers():
    g = gold()
    claim = {"id": "c1", "start": 0, "end": 13}
    refused([g], [{"doc_id": "d1", "claims": [claim], "relations": [{"type": "attributed_to", "from": "c1", "to": "nope"}]}],
            "$.relations[0].to", "'nope'")
    refused([g], [{"doc_id": "d1", "claims": [claim], "hedges": [{"id": "h1", "start": 6, "end": 9}],
                   "relations": [{"type": "attributed_to", "from": "c1", "to": "h1"}]}],
            "span of hedges", "sources or entities")
    refused([g], [{"doc_id": "d1", "claims": [claim, dict(claim)], "sources": [{"id": "s1", "start": 0, "end": 5}],
                   "relations": [{"type": "attributed_to", "from": "c1", "to": "s1"}]}], "'c1'", "more than one span")
    score([g], [{"doc_id": "d1", "claims": [claim, dict(claim)]}])  # without relations, span ids do not matter


def test_no_gold_and_unknown_track():
    refused([], [], "no gold documents")
    with pytest.raises(CaveatError) as info:
        score([gold()], [{"doc_id": "d1"}], ["nerr"])
    assert info.value.exit_code == 2 and "'nerr'" in info.value.message

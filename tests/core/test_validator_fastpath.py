"""The validator's fast paths are sound: whenever one says "nothing to report", the detailed check agrees."""
from __future__ import annotations

import json
import random

from hypothesis import example, given, settings, strategies as st

from caveat.validate import _segment_problems, _segmentation_sound, validate_document

from .factory import mini_doc, segmented

TEXT = "  • Acme Co. Ltd.\n\nOfficials said “Acme may grow” [by 5%].\n\nIt did-- not.\n"


def mutate(doc: dict, rng: random.Random) -> None:
    """One small random damage to a segmentation layer (or the text)."""
    layer = rng.choice(["paragraphs", "sentences", "tokens"])
    items = doc[layer]
    kind = rng.randrange(8)
    if not isinstance(items, list) or any(not isinstance(it, dict) for it in items):
        return
    if not items or kind == 0:
        items.append({"start": rng.randrange(len(doc["text"])), "end": rng.randrange(len(doc["text"]) + 2)})
        return
    item = rng.choice(items)
    if kind == 1:
        key = rng.choice(["start", "end"])
        if type(item.get(key)) is int:  # an earlier damage may have made it None, a str, a bool...
            item[key] += rng.choice([-2, -1, 1, 2])
    elif kind == 2:
        items.remove(item)
    elif kind == 3:
        items.insert(rng.randrange(len(items) + 1), dict(item))
    elif kind == 4:
        item["start"] = rng.choice([True, 1.0, "1", None, 10**30, -1])
    elif kind == 5:
        rng.shuffle(items)
    elif kind == 6:
        doc[layer] = rng.choice([None, {}, "x", [1, 2]])
    else:
        pos = rng.randrange(len(doc["text"]))
        doc["text"] = doc["text"][:pos] + rng.choice(["x", " ", "\u2028", "•", "é"]) + doc["text"][pos + 1:]


@settings(max_examples=100, deadline=None)
@given(st.integers(0, 2**32), st.integers(1, 3))
@example(seed=20579, damage=3)  # CI 2026-11-28: a start set to None, then shifted, crashed mutate()
def test_segmentation_fast_path_is_sound(seed, damage):
    rng = random.Random(seed)
    doc = json.loads(json.dumps(segmented(TEXT)))
    for _ in range(damage):
        mutate(doc, rng)
    sound = _segmentation_sound(doc, doc["text"])
    problems, starts, ends = _segment_problems(doc, doc["text"], "x")
    if sound is not None:
        assert problems == [] and sound == (starts, ends)


def test_fast_path_answers_for_clean_documents():
    doc = segmented(TEXT)
    assert _segmentation_sound(doc, doc["text"]) == _segment_problems(doc, doc["text"], "x")[1:]
    assert validate_document(mini_doc(), "mini.json") == []


def test_text_without_paragraphs_is_reported():
    doc = dict(segmented("Hello world.\n"), paragraphs=[], sentences=[], tokens=[])
    assert [p.code for p in validate_document(doc, "x")] == ["E209"]

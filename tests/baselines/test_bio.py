"""IOB2 encoding, repair and decoding (property tests over random tag sequences and span sets)."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from caveat.baselines import bio
from caveat.baselines.data import from_text, view

LABELS = ["A", "B"]
TAGS = st.sampled_from(["O", "B-A", "I-A", "B-B", "I-B"])


def _valid(tags: list[str], sent_of: list[int]) -> bool:
    """Every I-X continues an X span of the same sentence."""
    for t, tag in enumerate(tags):
        if tag.startswith("I-"):
            if t == 0 or tags[t - 1] == "O" or tags[t - 1][2:] != tag[2:] or sent_of[t] != sent_of[t - 1]:
                return False
    return True


@settings(max_examples=100, deadline=None)
@given(st.lists(TAGS, max_size=30), st.data())
def test_repair_gives_valid_sequences_and_keeps_valid_ones(tags, data):
    cuts = sorted(data.draw(st.lists(st.integers(0, max(len(tags), 1)), max_size=3)))
    sent_of = [sum(t >= c for c in cuts) for t in range(len(tags))]
    fixed = bio.repair(tags, sent_of)
    assert _valid(fixed, sent_of)
    assert len(fixed) == len(tags)
    assert [t[2:] for t in fixed] == [t[2:] for t in tags]  # labels are kept, only B/I changes
    assert bio.repair(fixed, sent_of) == fixed
    if _valid(tags, sent_of):
        assert fixed == list(tags)


def test_repair_examples():
    assert bio.repair(["I-A", "I-A", "O", "I-B", "B-A", "I-B"]) == ["B-A", "I-A", "O", "B-B", "B-A", "B-B"]
    assert bio.repair(["B-A", "I-A", "I-A"], [0, 0, 1]) == ["B-A", "I-A", "B-A"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(1, 4), st.sampled_from(LABELS), st.booleans()), min_size=1, max_size=12))
def test_encode_then_decode_returns_the_spans(pieces):
    words, spans, pos = [], [], 0
    for n, label, is_span in pieces:
        chunk = [f"w{len(words) + k}" for k in range(n)]
        start = pos
        pos += sum(len(w) + 1 for w in chunk)
        words += chunk
        if is_span:
            spans.append((start, pos - 1, label))
    v = view(from_text("d", " ".join(words)))
    tags = bio.encode(v, spans)
    assert _valid(tags, v.sent_of)
    assert [(s, e, lab) for s, e, lab, _ in bio.decode(v, tags)] == sorted(spans)


def test_encode_keeps_the_longer_of_overlapping_spans():
    v = view(from_text("d", "New York City Council met"))
    tags = bio.encode(v, [(0, 8, "GPE"), (0, 21, "ORG")])
    assert tags == ["B-ORG", "I-ORG", "I-ORG", "I-ORG", "O"]


def test_extend_to_clause_end_stops_at_a_comma_or_the_final_stop():
    from caveat.baselines.tagger import extend_to_clause_end

    text = "If the rule applies to affiliates, sales may fall. Unless they act now."
    v = view(from_text("d", text))
    start = text.index("If")
    span = extend_to_clause_end(v, (start, start + 2, "CONDITIONAL", 0.9))
    assert text[span[0]:span[1]] == "If the rule applies to affiliates"
    start = text.index("Unless")
    span = extend_to_clause_end(v, (start, start + 6, "CONDITIONAL", 0.9))
    assert text[span[0]:span[1]] == "Unless they act now"

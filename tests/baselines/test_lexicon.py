"""Training-set lexicons: most frequent value, the ambiguity filter, longest-first matching."""
from __future__ import annotations

from caveat.baselines import lexicon
from caveat.baselines.data import from_text, view


def _doc(text: str, spans: list[tuple[str, str]]) -> dict:
    doc = from_text("d", text)
    out, pos = [], 0
    for quote, label in spans:
        start = text.index(quote, pos)
        out.append({"start": start, "end": start + len(quote), "label": label})
        pos = start + len(quote)
    doc["entities"] = out
    return doc


def test_build_keeps_unambiguous_strings_with_their_most_frequent_value():
    docs = [
        _doc("Apple sold apples. Apple Inc grew.", [("Apple", "ORG"), ("Apple Inc", "ORG")]),
        _doc("Apple rose in May.", [("Apple", "PERSON")]),
        _doc("Apple fell. Apple rose. Apple sank. Apple won.", [("Apple", "ORG")]),
    ]
    lex = lexicon.build([view(d) for d in docs], "entities", lambda s: s["label"], lower=False)
    assert lex["Apple Inc"] == "ORG"
    assert "Apple" not in lex  # annotated 3 times out of 7 occurrences: below one half


def test_match_is_longest_first_and_case_aware():
    v = view(from_text("d", "The Bank of China and the bank of china met."))
    m = lexicon.Matcher({"Bank": "ORG", "Bank of China": "ORG", "China": "GPE"}, lower=False)
    assert [(v.words[i], v.words[j - 1], val) for i, j, val in m.match(v)] == [("Bank", "China", "ORG")]
    low = lexicon.Matcher({"bank of china": "ORG"}, lower=True)
    assert len(low.match(v)) == 2

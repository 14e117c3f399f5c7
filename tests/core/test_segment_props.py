"""Property tests (hypothesis) of segmentation on arbitrary Unicode text: the invariants, determinism, and
agreement with spaCy's tokenizer and sentencizer run paragraph by paragraph."""
from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings, strategies as st

from caveat.document import dumps
from caveat.ingest import documents_from_raw
from caveat.segment import _kinds, inside_grapheme, opens_next_sentence, _nlp, _paragraph_spans, normalize_text, segment, split_articles
from caveat.validate import BETWEEN_PARAGRAPHS, validate_document

NO_SURROGATES = st.characters(blacklist_categories=("Cs",))
ODD = [
    "\u2028", "\u2029", "\x0b", "\x0c", "\x1c", "\x85", "\xa0", "\u3000", "\u200b", "\ufeff", "\t", " ", "  ",
    "\n", "\n\n", "\n\n\n", "\n\n\n\n", "\r\n", "\r", "  • ", "\n• item", "\n- dash item", "\n* star", "\n  ◦ ",
    "\u200f", "\u200e", "e\u0301", "👨🏻‍🚒", "🙄", "中文。", "עברית", "Co. Ltd.", "U.S.", "Dr.", "“", "”", "‘",
    "’", "(", ")", "[", "]", "--", "—", ". ", "! ", "?", "...", "।", ":)", "'s", "n't", "5%", "$1.2",
]
PIECE = st.one_of(
    st.sampled_from(ODD),
    st.text(alphabet=NO_SURROGATES, min_size=1, max_size=8),
    st.from_regex(r"[A-Z]?[a-z]{1,8}[.,!?;:]?", fullmatch=True),
    st.text(alphabet=st.characters(categories=["Zs", "Zl", "Zp", "Cc", "Cf", "Mn", "Po", "Ps", "Pe", "Pd"]), max_size=4),
)
RAW = st.lists(PIECE, max_size=60).map("".join)
SETTINGS = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def reference(text: str) -> dict:
    """Segmentation by spaCy's own pipeline: the tokenizer and the sentencizer on each paragraph alone."""
    para_spans = _paragraph_spans(text)
    nlp = _nlp()
    sentencizer = nlp.get_pipe("sentencizer")
    paragraphs, sentences, tokens = [], [], []
    for (p_start, p_end, _), kind in zip(para_spans, _kinds(text, para_spans)):
        paragraphs.append({"start": p_start, "end": p_end, "kind": kind})
        sents = []
        for sent in sentencizer(nlp.tokenizer(text[p_start:p_end])).sents:
            toks = [(p_start + m.start() + t.idx, p_start + m.end() + t.idx)
                    for t in sent if not t.is_space for m in re.finditer(r"\S+", t.text)]
            if toks:
                sents.append(toks)
        # Caveat's two rules on top of spaCy: a token that starts inside a grapheme cluster joins the one before
        # (and so a sentence never starts there), and an opening bracket or quote ending a sentence moves on
        flat = [t for toks in sents for t in toks]
        joined = {k for k in range(1, len(flat)) if flat[k - 1][1] == flat[k][0] and inside_grapheme(text, flat[k][0])}
        merged, k = [], 0
        for toks in sents:
            out = []
            for tok in toks:
                if k in joined:
                    target = out if out else (merged[-1] if merged else out)
                    target[-1] = (target[-1][0], tok[1])
                else:
                    out.append(tok)
                k += 1
            if out:
                merged.append(out)
        sents = merged
        for i in range(len(sents) - 1):
            while len(sents[i]) > 1 and opens_next_sentence(text, [{"start": a, "end": b} for a, b in sents[i]]):
                sents[i + 1].insert(0, sents[i].pop())
        for toks in sents:
            sentences.append({"start": toks[0][0], "end": toks[-1][1]})
            tokens += [{"start": s, "end": e} for s, e in toks]
    return {"paragraphs": paragraphs, "sentences": sentences, "tokens": tokens}


def check_invariants(text: str, seg: dict) -> None:
    """Tokens inside sentences inside paragraphs, sorted and disjoint, and the text fully accounted for."""
    for layer in ("paragraphs", "sentences", "tokens"):
        prev = 0
        for item in seg[layer]:
            assert prev <= item["start"] < item["end"] <= len(text), (layer, item)
            prev = item["end"]
    for inner, outer in (("sentences", "paragraphs"), ("tokens", "sentences")):
        for item in seg[inner]:
            assert any(o["start"] <= item["start"] and item["end"] <= o["end"] for o in seg[outer]), (inner, item)
    covered = [0] * len(text)
    for tok in seg["tokens"]:
        piece = text[tok["start"]:tok["end"]]
        assert piece and not any(ch.isspace() for ch in piece), repr(piece)
        for k in range(tok["start"], tok["end"]):
            covered[k] += 1
    in_para = [False] * len(text)
    for p in seg["paragraphs"]:
        in_para[p["start"]:p["end"]] = [True] * (p["end"] - p["start"])
    for k, ch in enumerate(text):
        if in_para[k] and not ch.isspace():
            assert covered[k] == 1, (k, ch)
        if not in_para[k]:
            assert covered[k] == 0 and BETWEEN_PARAGRAPHS.match(ch), (k, ch)


@SETTINGS
@given(RAW)
def test_segmentation_invariants(raw):
    text = normalize_text(raw)
    check_invariants(text, segment(text))
    for article in split_articles(raw):
        check_invariants(article, segment(article))


@SETTINGS
@given(RAW)
def test_segmented_documents_validate_and_are_deterministic(raw):
    if not split_articles(raw):
        return
    docs = documents_from_raw(raw, None, "authored")
    again = documents_from_raw(raw, None, "authored")
    for doc, twin in zip(docs, again):
        assert [p.render() for p in validate_document(doc, "x")] == []
        assert dumps(doc) == dumps(twin)


@SETTINGS
@given(RAW)
def test_segment_agrees_with_spacy_run_paragraph_by_paragraph(raw):
    text = normalize_text(raw)
    assert segment(text) == reference(text)


def test_agreement_on_the_corpus_texts(repo_root):
    import json

    for path in sorted((repo_root / "corpus" / "documents").glob("*.json"))[:20]:
        text = json.loads(path.read_text(encoding="utf-8"))["text"]
        assert segment(text) == reference(text), path.name


def _pieces(text: str, layer: str) -> list[str]:
    return [text[s["start"]:s["end"]] for s in segment(text)[layer]]


def test_an_unmatched_straight_quote_at_a_sentence_end_opens_the_next_sentence():
    text = 'He left. "Next we go," she said. He said "yes." Then he left.'
    assert _pieces(text, "sentences") == ["He left.", '"Next we go," she said.', 'He said "yes."', "Then he left."]


def test_tokens_keep_emoji_sequences_and_combining_marks_whole():
    text = "Fire 👨🏻\u200d🚒 crew. Cafe\u0301 owner 🙄 said."
    tokens = _pieces(text, "tokens")
    assert "👨🏻\u200d🚒" in tokens and "Cafe\u0301" in tokens and "🙄" in tokens

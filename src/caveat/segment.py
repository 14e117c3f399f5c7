"""Segmentation: raw text to articles, and an article's text to paragraphs, sentences and tokens.

Tokens and sentences come from spaCy's rule-based English tokenizer and its
sentencizer (no model download). The decisions spaCy cannot make -- articles,
paragraphs, bullets, headlines, captions and datelines -- live here.
Every offset follows :mod:`caveat.spans`.
"""
from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from functools import lru_cache
from typing import Any

ARTICLE_BREAK = re.compile(r"\n[ \t]*\n(?:[ \t]*\n)+")  # two or more blank lines
BULLET = re.compile(r"^([ \t]*)([•◦▪‣·\-*–])[ \t]+(?=\S)")
DATELINE = re.compile(
    r"^(?:[A-Z][A-Za-z .'-]*,\s+)?"
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?"
    r"(?:,?\s+\d{4})?$"
)
CREDIT = re.compile(r"\([^()\n]*/[^()\n]*\)\s*$")
OPENERS = set("([{“‘«")
JOINERS = {"\u200d", "\ufe0e", "\ufe0f"}  # zero-width joiner, variation selectors


def inside_grapheme(text: str, i: int) -> bool:
    """True if a boundary before ``text[i]`` would split a user-perceived character (emoji sequence, combining mark)."""
    ch, prev = text[i], text[i - 1]
    code = ord(ch)
    return (prev == "\u200d" or ch in JOINERS or unicodedata.category(ch) in ("Mn", "Mc", "Me")
            or 0x1F3FB <= code <= 0x1F3FF or 0xE0020 <= code <= 0xE007F)


def opens_next_sentence(text: str, sentence: list[dict]) -> bool:
    """True if the last token of a sentence opens the next one: a bracket or curly quote, or a straight double
    quote that is unmatched in its sentence ("He left. \"Next ..." puts the quote at the first sentence's end)."""
    last = text[sentence[-1]["start"]:sentence[-1]["end"]]
    if last in OPENERS:
        return True
    return last == '"' and sum(text[t["start"]:t["end"]] == '"' for t in sentence) % 2 == 1


def normalize_text(raw: str) -> str:
    """NFC text with ``\\n`` line ends: the form every document text takes."""
    return unicodedata.normalize("NFC", raw.replace("\r\n", "\n").replace("\r", "\n"))


def split_articles(raw: str) -> list[str]:
    """Split a raw file into article texts at runs of two or more blank lines; each is stripped of outer blank lines."""
    text = normalize_text(raw)
    parts = [p.strip("\n").rstrip() for p in ARTICLE_BREAK.split(text)]
    return [p + "\n" for p in parts if p.strip()]


@lru_cache(maxsize=1)
def _nlp() -> Any:
    import spacy

    nlp = spacy.blank("en")
    # a dash run glued to a word ("exist-- like") is punctuation of its own
    suffixes = list(nlp.Defaults.suffixes) + [r"-{2,}", r"—+"]
    infixes = list(nlp.Defaults.infixes) + [r"-{2,}", r"—+"]
    nlp.tokenizer.suffix_search = spacy.util.compile_suffix_regex(suffixes).search
    nlp.tokenizer.infix_finditer = spacy.util.compile_infix_regex(infixes).finditer
    nlp.add_pipe("sentencizer")
    return nlp


def _paragraph_spans(text: str) -> list[tuple[int, int, bool]]:
    """``(start, end, is_bullet)`` of each paragraph: blank-line separated blocks; every bullet line is its own paragraph."""
    out: list[tuple[int, int, bool]] = []
    block_start: int | None = None
    block_end = 0
    pos = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\n")
        line_start, pos = pos, pos + len(line)
        bullet = BULLET.match(body)
        if not body.strip() or bullet:
            if block_start is not None:
                out.append((block_start, block_end, False))
                block_start = None
            if bullet:
                out.append((line_start + bullet.end(), line_start + len(body.rstrip()), True))
            continue
        lstrip = len(body) - len(body.lstrip())
        if block_start is None:
            block_start = line_start + lstrip
        block_end = line_start + len(body.rstrip())
    if block_start is not None:
        out.append((block_start, block_end, False))
    return [(s, e, b) for s, e, b in out if e > s]


def _kinds(text: str, spans: list[tuple[int, int, bool]]) -> list[str]:
    """Paragraph kinds: headline, dateline, caption, bullet, quote or body."""
    kinds: list[str] = []
    for i, (s, e, is_bullet) in enumerate(spans):
        para = text[s:e]
        prev = text[spans[i - 1][0] : spans[i - 1][1]] if i else ""
        if is_bullet:
            kind = "bullet"
        elif i == 0 and len(para) <= 200 and "\n" not in para:
            kind = "headline"
        elif i <= 2 and len(para) <= 60 and DATELINE.match(para):
            kind = "dateline"
        elif i <= 2 and CREDIT.search(para) and len(para) <= 300:
            kind = "caption"
        elif prev.endswith(":") and not kinds[-1] == "headline":
            kind = "quote"
        else:
            kind = "body"
        kinds.append(kind)
    return kinds


@lru_cache(maxsize=1)
def _sentence_final() -> frozenset[int]:
    """Hash ids of the sentencizer's sentence-final characters (spaCy's own list, not ours)."""
    nlp = _nlp()
    return frozenset(nlp.vocab.strings.add(c) for c in nlp.get_pipe("sentencizer").punct_chars)


def segment(text: str) -> dict[str, list[dict]]:
    """Paragraphs, sentences and tokens of an NFC article text; pure and deterministic.

    The text is tokenized once and the token attributes are read in bulk. spaCy splits at
    whitespace first, and paragraph boundaries always fall on whitespace, so a paragraph's tokens
    are those spaCy gives for the paragraph alone. Sentences follow the rule of spaCy's
    sentencizer, paragraph by paragraph: a sentence starts at the first token that is neither
    punctuation nor sentence-final after a sentence-final one. (Tests check both against running
    the tokenizer and the sentencizer on each paragraph.)
    """
    from spacy.attrs import IDX, IS_PUNCT, IS_SPACE, LENGTH, ORTH

    para_spans = _paragraph_spans(text)
    paragraphs = [{"start": s, "end": e, "kind": k} for (s, e, _), k in zip(para_spans, _kinds(text, para_spans))]
    if not para_spans:
        return {"paragraphs": [], "sentences": [], "tokens": []}
    columns = _nlp().tokenizer(text).to_array([IDX, LENGTH, IS_SPACE, IS_PUNCT, ORTH]).reshape(-1, 5).T.tolist()
    idx, length, space, punct, orth = columns
    final = _sentence_final()
    sentences: list[dict] = []
    tokens: list[dict] = []
    for p_start, p_end, _ in para_spans:
        lo = bisect_left(idx, p_start)  # tokens outside paragraphs (bullet markers, blank lines) are skipped
        starts: list[int] = []  # index in ``tokens`` of each sentence's first token
        seen_final, pending = False, True
        for i in range(lo, bisect_left(idx, p_end, lo)):
            if orth[i] in final:
                seen_final = True
            elif seen_final and not punct[i]:
                seen_final, pending = False, True
            if space[i]:  # whitespace tokens go, and with them sentences of whitespace only
                continue
            if tokens and tokens[-1]["end"] == idx[i] and idx[i] > p_start and inside_grapheme(text, idx[i]):
                tokens[-1]["end"] = idx[i] + length[i]  # never split an emoji sequence or a combining mark
                continue
            if pending:
                starts.append(len(tokens))
                pending = False
            tokens.append({"start": idx[i], "end": idx[i] + length[i]})
        starts.append(len(tokens))
        # an opening bracket or quote that ends a sentence belongs to the next one
        for k in range(1, len(starts) - 1):
            while starts[k] - starts[k - 1] > 1 and opens_next_sentence(text, tokens[starts[k - 1]:starts[k]]):
                starts[k] -= 1
        sentences += [{"start": tokens[a]["start"], "end": tokens[b - 1]["end"]} for a, b in zip(starts, starts[1:])]
    return {"paragraphs": paragraphs, "sentences": sentences, "tokens": tokens}


def slugify(title: str, max_words: int = 8) -> str:
    """A lowercase ASCII slug of a title's first words, for document ids."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_title.lower().replace("'s", "s").replace("’s", "s"))
    return "-".join(words[:max_words]) or "document"

"""Segments and the highlighted HTML: the text comes back whole, and every span covers exactly its own characters."""
from __future__ import annotations

from html.parser import HTMLParser

from hypothesis import given, settings
from hypothesis import strategies as st

from caveat.render.highlight import displayable, highlight
from caveat.render.marks import Mark, css_ident, segments

from .fixtures import EYE_ROLL, FIREFIGHTER, XSS_IMG, XSS_SCRIPT

ALPHABET = st.sampled_from(["a", "b", " ", "\n", "<", ">", "&", '"', "'", EYE_ROLL, FIREFIGHTER, "\u202e", "\u200f", "é", "中"])
LAYERS = ["entities", "claims", "sources", "hedges"]


@st.composite
def text_and_marks(draw):
    text = "".join(draw(st.lists(ALPHABET, min_size=1, max_size=40)))
    n = len(text)
    marks = []
    for i in range(draw(st.integers(0, 8))):
        a = draw(st.integers(0, n - 1))
        b = draw(st.integers(a + 1, n))
        marks.append(Mark(f"k{i}", draw(st.sampled_from(LAYERS)), a, b, ("lab-X",), draw(st.sampled_from(["", "ORG", "<b>"]))))
    paras = []
    pos = 0
    while pos < n and draw(st.booleans()):
        a = draw(st.integers(pos, n - 1))
        b = draw(st.integers(a + 1, n))
        paras.append({"start": a, "end": b, "kind": "body"})
        pos = b
    return text, marks, paras


class Collector(HTMLParser):
    """textContent per key and in all, plus every tag name seen."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[list[str]] = []
        self.text = ""
        self.by_key: dict[str, str] = {}
        self.tags: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        a = dict(attrs)
        keys = a.get("data-k", "").split() if "seg" in a.get("class", "").split() else []
        self.stack.append(keys)

    def handle_endtag(self, tag):
        self.stack.pop()

    def handle_data(self, data):
        self.text += data
        for keys in self.stack:
            for k in keys:
                self.by_key[k] = self.by_key.get(k, "") + data


def parse(html: str) -> Collector:
    c = Collector()
    c.feed(html)
    c.close()
    return c


@settings(max_examples=100, deadline=None)
@given(text_and_marks())
def test_segments_tile_the_text_and_cover_each_mark_exactly(case):
    text, marks, paras = case
    segs = segments(text, marks, paras)
    assert "".join(text[s.start:s.end] for s in segs) == text
    for s in segs:
        assert s.start < s.end
        assert {m.key for m in s.marks} == {m.key for m in marks if m.start <= s.start and s.end <= m.end}
    for m in marks:
        assert "".join(text[s.start:s.end] for s in segs if m in s.marks) == text[m.start:m.end]


@settings(max_examples=100, deadline=None)
@given(text_and_marks())
def test_highlight_keeps_the_text_and_each_spans_characters(case):
    text, marks, paras = case
    got = parse(str(highlight(text, marks, paras)))
    assert got.text == displayable(text)
    for m in marks:
        assert got.by_key.get(m.key) == text[m.start:m.end]
    assert set(got.tags) <= {"span"}


def test_markup_in_the_text_stays_text():
    text = f"a {XSS_SCRIPT} b {XSS_IMG} c"
    start = text.index("onerror")
    html = str(highlight(text, [Mark("k0", "entities", start, start + 7, ("lab-ORG",), '"><script>')]))
    assert "<script" not in html and "<img" not in html
    got = parse(html)
    assert got.text == text
    assert set(got.tags) == {"span"}
    assert got.by_key["k0"] == "onerror"


def test_emoji_before_a_span_keep_code_point_offsets():
    text = f"{FIREFIGHTER} {EYE_ROLL} Huawei said"
    start = text.index("Huawei")
    assert start == 7  # 4 + 1 + 1 + 1 code points; JavaScript would count 7 + 1 + 2 + 1 = 11 UTF-16 units
    got = parse(str(highlight(text, [Mark("k0", "entities", start, start + 6)])))
    assert got.by_key["k0"] == "Huawei"


def test_bidi_controls_are_marked_but_kept():
    text = "x \u202eabc\u202c y"
    html = str(highlight(text, []))
    assert 'data-ctl="U+202E"' in html and 'data-ctl="U+202C"' in html
    assert parse(html).text == text


def test_lone_surrogates_become_replacement_characters_one_for_one():
    assert displayable("a\ud800b") == "a\ufffdb"
    assert len(displayable("a\ud800b")) == 3


def test_css_ident_never_lets_markup_through():
    assert css_ident('a"><script>') == "a___script_"
    assert css_ident("") == "_"

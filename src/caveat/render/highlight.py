"""Segments to HTML: every character escaped, every piece of text tagged with the spans covering it. Pure."""
from __future__ import annotations

import re
from typing import Sequence

from markupsafe import Markup, escape

from .marks import Mark, css_ident, segments

_SURROGATE = re.compile("[\ud800-\udfff]")
# Unicode Bidi_Control characters: invisible, but they reorder what follows; shown with a small marker
_BIDI_CONTROL = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def displayable(text: str) -> str:
    """``text`` with lone surrogates (which UTF-8 cannot encode) replaced one-for-one by U+FFFD, so offsets still hold."""
    return _SURROGATE.sub("\ufffd", text)


def _text_html(text: str) -> str:
    """Escaped text; each bidi control character wrapped in ``span.ctl`` that shows its code (the character stays)."""
    piece = str(escape(displayable(text)))
    return _BIDI_CONTROL.sub(lambda m: f'<span class="ctl" data-ctl="U+{ord(m.group()):04X}">{m.group()}</span>', piece)


def _segment_classes(seg_start: int, seg_end: int, marks: Sequence[Mark]) -> list[str]:
    classes: list[str] = ["seg"]
    depth: dict[str, int] = {}
    for m in marks:
        depth[m.layer] = depth.get(m.layer, 0) + 1
        classes.append(css_ident(m.layer))
        classes.extend(css_ident(c) for c in m.classes)
        if m.start == seg_start:
            classes.append(f"{css_ident(m.layer)}-s")
        if m.end == seg_end:
            classes.append(f"{css_ident(m.layer)}-e")
    classes.extend(f"{css_ident(layer)}-deep" for layer, n in depth.items() if n > 1)
    return list(dict.fromkeys(classes))


def _tag(m: Mark) -> str:
    cls = " ".join(["tag", f"tag-{css_ident(m.layer)}", *(css_ident(c) for c in m.classes)])
    return (f'<span class="{cls}" data-k="{escape(m.key)}" '
            f'data-tag="{escape(displayable(m.tag))}" aria-hidden="true"></span>')


def highlight(text: str, marks: Sequence[Mark], paragraphs: Sequence[dict] = ()) -> Markup:
    """The text as HTML: paragraphs as ``span.para``, covered pieces as ``span.seg[data-k]``, a label tag after each span.

    The element's ``textContent`` equals ``text`` (tags are empty elements drawn with CSS), so offsets stay code points.
    """
    paras = sorted(paragraphs, key=lambda p: p["start"])
    out: list[str] = []
    open_para: int | None = None
    for seg in segments(text, marks, paras):
        if seg.paragraph != open_para:
            if open_para is not None:
                out.append("</span>")
            if seg.paragraph is not None:
                kind = css_ident(paras[seg.paragraph].get("kind", "body"))
                out.append(f'<span class="para para-{kind}" data-p="{seg.paragraph}">')
            open_para = seg.paragraph
        piece = _text_html(text[seg.start:seg.end])
        if seg.marks:
            keys = " ".join(m.key for m in seg.marks)
            cls = " ".join(_segment_classes(seg.start, seg.end, seg.marks))
            out.append(f'<span class="{cls}" data-k="{escape(keys)}">{piece}</span>')
            ending = sorted((m for m in seg.marks if m.end == seg.end), key=lambda m: (-m.start, m.key))
            out.extend(_tag(m) for m in ending if m.tag)
        else:
            out.append(piece)
    if open_para is not None:
        out.append("</span>")
    return Markup("".join(out))

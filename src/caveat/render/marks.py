"""Spans to display segments: cut the text at every span and paragraph boundary; each piece knows every span covering it. Pure."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterable, Sequence

_NOT_IDENT = re.compile(r"[^A-Za-z0-9_-]")


def css_ident(value: object) -> str:
    """A string made safe to use inside a CSS class name (anything else becomes ``_``)."""
    return _NOT_IDENT.sub("_", str(value)) or "_"


@dataclass(frozen=True)
class Mark:
    """One span to draw: a DOM-safe ``key``, its layer, its offsets, CSS classes and the label tag shown after it."""

    key: str
    layer: str
    start: int
    end: int
    classes: tuple[str, ...] = ()
    tag: str = ""


@dataclass
class Segment:
    """A maximal piece of text ``[start, end)`` covered by the same marks, inside one paragraph (or in a gap between paragraphs)."""

    start: int
    end: int
    marks: list[Mark] = field(default_factory=list)
    paragraph: int | None = None


def cut_points(length: int, marks: Iterable[Mark], paragraphs: Sequence[dict]) -> list[int]:
    """Sorted offsets where a segment must begin or end."""
    points = {0, length}
    for m in marks:
        points.update((m.start, m.end))
    for p in paragraphs:
        points.update((p["start"], p["end"]))
    return sorted(x for x in points if 0 <= x <= length)


def segments(text: str, marks: Sequence[Mark], paragraphs: Sequence[dict] = ()) -> list[Segment]:
    """The text cut into segments: concatenated they give ``text`` back; a mark covers exactly the segments inside it."""
    points = cut_points(len(text), marks, paragraphs)
    by_start: dict[int, list[Mark]] = {}
    for m in marks:
        by_start.setdefault(m.start, []).append(m)
    paras = sorted(paragraphs, key=lambda p: p["start"])
    active: list[Mark] = []
    out: list[Segment] = []
    pi = 0
    for a, b in zip(points, points[1:]):
        active = [m for m in active if m.end > a] + by_start.get(a, [])
        while pi < len(paras) and paras[pi]["end"] <= a:
            pi += 1
        inside = pi < len(paras) and paras[pi]["start"] <= a < paras[pi]["end"]
        out.append(Segment(a, b, sorted(active, key=lambda m: (m.start, -m.end, m.key)), pi if inside else None))
    return out


def valid_marks(text: str, marks: Iterable[Mark]) -> tuple[list[Mark], list[Mark]]:
    """Split marks into drawable ones and ones whose offsets are empty or fall outside the text."""
    good, bad = [], []
    for m in marks:
        (good if 0 <= m.start < m.end <= len(text) else bad).append(m)
    return good, bad

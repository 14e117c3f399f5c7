"""Offset units at the Label Studio edge: code points (what Label Studio 1.23.2 stores) or UTF-16 code units (older editors).

Caveat's own offsets follow :mod:`caveat.spans`; these helpers exist only to read or write
files made by tools that count UTF-16 code units.
"""
from __future__ import annotations

from typing import Literal

OffsetUnit = Literal["codepoint", "utf16"]
UNITS: tuple[str, ...] = ("codepoint", "utf16")


def to_utf16(text: str, offset: int) -> int:
    """The UTF-16 code-unit offset of code-point ``offset`` in ``text``."""
    return offset + sum(1 for ch in text[:offset] if ord(ch) > 0xFFFF)


def from_utf16(text: str, offset: int) -> int | None:
    """The code-point offset of UTF-16 ``offset`` in ``text``, or None if it falls inside a surrogate pair or past the end."""
    units = 0
    for i, ch in enumerate(text):
        if units == offset:
            return i
        if units > offset:
            return None
        units += 2 if ord(ch) > 0xFFFF else 1
    return len(text) if units == offset else None


def convert_in(text: str, start: int, end: int, unit: OffsetUnit) -> tuple[int, int] | None:
    """Offsets in ``unit`` as code points (None if they do not fall on character boundaries)."""
    if unit == "codepoint":
        return start, end
    s, e = from_utf16(text, start), from_utf16(text, end)
    return None if s is None or e is None else (s, e)


def convert_out(text: str, start: int, end: int, unit: OffsetUnit) -> tuple[int, int]:
    """Code-point offsets expressed in ``unit``."""
    if unit == "codepoint":
        return start, end
    return to_utf16(text, start), to_utf16(text, end)

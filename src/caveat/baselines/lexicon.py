"""Training-set lexicons (entity gazetteer, hedge-cue and source lexicons): build from gold spans, match in new text. Pure."""
from __future__ import annotations

from collections import Counter, defaultdict
from typing import Callable, Sequence

from .data import View

Lexicon = dict[str, str]  # space-joined token sequence -> value
MAX_WORDS = 8


class Matcher:
    """A lexicon indexed by first word, for fast matching over token sequences."""

    def __init__(self, lexicon: Lexicon, *, lower: bool):
        self.lexicon, self.lower = lexicon, lower
        lengths: dict[str, set[int]] = defaultdict(set)
        for key in lexicon:
            parts = key.split(" ")
            lengths[parts[0]].add(len(parts))
        self.lengths = {first: sorted(ns, reverse=True) for first, ns in lengths.items()}

    def occurrences(self, v: View) -> list[tuple[int, int, str]]:
        """Every (possibly overlapping) token run ``[i, j)`` inside one sentence whose string is a key, longest first."""
        words = [w.lower() for w in v.words] if self.lower else v.words
        lengths, keys = self.lengths, self.lexicon
        out = []
        for i, j in v.sents:
            for a in range(i, j):
                for n in lengths.get(words[a], ()):
                    if a + n <= j:
                        key = words[a] if n == 1 else " ".join(words[a:a + n])
                        if key in keys:
                            out.append((a, a + n, key))
        return out

    def match(self, v: View) -> list[tuple[int, int, str]]:
        """Greedy left-to-right, longest-first, non-overlapping matches ``(first token, last token + 1, value)``."""
        out, taken = [], 0
        for i, j, key in self.occurrences(v):
            if i >= taken:
                out.append((i, j, self.lexicon[key]))
                taken = j
        return out


def _key(words: Sequence[str], lower: bool) -> str:
    return " ".join(w.lower() for w in words) if lower else " ".join(words)


def build(
    views: Sequence[View],
    layer: str,
    value: Callable[[dict], str],
    *,
    lower: bool,
    min_precision: float = 0.5,
) -> Lexicon:
    """Span strings of ``layer`` seen in training, each with its most frequent value.

    A string is kept only if, where it occurs in the training text, it is annotated at least
    ``min_precision`` of the time (the CoNLL-2003 baseline's "unambiguous mentions").
    """
    values: dict[str, Counter] = defaultdict(Counter)
    for v in views:
        for span in v.doc.get(layer, []):
            i, j = v.token_range(span["start"], span["end"])
            if 0 < j - i <= MAX_WORDS:
                values[_key(v.words[i:j], lower)][value(span)] += 1
    if not values:
        return {}
    candidates = {k: c.most_common(1)[0][0] for k, c in sorted(values.items())}
    matcher = Matcher(candidates, lower=lower)
    occurrences: Counter = Counter(key for v in views for _, _, key in matcher.occurrences(v))
    return {k: val for k, val in candidates.items()
            if sum(values[k].values()) >= min_precision * max(occurrences[k], 1)}

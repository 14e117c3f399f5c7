"""Multi-word hedge cues as whole spans: candidate spans from learned anchor words, scored by a logistic regression.

The token tagger decides token by token, so long cues (a conditional clause "if ... ," or a vague attribution
"Critics of the policy say") are often missed or cut. Here the training cues of three tokens or more teach
*forward* anchors (their first words: "if", "unless", "according") and cues of two tokens or more teach *backward*
anchors (their last words: "say", "argue", "estimate"). A forward anchor proposes the span from it to its clause
end; a backward anchor proposes the spans ending on it that start at most ``MAX_BACK`` tokens earlier in its
clause-like segment and are no longer than the longest training cue ending on it. A multinomial logistic
regression over span features labels each candidate with a ``hedge_type`` or ``NONE``; candidates whose best type
reaches the threshold are kept, best first, without overlap.
"""
from __future__ import annotations

import warnings
from collections import Counter
from typing import Callable, Sequence

import numpy as np
from sklearn.linear_model import LogisticRegression

from .data import View
from .features import SEGMENT_BREAKS, Vocabulary, shape
from .select import MemoFit, choose, span_f1

NONE = "NONE"
MAX_BACK = 8  # a backward candidate starts at most this many tokens before its anchor
MIN_ANCHOR_COUNT = 2  # an anchor word must end (or start) at least this many training cues
GRID = [{"C": c, "threshold": t} for c in (1.0, 0.3, 3.0) for t in (0.5, 0.35, 0.65, 0.25, 0.2)]
CLAUSE_ENDS = SEGMENT_BREAKS | {".", "?", "!", "”", '"', "’"}
Span4 = tuple[int, int, str, float]
Candidate = tuple[int, int, str]  # first token, last token + 1, family ("fwd" or "bwd")


def _bucket(n: int) -> str:
    return str(n) if n < 4 else "4-6" if n < 7 else "7+"


def learn_anchors(views: Sequence[View], layer: str) -> tuple[list[str], dict[str, int]]:
    """Forward anchors (first words of cues of 3+ tokens, sorted) and backward anchors (last words of cues of 2+ tokens,
    each with the most tokens a training cue ending on it spans, at most ``MAX_BACK + 1``)."""
    fwd: Counter = Counter()
    bwd: Counter = Counter()
    longest: dict[str, int] = {}
    for v in views:
        for span in v.doc.get(layer, []):
            i, j = v.token_range(span["start"], span["end"])
            if j - i >= 3:
                fwd[v.words[i].lower()] += 1
            if j - i >= 2:
                last = v.words[j - 1].lower()
                bwd[last] += 1
                longest[last] = min(max(longest.get(last, 0), j - i), MAX_BACK + 1)
    keep = lambda c: sorted(w for w, n in c.items() if n >= MIN_ANCHOR_COUNT and w.isalpha())  # noqa: E731
    return keep(fwd), {w: longest[w] for w in keep(bwd)}


def candidates(v: View, fwd: set[str], bwd: dict[str, int]) -> list[Candidate]:
    """Candidate cue spans of one document: anchor to clause end (forward), segment-bounded spans ending on an anchor
    and no longer than the longest training cue ending on it (backward)."""
    out: list[Candidate] = []
    low = [w.lower() for w in v.words]
    for a, b in v.sents:
        seg = a
        for t in range(a, b):
            if t > a and v.words[t - 1] in SEGMENT_BREAKS:
                seg = t
            if low[t] in fwd:
                j = t + 1
                while j < b and v.words[j] not in CLAUSE_ENDS:
                    j += 1
                if j - t >= 2:
                    out.append((t, j, "fwd"))
            if low[t] in bwd:
                for i in range(max(seg, t + 1 - bwd[low[t]]), t):
                    out.append((i, t + 1, "bwd"))
    return out


def _lower_and_caps(v: View) -> tuple[list[str], list[int]]:
    """Lower-cased words and a prefix count of capitalised words (cached on the view)."""
    cached = v.cache.get("cuespans")
    if cached is None:
        caps = [0]
        for w in v.words:
            caps.append(caps[-1] + (1 if w[:1].isupper() else 0))
        cached = v.cache["cuespans"] = ([w.lower() for w in v.words], caps)
    return cached


def span_features(v: View, c: Candidate) -> list[str]:
    """Features of one candidate: family, first/last/neighbouring words, length, inner words and capitalisation."""
    i, j, fam = c
    a, b = v.sents[v.sent_of[i]]
    lower, caps = _lower_and_caps(v)
    first, last = lower[i], lower[j - 1]
    prev = lower[i - 1] if i > a else "<s>"
    nxt = lower[j] if j < b else "</s>"
    n = _bucket(j - i)
    f = ["bias", "fam=" + fam, "f=" + first, "l=" + last, "p=" + prev, "n=" + nxt, "len=" + n,
         "fam|f=" + fam + "|" + first, "fam|l=" + fam + "|" + last, "fam|len=" + fam + "|" + n,
         "p|f=" + prev + "|" + first, "l|n=" + last + "|" + nxt, "f2=" + " ".join(lower[i:min(i + 2, j)]),
         "l2=" + " ".join(lower[max(j - 2, i):j]), "sh_f=" + shape(v.words[i]), "fam|p=" + fam + "|" + prev]
    if prev in SEGMENT_BREAKS or i == a or prev in ('"', "“"):
        f.append("starts_segment")
    f += ["in=" + w for w in dict.fromkeys(lower[i + 1:j - 1])]
    f.append("caps_inside=" + _bucket(caps[j] - caps[i + 1]))  # capitalised words after the first (last included)
    return f


class CueSpanClassifier(MemoFit):
    """Labels anchor-based candidate spans with a hedge type (or none)."""

    def __init__(self, layer: str, value: Callable[[dict], str], seed: int = 0):
        self.layer, self.value, self.seed = layer, value, seed
        self.fwd: list[str] = []
        self.bwd: dict[str, int] = {}
        self.vocab = Vocabulary()
        self.clf: LogisticRegression | None = None
        self.params: dict = dict(GRID[0])
        self.selection: tuple[float | None, str] = (None, "default")
        self._memo: dict = {}

    def _examples(self, views: Sequence[View]) -> tuple[list[list[str]], list[str]]:
        fwd, bwd = set(self.fwd), self.bwd
        rows, ys = [], []
        for v in views:
            gold = {v.token_range(s["start"], s["end"]): self.value(s) for s in v.doc.get(self.layer, [])}
            for c in candidates(v, fwd, bwd):
                rows.append(span_features(v, c))
                ys.append(gold.get((c[0], c[1]), NONE))
        return rows, ys

    def _fit(self, views: Sequence[View], params: dict) -> None:
        self.params = dict(params)
        self.fwd, self.bwd = learn_anchors(views, self.layer)
        rows, ys = self._examples(views)
        self.vocab = Vocabulary.fit(rows)
        if len(set(ys)) < 2 or NONE not in ys:
            self.clf = None
            return
        self.clf = LogisticRegression(C=params["C"], max_iter=2000, random_state=self.seed)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            self.clf.fit(self.vocab.transform(rows), np.asarray(ys))

    def fit(self, train: Sequence[View], validation: Sequence[View], folds: Callable,
            score: Callable[["CueSpanClassifier", list[View], list[View]], float],
            grid: Sequence[dict] = GRID) -> "CueSpanClassifier":
        """Choose C and the threshold by ``score(self, fit_on, held_out)`` on validation (or CV); then fit on train only."""
        def evaluate(params: dict, fit_on: list[View], held: list[View]) -> float:
            self._fit_memo(fit_on, params)
            return score(self, fit_on, held)

        params, best, how = choose(grid, evaluate, list(train), list(validation), folds)
        self._fit_memo(list(train), params)
        self._memo.clear()
        self.selection = (best, how)
        return self

    def spans_many(self, views: Sequence[View]) -> list[list[Span4]]:
        """Kept candidate spans ``(start, end, hedge_type, probability)`` of each document, non-overlapping."""
        if self.clf is None:
            return [[] for _ in views]
        fwd, bwd = set(self.fwd), self.bwd
        cands = [candidates(v, fwd, bwd) for v in views]
        rows = [span_features(v, c) for v, cs in zip(views, cands) for c in cs]
        if not rows:
            return [[] for _ in views]
        proba = self.clf.predict_proba(self.vocab.transform(rows))
        classes = [str(c) for c in self.clf.classes_]
        proba[:, classes.index(NONE)] = -1.0
        best = proba.argmax(axis=1)
        out, n = [], 0
        for v, cs in zip(views, cands):
            scored = [(float(proba[n + k, best[n + k]]), c[0], c[1], classes[best[n + k]]) for k, c in enumerate(cs)]
            n += len(cs)
            taken = [False] * len(v.words)
            spans = []
            for p, i, j, label in sorted(scored, key=lambda x: (-x[0], x[1], x[2])):
                if p >= self.params["threshold"] and not any(taken[i:j]):
                    taken[i:j] = [True] * (j - i)
                    spans.append((v.starts[i], v.ends[j - 1], label, p))
            out.append(sorted(spans))
        return out

    def state(self) -> dict:
        return {"fwd": list(self.fwd), "bwd": sorted(self.bwd), "bwd_len": [self.bwd[w] for w in sorted(self.bwd)],
                "vocab": self.vocab.names, "clf": self.clf,
                "params": dict(self.params), "selection": list(self.selection)}

    def load(self, state: dict) -> "CueSpanClassifier":
        self.fwd, self.bwd = list(state["fwd"]), dict(zip(state["bwd"], (int(n) for n in state["bwd_len"])))
        self.vocab = Vocabulary(state["vocab"])
        self.clf = state["clf"]
        self.params = dict(state["params"])
        self.selection = tuple(state["selection"])
        return self


def merge(tagged: Sequence[Span4], whole: Sequence[Span4]) -> list[Span4]:
    """The classifier's whole-cue spans, plus the tagger's spans that overlap none of them, in order."""
    kept = [s for s in tagged if not any(s[0] < w[1] and w[0] < s[1] for w in whole)]
    return sorted([*whole, *kept])


def merged_f1(gold: Sequence[Sequence[tuple]], tagged: Sequence[Sequence[Span4]], whole: Sequence[Sequence[Span4]]) -> float:
    """Exact typed span F1 of the merged spans."""
    return span_f1(gold, [merge(t, w) for t, w in zip(tagged, whole)], exact=True)

"""The learned span tagger: a per-token linear classifier (SGD) over window features, IOB2 decoding with repair.

Optionally a training-set lexicon adds match features. On the training documents those come either from
lexicons built on the other folds (jackknifing, so the model learns how far to trust a match on unseen
text) or from the full training lexicon (the model then refines the lexicon); validation decides.
"""
from __future__ import annotations

import os
import warnings
from typing import Callable, Sequence

import numpy as np
import scipy.sparse as sp
from sklearn.linear_model import SGDClassifier

from . import bio, lexicon
from .data import View
from .features import SEGMENT_BREAKS, Vocabulary, token_features
from .select import choose, span_f1

ALPHAS = (1e-4, 3e-5, 3e-4)
O_WEIGHTS = (1.0, 0.5, 0.25)  # P(O) is multiplied by this before the argmax: below 1, more spans are proposed
GRID = [{"alpha": a, "o_weight": w} for a in ALPHAS for w in O_WEIGHTS]
LEXICON_GRID = [{**g, "jackknife": j} for j in (True, False) for g in GRID]  # for taggers with lexicon features
FIT_PARAMS = ("alpha", "jackknife")  # what a refit needs; o_weight only changes decoding
JACKKNIFE_FOLDS = 5
N_JOBS = min(2, os.cpu_count() or 1)
Span4 = tuple[int, int, str, float]
CLAUSE_ENDS = SEGMENT_BREAKS | {".", "?", "!", "”", '"', "’"}


def extend_to_clause_end(v: View, span: Span4) -> Span4:
    """The span stretched to the end of its clause-like segment (before the next comma, dash, bracket or final stop)."""
    start, end, label, score = span
    i, j = v.token_range(start, end)
    last = v.sents[v.sent_of[j - 1]][1]
    while j < last and v.words[j] not in CLAUSE_ENDS:
        j += 1
    return (start, v.ends[j - 1], label, score)


def _lexicon_features(v: View, matcher: lexicon.Matcher) -> list[Sequence[str]]:
    """Per-token match features of a lexicon: ``lex=B-value`` / ``lex=I-value`` and untyped ``lex=B`` / ``lex=I``."""
    out: list[Sequence[str]] = [()] * len(v.words)  # one shared empty tuple: most tokens match nothing
    for i, j, val in matcher.match(v):
        out[i] = ("lex=B", "lex=B-" + val)
        for t in range(i + 1, j):
            out[t] = ("lex=I", "lex=I-" + val)
    return out


class SpanTagger:
    """Tags the spans of one layer; each span's label is ``value(span)`` (an entity type, a hedge type, or a constant)."""

    def __init__(self, layer: str, value: Callable[[dict], str], *, use_lexicon: bool = False, lower: bool = False,
                 exact: bool = True, seed: int = 0):
        self.layer, self.value, self.use_lexicon, self.lower, self.exact, self.seed = layer, value, use_lexicon, lower, exact, seed
        self.vocab = Vocabulary()
        self.lex_vocab = Vocabulary()
        self.clf: SGDClassifier | None = None
        self.lexicon: lexicon.Lexicon = {}
        self.matcher = lexicon.Matcher({}, lower=lower)
        self.params: dict = dict(GRID[0])
        self.selection: tuple[float | None, str] = (None, "default")
        self.extend: list[str] = []  # labels whose spans are stretched to the end of their clause
        self._memo: dict = {}

    # --- training ---
    def _gold(self, v: View) -> list[tuple[int, int, str]]:
        return [(s["start"], s["end"], self.value(s)) for s in v.doc.get(self.layer, [])]

    def _build_lexicon(self, views: Sequence[View]) -> lexicon.Lexicon:
        return lexicon.build(views, self.layer, self.value, lower=self.lower)

    def _matrix(self, views: Sequence[View], matchers: Sequence[lexicon.Matcher] | None) -> sp.csr_matrix:
        """The feature matrix of all tokens of ``views``: window features, then lexicon features if used.

        The window-feature part is cached on the batch, so taggers sharing a vocabulary compute it once.
        """
        key = ("window-X", self.vocab.fingerprint, tuple(id(v) for v in views))
        base = views[0].cache.get(key) if views else None
        if base is None:
            base = self.vocab.transform([row for v in views for row in token_features(v)])
            if views:
                views[0].cache[key] = base
        if matchers is None:
            return base
        rows = [row for v, m in zip(views, matchers) for row in _lexicon_features(v, m)]
        return sp.hstack([base, self.lex_vocab.transform(rows)], format="csr")

    def _jackknifed(self, views: Sequence[View], jackknife: bool = True) -> list[lexicon.Matcher] | None:
        """For each training view, a lexicon built from the other folds, or the full one (None without lexicon features)."""
        if not self.use_lexicon:
            return None
        if not jackknife:
            return [lexicon.Matcher(self._build_lexicon(views), lower=self.lower)] * len(views)
        k = min(JACKKNIFE_FOLDS, len(views))
        fold_of = [n % k for n in range(len(views))]
        per_fold = [lexicon.Matcher(self._build_lexicon([v for n, v in enumerate(views) if fold_of[n] != f]), lower=self.lower)
                    for f in range(k)]
        return [per_fold[fold_of[n]] for n in range(len(views))]

    def _fit(self, views: Sequence[View], params: dict) -> None:
        matchers = self._jackknifed(views, params.get("jackknife", True))
        tags = [t for v in views for t in bio.encode(v, self._gold(v))]
        self.lexicon = self._build_lexicon(views) if self.use_lexicon else {}
        self.matcher = lexicon.Matcher(self.lexicon, lower=self.lower)
        self.vocab = Vocabulary.fit([row for v in views for row in token_features(v)])
        if matchers is not None:
            self.lex_vocab = Vocabulary.fit([row for v, m in zip(views, matchers) for row in _lexicon_features(v, m)])
        self.params = dict(params)
        if len(set(tags)) < 2:
            self.clf = None
            return
        # one-vs-rest over the tags runs on N_JOBS threads (the SGD loop releases the GIL); seeds are per class,
        # so the result does not depend on the thread count
        self.clf = SGDClassifier(loss="log_loss", alpha=params["alpha"], max_iter=20, tol=1e-4,
                                 random_state=self.seed, n_jobs=N_JOBS)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # ConvergenceWarning at max_iter is expected and harmless here
            self.clf.fit(self._matrix(views, matchers), np.asarray(tags))

    def _score(self, params: dict, train: list[View], held: list[View]) -> float:
        self._fit_memo(train, params)
        return span_f1([self._gold(v) for v in held], self.spans_many(held), exact=self.exact)

    def fit(self, train: Sequence[View], validation: Sequence[View],
            folds: Callable[[Sequence[View], int], list], grid: Sequence[dict] | None = None) -> "SpanTagger":
        """Choose hyper-parameters on validation (or CV on train); the model is then fitted on train only."""
        grid = grid or (LEXICON_GRID if self.use_lexicon else GRID)
        params, score, how = choose(grid, self._score, list(train), list(validation), folds)
        self._fit_memo(list(train), params)
        self._memo.clear()
        self.selection = (score, how)
        self.extend = self._choose_extensions(list(validation))
        return self

    def _choose_extensions(self, validation: list[View]) -> list[str]:
        """Labels whose spans are better stretched to their clause end, added greedily while validation F1 rises."""
        if self.clf is None or not validation:
            return []
        gold = [self._gold(v) for v in validation]
        self.extend = []
        best = span_f1(gold, self.spans_many(validation), exact=self.exact)
        for label in sorted({str(c)[2:] for c in self.clf.classes_ if str(c) != bio.OUTSIDE}):
            self.extend.append(label)
            f = span_f1(gold, self.spans_many(validation), exact=self.exact)
            if f > best:
                best = f
            else:
                self.extend.pop()
        return self.extend

    def _fit_memo(self, views: Sequence[View], params: dict) -> None:
        """``_fit``, reusing the fitted model when the same documents were fitted with the same fit parameters."""
        key = (tuple(id(v) for v in views), tuple((k, params.get(k)) for k in FIT_PARAMS))
        if key not in self._memo:
            self._fit(views, params)
            self._memo[key] = self.state()
        self.load(self._memo[key])
        self.params = dict(params)

    # --- prediction ---
    def spans(self, v: View) -> list[Span4]:
        """Predicted ``(start, end, label, score)`` spans of one document."""
        return self.spans_many([v])[0]

    def spans_many(self, views: Sequence[View]) -> list[list[Span4]]:
        """Predicted spans of each document; one classifier call for the whole batch."""
        if self.clf is None:
            return [[] for _ in views]
        if not any(v.words for v in views):
            return [[] for _ in views]
        proba = self.clf.predict_proba(self._matrix(views, [self.matcher] * len(views) if self.use_lexicon else None))
        classes = [str(c) for c in self.clf.classes_]
        weight = self.params.get("o_weight", 1.0)
        if weight != 1.0 and bio.OUTSIDE in classes:
            weighted = proba.copy()
            weighted[:, classes.index(bio.OUTSIDE)] *= weight
            best = weighted.argmax(axis=1)
        else:
            best = proba.argmax(axis=1)
        tags = [classes[i] for i in best.tolist()]
        scores = proba[np.arange(len(best)), best].tolist()
        out, n = [], 0
        for v in views:
            k = len(v.words)
            spans = bio.decode(v, bio.repair(tags[n:n + k], v.sent_of), scores[n:n + k])
            if self.extend:
                spans = [extend_to_clause_end(v, sp) if sp[2] in self.extend else sp for sp in spans]
            out.append(spans)
            n += k
        return out

    # --- persistence (skops-safe plain data) ---
    def state(self) -> dict:
        return {"vocab": self.vocab.names, "lex_vocab": self.lex_vocab.names, "clf": self.clf, "lexicon": dict(self.lexicon), "params": dict(self.params),
                "selection": list(self.selection), "extend": list(self.extend)}

    def load(self, state: dict) -> "SpanTagger":
        self.vocab = Vocabulary(state["vocab"])
        self.lex_vocab = Vocabulary(state["lex_vocab"])
        self.clf = state["clf"]
        self.lexicon = dict(state["lexicon"])
        self.matcher = lexicon.Matcher(self.lexicon, lower=self.lower)
        self.params = dict(state["params"])
        self.selection = tuple(state["selection"])
        self.extend = list(state.get("extend", []))
        return self

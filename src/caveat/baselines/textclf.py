"""Text classifiers for sentences and claim spans: word and character n-gram TF-IDF + a linear model (SGD logistic loss).

The n-grams are read off the document's tokens (character n-grams of a word are computed once per distinct word),
counted by :class:`caveat.baselines.features.Vocabulary`, and weighted by scikit-learn's ``TfidfTransformer``:
what ``TfidfVectorizer(binary=True, analyzer="char_wb")`` does, several times faster on the prediction path.
"""
from __future__ import annotations

import warnings
from collections import Counter
from functools import lru_cache
from typing import Sequence

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfTransformer
from sklearn.linear_model import SGDClassifier

from .features import Vocabulary

ALPHA_GRID = (1e-4, 1e-5, 1e-3)
CHAR_NGRAMS = (2, 4)

# a fitted classifier, or the constant answer when training saw one class only (None: nothing to learn from)
TextModel = SGDClassifier | str | bool | None
Words = Sequence[str]


@lru_cache(maxsize=200_000)
def char_ngrams(word: str) -> tuple[str, ...]:
    """Character 2-4-grams of a lower-cased word padded with spaces (the ``char_wb`` analyzer's n-grams)."""
    padded = f" {word.lower()} "
    lo, hi = CHAR_NGRAMS
    return tuple("c=" + padded[i:i + n] for n in range(lo, hi + 1) for i in range(len(padded) - n + 1))


def ngrams(words: Words, chars: bool) -> list[str]:
    """Word 1-2-grams (lower-cased) and, with ``chars``, the words' character n-grams."""
    low = [w.lower() for w in words]
    out = ["w=" + w for w in low] + ["b=" + a + " " + b for a, b in zip(low, low[1:])]
    if chars:
        for w in low:
            out.extend(char_ngrams(w))
    return out


class TextFeatures:
    """Binary n-gram presence weighted by TF-IDF and L2-normalised (fit on training texts)."""

    def __init__(self, chars: bool, vocab: Vocabulary | None = None, tfidf: TfidfTransformer | None = None):
        self.chars, self.vocab, self.tfidf = chars, vocab or Vocabulary(), tfidf

    @classmethod
    def fit(cls, texts: Sequence[Words], *, chars: bool) -> "TextFeatures":
        if not texts:
            return cls(chars)
        rows = [ngrams(t, chars) for t in texts]
        vocab = Vocabulary.fit(rows)
        return cls(chars, vocab, TfidfTransformer(sublinear_tf=True).fit(vocab.transform(rows)))

    def transform(self, texts: Sequence[Words]) -> sp.csr_matrix:
        if self.tfidf is None or not texts:
            return sp.csr_matrix((len(texts), 1), dtype=np.float64)
        return self.tfidf.transform(self.vocab.transform([ngrams(t, self.chars) for t in texts]))

    def state(self) -> dict:
        return {"chars": self.chars, "vocab": self.vocab.names, "tfidf": self.tfidf}

    @classmethod
    def load(cls, state: dict | None) -> "TextFeatures | None":
        return None if state is None else cls(state["chars"], Vocabulary(state["vocab"]), state["tfidf"])


def majority(labels: Sequence) -> str | bool:
    """The most frequent label; ties go to the smallest in sort order, for determinism."""
    counts = Counter(labels)
    return sorted(counts, key=lambda lab: (-counts[lab], str(lab)))[0]


def fit(X: sp.spmatrix, labels: Sequence, *, alpha: float = 1e-4, seed: int = 0) -> TextModel:
    """A class-balanced logistic-loss SGD model, or the constant label when training saw one class only."""
    if len(set(labels)) < 2:
        return majority(labels) if len(labels) else None
    clf = SGDClassifier(loss="log_loss", alpha=alpha, class_weight="balanced", max_iter=50, tol=1e-4, random_state=seed)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # ConvergenceWarning at max_iter is harmless here
        clf.fit(X, np.asarray(labels))
    return clf


def predict(model: TextModel, X: sp.spmatrix) -> tuple[list, list[float]]:
    """Labels and their probabilities for the rows of ``X`` (probability 1.0 for a constant model)."""
    n = X.shape[0]
    if n == 0:
        return [], []
    if not isinstance(model, SGDClassifier):
        return [model] * n, [1.0] * n
    proba = model.predict_proba(X)
    best = proba.argmax(axis=1)
    labels = [v.item() if hasattr(v, "item") else v for v in model.classes_[best]]
    return labels, proba[np.arange(n), best].tolist()

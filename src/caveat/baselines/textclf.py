"""Text classifiers for sentences and claim spans: word and character n-gram TF-IDF + a linear model (SGD logistic loss)."""
from __future__ import annotations

import warnings
from collections import Counter
from typing import Sequence

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import SGDClassifier
from sklearn.pipeline import FeatureUnion

ALPHA_GRID = (1e-4, 1e-5, 1e-3)

# a fitted classifier, or the constant answer when training saw one class only (None: nothing to learn from)
TextModel = SGDClassifier | str | bool | None


def majority(labels: Sequence) -> str | bool:
    """The most frequent label; ties go to the smallest in sort order, for determinism."""
    counts = Counter(labels)
    return sorted(counts, key=lambda lab: (-counts[lab], str(lab)))[0]


def featurizer(texts: Sequence[str], *, chars: bool = True) -> FeatureUnion | None:
    """TF-IDF over word 1-2-grams (and char_wb 2-4-grams with ``chars``), fitted on ``texts`` (None if there are none)."""
    if not texts:
        return None
    parts = [("words", TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, lowercase=True, token_pattern=r"(?u)\b\w+\b"))]
    if chars:
        parts.append(("chars", TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4), sublinear_tf=True, lowercase=True,
                                               max_features=50000)))
    return FeatureUnion(parts).fit(list(texts))


def transform(features: FeatureUnion | None, texts: Sequence[str]) -> sp.csr_matrix:
    """The TF-IDF matrix of ``texts`` (an empty matrix without a featurizer)."""
    if features is None or not texts:
        return sp.csr_matrix((len(texts), 1), dtype=np.float64)
    return features.transform(list(texts))


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

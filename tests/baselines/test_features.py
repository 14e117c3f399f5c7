"""Token features and the feature vocabulary (checked against scikit-learn's DictVectorizer)."""
from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.feature_extraction import DictVectorizer

from caveat.baselines.data import from_text, view
from caveat.baselines.features import Vocabulary, shape, token_features

FEATS = st.lists(st.lists(st.sampled_from([f"f{i}" for i in range(12)]), max_size=8), min_size=1, max_size=20)


@settings(max_examples=80, deadline=None)
@given(FEATS, FEATS)
def test_vocabulary_matches_dictvectorizer(train_rows, rows):
    vocab = Vocabulary.fit(train_rows)
    dv = DictVectorizer(sort=True).fit([{f: 1 for f in r} for r in train_rows])
    ours = vocab.transform(rows)
    theirs = dv.transform([{f: 1 for f in r if f in dv.vocabulary_} for r in rows])
    assert list(vocab.names) == list(dv.feature_names_)
    assert np.array_equal(ours.toarray()[:, :len(vocab)], theirs.toarray())
    assert ours.nnz == theirs.nnz
    assert ours.indices.dtype == np.int32 and ours.indptr.dtype == np.int32


def test_vocabulary_min_count_and_unknown_features():
    vocab = Vocabulary.fit([["a", "b"], ["a"]], min_count=2)
    assert list(vocab.names) == ["a"]
    assert vocab.transform([["b", "zz"]]).nnz == 0


def test_shape():
    assert [shape(w) for w in ["Huawei", "14.5", "U.S.", "Zürich", "$4", "COVID-19"]] == ["Xx", "d.d", "X.X.", "Xx", "$d", "X-d"]


def test_token_features_stay_inside_the_sentence_and_are_cached():
    v = view(from_text("d", "Prices rose. “They may fall,” she said.\n"))
    feats = token_features(v)
    assert len(feats) == len(v.words)
    they = v.words.index("They")
    assert "w-1=“" in feats[they] and "quoted" in feats[they]
    rose = v.words.index("rose")
    assert "w+2=</s>" in feats[rose]  # "." ends the first sentence; the window does not cross it
    assert token_features(v) is feats

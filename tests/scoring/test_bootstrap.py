"""Bootstrap confidence intervals over documents and the paired bootstrap test."""
from __future__ import annotations

import numpy as np
import pytest

from caveat.scoring import bootstrap, paired_bootstrap, score
from caveat.scoring.core import resample_weights
from .scoring_strategies import build_text


def corpus(n: int) -> list[dict]:
    docs = []
    for i in range(n):
        skel = build_text("Alice met Bob in Paris and Rome .".split(), set())
        ents = [{"id": f"e{k}", "start": s, "end": e, "text": skel["text"][s:e], "label": lab}
                for k, (s, e, lab) in enumerate([(0, 5, "PERSON"), (10, 13, "PERSON"), (17, 22, "GPE"), (27, 31, "GPE")])]
        docs.append({"id": f"d{i:02d}", **skel, "entities": ents, "claims": [], "sources": [], "hedges": [], "relations": []})
    return docs


def system(docs: list[dict], keep: int, vary: bool = False) -> list[dict]:
    """Predictions keeping the first ``keep`` gold entities of each document (varying by document if asked)."""
    out = []
    for i, d in enumerate(docs):
        k = (keep + i) % 5 if vary else keep
        out.append({"doc_id": d["id"], "entities": [{kk: e[kk] for kk in ("start", "end", "label")} for e in d["entities"][:k]]})
    return out


def test_weights_resample_documents_with_replacement():
    w = resample_weights(7, 500, seed=3)
    assert w.shape == (500, 7) and (w.sum(axis=1) == 7).all()
    assert np.array_equal(w, resample_weights(7, 500, seed=3))
    assert not np.array_equal(w, resample_weights(7, 500, seed=4))


def test_intervals_are_deterministic_bracket_the_estimate_and_shrink_to_a_point_when_documents_agree():
    docs = corpus(12)
    varied = system(docs, 1, vary=True)
    a = bootstrap(docs, varied, ["ner"], resamples=400, seed=0)["ner"]
    assert a == bootstrap(docs, varied, ["ner"], resamples=400, seed=0)["ner"]
    point = score(docs, varied, ["ner"])["ner"]["metrics"]["strict.f1"]
    low, high = a["strict.f1"]
    assert low < point < high
    same = bootstrap(docs, system(docs, 2), ["ner"], resamples=200)["ner"]["strict.recall"]
    assert same == [pytest.approx(0.5), pytest.approx(0.5)]


def test_intervals_match_a_direct_resampling_of_documents():
    docs = corpus(9)
    preds = system(docs, 1, vary=True)
    ours = bootstrap(docs, preds, ["ner"], resamples=300, seed=5)["ner"]["strict.f1"]
    w = resample_weights(len(docs), 300, seed=5)
    values = []
    for row in w:  # rebuild each resample as a list of documents and score it from scratch
        chosen = [i for i, times in enumerate(row) for _ in range(int(times))]
        g = [dict(docs[i], id=f"{docs[i]['id']}#{j}") for j, i in enumerate(chosen)]
        p = [dict(preds[i], doc_id=f"{docs[i]['id']}#{j}") for j, i in enumerate(chosen)]
        values.append(score(g, p, ["ner"])["ner"]["metrics"]["strict.f1"])
    assert ours == pytest.approx([np.quantile(values, 0.025), np.quantile(values, 0.975)], abs=1e-12)


def test_paired_test_separates_a_better_system_and_not_an_equal_one():
    docs = corpus(10)
    good, weak = system(docs, 4), system(docs, 2)
    better = paired_bootstrap(docs, good, weak, ["ner"], resamples=500)["ner"]
    assert better["delta"] > 0 and better["p_value"] < 0.01
    assert better["metric"] == "strict.f1"
    worse = paired_bootstrap(docs, weak, good, ["ner"], resamples=500)["ner"]
    assert worse["p_value"] == 1.0
    tie = paired_bootstrap(docs, weak, system(docs, 2), ["ner"], resamples=500)["ner"]
    assert tie["delta"] == 0.0 and tie["p_value"] == 1.0


def test_document_folds_partition_the_documents_stably():
    from caveat.scoring.protocol import document_folds

    ids = [f"doc-{i}" for i in range(23)]
    folds = document_folds(ids, k=5, seed=1)
    assert sorted(sum(folds, [])) == sorted(ids)
    assert {len(f) for f in folds} <= {4, 5}
    assert folds == document_folds(list(reversed(ids)), k=5, seed=1)
    assert folds != document_folds(ids, k=5, seed=2)
    with pytest.raises(Exception):
        document_folds(ids[:3], k=5)


def test_fold_summary_gives_mean_and_spread():
    from caveat.scoring.protocol import fold_summary

    docs = corpus(6)
    results = [score(docs, system(docs, keep), ["ner"]) for keep in (1, 2, 3)]
    summary = fold_summary(results)["ner"]["metrics"]["strict.recall"]
    assert summary["mean"] == pytest.approx(0.5) and summary["std"] == pytest.approx(0.25)
    assert (summary["min"], summary["max"], summary["folds"]) == (0.25, 0.75, 3)

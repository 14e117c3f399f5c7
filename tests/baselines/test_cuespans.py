"""The whole-cue span classifier: anchors learned from training cues, candidates, whole clauses found, merging."""
from __future__ import annotations

from caveat.baselines import cuespans
from caveat.baselines.data import from_text, view


def _doc(doc_id: str, text: str, cues: list[tuple[str, str]]) -> dict:
    doc = from_text(doc_id, text)
    doc["hedges"] = [{"start": text.index(q), "end": text.index(q) + len(q), "label": "HEDGE", "hedge_type": t}
                     for q, t in cues]
    return doc


TRAIN = [
    ("If the talks fail, prices will rise.", [("If the talks fail", "CONDITIONAL")]),
    ("Critics of the plan say it is costly.", [("Critics of the plan say", "ATTRIBUTION")]),
    ("If rates go up, banks gain. Ministers say the plan works.", [("If rates go up", "CONDITIONAL")]),
    ("Some critics say the rules, if enforced, will bite.", [("Some critics say", "ATTRIBUTION"), ("if enforced", "CONDITIONAL")]),
    ("The firm said sales grew. Analysts say they may fall.", [("Analysts say", "ATTRIBUTION")]),
]


def _views(rows):
    return [view(_doc(f"d{n}", text, cues)) for n, (text, cues) in enumerate(rows)]


def test_anchors_and_candidates():
    train = _views(TRAIN)
    fwd, bwd = cuespans.learn_anchors(train, "hedges")
    assert fwd == ["if"] and bwd == {"say": 5}  # "Critics of the plan say": the longest cue ending on "say"
    v = view(from_text("t", "If demand slows, critics say, output falls."))
    words = lambda c: " ".join(v.words[c[0]:c[1]])  # noqa: E731
    cands = cuespans.candidates(v, set(fwd), bwd)
    assert ("If demand slows", "fwd") in [(words(c), c[2]) for c in cands]
    assert ("critics say", "bwd") in [(words(c), c[2]) for c in cands]
    assert all(c[2] != "bwd" or v.words[c[0]] != "," for c in cands)  # backward spans stay inside their segment
    assert all(c[1] - c[0] <= 2 for c in cuespans.candidates(v, set(fwd), {"say": 2}) if c[2] == "bwd")


def test_the_classifier_finds_whole_conditional_clauses_and_merge_prefers_them():
    train = _views(TRAIN * 3)
    clf = cuespans.CueSpanClassifier("hedges", lambda s: s["hedge_type"], seed=0)
    clf.fit(train, [], lambda views, k: [], lambda m, fit_on, held: 0.0, grid=[{"C": 1.0, "threshold": 0.3}])
    v = view(from_text("t", "If the vote fails, the bill dies."))
    (spans,) = clf.spans_many([v])
    assert [(v.text[s:e], label) for s, e, label, _ in spans] == [("If the vote fails", "CONDITIONAL")]
    tagged = [(0, 2, "CONDITIONAL", 0.9), (23, 27, "EPISTEMIC", 0.8)]
    assert cuespans.merge(tagged, spans) == sorted([spans[0], (23, 27, "EPISTEMIC", 0.8)])
    again = cuespans.CueSpanClassifier("hedges", lambda s: s["hedge_type"]).load(clf.state())
    assert again.spans_many([v]) == [spans]


def test_hedge_tagger_cv_selection_scores_each_fold_with_a_tagger_that_did_not_see_it(monkeypatch):
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).parent))
    import synth

    from caveat.baselines.hedge import HedgeTagger
    from caveat.baselines.tagger import SpanTagger

    leaks: list[str] = []
    fit, fit_memo, spans_many = SpanTagger._fit, SpanTagger._fit_memo, SpanTagger.spans_many

    def _fit(self, views, params):
        fit(self, views, params)
        self._seen = {id(v) for v in views}

    def _fit_memo(self, views, params):
        fit_memo(self, views, params)
        self._seen = {id(v) for v in views}

    def _spans_many(self, views):
        leaks.extend(v.doc["id"] for v in views if id(v) in getattr(self, "_seen", set()))
        return spans_many(self, views)

    monkeypatch.setattr(SpanTagger, "_fit", _fit)
    monkeypatch.setattr(SpanTagger, "_fit_memo", _fit_memo)
    monkeypatch.setattr(SpanTagger, "spans_many", _spans_many)
    train = [view(synth.document(f"d{n}", n, 2)) for n in range(6)]
    model = HedgeTagger().fit(train, [])  # no validation: every choice by 3-fold CV on train
    assert model.whole.selection[1].endswith("CV on train") and leaks == []

"""The claim track: a majority-class floor and a learned claim detector with claim_type and checkworthy classifiers."""
from __future__ import annotations

from typing import Sequence

from ..labels import inventory
from . import textclf
from .base import Baseline, Record, add_span, folds_of
from .data import View
from .select import choose, span_f1
from .tagger import ALPHAS, SpanTagger

(LABEL,) = inventory().labels("claims")


def _sentence_has_claim(v: View) -> list[bool]:
    """For each sentence, whether a gold claim overlaps it."""
    claims = [(c["start"], c["end"]) for c in v.doc.get("claims", [])]
    out = []
    for s in range(len(v.sents)):
        a, b = v.sentence_span(s)
        out.append(any(c0 < b and a < c1 for c0, c1 in claims))
    return out


def _sentence_words(views: Sequence[View]) -> list[list[str]]:
    """The words of every sentence."""
    return [v.words[i:j] for v in views for i, j in v.sents]


def _span_words(v: View, start: int, end: int) -> list[str]:
    """The words of a span (the words of the tokens inside it)."""
    i, j = v.token_range(start, end)
    return v.words[i:j]


def _attributes(views: Sequence[View]) -> tuple[list[list[str]], list[str], list[bool]]:
    """Words, claim types and checkworthy values of the gold claims."""
    texts, types, worthy = [], [], []
    for v in views:
        for c in v.doc.get("claims", []):
            texts.append(_span_words(v, c["start"], c["end"]))
            types.append(c.get("claim_type"))
            worthy.append(bool(c.get("checkworthy")))
    return texts, types, worthy


class ClaimMajority(Baseline):
    name, track, kind = "claim-majority", "claim", "floor"
    description = ("Floor: the majority class of every sentence. If most training sentences hold a claim, every sentence "
                   "is one claim with the majority claim_type and the majority checkworthy value; otherwise no claims.")

    def fit(self, train: Sequence[View], validation: Sequence[View]) -> "ClaimMajority":
        views = list(train)
        has = [h for v in views for h in _sentence_has_claim(v)]
        self.every_sentence = bool(has) and sum(has) * 2 >= len(has)
        _, types, worthy = _attributes(views)
        self.claim_type = textclf.majority(types) if types else None
        self.checkworthy = bool(textclf.majority(worthy)) if worthy else False
        return self

    def annotate(self, views: Sequence[View], recs: Sequence[Record]) -> None:
        for v, rec in zip(views, recs):
            rec.setdefault("claims", [])
            if not self.every_sentence or self.claim_type is None:
                continue
            for s in range(len(v.sents)):
                start, end = v.sentence_span(s)
                add_span(rec, "claims", v, start, end, label=LABEL, claim_type=self.claim_type, checkworthy=self.checkworthy)

    def state(self) -> dict:
        return {"every_sentence": self.every_sentence, "claim_type": self.claim_type, "checkworthy": self.checkworthy}

    def load(self, state: dict) -> "ClaimMajority":
        self.every_sentence, self.claim_type, self.checkworthy = state["every_sentence"], state["claim_type"], state["checkworthy"]
        return self

    def selection(self) -> dict:
        return self.state()


class ClaimTagger(Baseline):
    name, track, kind = "claim-tagger", "claim", "learned"
    description = ("Learned: claim spans from a per-token SGD tagger (IOB2 with repair; optionally one merged span per "
                   "sentence) or from a sentence classifier (word + char n-gram TF-IDF, logistic-loss SGD), whichever "
                   "wins on validation; claim_type and checkworthy from word n-gram TF-IDF logistic-loss SGD classifiers "
                   "over the claim text.")
    GRID = ([{"mode": "tagger", "alpha": a} for a in ALPHAS]
            + [{"mode": "merged", "alpha": a} for a in ALPHAS]
            + [{"mode": "sentence", "alpha": a} for a in textclf.ALPHA_GRID])

    def __init__(self, seed: int = 0):
        super().__init__(seed)
        self.tagger = SpanTagger("claims", lambda s: LABEL, exact=False, seed=seed)
        self.mode = "sentence"
        self.params: dict = {}
        self.sentence_features = textclf.TextFeatures(chars=True)
        self.sentence_model: textclf.TextModel = False
        self.claim_features = textclf.TextFeatures(chars=False)
        self.type_model: textclf.TextModel = None
        self.worthy_model: textclf.TextModel = None
        self.chosen: dict = {}
        self._cache: dict = {}

    def _memo(self, key: tuple, make):
        if key not in self._cache:
            self._cache[key] = make()
        return self._cache[key]

    # --- span detection ---
    def _fit_spans(self, views: Sequence[View], params: dict) -> None:
        self.mode, self.params = params["mode"], dict(params)
        ids = tuple(id(v.doc) for v in views)
        if params["mode"] == "sentence":
            texts = _sentence_words(views)
            self.sentence_features = self._memo(("sentences", ids), lambda: textclf.TextFeatures.fit(texts, chars=True))
            X = self._memo(("sentences-X", ids), lambda: self.sentence_features.transform(texts))
            labels = [h for v in views for h in _sentence_has_claim(v)]
            self.sentence_model = textclf.fit(X, labels, alpha=params["alpha"], seed=self.seed)
            return

        def fit_tagger() -> dict:
            self.tagger._fit(views, {"alpha": params["alpha"]})
            return self.tagger.state()
        self.tagger.load(self._memo(("tagger", params["alpha"], ids), fit_tagger))

    def _spans(self, views: Sequence[View]) -> list[list[tuple[int, int, str, float]]]:
        if self.mode == "sentence":
            bounds = [[v.sentence_span(s) for s in range(len(v.sents))] for v in views]
            labels, probs = textclf.predict(self.sentence_model, self.sentence_features.transform(_sentence_words(views)))
            out, n = [], 0
            for bs in bounds:
                out.append([(a, b, LABEL, p) for (a, b), lab, p in zip(bs, labels[n:n + len(bs)], probs[n:n + len(bs)]) if lab])
                n += len(bs)
            return out
        found = self.tagger.spans_many(views)
        if self.mode != "merged":
            return found
        out = []
        for v, spans in zip(views, found):
            by_sent: dict[int, list] = {}
            for s in spans:
                by_sent.setdefault(v.sent_of[v.token_range(s[0], s[1])[0]], []).append(s)
            out.append([(g[0][0], g[-1][1], LABEL, max(x[3] for x in g)) for _, g in sorted(by_sent.items())])
        return out

    def _span_score(self, params: dict, train: list[View], held: list[View]) -> float:
        self._fit_spans(train, params)
        gold = [[(c["start"], c["end"], LABEL) for c in v.doc.get("claims", [])] for v in held]
        return span_f1(gold, self._spans(held), exact=False)

    # --- attributes ---
    def _claim_matrix(self, views: Sequence[View]):
        texts = _attributes(views)[0]
        ids = tuple(id(v.doc) for v in views)
        features = self._memo(("claims", ids), lambda: textclf.TextFeatures.fit(texts, chars=False))
        return features, self._memo(("claims-X", ids), lambda: features.transform(texts))

    def _attr_score(self, which: int):
        def score(params: dict, train: list[View], held: list[View]) -> float:
            _, *labels = _attributes(train)
            h_texts, *h_labels = _attributes(held)
            if not h_texts:
                return 0.0
            features, X = self._claim_matrix(train)
            model = textclf.fit(X, labels[which], alpha=params["alpha"], seed=self.seed)
            pred, _ = textclf.predict(model, features.transform(h_texts))
            return sum(p == g for p, g in zip(pred, h_labels[which])) / len(h_texts)
        return score

    def fit(self, train: Sequence[View], validation: Sequence[View]) -> "ClaimTagger":
        folds = folds_of(self.seed)
        train, validation = list(train), list(validation)
        params, score, how = choose(self.GRID, self._span_score, train, validation, folds)
        self._fit_spans(train, params)
        self.chosen = {"spans": {**params, "selection_f1_overlap": score, "chosen_by": how}}
        _, types, worthy = _attributes(train)
        self.claim_features, X = self._claim_matrix(train)
        grid = [{"alpha": a} for a in textclf.ALPHA_GRID]
        for which, name, labels in ((0, "claim_type", types), (1, "checkworthy", worthy)):
            p, s, h = choose(grid, self._attr_score(which), train, validation, folds)
            model = textclf.fit(X, labels, alpha=p["alpha"], seed=self.seed)
            if which == 0:
                self.type_model = model
            else:
                self.worthy_model = model
            self.chosen[name] = {**p, "selection_accuracy": s, "chosen_by": h}
        self._cache.clear()
        return self

    def annotate(self, views: Sequence[View], recs: Sequence[Record]) -> None:
        found = self._spans(views)
        X = self.claim_features.transform([_span_words(v, a, b) for v, spans in zip(views, found) for a, b, _, _ in spans])
        types, _ = textclf.predict(self.type_model, X)
        worthy, _ = textclf.predict(self.worthy_model, X)
        n = 0
        for v, rec, spans in zip(views, recs, found):
            rec.setdefault("claims", [])
            for a, b, _, score in spans:
                add_span(rec, "claims", v, a, b, label=LABEL, claim_type=str(types[n]), checkworthy=bool(worthy[n]),
                         score=round(score, 4))
                n += 1

    def state(self) -> dict:
        return {"mode": self.mode, "params": dict(self.params), "tagger": self.tagger.state(),
                "sentence_features": self.sentence_features.state(), "sentence_model": self.sentence_model,
                "claim_features": self.claim_features.state(), "type_model": self.type_model, "worthy_model": self.worthy_model,
                "chosen": self.chosen}

    def load(self, state: dict) -> "ClaimTagger":
        self.mode, self.params = state["mode"], dict(state["params"])
        self.tagger.load(state["tagger"])
        self.sentence_features = textclf.TextFeatures.load(state["sentence_features"])
        self.sentence_model = state["sentence_model"]
        self.claim_features = textclf.TextFeatures.load(state["claim_features"])
        self.type_model, self.worthy_model = state["type_model"], state["worthy_model"]
        self.chosen = dict(state["chosen"])
        return self

    def selection(self) -> dict:
        return self.chosen

    def selection_score(self) -> float | None:
        return self.chosen.get("spans", {}).get("selection_f1_overlap")

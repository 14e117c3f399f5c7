"""Candidate ranking for relations: ``attributed_to`` (claim -> SOURCE or entity nearby) and ``hedges`` (cue -> claim).

For every "from" span the candidates are the "to" spans in and around its sentence; a logistic regression
scores each pair from positional and lexical features, and the best candidate is linked if its probability
reaches a threshold chosen on validation (otherwise no relation: an author's claim, or a free-standing cue).
"""
from __future__ import annotations

import warnings
from bisect import bisect_right
from typing import Callable, Sequence

import numpy as np
from sklearn.linear_model import LogisticRegression

from .data import View
from .features import Vocabulary
from .select import MemoFit, choose, f1

GRID = [{"C": c, "threshold": t} for c in (1.0, 0.3, 3.0) for t in (0.5, 0.35, 0.65)]
Record = dict  # a prediction-shaped record: layers of spans with ids, plus "relations"


def _bucket(n: int) -> str:
    return "0" if n <= 0 else "1" if n == 1 else "2-3" if n <= 3 else "4-7" if n <= 7 else "8+"


def _sentences(v: View, span: dict) -> tuple[int, int]:
    """First and last sentence index of a character span (a span on no token: the sentence of the token at its start)."""
    if not v.words:
        return 0, 0
    i, j = v.token_range(span["start"], span["end"])
    if i >= j:
        t = min(i, len(v.words) - 1)
        return v.sent_of[t], v.sent_of[t]
    return v.sent_of[i], v.sent_of[j - 1]


def _pair_features(v: View, src: dict, cand: dict, cand_type: str, rank: int, nearest: bool, prefix: str,
                   scope: str | None = None) -> list[str]:
    """Features of one (from, to) pair: type, sentence and token distance, direction, words between and around.

    ``scope`` overrides the sentence distance for a candidate beyond the neighbouring sentences ("para", "lede").
    """
    si, sj = v.token_range(src["start"], src["end"])
    ci, cj = v.token_range(cand["start"], cand["end"])
    s_first, s_last = _sentences(v, src)
    c_sent = _sentences(v, cand)[0]
    if cj <= si:
        direction, gap, between = "before", si - cj, v.words[cj:si]
    elif ci >= sj:
        direction, gap, between = "after", ci - sj, v.words[sj:ci]
    else:
        direction, gap, between = "inside", 0, []
    sdist = scope or ("same" if s_first <= c_sent <= s_last else "prev" if c_sent < s_first else "next")
    f = [
        "bias", "type=" + cand_type, "dir=" + direction, "sdist=" + sdist, "gap=" + _bucket(gap), "rank=" + _bucket(rank),
        "type|dir=" + cand_type + "|" + direction, "dir|sdist=" + direction + "|" + sdist,
        "dir|gap=" + direction + "|" + _bucket(gap),
    ]
    if nearest:
        f += ["nearest", "nearest|dir=" + direction]
    if gap <= 8:
        f += ["bw=" + w.lower() for w in between]
    if ci > 0:
        f.append("before_cand=" + v.words[ci - 1].lower())
    if cj < len(v.words):
        f.append("after_cand=" + v.words[cj].lower())
    if cj > ci:
        f += ["cand_first=" + v.words[ci].lower(), "cand_last=" + v.words[cj - 1].lower()]
    if si > 0:
        f.append("before_src=" + v.words[si - 1].lower())
    f.append(prefix)
    return f


def _layout(v: View) -> tuple[list[int], list[int], int, list[bool]]:
    """Paragraph index of each sentence, paragraph starts, the lede (first body paragraph, -1 if none), answers.

    An answer is a paragraph that follows one ending with a question mark (an interview's question).
    """
    if "ranker.layout" not in v.cache:
        paras = sorted((p["start"], p["end"], p.get("kind", "body")) for p in v.doc.get("paragraphs", []))
        paras = paras or [(0, len(v.text), "body")]
        starts = [p[0] for p in paras]
        para_of = [max(bisect_right(starts, v.sentence_span(s)[0]) - 1, 0) for s in range(len(v.sents))]
        lede = next((n for n, p in enumerate(paras) if p[2] == "body"), -1)
        answer = [n > 0 and v.text[paras[n - 1][0]:paras[n - 1][1]].rstrip().endswith("?") for n in range(len(paras))]
        v.cache["ranker.layout"] = (para_of, starts, lede, answer)
    return v.cache["ranker.layout"]


def lede_sentences(v: View) -> list[tuple[int, int]]:
    """Token ranges ``[first, last)`` of the sentences of the lede (the first body paragraph)."""
    if not v.sents:
        return []
    para_of, _, lede, _ = _layout(v)
    return [v.sents[s] for s in range(len(v.sents)) if para_of[s] == lede]


def _in_quote(v: View, start: int, para_start: int) -> bool:
    """True if ``start`` lies inside a quotation opened earlier in its paragraph (straight or curly double quotes)."""
    before = v.text[para_start:start]
    return (before.count('"') + before.count("\u201c") - before.count("\u201d")) % 2 == 1


OPENERS = frozenset('"\u201c\u2018\'(')
CLOSERS = frozenset('"\u201d\u2019\'.,;:!?)')


def _core(v: View, claim: dict) -> dict:
    """The claim without the quotation marks and punctuation tokens at its ends (its features then do not depend on
    whether a predicted claim took them in, as whole-sentence claims do)."""
    i, j = v.token_range(claim["start"], claim["end"])
    while i < j and v.words[i] in OPENERS:
        i += 1
    while j > i and v.words[j - 1] in CLOSERS:
        j -= 1
    if i >= j:
        return claim
    return {**claim, "start": v.starts[i], "end": v.ends[j - 1]}


def _attribution_candidates(v: View, rec: Record, entity_labels: Sequence[str]) -> list[tuple[dict, list[tuple[dict, list[str]]]]]:
    """For each claim, its SOURCE and entity candidates with pair features.

    Candidates: those within one sentence of the claim, those earlier in its paragraph ("para": quotes running
    over several sentences) and those of the lede, the first body paragraph ("lede": an interview's speaker).
    """
    cands = [(s, "SOURCE") for s in rec.get("sources", [])]
    cands += [(e, "ENT:" + e["label"]) for e in rec.get("entities", []) if e.get("label") in entity_labels]
    sent_of_cand = [(_sentences(v, c)[0], c, t) for c, t in cands]
    para_of, para_start, lede, answer = _layout(v) if v.sents else ([], [], -1, [])
    out = []
    for claim in rec.get("claims", []):
        first, last = _sentences(v, claim)
        near = [(c, t) for s, c, t in sent_of_cand if first - 1 <= s <= last + 1]
        core = _core(v, claim)
        ranked = _ranked(v, core, near, "kind=attr")
        if para_of:
            pc = para_of[first]
            far = [(c, t, "para" if para_of[s] == pc else "lede") for s, c, t in sent_of_cand
                   if s < first - 1 and para_of[s] in (pc, lede)]
            ctx = ["ans=" + str(answer[pc]), "quote=" + str(_in_quote(v, core["start"], para_start[pc]))]
            for k, (c, t, scope) in enumerate(far):
                f = _pair_features(v, core, c, t, len(near) + k, False, "kind=attr", scope)
                ranked.append((c, f + [scope + "|" + x for x in ctx] + [scope + "|type=" + t]))
        out.append((claim, ranked))
    return out


def _hedge_candidates(v: View, rec: Record, _labels: Sequence[str]) -> list[tuple[dict, list[tuple[dict, list[str]]]]]:
    """For each hedge cue, the claims sharing its sentence, with pair features."""
    claims = [(c, _sentences(v, c)) for c in rec.get("claims", [])]
    out = []
    for cue in rec.get("hedges", []):
        s = _sentences(v, cue)[0]
        near = [(c, "CLAIM") for c, (a, b) in claims if a <= s <= b]
        ranked = _ranked(v, cue, near, "kind=hedge")
        cue_word = v.text[cue["start"]:cue["end"]].lower()
        for _, feats in ranked:
            feats += ["cue=" + cue_word, "htype=" + str(cue.get("hedge_type")),
                      "cue|dir=" + cue_word + "|" + next(x for x in feats if x.startswith("dir="))]
        out.append((cue, ranked))
    return out


def _ranked(v: View, src: dict, near: list[tuple[dict, str]], prefix: str) -> list[tuple[dict, list[str]]]:
    """Candidates ordered by distance to ``src``, each with its features."""
    def dist(c: dict) -> int:
        return max(c["start"] - src["end"], src["start"] - c["end"], 0)

    order = sorted(near, key=lambda ct: (dist(ct[0]), ct[0]["start"], ct[0]["end"]))
    seen_dirs: set[str] = set()
    out = []
    for rank, (c, t) in enumerate(order):
        direction = "before" if c["end"] <= src["start"] else "after" if c["start"] >= src["end"] else "inside"
        nearest = direction not in seen_dirs
        seen_dirs.add(direction)
        out.append((c, _pair_features(v, src, c, t, rank, nearest, prefix)))
    return out


CANDIDATES: dict[str, Callable] = {"attributed_to": _attribution_candidates, "hedges": _hedge_candidates}


class PairRanker(MemoFit):
    """Links each "from" span to at most one candidate "to" span, for one relation type."""

    def __init__(self, relation: str, seed: int = 0):
        self.relation, self.seed = relation, seed
        self.vocab = Vocabulary()
        self.clf: LogisticRegression | None = None
        self.constant = 0.0  # the probability given to every pair when training saw one class only
        self.entity_labels: list[str] = []
        self.params: dict = dict(GRID[0])
        self.selection: tuple[float | None, str] = (None, "default")
        self._memo: dict = {}

    def _gold_pairs(self, v: View) -> set[tuple[str, str]]:
        return {(r["from"], r["to"]) for r in v.doc.get("relations", []) if r.get("type") == self.relation}

    def _examples(self, views: Sequence[View]) -> tuple[list[list[str]], list[int]]:
        rows, ys = [], []
        for v in views:
            gold = self._gold_pairs(v)
            for src, cands in CANDIDATES[self.relation](v, v.doc, self.entity_labels):
                for cand, feats in cands:
                    rows.append(feats)
                    ys.append(int((src.get("id"), cand.get("id")) in gold))
        return rows, ys

    def _fit(self, views: Sequence[View], params: dict) -> None:
        self.params = dict(params)
        if self.relation == "attributed_to":
            by_id = [{e.get("id"): e for e in v.doc.get("entities", [])} for v in views]
            self.entity_labels = sorted({ids[r["to"]]["label"] for v, ids in zip(views, by_id)
                                         for r in v.doc.get("relations", [])
                                         if r.get("type") == self.relation and r.get("to") in ids})
        rows, ys = self._examples(views)
        self.vocab = Vocabulary.fit(rows)
        if len(set(ys)) < 2:
            self.clf, self.constant = None, float(ys[0]) if ys else 0.0
            return
        self.clf = LogisticRegression(C=params["C"], max_iter=2000, random_state=self.seed)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            self.clf.fit(self.vocab.transform(rows), np.asarray(ys))

    def _score(self, params: dict, train: list[View], held: list[View]) -> float:
        self._fit_memo(train, params)
        tp = n_gold = n_pred = 0
        for v, rels in zip(held, self.link(held, [v.doc for v in held])):
            gold = self._gold_pairs(v)
            pred = {(r["from"], r["to"]) for r in rels}
            tp, n_gold, n_pred = tp + len(gold & pred), n_gold + len(gold), n_pred + len(pred)
        return f1(tp, n_gold, n_pred)

    def fit(self, train: Sequence[View], validation: Sequence[View], folds: Callable, grid: Sequence[dict] = GRID) -> "PairRanker":
        """Choose C and the threshold on validation (or CV on train); the model is then fitted on train only."""
        params, score, how = choose(grid, self._score, list(train), list(validation), folds)
        self._fit_memo(list(train), params)
        self._memo.clear()
        self.selection = (score, how)
        return self

    def link(self, views: Sequence[View], recs: Sequence[Record]) -> list[list[dict]]:
        """For each document, relations ``{type, from, to, score}`` between the spans of its record (ids set)."""
        groups = [CANDIDATES[self.relation](v, rec, self.entity_labels) for v, rec in zip(views, recs)]
        rows = [feats for doc in groups for _, cands in doc for _, feats in cands]
        if not rows:
            return [[] for _ in views]
        if self.clf is None:  # one class in training: the nearest candidate gets the constant
            proba = np.asarray([self.constant if k == 0 else 0.0
                                for doc in groups for _, cands in doc for k in range(len(cands))])
        else:
            proba = self.clf.predict_proba(self.vocab.transform(rows))[:, 1]
        out, n = [], 0
        for doc in groups:
            rels = []
            for src, cands in doc:
                if cands:
                    best = max(range(len(cands)), key=lambda k: (proba[n + k], -k))
                    if proba[n + best] >= self.params["threshold"]:
                        rels.append({"type": self.relation, "from": src["id"], "to": cands[best][0]["id"],
                                     "score": round(float(proba[n + best]), 4)})
                n += len(cands)
            out.append(rels)
        return out

    def state(self) -> dict:
        return {"vocab": self.vocab.names, "clf": self.clf, "constant": self.constant, "entity_labels": list(self.entity_labels),
                "params": dict(self.params), "selection": list(self.selection)}

    def load(self, state: dict) -> "PairRanker":
        self.vocab = Vocabulary(state["vocab"])
        self.clf, self.constant = state["clf"], float(state["constant"])
        self.entity_labels = list(state["entity_labels"])
        self.params = dict(state["params"])
        self.selection = tuple(state["selection"])
        return self

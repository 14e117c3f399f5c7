"""The ner track: entity spans with their OntoNotes type (primary: strict micro F1)."""
from __future__ import annotations

from collections import Counter
from operator import itemgetter

from ..labels import inventory
from .common import Counts, Sums, error, prf_metrics
from .matching import VIEWS, exact_matches, semeval_counts
from .metrics import Number, macro_f1, semeval_prf
from .ner_batch import count_matrix  # noqa: F401  (the fast path core.tally_pairs uses)
from .pairing import Pair

PRIMARY = "strict.f1"
DESCRIPTION = "strict micro F1 of entity spans (exact boundaries and type)"
HEADLINE = ("semeval.exact.f1", "semeval.partial.f1", "semeval.type.f1", "label_macro.f1")
OUTCOMES = ("cor", "inc", "par", "mis", "spu")
LABEL = itemgetter(2)


def count(pair: Pair, with_errors: bool) -> tuple[Counts, list[dict]]:
    """Per-document counts: strict matches, the four SemEval views and per-label matches."""
    gold, pred = pair.gold.keys("entities"), pair.pred.keys("entities")
    g_set, p_set = set(gold), set(pred)
    if len(g_set) == len(gold) and len(p_set) == len(pred):  # no repeated spans: plain set intersection
        common = Counter(g_set & p_set)
    else:
        common = Counter(gold) & Counter(pred)
    counts: Counts = {"strict.tp": sum(common.values()), "strict.pred": len(pred), "strict.gold": len(gold)}
    for view, outcome in semeval_counts(gold, pred).items():
        for name, n in outcome.items():
            counts[f"semeval.{view}.{name}"] = n
    for label, n in Counter(map(LABEL, gold)).items():
        counts[f"label.{label}.gold"] = n
    for label, n in Counter(map(LABEL, pred)).items():
        counts[f"label.{label}.pred"] = n
    tp_by_label: Counter = Counter()
    for key, n in common.items():
        tp_by_label[key[2]] += n
    for label, n in tp_by_label.items():
        counts[f"label.{label}.tp"] = n
    errors: list[dict] = []
    if with_errors:
        _, fn, fp = exact_matches(gold, pred)
        errors += [error("ner", "false_negative", "entity", pair.gold, pair.gold.layers["entities"][i]) for i in fn]
        errors += [error("ner", "false_positive", "entity", pair.gold, pair.pred.layers["entities"][i]) for i in fp]
    return counts, errors


def metrics(c: Sums) -> dict[str, Number]:
    """All ner metrics from summed counts."""
    out: dict[str, Number] = {}
    prf_metrics(out, "strict", c["strict.tp"], c["strict.pred"], c["strict.gold"])
    for view in VIEWS:
        parts = {name: c[f"semeval.{view}.{name}"] for name in OUTCOMES}
        for key, value in semeval_prf(**parts, partial_credit=view in ("partial", "type")).items():
            out[f"semeval.{view}.{key}"] = value
    per_class = []
    for label in inventory().entity_labels:
        tp, n_pred, n_gold = c[f"label.{label}.tp"], c[f"label.{label}.pred"], c[f"label.{label}.gold"]
        prf_metrics(out, f"label.{label}", tp, n_pred, n_gold)
        per_class.append((tp, n_pred - tp, n_gold - tp))
    out["label_macro.f1"] = macro_f1(per_class, c["strict.pred"], c["strict.gold"])
    return out


def absent(c: Sums) -> set[str]:
    """Per-label metric groups to leave out of a report because the label occurs on neither side."""
    return {f"label.{lab}." for lab in inventory().entity_labels if not c[f"label.{lab}.gold"] and not c[f"label.{lab}.pred"]}

"""The claim track (primary: F1 of check-worthy claims, matched one-to-one by overlap)."""
from __future__ import annotations

from ..labels import inventory
from .common import Counts, Sums, error, interval, prf_metrics, sentence_counts, span_f1_counts
from .matching import overlap_matches
from .metrics import Number, accuracy, all_positive_f1, macro_f1
from .pairing import Pair

PRIMARY = "checkworthy.f1"
DESCRIPTION = "F1 of check-worthy claims, matched one-to-one by overlap"
HEADLINE = ("overlap.f1", "strict.f1", "claim_type.macro_f1", "checkworthy.accuracy", "sentence.f1")


def count(pair: Pair, with_errors: bool) -> tuple[Counts, list[dict]]:
    """Per-document counts: check-worthy matches, strict/overlap claim matches, attributes of matched claims, sentences.

    A predicted claim without ``checkworthy`` counts as not check-worthy; one without
    ``claim_type`` counts as a wrong type (it adds a miss to the gold type, no class of its own).
    """
    gold, pred = pair.gold.layers["claims"], pair.pred.layers["claims"]
    g_cw = [s for s in gold if s.get("checkworthy") is True]
    p_cw = [s for s in pred if s.get("checkworthy") is True]
    cw_pairs = overlap_matches([interval(s) for s in g_cw], [interval(s) for s in p_cw])
    counts: Counts = {"checkworthy.tp": len(cw_pairs), "checkworthy.pred": len(p_cw), "checkworthy.gold": len(g_cw)}
    spans, _, _ = span_f1_counts("span", gold, pred)
    counts.update(spans)
    matched = overlap_matches([interval(s) for s in gold], [interval(s) for s in pred])
    counts["matched"] = len(matched)
    counts["checkworthy_agree"] = sum(bool(gold[g].get("checkworthy")) == (pred[p].get("checkworthy") is True) for g, p in matched)
    for g, p in matched:
        g_type, p_type = gold[g].get("claim_type"), pred[p].get("claim_type")
        keys = [f"claim_type.{g_type}.tp"] if g_type == p_type else [f"claim_type.{g_type}.fn"] + (
            [f"claim_type.{p_type}.fp"] if p_type is not None else [])
        for key in keys:
            counts[key] = counts.get(key, 0) + 1
    counts.update(sentence_counts("sentence", pair.gold, map(interval, gold), map(interval, pred)))
    errors: list[dict] = []
    if with_errors:
        hit_g = {g for g, _ in cw_pairs}
        hit_p = {p for _, p in cw_pairs}
        attrs = ("claim_type", "checkworthy")
        errors += [error("claim", "false_negative", "check-worthy claim", pair.gold, s, *attrs)
                   for i, s in enumerate(g_cw) if i not in hit_g]
        errors += [error("claim", "false_positive", "check-worthy claim", pair.gold, s, *attrs)
                   for i, s in enumerate(p_cw) if i not in hit_p]
    return counts, errors


def metrics(c: Sums) -> dict[str, Number]:
    """All claim metrics from summed counts."""
    out: dict[str, Number] = {}
    prf_metrics(out, "checkworthy", c["checkworthy.tp"], c["checkworthy.pred"], c["checkworthy.gold"])
    prf_metrics(out, "strict", c["span.tp"], c["span.pred"], c["span.gold"])
    prf_metrics(out, "overlap", c["span.overlap_tp"], c["span.pred"], c["span.gold"])
    types = inventory().claim_types
    per_class = [(c[f"claim_type.{t}.tp"], c[f"claim_type.{t}.fp"], c[f"claim_type.{t}.fn"]) for t in types]
    out["claim_type.macro_f1"] = macro_f1(per_class, c["span.pred"], c["span.gold"])
    out["checkworthy.accuracy"] = accuracy(c["checkworthy_agree"], c["matched"], c["span.pred"], c["span.gold"])
    prf_metrics(out, "sentence", c["sentence.tp"], c["sentence.pred"], c["sentence.gold"])
    out["sentence.all_positive_f1"] = all_positive_f1(c["sentence.gold"], c["sentence.total"])
    return out


def absent(c: Sums) -> set[str]:
    """Nothing is left out of the claim report."""
    return set()

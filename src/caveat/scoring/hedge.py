"""The hedge track: uncertainty cues (primary: strict F1 of cues with their ``hedge_type``)."""
from __future__ import annotations

from ..labels import inventory
from .common import Counts, Sums, error, interval, prf_metrics, sentence_counts, span_f1_counts
from .matching import exact_matches, pair_matches
from .metrics import Number, all_positive_f1
from .pairing import Pair

PRIMARY = "typed.f1"
DESCRIPTION = "strict F1 of hedge cues with their hedge_type"
HEADLINE = ("cue.f1", "overlap.f1", "sentence.f1", "relation.f1")


def count(pair: Pair, with_errors: bool) -> tuple[Counts, list[dict]]:
    """Per-document counts: typed and untyped cue matches, overlap matches, uncertain sentences, ``hedges`` relations."""
    gold, pred = pair.gold.layers["hedges"], pair.pred.layers["hedges"]
    g_typed = [(s["start"], s["end"], s.get("hedge_type")) for s in gold]
    p_typed = [(s["start"], s["end"], s.get("hedge_type")) for s in pred]
    tp, fn, fp = exact_matches(g_typed, p_typed)
    counts: Counts = {"typed.tp": tp, "typed.pred": len(pred), "typed.gold": len(gold)}
    cue, _, _ = span_f1_counts("cue", gold, pred)
    counts.update(cue)
    missed = set(fn)
    for i, (_, _, kind) in enumerate(g_typed):
        counts[f"type.{kind}.gold"] = counts.get(f"type.{kind}.gold", 0) + 1
        if i not in missed:
            counts[f"type.{kind}.tp"] = counts.get(f"type.{kind}.tp", 0) + 1
    for _, _, kind in p_typed:
        counts[f"type.{kind}.pred"] = counts.get(f"type.{kind}.pred", 0) + 1
    counts.update(sentence_counts("sentence", pair.gold, map(interval, gold), map(interval, pred)))
    g_rel = [(interval(h), interval(c)) for h, c in pair.gold.relations["hedges"]]
    p_rel = [(interval(h), interval(c)) for h, c in pair.pred.relations["hedges"]]
    counts.update({"relation.tp": len(pair_matches(g_rel, p_rel)), "relation.pred": len(p_rel), "relation.gold": len(g_rel)})
    errors: list[dict] = []
    if with_errors:
        errors += [error("hedge", "false_negative", "cue", pair.gold, gold[i], "hedge_type") for i in fn]
        errors += [error("hedge", "false_positive", "cue", pair.gold, pred[i], "hedge_type") for i in fp]
    return counts, errors


def metrics(c: Sums) -> dict[str, Number]:
    """All hedge metrics from summed counts."""
    out: dict[str, Number] = {}
    prf_metrics(out, "typed", c["typed.tp"], c["typed.pred"], c["typed.gold"])
    prf_metrics(out, "cue", c["cue.tp"], c["cue.pred"], c["cue.gold"])
    prf_metrics(out, "overlap", c["cue.overlap_tp"], c["cue.pred"], c["cue.gold"])
    prf_metrics(out, "sentence", c["sentence.tp"], c["sentence.pred"], c["sentence.gold"])
    out["sentence.all_positive_f1"] = all_positive_f1(c["sentence.gold"], c["sentence.total"])
    prf_metrics(out, "relation", c["relation.tp"], c["relation.pred"], c["relation.gold"])
    for kind in inventory().hedge_types:
        prf_metrics(out, f"type.{kind}", c[f"type.{kind}.tp"], c[f"type.{kind}.pred"], c[f"type.{kind}.gold"])
    return out


def absent(c: Sums) -> set[str]:
    """Per-type metric groups to leave out of a report because the type occurs on neither side."""
    return {f"type.{k}." for k in inventory().hedge_types if not c[f"type.{k}.gold"] and not c[f"type.{k}.pred"]}

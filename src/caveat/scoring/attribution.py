"""The attribution track: who claims what (primary: F1 of ``attributed_to`` pairs, both ends matched by overlap)."""
from __future__ import annotations

from .common import Counts, Sums, error, interval, prf_metrics, span_f1_counts
from .matching import overlap_matches, pair_matches
from .metrics import Number, accuracy
from .pairing import Pair, View

PRIMARY = "pair.f1"
DESCRIPTION = "F1 of attributed_to pairs (claim and source spans both overlap, one-to-one)"
HEADLINE = ("source.f1", "source_overlap.f1", "author_vs_reported.accuracy")


def _pairs(view: View) -> list[tuple[dict, dict]]:
    return view.relations["attributed_to"]


def count(pair: Pair, with_errors: bool) -> tuple[Counts, list[dict]]:
    """Per-document counts: matched claim-source pairs, SOURCE spans, and author-vs-reported agreement on matched claims.

    A pair's target may be a SOURCE or an entity span; only its offsets matter.
    A claim is *reported* if it has an ``attributed_to`` relation, else the author's.
    """
    g_pairs, p_pairs = _pairs(pair.gold), _pairs(pair.pred)
    matches = pair_matches([(interval(c), interval(s)) for c, s in g_pairs], [(interval(c), interval(s)) for c, s in p_pairs])
    counts: Counts = {"pair.tp": len(matches), "pair.pred": len(p_pairs), "pair.gold": len(g_pairs)}
    sources, _, _ = span_f1_counts("source", pair.gold.layers["sources"], pair.pred.layers["sources"])
    counts.update(sources)
    g_claims, p_claims = pair.gold.layers["claims"], pair.pred.layers["claims"]
    g_reported = {id(c) for c, _ in g_pairs}
    p_reported = {id(c) for c, _ in p_pairs}
    matched = overlap_matches([interval(c) for c in g_claims], [interval(c) for c in p_claims])
    counts.update({"claims.matched": len(matched), "claims.pred": len(p_claims), "claims.gold": len(g_claims),
                   "claims.agree": sum((id(g_claims[g]) in g_reported) == (id(p_claims[p]) in p_reported) for g, p in matched)})
    errors: list[dict] = []
    if with_errors:
        hit_g = {g for g, _ in matches}
        hit_p = {p for _, p in matches}
        for kind, pairs, hit in (("false_negative", g_pairs, hit_g), ("false_positive", p_pairs, hit_p)):
            for i, (claim, source) in enumerate(pairs):
                if i not in hit:
                    src = {"start": source["start"], "end": source["end"], "text": pair.gold.text[source["start"]:source["end"]]}
                    errors.append(error("attribution", kind, "attributed_to pair", pair.gold, claim, source=src))
    return counts, errors


def metrics(c: Sums) -> dict[str, Number]:
    """All attribution metrics from summed counts."""
    out: dict[str, Number] = {}
    prf_metrics(out, "pair", c["pair.tp"], c["pair.pred"], c["pair.gold"])
    prf_metrics(out, "source", c["source.tp"], c["source.pred"], c["source.gold"])
    prf_metrics(out, "source_overlap", c["source.overlap_tp"], c["source.pred"], c["source.gold"])
    out["author_vs_reported.accuracy"] = accuracy(c["claims.agree"], c["claims.matched"], c["claims.pred"], c["claims.gold"])
    return out


def absent(c: Sums) -> set[str]:
    """Nothing is left out of the attribution report."""
    return set()

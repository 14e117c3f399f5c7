"""The statistics page: plots and tables made from `caveat.stats.corpus_stats` output. Pure."""
from __future__ import annotations

from typing import Any

from markupsafe import Markup

from ..labels import ANNOTATION_LAYERS, Inventory
from .plots import grouped_bars


def _active_splits(st: dict) -> list[str]:
    """Splits that hold at least one document, in the stats' order."""
    return [s for s in st["splits"] if st["documents"].get(s, 0)] or ["all"]


def _shares(tallies: dict[str, dict[str, int]], splits: list[str]) -> dict[str, list[float]]:
    """Per split, each value's share of that split's total (0 where the split has none)."""
    out = {}
    for split in splits:
        total = sum(t.get(split, 0) for t in tallies.values())
        out[split] = [(t.get(split, 0) / total) if total else 0.0 for t in tallies.values()]
    return out


def distribution_plots(st: dict, inv: Inventory) -> list[dict]:
    """Label and attribute-value distributions per split, one plot each, shares within the split."""
    splits = _active_splits(st)
    plots = []
    for layer in ANNOTATION_LAYERS:
        entry = st["layers"][layer]
        groups: list[tuple[str, str, dict]] = []
        if len(inv.labels(layer)) > 1:
            groups.append((f"{layer}-labels", f"{layer}: label", entry["labels"]))
        groups += [(f"{layer}-{name}", f"{layer}: {name}", values) for name, values in entry["attributes"].items()]
        for name, title, tallies in groups:
            total = sum(t.get("all", 0) for t in tallies.values())
            svg = grouped_bars(name, f"{title} (share per split)", list(tallies), _shares(tallies, splits), "share of spans", percent=True)
            plots.append({"id": name, "title": title, "svg": Markup(svg), "total": total,
                          "counts": {v: {s: t.get(s, 0) for s in [*splits, "all"]} for v, t in tallies.items()}})
    return plots


def sentence_rate_plot(st: dict) -> dict:
    """Share of sentences that hold a hedge cue or a claim, per split."""
    splits = _active_splits(st)
    shares = st["share_of_sentences_with"]
    series = {split: [float(shares[what].get(split) or 0.0) for what in shares] for split in splits}
    cats = [f"with a {what}" for what in shares]
    svg = grouped_bars("sentence-rates", "Sentences with a hedge cue or a claim", cats, series, "share of sentences", percent=True)
    return {"id": "sentence-rates", "title": "Sentence-level hedge and claim rates", "svg": Markup(svg)}


def _agreement_series(figures: list[dict], inv: Inventory) -> tuple[list[str], dict[str, list[float]], list[str], list[float]]:
    """From one report's figures: span/relation F1 per label (one series per matching) and kappa per attribute/sentence test."""
    f1: dict[tuple[str, str], float] = {}
    kappa: dict[str, float] = {}
    for fig in figures:
        parts = [p for p in str(fig["scope"]).split("/") if p]
        if fig["metric"] == "f1" and len(parts) == 5 and parts[0] == "spans" and parts[2] == "labels":
            f1[(parts[3], parts[4])] = fig["value"]
        elif fig["metric"] == "f1" and len(parts) == 3 and parts[0] == "relations":
            f1[(parts[1], parts[2])] = fig["value"]
        elif fig["metric"] == "kappa" and len(parts) == 2 and parts[0] in ("attributes", "sentences"):
            kappa[parts[1]] = fig["value"]
    order = [lab for layer in ANNOTATION_LAYERS for lab in inv.labels(layer)] + list(inv.relation_types)
    cats = [c for c in order if any(k[0] == c for k in f1)]
    matchings = sorted({k[1] for k in f1})
    series = {m: [f1.get((c, m), float("nan")) for c in cats] for m in matchings}
    kcats = sorted(kappa)
    return cats, series, kcats, [kappa[k] for k in kcats]


def agreement_plots(st: dict, inv: Inventory) -> list[dict]:
    """Per agreement report (`caveat agreement` output): span and relation F1 per label, and Cohen's kappa per attribute."""
    plots = []
    for n, rep in enumerate(st.get("agreement") or []):
        cats, series, kcats, kvalues = _agreement_series(rep["figures"], inv)
        if cats:
            svg = grouped_bars(f"agreement-{n}-f1", f"{rep['name']}: F1 per label", cats, series, "F1")
            plots.append({"id": f"agreement-{n}-f1", "title": f"{rep['name']}: span and relation F1 per label", "svg": Markup(svg),
                          "report": rep})
        if kcats:
            svg = grouped_bars(f"agreement-{n}-kappa", f"{rep['name']}: Cohen's kappa", kcats, {"kappa": kvalues}, "kappa")
            plots.append({"id": f"agreement-{n}-kappa", "title": f"{rep['name']}: Cohen's kappa per attribute and sentence test",
                          "svg": Markup(svg), "report": rep})
    return plots


def stats_context(st: dict, tables: list[tuple[str, list[str], list[list[str]]]], inv: Inventory) -> dict[str, Any]:
    """Everything the statistics page shows."""
    annotated = any(st["layers"][layer]["spans"].get("all", 0) for layer in ANNOTATION_LAYERS)
    return {"annotated": annotated, "distributions": distribution_plots(st, inv), "sentence_rates": sentence_rate_plot(st),
            "agreement": agreement_plots(st, inv), "agreement_reports": st.get("agreement") or [], "tables": tables,
            "splits": _active_splits(st)}

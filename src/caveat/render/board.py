"""The leaderboard page: `leaderboard/results.json` read defensively into rows with confidence intervals per track. Pure."""
from __future__ import annotations

from typing import Any

from markupsafe import Markup

from .plots import interval_plot

NAME_KEYS = ("system", "name", "submission")
VALUE_KEYS = ("value", "score", "primary", "f1", "estimate", "mean")
ENTRY_LISTS = ("ranking", "entries", "systems", "rows", "results")


def _number(x: Any) -> float | None:
    return float(x) if isinstance(x, (int, float)) and not isinstance(x, bool) else None


def _interval(node: dict) -> tuple[float | None, float | None]:
    ci = node.get("ci") or node.get("ci95") or node.get("interval")
    if isinstance(ci, (list, tuple)) and len(ci) == 2:
        return _number(ci[0]), _number(ci[1])
    if isinstance(ci, dict):
        return _number(ci.get("low", ci.get("lo"))), _number(ci.get("high", ci.get("hi")))
    return (_number(node.get("ci_low", node.get("low", node.get("lo")))),
            _number(node.get("ci_high", node.get("high", node.get("hi")))))


def _entry(node: Any) -> dict | None:
    """One ranked system: name, value, CI and notes, from whichever keys the entry uses."""
    if not isinstance(node, dict):
        return None
    name = next((str(node[k]) for k in NAME_KEYS if isinstance(node.get(k), str)), None)
    value, low, high, metric = None, None, None, node.get("metric")
    for k in VALUE_KEYS:
        v = node.get(k)
        if _number(v) is not None:
            value, (low, high) = float(v), _interval(node)
            break
        if isinstance(v, dict):
            inner = next((_number(v.get(j)) for j in VALUE_KEYS if _number(v.get(j)) is not None), None)
            if inner is not None:
                value, (low, high) = inner, _interval(v)
                metric = metric or v.get("metric") or v.get("name")
                break
    if name is None or value is None:
        return None
    significant = node.get("significantly_better_than_next", node.get("significant"))
    return {"system": name, "value": value, "low": low, "high": high, "metric": str(metric) if metric else None,
            "rank": node.get("rank"), "significant": significant if isinstance(significant, bool) else None,
            "external_data": node.get("external_data", node.get("used_external_data"))}


def _entries(node: Any) -> list[dict]:
    if isinstance(node, dict):
        for key in ENTRY_LISTS:
            if isinstance(node.get(key), list):
                return [e for e in map(_entry, node[key]) if e]
        return []
    return [e for e in map(_entry, node) if e] if isinstance(node, list) else []


def tracks_of(results: Any) -> dict[str, dict]:
    """Track name -> ``{metric, entries}`` with entries sorted best first; empty when nothing is recognisable."""
    if not isinstance(results, dict):
        return {}
    tracks = results.get("tracks", results)
    out = {}
    if isinstance(tracks, dict):
        for name, node in tracks.items():
            entries = _entries(node)
            if entries:
                metric = (node.get("primary_metric") or node.get("metric") if isinstance(node, dict) else None) or entries[0]["metric"]
                out[str(name)] = {"metric": str(metric) if metric else "primary metric",
                                  "entries": sorted(entries, key=lambda e: -e["value"])}
    return out


def leaderboard_context(results: Any | None) -> dict:
    """Everything the leaderboard page shows: per track a CI plot and a table, or a note that no results exist yet."""
    tracks = tracks_of(results) if results is not None else {}
    shown = []
    for name, track in tracks.items():
        e = track["entries"]
        svg = interval_plot(f"track-{name}", f"{name}: {track['metric']}", [x["system"] for x in e],
                            [x["value"] for x in e], [x["low"] for x in e], [x["high"] for x in e], track["metric"])
        shown.append({"name": name, "metric": track["metric"], "entries": e, "svg": Markup(svg)})
    meta = {k: results.get(k) for k in ("date", "generated", "corpus_version", "split", "labels_sha256")
            if isinstance(results, dict) and isinstance(results.get(k), (str, int, float))}
    return {"present": results is not None, "tracks": shown, "meta": meta}

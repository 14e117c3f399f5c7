"""The leaderboard page: `leaderboard/results.json` (as `caveat leaderboard` writes it) read defensively into rows
with confidence intervals per track. Pure."""
from __future__ import annotations

from typing import Any

from markupsafe import Markup

from .pages import safe_url
from .plots import interval_plot


def _number(x: Any) -> float | None:
    return float(x) if isinstance(x, (int, float)) and not isinstance(x, bool) else None


def _entry(node: Any) -> dict | None:
    """One board row, or None if it lacks a system and a numeric value."""
    if not isinstance(node, dict) or not isinstance(node.get("system"), str) or _number(node.get("value")) is None:
        return None
    ci = node.get("ci")
    low, high = (_number(ci[0]), _number(ci[1])) if isinstance(ci, (list, tuple)) and len(ci) == 2 else (None, None)
    significant = node.get("significantly_better_than_next")
    return {"system": node["system"], "name": str(node.get("name") or node["system"]), "value": float(node["value"]),
            "low": low, "high": high, "rank": node.get("rank") if isinstance(node.get("rank"), int) else None,
            "significant": significant if isinstance(significant, bool) else None,
            "p_value": _number(node.get("p_value_vs_next")), "kind": str(node.get("kind") or "system"),
            "external_data": node.get("external_data") is True, "url": safe_url(node.get("url")),
            "description": str(node.get("description") or "")}


def tracks_of(results: Any) -> dict[str, dict]:
    """Track name -> ``{metric, description, entries}``, entries in the results' own ranking order."""
    tracks = results.get("tracks") if isinstance(results, dict) else None
    out: dict[str, dict] = {}
    for name, node in (tracks.items() if isinstance(tracks, dict) else []):
        if not isinstance(node, dict):
            continue
        ranking = node.get("ranking") if isinstance(node.get("ranking"), list) else []
        out[str(name)] = {"metric": str(node.get("primary_metric") or "primary metric"),
                          "description": str(node.get("description") or ""),
                          "entries": [e for e in map(_entry, ranking) if e]}
    return out


def leaderboard_context(results: Any | None) -> dict:
    """Everything the leaderboard page shows: per track a CI plot and a table, or a note that no results exist yet."""
    shown = []
    for name, track in tracks_of(results).items():
        e = track["entries"]
        svg = interval_plot(f"track-{name}", f"{name}: {track['metric']}", [x["name"] for x in e], [x["value"] for x in e],
                            [x["low"] for x in e], [x["high"] for x in e], track["metric"]) if e else None
        shown.append({**track, "name": name, "svg": Markup(svg) if svg else None})
    meta = {}
    if isinstance(results, dict):
        meta = {k: results[k] for k in ("gold", "split", "documents", "labels_version") if isinstance(results.get(k), (str, int))}
        boot = results.get("bootstrap")
        if isinstance(boot, dict):
            meta.update({f"bootstrap {k}": v for k, v in boot.items() if isinstance(v, (str, int, float))})
    invalid = [b for b in (results.get("invalid") or []) if isinstance(b, dict)] if isinstance(results, dict) else []
    return {"present": results is not None, "tracks": shown, "meta": meta, "invalid": invalid}

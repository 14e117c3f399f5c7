"""Readable renderings of an evaluation result: a plain-text table per track and an error listing."""
from __future__ import annotations

from typing import Any


def _num(x: float) -> str:
    return f"{x:.3f}"


def _ci(ci: list[float] | None) -> str:
    return f"[{_num(ci[0])}, {_num(ci[1])}]" if ci else ""


def track_table(track: str, r: dict[str, Any]) -> str:
    """One track's metrics as an aligned text table, the primary metric first."""
    ci = r.get("ci", {})
    names = [r["primary"]] + [n for n in r["metrics"] if n != r["primary"]]
    width = max(len(n) for n in names) + 2
    head = f"{track}: {r['primary']} = {_num(r['value'])}"
    if r["primary"] in ci:
        head += f"  (95% CI {_ci(ci[r['primary']])[1:-1]})"
    lines = [f"{head}   [{r['documents']} document(s)]", f"  {'metric':<{width}}{'value':>7}   95% CI"]
    for n in names:
        mark = "*" if n == r["primary"] else " "
        lines.append(f" {mark}{n:<{width}}{_num(r['metrics'][n]):>7}   {_ci(ci.get(n))}")
    return "\n".join(lines)


def text_report(result: dict[str, Any]) -> str:
    """The whole evaluation: provenance, notes, then one table per track."""
    lines = [f"predictions: {result['predictions']}",
             f"gold:        {result['gold']} (split {result['split']}, {result['documents']} document(s))"]
    lines += result.get("notes", [])
    for track, r in result["tracks"].items():
        lines += ["", track_table(track, r)]
    lines += ["", "* primary metric. Intervals: percentile bootstrap over documents."]
    return "\n".join(lines)


def errors_text(result: dict[str, Any]) -> str:
    """Every false positive and negative, grouped by track, each with its sentence."""
    lines = []
    for track, r in result["tracks"].items():
        errs = r.get("errors", [])
        lines.append(f"{track}: {sum(e['kind'] == 'false_positive' for e in errs)} false positive(s), "
                     f"{sum(e['kind'] == 'false_negative' for e in errs)} false negative(s)")
        for e in errs:
            kind = "FP" if e["kind"] == "false_positive" else "FN"
            attrs = " ".join(f"{k}={e[k]}" for k in ("label", "hedge_type", "claim_type", "checkworthy") if k in e)
            target = f" -> {e['source']['text']!r} [{e['source']['start']}, {e['source']['end']})" if "source" in e else ""
            sentence = " ".join(e["sentence"].split())
            lines.append(f"  {kind} {e['doc_id']} [{e['start']}, {e['end']}) {e['text']!r}{target} {attrs}".rstrip())
            lines.append(f"       in: {sentence}")
    return "\n".join(lines)

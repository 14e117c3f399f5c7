"""The leaderboard (pure): score every valid submission, rank systems per track with bootstrap intervals, mark
differences that are not significant, and render the board as Markdown. Reading the submission folders is the CLI's job."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Sequence

from .labels import inventory
from .scoring import TRACKS, ScoringInputError, Tally, check_tracks, paired_test, primary_metric, tally
from .scoring.core import describe, headline_metrics, report
from .scoring.evaluation import gold_fingerprint, restrict, tracks_in

ALPHA = 0.05
RESULTS_VERSION = 1
NOT_SIGNIFICANT = "≈"


@dataclass
class Submission:
    """One folder under ``leaderboard/submissions/``: its metadata, checked prediction records and any problems found."""

    system: str
    metadata: dict[str, Any]
    records: list[tuple[int, dict]]
    where: str
    problems: list[str] = field(default_factory=list)

    def tracks(self) -> list[str]:
        """The tracks it is ranked on: metadata ``tracks``, else those its predictions cover."""
        declared = self.metadata.get("tracks")
        return check_tracks(declared) if declared else tracks_in([r for _, r in self.records])


def _entry(sub: Submission, t: Tally, *, resamples: int, seed: int) -> dict[str, Any]:
    """A board row: who the system is, its primary value with CI, and every metric with CIs."""
    r = report(t, resamples=resamples, seed=seed)
    meta = sub.metadata
    return {"system": sub.system, "name": meta.get("name", sub.system), "kind": meta.get("kind", "system"),
            "description": meta.get("description", ""), "url": meta.get("url"), "date": meta.get("date"),
            "external_data": bool(meta.get("external_data")), "metric": r["primary"], "value": r["value"],
            "ci": r.get("ci", {}).get(r["primary"]), "metrics": r["metrics"], "metrics_ci": r.get("ci", {}),
            "rank": None, "significantly_better_than_next": None, "p_value_vs_next": None}


def rank_track(track: str, rows: list[tuple[dict, Tally]], *, resamples: int, seed: int) -> list[dict]:
    """Rank rows best first (oracles shown last, unranked); test each ranked system against the next one."""
    ranked = sorted((x for x in rows if x[0]["kind"] != "oracle"), key=lambda x: (-x[0]["value"], x[0]["system"]))
    oracles = sorted((x for x in rows if x[0]["kind"] == "oracle"), key=lambda x: x[0]["system"])
    for i, (entry, t) in enumerate(ranked):
        entry["rank"] = i + 1
        if i + 1 < len(ranked):
            test = paired_test(t, ranked[i + 1][1], resamples=resamples, seed=seed)
            entry["p_value_vs_next"] = test["p_value"]
            entry["significantly_better_than_next"] = test["p_value"] < ALPHA
    return [e for e, _ in ranked + oracles]


def build(gold_docs: Sequence[dict], submissions: Sequence[Submission], *, corpus_ids: set[str], gold: str, split: str,
          resamples: int = 1000, seed: int = 0, notes: Sequence[str] = ()) -> dict[str, Any]:
    """Score and rank every submission; the JSON-ready leaderboard (``tracks`` -> ranking, plus invalid submissions).

    With no gold documents (nothing annotated yet) submissions are only checked, and nothing is ranked.
    """
    gold_ids = {d["id"] for d in gold_docs}
    rows: dict[str, list[tuple[dict, Tally]]] = {t: [] for t in TRACKS}
    invalid, systems = [], {}
    for sub in submissions:
        problems = list(sub.problems)
        if not problems and gold_docs:
            try:
                records, _ = restrict(sub.records, gold_ids, corpus_ids)
                tracks = sub.tracks()
                tallies = tally(gold_docs, [r for _, r in records], tracks, where=[f"{sub.where}:{n}" for n, _ in records])
            except ScoringInputError as exc:
                problems.append(exc.message)
        if problems:
            invalid.append({"system": sub.system, "problems": problems})
            continue
        if not gold_docs:
            systems[sub.system] = {"name": sub.metadata.get("name"), "tracks": sub.tracks(), "file": sub.where}
            continue
        systems[sub.system] = {"name": sub.metadata.get("name"), "tracks": tracks, "file": sub.where}
        for track, t in tallies.items():
            rows[track].append((_entry(sub, t, resamples=resamples, seed=seed), t))
    inv = inventory()
    return {
        "version": RESULTS_VERSION, "gold": gold, "split": split, "documents": len(gold_docs),
        "gold_sha256": gold_fingerprint(gold_docs), "labels_version": inv.version, "labels_sha256": inv.sha256,
        "bootstrap": {"resamples": resamples, "seed": seed, "confidence": 0.95, "unit": "document",
                      "significance": f"paired bootstrap, one-sided, alpha {ALPHA}"},
        "notes": list(notes), "systems": systems, "invalid": invalid,
        "tracks": {t: {"primary_metric": primary_metric(t), "description": describe(t), "headline": list(headline_metrics(t)),
                       "ranking": rank_track(t, rows[t], resamples=resamples, seed=seed)} for t in TRACKS},
    }


def _cell(entry: dict, name: str) -> str:
    value = entry["metrics"].get(name)
    return "" if value is None else f"{value:.3f}"


def _system_cell(entry: dict) -> str:
    name = entry["name"].replace("|", "\\|")
    return f"[{name}]({entry['url']})" if entry.get("url") else name


def markdown(results: dict[str, Any]) -> str:
    """The board as Markdown: one ranked table per track, then the submissions that were left off."""
    b = results["bootstrap"]
    lines = ["# Caveat leaderboard", "",
             f"Gold: `{results['gold']}` split **{results['split']}**, {results['documents']} document(s) "
             f"(gold sha256 `{results['gold_sha256'][:12]}`, labels {results['labels_version']}). "
             f"Intervals are 95% percentile bootstrap intervals over documents ({b['resamples']} resamples, seed {b['seed']}). "
             f"{NOT_SIGNIFICANT} after a rank: not significantly better than the system ranked below it "
             f"(paired bootstrap over documents, p ≥ {ALPHA}). Data: *train* = Caveat's train split only, "
             "*external* = other data as well. Oracles read the gold; they check the scorer and are not ranked."]
    if results.get("notes"):
        lines += ["", *[f"> {n}" for n in results["notes"]]]
    for track, t in results["tracks"].items():
        head = [t["primary_metric"], *t["headline"]]
        lines += ["", f"## {track}: {t['primary_metric']}", "", f"Primary metric: {t['description']}.", ""]
        if not t["ranking"]:
            lines.append("No submission takes part in this track yet." if results["documents"]
                         else "Nothing is ranked until the split holds annotated documents.")
            continue
        lines.append("| Rank | System | " + f"{head[0]} (95% CI) | " + " | ".join(head[1:]) + " | Data | Kind |")
        lines.append("|---" * (len(head) + 4) + "|")
        for e in t["ranking"]:
            rank = "–" if e["rank"] is None else str(e["rank"])
            if e["significantly_better_than_next"] is False:
                rank += f" {NOT_SIGNIFICANT}"
            ci = f" ({e['ci'][0]:.3f}–{e['ci'][1]:.3f})" if e.get("ci") else ""
            cells = [rank, _system_cell(e), f"**{e['value']:.3f}**{ci}", *(_cell(e, n) for n in head[1:]),
                     "external" if e["external_data"] else "train", e["kind"]]
            lines.append("| " + " | ".join(cells) + " |")
    if results["invalid"]:
        lines += ["", "## Left off the board", ""]
        for bad in results["invalid"]:
            first = bad["problems"][0].replace("\n", " ")
            lines.append(f"- `{bad['system']}`: {len(bad['problems'])} problem(s); first: {first}")
    return "\n".join(lines) + "\n"

"""Plots as inline SVG strings, drawn with matplotlib (no pyplot state), byte-for-byte deterministic. Pure."""
from __future__ import annotations

import io
import re
from typing import Sequence

import matplotlib
from matplotlib.figure import Figure

from .marks import css_ident

_PROLOGUE = re.compile(r"\A.*?(?=<svg\b)", re.S)
_IDS = re.compile(r'(<[^<>]*?\s)(id|xlink:href|href)="(#?)([^"]*)"')
_URLS = re.compile(r"url\(#([^)]*)\)")


def plain(label: object) -> str:
    """A label shown literally by matplotlib (``$`` would otherwise start mathtext)."""
    return str(label).replace("$", r"\$")


def _svg(fig: Figure, name: str, title: str) -> str:
    """The figure as an inline ``<svg>`` element: no XML prologue, ids prefixed by ``name``, scalable, labelled."""
    buf = io.StringIO()
    with matplotlib.rc_context({"svg.hashsalt": f"caveat-{name}", "svg.fonttype": "none"}):
        fig.savefig(buf, format="svg", metadata={"Date": None})
    svg = _PROLOGUE.sub("", buf.getvalue(), count=1)
    prefix = css_ident(name)
    svg = _IDS.sub(lambda m: f'{m.group(1)}{m.group(2)}="{m.group(3)}{prefix}-{m.group(4)}"', svg)
    svg = _URLS.sub(lambda m: f"url(#{prefix}-{m.group(1)})", svg)
    label = title.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;").replace(">", "&gt;")
    return svg.replace("<svg ", f'<svg role="img" aria-label="{label}" class="plot" ', 1)


def _figure(width: float, height: float) -> Figure:
    fig = Figure(figsize=(width, height), dpi=72, layout="constrained")
    fig.patch.set_alpha(0)
    return fig


def grouped_bars(name: str, title: str, categories: Sequence[str], series: dict[str, Sequence[float]],
                 ylabel: str, *, percent: bool = False) -> str:
    """A grouped bar chart: one group per category, one bar per series (e.g. per split)."""
    cats = [plain(c) for c in categories]
    n = max(1, len(series))
    width = min(12.0, max(5.6, 0.28 * len(cats) * n + 2.2))
    fig = _figure(width, 3.3)
    ax = fig.add_subplot()
    step = 0.8 / n
    for i, (label, values) in enumerate(series.items()):
        xs = [c - 0.4 + step * (i + 0.5) for c in range(len(cats))]
        ax.bar(xs, [float(v) for v in values], width=step * 0.95, label=plain(label))
    tilt = len(cats) > 6 or sum(len(c) for c in cats) > 30
    ax.set_xticks(range(len(cats)), cats, rotation=35 if tilt else 0, ha="right" if tilt else "center",
                  rotation_mode="anchor" if tilt else "default")
    ax.set_ylabel(plain(ylabel))
    ax.set_title(plain(title))
    if percent:
        ax.yaxis.set_major_formatter(matplotlib.ticker.PercentFormatter(1.0))
        ax.set_ylim(0, 1)
    ax.spines[["top", "right"]].set_visible(False)
    if len(series) > 1:
        fig.legend(loc="outside right upper", frameon=False, fontsize="small")
    return _svg(fig, name, title)


def interval_plot(name: str, title: str, systems: Sequence[str], values: Sequence[float],
                  lows: Sequence[float | None], highs: Sequence[float | None], xlabel: str) -> str:
    """Points with confidence-interval error bars, one row per system (best at the top)."""
    fig = _figure(6.5, 0.9 + 0.38 * max(1, len(systems)))
    ax = fig.add_subplot()
    ys = list(range(len(systems)))[::-1]
    lo_err = [max(0.0, v - lo) if lo is not None else 0.0 for v, lo in zip(values, lows)]
    hi_err = [max(0.0, hi - v) if hi is not None else 0.0 for v, hi in zip(values, highs)]
    ax.errorbar(values, ys, xerr=[lo_err, hi_err], fmt="o", capsize=4)
    ax.set_yticks(ys, [plain(s) for s in systems])
    ax.set_xlabel(plain(xlabel))
    ax.set_title(plain(title))
    ax.set_xlim(-0.02, 1.02)
    ax.set_ylim(-0.7, len(systems) - 0.3)
    ax.grid(axis="x", alpha=0.3)
    ax.spines[["top", "right"]].set_visible(False)
    return _svg(fig, name, title)

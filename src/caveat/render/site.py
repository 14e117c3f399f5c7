"""The whole static site as ``{relative path: text}``: index, one page per document, statistics, leaderboard, assets. Pure."""
from __future__ import annotations

import json
from functools import lru_cache
from importlib.resources import files
from typing import Any, Callable, Iterable

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from ..labels import ANNOTATION_LAYERS, Inventory, inventory
from .board import leaderboard_context
from .figures import stats_context
from .pages import document_context, index_row, page_name
from .palette import colour_rules

# Scripts only from the site's own files; inline styles only where matplotlib's SVG needs them.
CSP_STRICT = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
              "base-uri 'none'; form-action 'none'; object-src 'none'")
CSP_PLOTS = CSP_STRICT.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
MANIFEST = "caveat-site.json"
UNASSIGNED = "unassigned"


@lru_cache(maxsize=1)
def environment() -> Environment:
    """The Jinja2 environment: package templates, HTML autoescaping on, undefined names are errors."""
    env = Environment(loader=PackageLoader("caveat.render", "templates"), autoescape=select_autoescape(["html"]),
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters["pct"] = lambda v: "–" if v is None else f"{v:.1%}"
    env.filters["num"] = lambda v: "–" if v is None else f"{v:.3f}"
    return env


def _page(template: str, **context: Any) -> str:
    return environment().get_template(template).render(**context)


def static_asset(name: str) -> str:
    """A static file shipped with the package (the site's script)."""
    return files("caveat.render").joinpath("static", name).read_text(encoding="utf-8")


def build_site(docs: list[dict], splits: dict[str, str], *, stats: dict, stats_tables: list, results: Any | None = None,
               predictions: dict[str, dict] | None = None, system: str | None = None, inv: Inventory | None = None,
               each: Callable[[Iterable[dict]], Iterable[dict]] = lambda xs: xs) -> dict[str, str]:
    """Render every page; ``each`` wraps the per-document loop (a progress bar at the CLI edge)."""
    inv = inv or inventory()
    docs = sorted(docs, key=lambda d: d["id"])
    common = {"inv": inv, "layers": list(ANNOTATION_LAYERS), "rules": colour_rules(inv), "system": system,
              "has_predictions": predictions is not None, "n_docs": len(docs)}
    out: dict[str, str] = {}
    rows = []
    names = {d["id"]: page_name(d["id"]) for d in docs}
    order = [d["id"] for d in docs]
    position = {doc_id: i for i, doc_id in enumerate(order)}
    for doc in each(docs):
        split = splits.get(doc["id"], UNASSIGNED)
        pred = (predictions or {}).get(doc["id"])
        ctx = document_context(doc, split=split, inv=inv, pred=pred, system=system)
        i = position[doc["id"]]
        nav = {"prev": names[order[i - 1]] if i > 0 else None, "next": names[order[i + 1]] if i + 1 < len(order) else None}
        out[f"doc/{names[doc['id']]}"] = _page("document.html", root="../", page="document", csp=CSP_STRICT,
                                              title=ctx["doc"]["title"], nav=nav, **ctx, **common)
        errors = ctx["prediction"]["errors"] if ctx["prediction"] else None
        rows.append(index_row(doc, split, f"doc/{names[doc['id']]}", errors))
    out["index.html"] = _page("index.html", root="", page="index", csp=CSP_STRICT, title="Documents", rows=rows, **common)
    out["stats.html"] = _page("stats.html", root="", page="stats", csp=CSP_PLOTS, title="Statistics",
                              st=stats, **stats_context(stats, stats_tables, inv), **common)
    out["leaderboard.html"] = _page("leaderboard.html", root="", page="leaderboard", csp=CSP_PLOTS, title="Leaderboard",
                                    board=leaderboard_context(results), **common)
    out["assets/site.css"] = _page("site.css", **common)
    out["assets/site.js"] = static_asset("site.js")
    out[MANIFEST] = json.dumps({"generator": "caveat render", "labels_version": inv.version, "labels_sha256": inv.sha256,
                                "documents": len(docs), "system": system, "files": sorted([*out, MANIFEST])},
                               indent=2, sort_keys=True) + "\n"
    return out

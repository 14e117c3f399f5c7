"""Corpus statistics (pure): counts per split, origin, layer, label and attribute value, relations, coverage and agreement."""
from __future__ import annotations

from bisect import bisect_right
from typing import Any, Iterable

from .document import Document
from .labels import ANNOTATION_LAYERS, Inventory, inventory
from .schemas import ORIGINS
from .validate import SPLITS

UNASSIGNED = "unassigned"
AGREEMENT_METRICS = ("f1", "precision", "recall", "kappa", "alpha", "accuracy", "agreement")
HEADLINE_METRICS = ("f1", "kappa", "alpha")  # the ones the tables show; the JSON keeps every metric
SKIPPED_KEYS = ("documents", "date", "disagreements", "only_in_a", "only_in_b", "confusion", "inventory", "counts")


def _splits_of(docs: list[Document], splits: dict[str, str]) -> list[str]:
    """The split columns: train, validation, test, plus ``unassigned`` when a document has no split."""
    extra = [UNASSIGNED] if any(d["id"] not in splits for d in docs) else []
    return [*SPLITS, *extra]


def _tally(columns: list[str]) -> dict[str, int]:
    return {**{c: 0 for c in columns}, "all": 0}


def _add(tally: dict[str, int], split: str, n: int = 1) -> None:
    tally[split] += n
    tally["all"] += n


def _value_key(value: Any) -> str:
    """An attribute value as a JSON object key (booleans as true/false)."""
    return str(value).lower() if isinstance(value, bool) else str(value)


def _sentences_touched(doc: Document, layer: str) -> set[int]:
    """Indices of the sentences that share a code point with a span of ``layer``."""
    sents = doc.get("sentences", [])
    starts = [s["start"] for s in sents]
    hit: set[int] = set()
    for span in doc.get(layer, []):
        i = max(0, bisect_right(starts, span["start"]) - 1)
        while i < len(sents) and sents[i]["start"] < span["end"]:
            if span["start"] < sents[i]["end"]:
                hit.add(i)
            i += 1
    return hit


def summarize_agreement(reports: dict[str, Any]) -> list[dict]:
    """Per report (name -> parsed JSON): date, documents compared and every agreement figure found, read defensively."""
    out = []
    for name in sorted(reports):
        rep = reports[name]
        if not isinstance(rep, dict):
            out.append({"name": name, "date": None, "documents": None, "figures": [], "note": "not a JSON object"})
            continue
        docs = rep.get("documents")
        figures: list[dict] = []
        _collect_figures(rep, [], figures)
        out.append({"name": name, "date": rep.get("date") if isinstance(rep.get("date"), str) else None,
                    "documents": len(docs) if isinstance(docs, list) else None, "figures": figures})
    return out


def _collect_figures(node: Any, path: list[str], out: list[dict]) -> None:
    """Numeric leaves whose key is an agreement metric, with the path of keys that leads to them."""
    if isinstance(node, dict):
        for key in sorted(node, key=str):
            if key in SKIPPED_KEYS:
                continue
            value = node[key]
            if str(key).lower() in AGREEMENT_METRICS and isinstance(value, (int, float)) and not isinstance(value, bool):
                out.append({"scope": "/".join(path) or "overall", "metric": str(key).lower(), "value": float(value)})
            else:
                _collect_figures(value, [*path, str(key)], out)
    elif isinstance(node, list):
        for i, item in enumerate(node):
            label = next((str(item[k]) for k in ("label", "layer", "name", "attribute") if isinstance(item, dict) and k in item), str(i))
            _collect_figures(item, [*path, label], out)


def corpus_stats(docs: Iterable[Document], splits: dict[str, str], reports: dict[str, Any] | None = None,
                 inv: Inventory | None = None) -> dict:
    """Every corpus figure the card, the README and `caveat stats` show, computed from the documents."""
    inv = inv or inventory()
    docs = sorted(docs, key=lambda d: d["id"])
    cols = _splits_of(docs, splits)
    st: dict[str, Any] = {
        "splits": cols,
        "documents": _tally(cols),
        "origin": {o: _tally(cols) for o in ORIGINS},
        "register": {},
        "subject": {},
        "sentences": _tally(cols),
        "tokens": _tally(cols),
        "layers": {},
        "relations": {t: _tally(cols) for t in inv.relation_types},
        "sentences_with": {"hedge": _tally(cols), "claim": _tally(cols)},
    }
    for layer in ANNOTATION_LAYERS:
        st["layers"][layer] = {
            "spans": _tally(cols),
            "labels": {lab: _tally(cols) for lab in inv.labels(layer)},
            "attributes": {name: {_value_key(v): _tally(cols) for v in inv.attribute_values(layer, name)}
                           for name in inv.attributes(layer)},
        }
    for doc in docs:
        split = splits.get(doc["id"], UNASSIGNED)
        meta = doc.get("meta") or {}
        _add(st["documents"], split)
        st["origin"].setdefault(meta.get("origin") or "unknown", _tally(cols))
        _add(st["origin"][meta.get("origin") or "unknown"], split)
        for key in ("register", "subject"):
            value = meta.get(key) or "unspecified"
            _add(st[key].setdefault(value, _tally(cols)), split)
        _add(st["sentences"], split, len(doc.get("sentences", [])))
        _add(st["tokens"], split, len(doc.get("tokens", [])))
        for layer in ANNOTATION_LAYERS:
            entry = st["layers"][layer]
            for span in doc.get(layer, []):
                _add(entry["spans"], split)
                _add(entry["labels"].setdefault(str(span.get("label")), _tally(cols)), split)
                for name, values in entry["attributes"].items():
                    if name in span:
                        _add(values.setdefault(_value_key(span[name]), _tally(cols)), split)
        for rel in doc.get("relations", []):
            _add(st["relations"].setdefault(str(rel.get("type")), _tally(cols)), split)
        _add(st["sentences_with"]["hedge"], split, len(_sentences_touched(doc, "hedges")))
        _add(st["sentences_with"]["claim"], split, len(_sentences_touched(doc, "claims")))
    for key in ("register", "subject"):
        st[key] = dict(sorted(st[key].items()))
    st["share_of_sentences_with"] = {
        what: {c: (round(tally[c] / st["sentences"][c], 4) if st["sentences"][c] else None) for c in [*cols, "all"]}
        for what, tally in st["sentences_with"].items()
    }
    st["agreement"] = summarize_agreement(reports or {})
    return st


def _row(name: str, tally: dict, cols: list[str]) -> list[str]:
    return [name, *(str(tally.get(c, 0)) for c in cols), str(tally.get("all", 0))]


def stats_tables(st: dict) -> list[tuple[str, list[str], list[list[str]]]]:
    """The statistics as (title, header, rows) tables, shared by the terminal table, the Markdown and the card."""
    cols = st["splits"]
    head = ["", *cols, "all"]
    tables = []
    tables.append(("Documents, sentences and tokens", head, [
        _row("documents", st["documents"], cols), _row("sentences", st["sentences"], cols), _row("tokens", st["tokens"], cols),
        *[_row(f"origin: {o}", t, cols) for o, t in st["origin"].items()],
    ]))
    tables.append(("Documents by register and subject", head, [
        *[_row(f"register: {k}", t, cols) for k, t in st["register"].items()],
        *[_row(f"subject: {k}", t, cols) for k, t in st["subject"].items()],
    ]))
    rows = []
    for layer, entry in st["layers"].items():
        rows.append(_row(f"{layer} (all)", entry["spans"], cols))
        if len(entry["labels"]) > 1:
            rows += [_row(f"{layer}: {lab}", t, cols) for lab, t in entry["labels"].items()]
        for name, values in entry["attributes"].items():
            rows += [_row(f"{layer}: {name}={v}", t, cols) for v, t in values.items()]
    rows += [_row(f"relation: {t}", tally, cols) for t, tally in st["relations"].items()]
    tables.append(("Annotations by layer, label and attribute value", head, rows))
    share = st["share_of_sentences_with"]
    tables.append(("Sentences with a hedge or a claim", head, [
        *[_row(f"sentences with a {w}", t, cols) for w, t in st["sentences_with"].items()],
        *[[f"share with a {w}", *("-" if v is None else f"{v:.1%}" for v in (s[c] for c in [*cols, "all"]))]
          for w, s in share.items()],
    ]))
    agreement_rows = [[r["name"], r["date"] or "-", "-" if r["documents"] is None else str(r["documents"]),
                       f["scope"], f["metric"], f"{f['value']:.3f}"]
                      for r in st["agreement"] for f in r["figures"] if f["metric"] in HEADLINE_METRICS]
    tables.append(("Inter-annotator agreement", ["report", "date", "documents", "scope", "metric", "value"], agreement_rows))
    return tables


def markdown_table(header: list[str], rows: list[list[str]]) -> str:
    """A GitHub-flavoured Markdown table (pipes in cells escaped)."""
    esc = lambda s: str(s).replace("|", "\\|")  # noqa: E731
    lines = ["| " + " | ".join(esc(h) for h in header) + " |", "|" + "|".join(["---"] * len(header)) + "|"]
    lines += ["| " + " | ".join(esc(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def stats_markdown(st: dict) -> str:
    """The statistics as a Markdown document (what `caveat stats --out X.md` writes)."""
    parts = ["# Caveat corpus statistics", ""]
    for title, head, rows in stats_tables(st):
        parts += [f"## {title}", ""]
        if rows:
            parts += [markdown_table(head, rows), ""]
        else:
            parts += ["No agreement report exists yet (`corpus/agreement/*.json`)." if "agreement" in title.lower() else "None.", ""]
    return "\n".join(parts)

"""Inter-annotator agreement between two annotations of the same documents. Pure: documents in, a JSON-ready report out.

Measures (every label, layer, attribute and relation type comes from the inventory):
- span F1 per layer and label, with exact boundaries and with overlap matching (``caveat.spans.match_one_to_one``);
  pass A is the reference for precision and recall, F1 is symmetric;
- Cohen's kappa on every span attribute over the pairs of spans both passes marked, paired by the *overlap* matching
  within each label;
- relation F1 per type, a relation of B matching one of A when its type is the same and both its ends are the spans
  matched to A's ends (once with the exact, once with the overlap span matching);
- sentence-level Cohen's kappa on "contains a claim" / "contains a hedge" (a span overlapping the sentence), pooled
  over all sentences of all shared documents (sentences taken from A; both texts must be identical);
- the list of disagreements per document, for adjudication.
"""
from __future__ import annotations

import datetime as _dt
from collections import Counter
from typing import Any, Iterable, Sequence

from .errors import CaveatError, message
from .labels import ANNOTATION_LAYERS, inventory
from .spans import match_one_to_one

Doc = dict[str, Any]
MATCHINGS = ("exact", "overlap")
SENTENCE_LAYERS = {"contains_claim": "claims", "contains_hedge": "hedges"}


def prf(tp: int, a_only: int, b_only: int) -> dict[str, Any]:
    """Counts plus precision/recall/F1 of B against A (None where undefined: nothing on either side)."""
    n_a, n_b = tp + a_only, tp + b_only
    return {
        "tp": tp, "a_only": a_only, "b_only": b_only, "a": n_a, "b": n_b,
        "precision": tp / n_b if n_b else None,
        "recall": tp / n_a if n_a else None,
        "f1": 2 * tp / (n_a + n_b) if n_a + n_b else None,
    }


def cohen_kappa(a: Sequence[Any], b: Sequence[Any]) -> dict[str, Any]:
    """Cohen's kappa (po - pe) / (1 - pe) of two paired label sequences, with n and observed agreement po.

    kappa is None when undefined (no pairs, or one category only so that pe = 1). Checked against
    scikit-learn's ``cohen_kappa_score`` in the tests; computed here so the command does not import scikit-learn.
    """
    n = len(a)
    if n == 0:
        return {"n": 0, "observed_agreement": None, "kappa": None}
    observed = sum(x == y for x, y in zip(a, b)) / n
    count_a, count_b = Counter(a), Counter(b)
    expected = sum(count_a[v] * count_b[v] for v in count_a) / (n * n)
    kappa = None if expected >= 1.0 else (observed - expected) / (1.0 - expected)
    return {"n": n, "observed_agreement": observed, "kappa": kappa}


def _check_pair(doc_id: str, a: Doc, b: Doc, names: tuple[str, str]) -> None:
    """Raise a CaveatError unless both annotations have the same text."""
    for side, doc in zip(names, (a, b)):
        if not isinstance(doc.get("text"), str):
            raise CaveatError(message("agreement_no_text", doc_id=doc_id, where=side))
    ta, tb = a["text"], b["text"]
    if ta != tb:
        at = next((i for i, (x, y) in enumerate(zip(ta, tb)) if x != y), min(len(ta), len(tb)))
        raise CaveatError(message("agreement_text_mismatch", doc_id=doc_id, a=names[0], b=names[1], offset=at,
                                  a_text=ta[at:at + 30], b_text=tb[at:at + 30], a_len=len(ta), b_len=len(tb)))


def _index(docs: Iterable[Doc], where: str) -> dict[str, Doc]:
    """Documents by id; a missing or repeated id is a CaveatError."""
    out: dict[str, Doc] = {}
    for n, doc in enumerate(docs, start=1):
        doc_id = doc.get("id") if isinstance(doc, dict) else None
        if not isinstance(doc_id, str) or not doc_id:
            raise CaveatError(message("agreement_no_id", where=where, n=n))
        if doc_id in out:
            raise CaveatError(message("agreement_duplicate_id", doc_id=doc_id, where=where))
        out[doc_id] = doc
    return out


def _spans(doc: Doc, layer: str, label: str | None = None) -> list[dict]:
    return [s for s in doc.get(layer) or [] if label is None or s.get("label") == label]


def _pairs(a: list[dict], b: list[dict], exact: bool) -> list[tuple[int, int]]:
    return match_one_to_one([(s["start"], s["end"]) for s in a], [(s["start"], s["end"]) for s in b], exact=exact)


def _brief(span: dict) -> dict:
    """The parts of a span an adjudicator needs to find it."""
    out = {k: span[k] for k in ("id", "start", "end", "text", "label") if k in span}
    out.update({k: v for k, v in span.items() if k not in ("id", "start", "end", "text", "label")})
    return out


class _Tally:
    """Running counts for one comparison."""

    def __init__(self) -> None:
        inv = inventory()
        self.spans = {layer: {label: {m: [0, 0, 0] for m in MATCHINGS} for label in inv.labels(layer)}
                      for layer in ANNOTATION_LAYERS}
        self.unlabelled = {layer: {m: [0, 0, 0] for m in MATCHINGS} for layer in ANNOTATION_LAYERS}
        self.attributes = {(layer, name): ([], []) for layer in ANNOTATION_LAYERS for name in inv.attributes(layer)}
        self.relations = {rtype: {m: [0, 0, 0] for m in MATCHINGS} for rtype in inv.relation_types}
        self.sentences = {key: ([], []) for key in SENTENCE_LAYERS}


def _add(counts: list[int], tp: int, n_a: int, n_b: int) -> None:
    counts[0] += tp
    counts[1] += n_a - tp
    counts[2] += n_b - tp


def _compare_doc(a: Doc, b: Doc, tally: _Tally) -> list[dict]:
    """Add one document pair to the tally; return its disagreements."""
    inv = inventory()
    maps: dict[str, dict[str, str]] = {m: {} for m in MATCHINGS}  # A span id -> B span id, per matching (labelled)
    for layer in ANNOTATION_LAYERS:
        for label in inv.labels(layer):
            sa, sb = _spans(a, layer, label), _spans(b, layer, label)
            for m in MATCHINGS:
                pairs = _pairs(sa, sb, m == "exact")
                _add(tally.spans[layer][label][m], len(pairs), len(sa), len(sb))
                maps[m].update({sa[i]["id"]: sb[j]["id"] for i, j in pairs if "id" in sa[i] and "id" in sb[j]})
                if m == "overlap":
                    for name in inv.attributes(layer):
                        va, vb = tally.attributes[(layer, name)]
                        for i, j in pairs:
                            va.append(sa[i].get(name))
                            vb.append(sb[j].get(name))
        sa, sb = _spans(a, layer), _spans(b, layer)
        for m in MATCHINGS:
            _add(tally.unlabelled[layer][m], len(_pairs(sa, sb, m == "exact")), len(sa), len(sb))
    rel_a = [r for r in a.get("relations") or [] if isinstance(r, dict)]
    rel_b = [r for r in b.get("relations") or [] if isinstance(r, dict)]
    for rtype in inv.relation_types:
        ra = [r for r in rel_a if r.get("type") == rtype]
        rb = [r for r in rel_b if r.get("type") == rtype]
        for m in MATCHINGS:
            pool: dict[tuple, int] = {}
            for r in rb:
                pool[(r.get("from"), r.get("to"))] = pool.get((r.get("from"), r.get("to")), 0) + 1
            tp = 0
            for r in ra:
                key = (maps[m].get(r.get("from")), maps[m].get(r.get("to")))
                if None not in key and pool.get(key, 0) > 0:
                    pool[key] -= 1
                    tp += 1
            _add(tally.relations[rtype][m], tp, len(ra), len(rb))
    for key, layer in SENTENCE_LAYERS.items():
        ya, yb = tally.sentences[key]
        sa, sb = _spans(a, layer), _spans(b, layer)
        for sent in a.get("sentences") or []:
            lo, hi = sent["start"], sent["end"]
            ya.append(any(s["start"] < hi and lo < s["end"] for s in sa))
            yb.append(any(s["start"] < hi and lo < s["end"] for s in sb))
    return _disagreements(a, b, maps["overlap"], rel_a, rel_b)


def _disagreements(a: Doc, b: Doc, id_map: dict[str, str], rel_a: list[dict], rel_b: list[dict]) -> list[dict]:
    """Every difference an adjudicator must resolve: unmatched spans, boundaries, labels, attributes, relations."""
    inv = inventory()
    out: list[dict] = []
    for layer in ANNOTATION_LAYERS:
        sa, sb = _spans(a, layer), _spans(b, layer)
        pairs = _pairs(sa, sb, exact=False)
        hit_a, hit_b = {i for i, _ in pairs}, {j for _, j in pairs}
        out += [{"kind": "only_in_a", "layer": layer, "a": _brief(s)} for i, s in enumerate(sa) if i not in hit_a]
        out += [{"kind": "only_in_b", "layer": layer, "b": _brief(s)} for j, s in enumerate(sb) if j not in hit_b]
        for i, j in pairs:
            x, y = sa[i], sb[j]
            if (x["start"], x["end"]) != (y["start"], y["end"]):
                out.append({"kind": "boundary", "layer": layer, "a": _brief(x), "b": _brief(y)})
            if x.get("label") != y.get("label"):
                out.append({"kind": "label", "layer": layer, "a": _brief(x), "b": _brief(y)})
            for name in inv.attributes(layer):
                if x.get(name) != y.get(name):
                    out.append({"kind": "attribute", "layer": layer, "attribute": name, "a": _brief(x), "b": _brief(y)})
    spans_a = {s["id"]: s for layer in ANNOTATION_LAYERS for s in _spans(a, layer) if "id" in s}
    spans_b = {s["id"]: s for layer in ANNOTATION_LAYERS for s in _spans(b, layer) if "id" in s}
    keys_b = [(r.get("type"), r.get("from"), r.get("to")) for r in rel_b]
    matched_b: set[int] = set()
    for r in rel_a:
        key = (r.get("type"), id_map.get(r.get("from")), id_map.get(r.get("to")))
        j = next((k for k, kb in enumerate(keys_b) if kb == key and k not in matched_b), None)
        if j is None:
            out.append({"kind": "relation_only_in_a", "type": r.get("type"),
                        "from": _brief(spans_a.get(r.get("from"), {})), "to": _brief(spans_a.get(r.get("to"), {}))})
        else:
            matched_b.add(j)
    for k, r in enumerate(rel_b):
        if k not in matched_b:
            out.append({"kind": "relation_only_in_b", "type": r.get("type"),
                        "from": _brief(spans_b.get(r.get("from"), {})), "to": _brief(spans_b.get(r.get("to"), {}))})
    return out


def _confusion(va: list, vb: list) -> dict[str, dict[str, int]]:
    """Counts of (A value, B value) pairs as {a_value: {b_value: n}}."""
    out: dict[str, dict[str, int]] = {}
    for x, y in zip(va, vb):
        row = out.setdefault(str(x).lower() if isinstance(x, bool) else str(x), {})
        col = str(y).lower() if isinstance(y, bool) else str(y)
        row[col] = row.get(col, 0) + 1
    return out


def compare(a_docs: list[Doc], b_docs: list[Doc], *, names: tuple[str, str] = ("A", "B"),
            date: str | None = None) -> dict[str, Any]:
    """Agreement of annotation B with annotation A over the documents they share (matched by id); see the module doc.

    ``names`` label the two sides in messages; ``date`` (ISO) defaults to today. Raises CaveatError when no id is
    shared, an id repeats, or a shared document's text differs.
    """
    inv = inventory()
    by_a, by_b = _index(a_docs, names[0]), _index(b_docs, names[1])
    shared = sorted(set(by_a) & set(by_b))
    if not shared:
        raise CaveatError(message("agreement_no_shared", a=names[0], b=names[1], n_a=len(by_a), n_b=len(by_b)))
    tally = _Tally()
    disagreements: dict[str, list[dict]] = {}
    for doc_id in shared:
        _check_pair(doc_id, by_a[doc_id], by_b[doc_id], names)
        disagreements[doc_id] = _compare_doc(by_a[doc_id], by_b[doc_id], tally)

    def count(docs: dict[str, Doc]) -> dict[str, int]:
        c = {layer: sum(len(_spans(docs[i], layer)) for i in shared) for layer in ANNOTATION_LAYERS}
        c["relations"] = sum(len(docs[i].get("relations") or []) for i in shared)
        return c

    spans = {}
    for layer in ANNOTATION_LAYERS:
        per_label = tally.spans[layer]
        spans[layer] = {
            **{m: prf(*[sum(per_label[lab][m][k] for lab in per_label) for k in range(3)]) for m in MATCHINGS},
            "unlabelled": {m: prf(*tally.unlabelled[layer][m]) for m in MATCHINGS},
            "labels": {lab: {m: prf(*per_label[lab][m]) for m in MATCHINGS} for lab in per_label},
        }
    attributes = {
        f"{layer}.{name}": {"matching": "overlap", **cohen_kappa(va, vb), "confusion": _confusion(va, vb)}
        for (layer, name), (va, vb) in tally.attributes.items()
    }
    sentences = {}
    for key, (ya, yb) in tally.sentences.items():
        sentences[key] = {
            **cohen_kappa(ya, yb),
            "both": sum(x and y for x, y in zip(ya, yb)), "a_only": sum(x and not y for x, y in zip(ya, yb)),
            "b_only": sum(y and not x for x, y in zip(ya, yb)), "neither": sum(not x and not y for x, y in zip(ya, yb)),
        }
    return {
        "date": date or _dt.date.today().isoformat(),
        "a": names[0],
        "b": names[1],
        "inventory": {"version": inv.version, "sha256": inv.sha256},
        "documents": shared,
        "only_in_a": sorted(set(by_a) - set(by_b)),
        "only_in_b": sorted(set(by_b) - set(by_a)),
        "counts": {"documents": len(shared), "sentences": len(next(iter(tally.sentences.values()))[0]),
                   "a": count(by_a), "b": count(by_b)},
        "spans": spans,
        "attributes": attributes,
        "relations": {rtype: {m: prf(*tally.relations[rtype][m]) for m in MATCHINGS} for rtype in inv.relation_types},
        "sentences": sentences,
        "disagreements": disagreements,
    }

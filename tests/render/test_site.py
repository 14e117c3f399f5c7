"""The site as data: every page escaped, scripts only from the site's own file, deterministic, graceful when empty."""
from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest

from caveat.labels import inventory
from caveat.render import build_site
from caveat.render.board import leaderboard_context, tracks_of
from caveat.render.pages import page_name, safe_url
from caveat.render.plots import grouped_bars, interval_plot
from caveat.stats import corpus_stats, stats_tables

from .conftest import EVIL_SYSTEM, SPLITS
from .fixtures import EMPTY_ID, TRICKY_ID, XSS_IMG, XSS_SCRIPT


class Tags(HTMLParser):
    """Every start tag with its attributes."""

    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def tags(html: str) -> list[tuple[str, dict]]:
    p = Tags()
    p.feed(html)
    return p.tags


def _build(docs, preds=None, results=None, system=None, reports=None):
    st = corpus_stats(docs, SPLITS, reports or {})
    return build_site(docs, SPLITS, stats=st, stats_tables=stats_tables(st), results=results,
                      predictions={p["doc_id"]: p for p in preds} if preds else None, system=system)


@pytest.fixture(scope="module")
def reports(corpus):
    from caveat.corpusio import load_agreement_reports

    return load_agreement_reports(str(corpus))


@pytest.fixture(scope="module")
def full(docs, preds, reports, results):
    """The site with everything: predictions, leaderboard results (with a hostile system name), agreement."""
    return _build(docs, preds, results, system="<b>sys</b>", reports=reports)


def test_every_page_is_escaped_and_runs_only_the_sites_script(docs, full):
    site = full
    pages = {k: v for k, v in site.items() if k.endswith(".html")}
    assert set(pages) == {"index.html", "stats.html", "leaderboard.html", *(f"doc/{page_name(d['id'])}" for d in docs)}
    for name, html in pages.items():
        found = tags(html)
        scripts = [a for t, a in found if t == "script"]
        assert all(a.get("src", "").endswith("assets/site.js") or a.get("type") == "application/json" for a in scripts), name
        assert not [t for t, _ in found if t in ("img", "iframe", "object", "embed")], name
        assert not [a for _, a in found if any(k.startswith("on") for k in a)], name
        csp = [a["content"] for t, a in found if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"]
        assert csp and "script-src 'self'" in csp[0] and "unsafe-inline" not in csp[0].split("script-src")[1].split(";")[0], name
        assert XSS_SCRIPT not in html and "<b>sys</b>" not in html and EVIL_SYSTEM not in html, name
    tricky = pages[f"doc/{page_name(TRICKY_ID)}"]
    assert "&lt;script&gt;window.__xss = 1&lt;/script&gt;" in tricky
    assert "&#34;&gt;&lt;img src=x onerror=alert(1)&gt;" in tricky or "&quot;&gt;&lt;img" in tricky
    assert XSS_IMG not in tricky


def test_only_http_urls_become_links(full):
    assert safe_url("javascript:alert(1)") is None and safe_url("https://example.org/x") == "https://example.org/x"
    site = full
    hrefs = [a["href"] for name, html in site.items() if name.endswith(".html") for t, a in tags(html) if t == "a"]
    assert not [h for h in hrefs if h.lower().startswith(("javascript:", "data:", "vbscript:"))]
    assert "https://example.org/a?b=1&c=2" in hrefs


def test_the_embedded_data_cannot_close_its_script_element(docs, full):
    html = full[f"doc/{page_name(TRICKY_ID)}"]
    blob = re.search(r'<script type="application/json" id="caveat-data">(.*?)</script>', html, re.S).group(1)
    assert "<" not in blob and ">" not in blob
    data = json.loads(blob)
    doc = docs[0]
    for d in data["spans"].values():
        assert d["text"] == doc["text"][d["start"]:d["end"]]
    claim_key = next(k for k, d in data["spans"].items() if d["id"] == "c-sales")
    linked = {data["spans"][k]["id"] for k in data["links"][claim_key]}
    assert linked == {"s-huawei", "s-spokes", "h-probably", "h-about", "h-according"}


@pytest.mark.slow
def test_rendering_is_deterministic(docs, preds, reports, results, full):
    a = full
    b = _build(docs, preds, results, system="<b>sys</b>", reports=reports)
    assert a == b
    assert json.loads(a["caveat-site.json"])["files"] == sorted(a)


def test_empty_layers_and_missing_results_render(docs):
    site = _build([d for d in docs if d["id"] == EMPTY_ID])
    assert "No results yet" in site["leaderboard.html"]
    assert "No spans are annotated yet" in site["stats.html"]
    assert "No entities annotated yet" in site[f"doc/{page_name(EMPTY_ID)}"]


def test_stats_page_has_a_plot_per_label_set_and_agreement(full):
    html = full["stats.html"]
    inv = inventory()
    expected = 1 + sum(len(inv.attributes(layer)) for layer in ("entities", "claims", "sources", "hedges"))
    assert html.count('<svg role="img"') == expected + 1 + 2  # distributions, sentence rates, agreement F1 and kappa
    assert 'id="plot-entities-labels"' in html and 'id="plot-agreement-0-f1"' in html
    ids = re.findall(r'\sid="([^"]+)"', html)
    assert len(ids) == len(set(ids)), "inline SVGs must not repeat element ids"


def test_plots_are_deterministic_and_literal():
    a = grouped_bars("p", "costs in $ and <b>", ["A$", "B"], {"train": [1, 2]}, "n")
    assert a == grouped_bars("p", "costs in $ and <b>", ["A$", "B"], {"train": [1, 2]}, "n")
    assert a.startswith("<svg ") and "<b>" not in a and "<script" not in a
    b = interval_plot("q", "ner", ["<script>x</script>"], [0.5], [0.4], [0.6], "F1")
    assert "<script>" not in b and "&lt;script&gt;" in b


def test_leaderboard_shows_every_track_with_intervals(results, full):
    tracks = tracks_of(results)
    assert set(tracks) == set(results["tracks"])
    ner = tracks["ner"]
    assert [e["system"] for e in ner["entries"]] == [e["system"] for e in results["tracks"]["ner"]["ranking"]]
    assert ner["entries"][-1]["kind"] == "oracle" and ner["entries"][-1]["rank"] is None
    for e in ner["entries"]:
        assert e["low"] is not None and e["low"] <= e["value"] <= e["high"]
    html = full["leaderboard.html"]
    assert html.count('<svg role="img"') == sum(1 for t in tracks.values() if t["entries"])
    assert "javascript:" not in html and "&lt;script&gt;window.__xss=3&lt;/script&gt;" in html


def test_leaderboard_reads_odd_results_without_failing():
    assert tracks_of([1, 2]) == {} and tracks_of({"tracks": {"ner": "nonsense"}}) == {}
    odd = {"tracks": {"ner": {"ranking": [{"system": "a"}, {"system": "b", "value": 0.5, "ci": "wide"}, 7]}}}
    (entry,) = tracks_of(odd)["ner"]["entries"]
    assert entry["system"] == "b" and entry["low"] is None
    ctx = leaderboard_context({"tracks": {}})
    assert ctx["present"] and ctx["tracks"] == []
    assert not leaderboard_context(None)["present"]


def test_odd_but_drawable_documents_render(docs):
    odd = json.loads(json.dumps(next(d for d in docs if d["id"] == EMPTY_ID)))
    odd.update(id="odd", meta={"title": 42, "annotation": "done?", "url": ["x"], "register": None},
               entities=[{"id": "e1", "start": 0, "end": 5, "label": "NOT_A_LABEL"}, {"id": "e2", "start": 3, "end": 3}],
               relations=[{"from": "e1"}, {"type": "attributed_to", "from": "nowhere", "to": "e1"}])
    site = _build([odd])
    page = site[f"doc/{page_name('odd')}"]
    assert "lab-NOT_A_LABEL" in page and "could not be drawn" in page
    assert "<td>unknown</td>" in site["index.html"]

"""The rendered site in a real headless Chromium: layers toggle, relations light up on hover, highlights sit on the
annotated characters (after emoji too), hostile text runs nothing, and tables sort."""
from __future__ import annotations

import shutil

import pytest

from caveat.render.pages import page_name

from .fixtures import TRICKY_ID

pytestmark = pytest.mark.browser

# what each layer's drawing looks like when shown, as one computed style property
LAYER_STYLE = {
    "entities": ("background-color", lambda v: v not in ("rgba(0, 0, 0, 0)", "transparent")),
    "claims": ("border-bottom-color", lambda v: v not in ("rgba(0, 0, 0, 0)", "transparent")),
    "hedges": ("box-shadow", lambda v: v != "none"),
    "sources": ("font-style", lambda v: v == "italic"),
}


@pytest.fixture(scope="module")
def page(browser, site):
    """One tab on the tricky document page; it records dialogs, page errors and console messages."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, java_script_enabled=True)
    tab = context.new_page()
    tab.events = []
    tab.on("dialog", lambda d: (tab.events.append(f"dialog: {d.message}"), d.dismiss()))
    tab.on("pageerror", lambda e: tab.events.append(f"pageerror: {e}"))
    tab.on("console", lambda m: tab.events.append(f"console {m.type}: {m.text}"))
    tab.goto((site / "doc" / page_name(TRICKY_ID)).as_uri())
    tab.wait_for_selector("html[data-ready]")
    yield tab
    context.close()


def spans(page) -> dict:
    return page.evaluate("JSON.parse(document.getElementById('caveat-data').textContent).spans")


def key_of(page, span_id: str) -> str:
    return next(k for k, d in spans(page).items() if d["id"] == span_id and k.startswith("g"))


def test_the_hostile_text_runs_nothing_and_shows_as_text(page, docs):
    doc = next(d for d in docs if d["id"] == TRICKY_ID)
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert not [e for e in page.events if e.startswith(("dialog", "pageerror"))], page.events
    assert not [e for e in page.events if "Content Security Policy" in e], page.events
    assert page.locator(".text img, .text script, main img").count() == 0
    assert page.locator("script").count() == 2  # the site's own file and the JSON data block
    assert page.locator("#text-gold").evaluate("el => el.textContent") == doc["text"]
    assert "<script>window.__xss = 1</script>" in page.locator("h1").inner_text()


def test_every_highlight_covers_exactly_its_annotation(page, docs):
    doc = next(d for d in docs if d["id"] == TRICKY_ID)
    shown = page.evaluate("""() => {
        const out = {};
        for (const seg of document.querySelectorAll('#text-gold .seg[data-k]'))
            for (const k of seg.dataset.k.split(' ')) out[k] = (out[k] || '') + seg.textContent;
        return out; }""")
    data = spans(page)
    gold = {d["id"]: d for layer in ("entities", "claims", "sources", "hedges") for d in doc[layer]}
    checked = 0
    for key, d in data.items():
        if key.startswith("g"):
            span = gold[d["id"]] if d["id"] in gold else next(s for s in doc[d["layer"]] if (s["start"], s["end"]) == (d["start"], d["end"]))
            assert shown[key] == span["text"] == doc["text"][span["start"]:span["end"]], d
            checked += 1
    assert checked == sum(len(doc[layer]) for layer in ("entities", "claims", "sources", "hedges"))
    # the word after a 1-code-point emoji and the one after a 4-code-point emoji sequence
    assert shown[key_of(page, "e-huawei")] == "Huawei"
    assert shown[key_of(page, "s-analysts")] == "Analysts"


def test_each_layer_toggles(page):
    for layer, (prop, shown) in LAYER_STYLE.items():
        seg = page.locator(f"#text-gold .seg.{layer}").first
        tag = page.locator(f"#text-gold .tag-{layer}").first
        box = page.locator(f"#toggle-{layer}")
        assert shown(seg.evaluate(f"el => getComputedStyle(el).getPropertyValue('{prop}')")), layer
        assert tag.is_visible()
        box.uncheck()
        assert page.evaluate(f"document.body.classList.contains('hide-{layer}')")
        assert not shown(seg.evaluate(f"el => getComputedStyle(el).getPropertyValue('{prop}')")), layer
        assert not tag.is_visible()
        others = [other for other in LAYER_STYLE if other != layer]
        for other in others:  # the other layers stay drawn
            o_prop, o_shown = LAYER_STYLE[other]
            assert o_shown(page.locator(f"#text-gold .seg.{other}").first.evaluate(
                f"el => getComputedStyle(el).getPropertyValue('{o_prop}')")), (layer, other)
        box.check()
        assert shown(seg.evaluate(f"el => getComputedStyle(el).getPropertyValue('{prop}')")), layer


def lit(page, which: str) -> set[str]:
    """Ids of the gold spans whose every segment carries the class ``which``."""
    keys = page.evaluate(f"""() => {{
        const all = {{}}, hit = {{}};
        for (const seg of document.querySelectorAll('#text-gold .seg[data-k]'))
            for (const k of seg.dataset.k.split(' ')) {{
                all[k] = (all[k] || 0) + 1;
                if (seg.classList.contains('{which}')) hit[k] = (hit[k] || 0) + 1;
            }}
        return Object.keys(hit).filter(k => hit[k] === all[k]); }}""")
    data = spans(page)
    return {data[k]["id"] for k in keys}


def test_hovering_a_claim_lights_its_sources_and_hedges(page, artifacts_dir):
    claim = key_of(page, "c-sales")
    # a piece of the claim that is inside no other span
    target = page.locator(f'#text-gold .seg[data-k="{claim}"]').first
    target.hover()
    related = {d for d in lit(page, "lit-related")}
    assert {"s-huawei", "s-spokes", "h-probably", "h-about", "h-according"} <= related
    assert not related & {"s-analysts", "s-officials", "h-could", "c-ban", "c-list"}
    assert "c-sales" in lit(page, "lit-focus")
    assert "c-sales" in page.locator("#info").inner_text()
    page.screenshot(path=str(artifacts_dir / "render-document.png"), full_page=False)
    page.locator(f'#text-gold .seg[data-k~="{key_of(page, "c-ban")}"]').first.hover()
    related = lit(page, "lit-related")
    assert related == {"s-analysts", "h-could"}
    page.mouse.move(5, 5)
    assert lit(page, "lit") == set()


def test_focusing_a_table_row_lights_its_span(page):
    row = page.locator('tr[data-id="h-could"]')
    row.focus()
    assert lit(page, "lit-focus") == {"h-could"}
    related = lit(page, "lit-related")  # the claim it weakens (and so every span inside that claim), nothing else
    assert "c-ban" in related and not related & {"s-analysts", "c-sales", "c-list", "h-probably"}
    row.blur()
    assert lit(page, "lit") == set()


def test_the_diff_view_marks_each_error(page):
    assert page.locator("#text-pred").count() == 1
    block = page.locator('.diff-block[data-layer="entities"]')
    assert block.locator(".seg.gold.df-missed").inner_text() == "Monday"
    assert block.locator(".seg.pred.df-wrong_type").inner_text() == "Thursday"
    assert page.locator('.diff-block[data-layer="hedges"] .seg.pred.df-spurious').inner_text() == "argue"
    assert page.locator('.diff-block[data-layer="claims"] .seg.pred.df-boundary').first.is_visible()


def test_the_index_sorts_and_other_pages_load_without_errors(browser, site, artifacts_dir):
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    tab = context.new_page()
    events = []
    tab.on("pageerror", lambda e: events.append(str(e)))
    tab.on("console", lambda m: events.append(m.text) if m.type in ("error", "warning") else None)
    tab.goto((site / "index.html").as_uri())
    tab.wait_for_selector("html[data-ready]")
    col = tab.locator("#doc-index thead th").all_inner_texts().index("Tokens")
    values = lambda: [int(v) for v in tab.locator(f"#doc-index tbody tr td:nth-child({col + 1})").all_inner_texts()]  # noqa: E731
    tab.locator("#doc-index thead th", has_text="Tokens").click()
    assert values() == sorted(values())
    tab.locator("#doc-index thead th", has_text="Tokens").click()
    assert values() == sorted(values(), reverse=True)
    for name in ("stats.html", "leaderboard.html"):
        tab.goto((site / name).as_uri())
        tab.wait_for_selector("html[data-ready]")
        assert tab.locator("svg.plot").count() >= 1
        tab.screenshot(path=str(artifacts_dir / f"render-{name.replace('.html', '')}.png"), full_page=True)
    assert tab.evaluate("typeof window.__xss") == "undefined"
    assert tab.locator("#track-ner svg.plot").count() == 1
    assert not events, events
    context.close()


def test_the_site_works_from_a_copied_folder(browser, site, tmp_path):
    """Self-contained: moved elsewhere on disk, a page still finds its script and styles."""
    moved = tmp_path / "published"
    shutil.copytree(site, moved)
    context = browser.new_context()
    tab = context.new_page()
    failed = []
    tab.on("requestfailed", lambda r: failed.append(r.url))
    tab.on("request", lambda r: failed.append(r.url) if not r.url.startswith("file://") else None)
    tab.goto((moved / "doc" / page_name(TRICKY_ID)).as_uri())
    tab.wait_for_selector("html[data-ready]")
    assert not failed, failed
    context.close()

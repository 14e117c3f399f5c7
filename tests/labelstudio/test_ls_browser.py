"""The real Label Studio editor in headless Chromium: highlights land on the right characters, and a drawn span comes back exact."""
from __future__ import annotations

import json
import re
import time
from collections import defaultdict

import pytest

from caveat.commands import ls as ls_cmd
from caveat.document import dumps
from caveat.validate import validate_document
from ls_samples import BROWSER_WORD, browser_document, emoji_document, layers_of

pytestmark = [pytest.mark.labelstudio, pytest.mark.browser, pytest.mark.slow]

# The bounding box of the first occurrence of a string in the editor's text (found in the DOM's text nodes).
WORD_BOX = """(word) => {
  const root = document.querySelector('div.lsf-richtext__container');
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const i = node.data.indexOf(word);
    if (i >= 0) {
      const range = document.createRange();
      range.setStart(node, i);
      range.setEnd(node, i + word.length);
      const b = range.getBoundingClientRect();
      return {x: b.x, y: b.y, w: b.width, h: b.height};
    }
  }
  return null;
}"""
# Every highlight fragment of the editor as [class list, its own text]; a region's fragments share a class.
HIGHLIGHTS = """() => Array.from(document.querySelectorAll('div.lsf-richtext__container span.htx-highlight'))
  .map(el => [el.className, el.textContent])"""
FRAGMENT = re.compile(r"htx-highlight-(.+)-\d+$")


def displayed_regions(page) -> dict[str, str]:
    """Region id -> the text its highlight covers on screen (fragments of one region joined in document order)."""
    out: dict[str, str] = defaultdict(str)
    for classes, text in page.evaluate(HIGHLIGHTS):
        for cls in classes.split():
            m = FRAGMENT.match(cls)
            if m:
                out[m.group(1)] += text
    return dict(out)


def settled_regions(page, expected: dict[str, str], seconds: float = 30.0) -> dict[str, str]:
    """The displayed regions once they equal ``expected``, or as they are after ``seconds`` (the editor draws
    highlights one after another, so the first highlight on screen does not mean the last one is)."""
    deadline = time.monotonic() + seconds
    shown = displayed_regions(page)
    while shown != expected and time.monotonic() < deadline:
        page.wait_for_timeout(250)
        shown = displayed_regions(page)
    return shown


def open_task(page, url: str, project_id: int, task_id: int) -> None:
    page.goto(f"{url}/projects/{project_id}/data?task={task_id}")
    page.wait_for_selector("span.lsf-richtext__line", timeout=60_000)


def test_editor_shows_and_draws_code_point_spans(ls_server, ls_conn, browser, artifacts_dir, tmp_path, monkeypatch, capsys):
    """Log in, check every pushed span is highlighted on its own characters, label a word after an emoji, submit, pull."""
    gold, blank = emoji_document(), browser_document()
    corpus = tmp_path / "corpus"
    (corpus / "documents").mkdir(parents=True)
    for d in (gold, blank):
        (corpus / "documents" / f"{d['id']}.json").write_text(dumps(d), encoding="utf-8")
    user = ls_server.users[0]
    monkeypatch.setenv("LABEL_STUDIO_URL", ls_server.url)
    monkeypatch.setenv("LABEL_STUDIO_API_KEY", user.token)
    assert ls_cmd.main(["push", "--project", "browser", "--corpus", str(corpus), "-q"]) == 0
    project = next(p for p in ls_conn.client.projects.list() if p.title == "browser")
    tasks = {t.data["doc_id"]: t.id for t in ls_conn.client.tasks.list(project=project.id)}

    context = browser.new_context(viewport={"width": 1400, "height": 900})
    # no request leaves the machine: only the test server is reachable
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(ls_server.url) else route.abort())
    page = context.new_page()
    try:
        page.goto(f"{ls_server.url}/user/login")
        page.fill("input[name=email]", user.email)
        page.fill("input[name=password]", user.password)
        page.click("button[type=submit]")
        page.wait_for_url(lambda u: "/user/login" not in u, timeout=60_000)

        # 1. what the editor displays for pushed spans (emoji, ZWJ sequence, combining mark, CJK, double spaces)
        open_task(page, ls_server.url, project.id, tasks[gold["id"]])
        page.wait_for_selector("span.htx-highlight", timeout=30_000)
        expected = {s["id"]: s["text"] for layer in ("entities", "claims", "sources", "hedges") for s in gold[layer]}
        shown = settled_regions(page, expected)
        page.screenshot(path=str(artifacts_dir / "labelstudio-highlights.png"))
        assert shown == expected

        # 2. an annotator selects the words right after a 4-code-point emoji, labels them and submits
        open_task(page, ls_server.url, project.id, tasks[blank["id"]])
        page.get_by_text("PERSON", exact=True).first.click()
        box = page.evaluate(WORD_BOX, BROWSER_WORD)
        assert box, f"{BROWSER_WORD!r} is not on the page"
        y = box["y"] + box["h"] / 2
        page.mouse.move(box["x"] + 1, y)
        page.mouse.down()
        page.mouse.move(box["x"] + box["w"] / 2, y, steps=4)
        page.mouse.move(box["x"] + box["w"] - 1, y, steps=4)
        page.mouse.up()
        page.wait_for_selector("span.htx-highlight", timeout=30_000)
        page.screenshot(path=str(artifacts_dir / "labelstudio-drawn.png"))
        with page.expect_response(lambda r: "/api/tasks/" in r.url and "/annotations" in r.url and r.request.method == "POST"):
            page.get_by_role("button", name="Submit").click()
    finally:
        context.close()

    # 3. export and import into Caveat: the span is exactly those words, in code points
    assert ls_cmd.main(["pull", "--project", "browser", "--corpus", str(corpus), "--save-export", str(tmp_path / "export.json")]) == 0
    drawn = json.loads((corpus / "documents" / f"{blank['id']}.json").read_text(encoding="utf-8"))
    start = blank["text"].index(BROWSER_WORD)
    assert [(e["start"], e["end"], e["text"], e["label"]) for e in drawn["entities"]] == [
        (start, start + len(BROWSER_WORD), BROWSER_WORD, "PERSON")]
    assert validate_document(drawn, "drawn") == []
    assert drawn["meta"]["annotation"]["passes"][-1]["annotator"] == user.email
    # the span Label Studio stored is in code points, like Python (not UTF-16 units, which would be 3 more)
    export = json.loads((tmp_path / "export.json").read_text(encoding="utf-8"))
    [task] = [t for t in export if t["data"]["doc_id"] == blank["id"]]
    [region] = [r for r in task["annotations"][0]["result"] if r["type"] == "labels"]
    assert (region["value"]["start"], region["value"]["text"]) == (start, BROWSER_WORD)
    pulled_gold = json.loads((corpus / "documents" / f"{gold['id']}.json").read_text(encoding="utf-8"))
    assert layers_of(pulled_gold) == layers_of(gold)

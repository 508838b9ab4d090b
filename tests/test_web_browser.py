"""End to end in a real browser: Debian's chromium, headless, driven by Playwright.

The app runs under uvicorn in a thread over a copy of the invented story corpus, with the shared
analysis worker. Screenshots of every page, at desktop and phone widths, are saved to
``test-artifacts/`` (git-ignored). No browser is ever downloaded: Playwright drives
``/usr/bin/chromium`` (``.ci/run`` installs it; without it these tests are skipped, unless
``PRESSLENS_REQUIRE_BROWSER=1`` makes that a failure).
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from presslens.corpus import Corpus
from presslens.web import WebConfig, create_app
from web_helpers import HOSTILE_TEXT, serve_in_thread

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"
SAMPLE = (resources.files("presslens") / "samples" / "sample-article.txt").read_text("utf-8")
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}

if not CHROMIUM.exists():
    if os.environ.get("PRESSLENS_REQUIRE_BROWSER") == "1":
        raise RuntimeError("chromium is required: apt-get install chromium")
    pytest.skip("Debian chromium is not installed (apt-get install chromium)",
                allow_module_level=True)


@pytest.fixture(scope="module")
def base_url(story_db: str, web_runner: Any, tmp_path_factory: pytest.TempPathFactory
             ) -> Iterator[str]:
    target = tmp_path_factory.mktemp("browser") / "corpus.db"
    with Corpus(story_db) as c, c.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    shutil.copy(story_db, target)
    app = create_app(WebConfig(db=str(target)), runner=web_runner)
    with serve_in_thread(app) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


class Watched:
    """A page plus everything it reported: console errors, dialogs, failed requests."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(str(e)))

        def on_dialog(d: Any) -> None:
            self.dialogs.append(d.message)
            d.dismiss()

        page.on("dialog", on_dialog)


@pytest.fixture
def page(browser: Any) -> Iterator[Watched]:
    context = browser.new_context(viewport=DESKTOP)
    watched = Watched(context.new_page())
    yield watched
    context.close()


def _shots(w: Watched, name: str) -> None:
    """Full-page screenshots at desktop and phone width; the page must fit the phone's width."""
    page = w.page
    page.set_viewport_size(DESKTOP)
    page.screenshot(path=str(ARTIFACTS / f"{name}-desktop.png"), full_page=True)
    page.set_viewport_size(PHONE)
    page.screenshot(path=str(ARTIFACTS / f"{name}-phone.png"), full_page=True)
    overflow = page.evaluate("document.documentElement.scrollWidth")
    assert overflow <= PHONE["width"] + 1, f"{name}: page is {overflow}px wide on a phone"
    page.set_viewport_size(DESKTOP)


def test_analyse_the_sample_article_and_see_the_voices_panel(page, base_url):
    p = page.page
    p.goto(base_url + "/")
    _shots(page, "analyse")
    p.fill("#text", SAMPLE)
    p.click("#analyse-button")
    p.wait_for_url(re.compile(r".*/articles/\d+$"), timeout=120_000)
    voices = p.get_by_role("complementary").locator("section[aria-label=Voices]")
    assert voices.is_visible()
    assert "Helena Varga" in voices.inner_text()
    assert voices.locator("svg.stack rect").count() >= 3  # the bar chart of shares
    # The outlet's own sentences are shaded, each voice in its own colour.
    assert p.locator(".article .outlet-voice").count() >= 2
    colours = p.eval_on_selector_all(
        ".article .quote", "els => [...new Set(els.map(e => getComputedStyle(e).backgroundColor))]")
    assert len(colours) >= 3
    _shots(page, "article")
    assert page.errors == [] and page.dialogs == []


def test_findings_explain_themselves_on_keyboard_focus(page, base_url):
    p = page.page
    stored = p.request.post(base_url + "/api/analyze", data={"text": SAMPLE}, timeout=120_000)
    assert stored.ok
    p.goto(base_url + stored.headers["location"].replace("/api", ""))
    for _ in range(300):  # Tab through the page to the first marked word
        p.keyboard.press("Tab")
        if p.evaluate("document.activeElement.hasAttribute('data-note')"):
            break
    else:
        pytest.fail("no language finding is reachable with the keyboard")
    note = p.evaluate("document.activeElement.getAttribute('data-note')")
    shown = p.evaluate("getComputedStyle(document.activeElement, '::after').content")
    assert note and note in shown.replace('\\"', '"')
    described = p.evaluate(
        "document.getElementById(document.activeElement.getAttribute('aria-describedby'))"
        ".textContent")
    assert described == note
    box = p.evaluate("(() => { const r = document.activeElement.getBoundingClientRect();"
                     " return [r.x, r.y]; })()")
    p.screenshot(path=str(ARTIFACTS / "finding-focus-desktop.png"),
                 clip={"x": 0, "y": max(0, box[1] - 120), "width": 1000, "height": 320})


def test_open_a_story_comparison(page, base_url):
    p = page.page
    p.goto(base_url + "/stories")
    _shots(page, "stories")
    p.get_by_role("link", name="Marlow Bridge closed after engineers find cracks").click()
    p.wait_for_url(re.compile(r".*/stories/\d+$"))
    cards = p.locator(".outlet-grid > section")
    assert cards.count() == 3
    names = sorted(cards.locator("h3").all_inner_texts())
    assert names == ["Calder Gazette", "Northern Ledger", "Valley Wire"]
    assert p.locator("svg.timeline circle").count() >= 3
    silent = p.locator("section[aria-labelledby=t-silent]").inner_text()
    assert "Harbour Review" in silent
    # A number opens the list of sentences it counts.
    link = p.locator(".outlet-grid a[href^='#ev-']").first
    target = link.get_attribute("href")[1:]
    link.click()
    assert p.locator(f"details#{target}").evaluate("d => d.open")
    assert p.locator(f"details#{target} li").count() >= 1
    _shots(page, "story")
    assert page.errors == []


def test_search_and_outlet_pages(page, base_url):
    p = page.page
    p.goto(base_url + "/search")
    p.fill("#q", "bridge")
    p.select_option("#outlet", "northern-ledger")
    p.click("form.filters button")
    p.wait_for_url(re.compile(r".*/search\?.*q=bridge.*"))
    rows = p.locator("table.data tbody tr")
    assert rows.count() == 1
    assert "Chaos in Port Calder" in rows.first.inner_text()
    _shots(page, "search")
    p.goto(base_url + "/outlets")
    _shots(page, "outlets")
    p.get_by_role("link", name="Northern Ledger").first.click()
    p.wait_for_url(re.compile(r".*/outlets/northern-ledger$"))
    assert "Hana Volkova" in p.locator("section[aria-labelledby=t-voices]").inner_text()
    _shots(page, "outlet")
    assert page.errors == []


def test_hostile_article_renders_inert(page, base_url):
    p = page.page
    p.goto(base_url + "/")
    p.fill("#text", HOSTILE_TEXT)
    p.click("#analyse-button")
    p.wait_for_url(re.compile(r".*/articles/\d+$"), timeout=120_000)
    _check_inert(page)
    # Every element hovered, focused and clicked where it is not a link out: still nothing runs.
    p.evaluate("""() => { for (const el of document.querySelectorAll('main *')) {
        for (const t of ['mouseover', 'mouseenter', 'focus', 'load', 'error'])
            el.dispatchEvent(new Event(t)); } }""")
    _check_inert(page)
    text = p.locator("main").inner_text()
    assert "<script>window.__pwned = 1; alert(1)</script>" in text
    assert "<img src=x onerror=" in text and "javascript:window.__pwned=3" in text
    _shots(page, "hostile")
    # The form shows hostile input back (after an error) as text too.
    p.goto(base_url + "/")
    p.fill("#text", HOSTILE_TEXT)
    p.fill("#url", "https://example.org/")
    p.click("#analyse-button")
    p.wait_for_selector("#form-error")
    assert p.input_value("#text") == HOSTILE_TEXT.replace("\r\n", "\n")
    _check_inert(page)


def _check_inert(w: Watched) -> None:
    p = w.page
    assert p.evaluate("typeof window.__pwned") == "undefined"
    assert w.dialogs == []
    scripts = p.eval_on_selector_all("script", "els => els.map(e => e.getAttribute('src'))")
    assert scripts == ["/static/web.js"]
    assert p.locator("main img, main iframe, main object, main embed").count() == 0
    assert p.locator("main svg[onload], main [onerror], main [onmouseover], main [onfocus]"
                     ).count() == 0
    assert p.locator("a[href^='javascript:' i]").count() == 0
    # No script error and no CSP violation report ("Refused to execute …"); the form's own
    # 422 answer is the one resource error expected.
    assert [e for e in w.errors if "status of 422" not in e] == []

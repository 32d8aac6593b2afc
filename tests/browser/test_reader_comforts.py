"""The theme's optional scripts in real Chromium: the light/dark/auto toggle (remembered across
pages, applied before the first paint), copy buttons on code blocks, `#` links on headings —
and the page without JavaScript: nothing broken, no dead button."""

from __future__ import annotations

from pathlib import Path

import pytest

from blogforge.build import THEME_STATIC
from tests.browser.conftest import watch_for_problems
from tests.serve.conftest import RunningServer

CODE_POST = "/posts/code-highlighting/"
HEADINGS_POST = "/posts/tables-and-task-lists/"
# Runs before any of the page's own scripts: records the theme when <body> is first inserted,
# i.e. before anything could be painted, and the body's background once the page has loaded.
RECORD_FIRST_PAINT_THEME = """
new MutationObserver((records, observer) => {
  if (document.body) {
    window.__themeAtBody = document.documentElement.dataset.theme || "auto";
    observer.disconnect();
  }
}).observe(document, {childList: true, subtree: true});
"""
DARK_BACKGROUND = "rgb(15, 17, 21)"  # --bg of the dark palette
LIGHT_BACKGROUND = "rgb(253, 253, 252)"


def background(page) -> str:  # type: ignore[no-untyped-def]
    return page.evaluate("() => getComputedStyle(document.body).backgroundColor")


@pytest.mark.parametrize("system", ["light", "dark"])
def test_the_chosen_theme_persists_across_pages_without_a_flash(
    browser, example_server: RunningServer, system: str
) -> None:
    context = browser.new_context(color_scheme=system)
    context.add_init_script(RECORD_FIRST_PAINT_THEME)
    page = context.new_page()
    problems = watch_for_problems(page)
    try:
        page.goto(example_server.url + "/")
        toggle = page.locator(".theme-toggle")
        assert toggle.is_visible() and toggle.inner_text() == "Auto"
        assert background(page) == (DARK_BACKGROUND if system == "dark" else LIGHT_BACKGROUND)
        wanted = "light" if system == "dark" else "dark"  # the opposite of the system's
        while toggle.inner_text().lower() != wanted:
            toggle.click()
        assert background(page) == (LIGHT_BACKGROUND if wanted == "light" else DARK_BACKGROUND)
        for path in (HEADINGS_POST, "/tags/", CODE_POST):
            page.goto(example_server.url + path)
            assert page.evaluate("() => window.__themeAtBody") == wanted, path
            assert background(page) == (
                LIGHT_BACKGROUND if wanted == "light" else DARK_BACKGROUND
            ), path
            assert page.locator(".theme-toggle").inner_text().lower() == wanted
        # back to auto: the choice is forgotten and the system's preference applies again
        while page.locator(".theme-toggle").inner_text() != "Auto":
            page.locator(".theme-toggle").click()
        page.goto(example_server.url + "/")
        assert page.evaluate("() => window.__themeAtBody") == "auto"
        assert background(page) == (DARK_BACKGROUND if system == "dark" else LIGHT_BACKGROUND)
        # Script errors and missing files (a 404 is a console error) count; a request cut
        # short by the next navigation (the favicon of a page left at once) does not.
        assert [p for p in problems if not p.startswith("failed: ")] == []
    finally:
        context.close()


def test_the_copy_button_copies_the_code(browser, example_server: RunningServer) -> None:
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    try:
        page.goto(example_server.url + CODE_POST)
        blocks = page.locator(".prose pre")
        assert page.locator(".copy-code").count() == blocks.count() >= 3
        first = page.locator(".code-block").first
        first.locator(".copy-code").click()
        page.wait_for_function(
            "() => document.querySelector('.copy-code').textContent === 'Copied'"
        )
        copied = page.evaluate("() => navigator.clipboard.readText()")
        assert copied.startswith("from dataclasses import dataclass\n\n\n@dataclass(frozen=True)")
        assert copied.endswith("return max(1, round(self.words / 200))  # 200 words a minute")
    finally:
        context.close()


def test_headings_get_anchor_links(browser, example_server: RunningServer) -> None:
    page = browser.new_page()
    try:
        page.goto(example_server.url + HEADINGS_POST)
        pairs = page.evaluate(
            """() => [...document.querySelectorAll('.prose h2[id], .prose h3[id]')]
                 .filter(h => !h.classList.contains('sr-only'))
                 .map(h => [h.id, h.querySelector('a.heading-anchor')?.getAttribute('href')])"""
        )
        assert len(pairs) >= 3
        assert all(href == "#" + heading_id for heading_id, href in pairs), pairs
        page.goto(example_server.url + "/posts/demo-post-1/")
        assert page.locator("#footnote-label").count() == 1
        assert page.locator("#footnote-label .heading-anchor").count() == 0  # screen-reader-only
        assert page.locator(".prose h2 .heading-anchor").count() == 1
    finally:
        page.close()


def test_without_javascript_nothing_is_missing_or_dead(
    browser, example_server: RunningServer
) -> None:
    context = browser.new_context(java_script_enabled=False, color_scheme="dark")
    page = context.new_page()
    try:
        page.goto(example_server.url + CODE_POST)
        assert not page.locator(".theme-toggle").is_visible()  # hidden: it could not work
        assert page.locator(".copy-code, .heading-anchor").count() == 0
        assert page.locator(".prose pre").count() >= 3
        assert background(page) == DARK_BACKGROUND  # the system's preference still applies
    finally:
        context.close()


@pytest.mark.parametrize("name", ["theme-toggle.js", "copy-code.js", "heading-anchors.js"])
def test_each_script_is_under_one_kilobyte(name: str) -> None:
    assert Path(THEME_STATIC, name).stat().st_size < 1024

"""The default theme as a reader sees it: phone and desktop, light and dark, math drawn natively."""

from __future__ import annotations

import time
import urllib.request
from pathlib import Path

import pytest

from tests.browser.conftest import (
    TEXT_AND_BACKGROUND,
    contrast,
    sideways_overflow,
    watch_for_problems,
)
from tests.serve.conftest import RunningServer

VIEWPORTS = {"phone": (390, 844), "desktop": (1280, 800)}
SEARCH = "/search/?q=math"
PAGES = [
    "/posts/demo-post-1/",
    "/",
    "/posts/writing-math/",
    "/posts/tables-and-task-lists/",
    "/tags/",
    "/archive/",
    SEARCH,
]
# The search page with its results, the colours of each part of the pages the theme adds:
# (page, selectors whose text is checked against what is behind it).
CONTRAST = {
    "/archive/": [".archive-list a", ".archive-list time", ".archive-year h2 .count", ".tag"],
    SEARCH: [".search-form label", "#search-q", ".search-results a", ".search-results p"],
}
HANG_GUARD_MS = 60_000  # waits below normally end in well under a second


def wait_for_search_index(base_url: str) -> None:
    """`serve` makes the search index in the background after its first build (at a low
    priority: on a busy machine it can come after the first pages are asked for)."""
    deadline = time.monotonic() + HANG_GUARD_MS / 1000
    while True:
        try:
            with urllib.request.urlopen(f"{base_url}/pagefind/0/pagefind-entry.json", timeout=5):
                return
        except OSError:  # a 404 (HTTPError) until the index is installed
            assert time.monotonic() < deadline, "the dev server never made the search index"
            time.sleep(0.1)


def open_page(page, url: str) -> None:  # type: ignore[no-untyped-def]
    """Go to a page; the search page once the index exists and its results are shown."""
    if "?q=" in url:
        wait_for_search_index(url.split("/search/")[0])
    response = page.goto(url)
    assert response is not None and response.status == 200, url
    if "?q=" in url:
        page.wait_for_selector(".search-results li a", timeout=HANG_GUARD_MS)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_pages_render_cleanly(
    browser, example_server: RunningServer, tmp_path: Path, viewport: str, scheme: str
) -> None:
    width, height = VIEWPORTS[viewport]
    context = browser.new_context(viewport={"width": width, "height": height}, color_scheme=scheme)
    page = context.new_page()
    problems = watch_for_problems(page)
    try:
        for path in PAGES:
            open_page(page, example_server.url + path)
            overflow = sideways_overflow(page)
            assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at {width}px"
            name = path.split("?")[0].strip("/").replace("/", "_") or "home"
            page.screenshot(path=str(tmp_path / f"{name}-{viewport}-{scheme}.png"), full_page=True)
        assert problems == []
    finally:
        context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_archive_and_search_text_contrast_is_at_least_4_5(
    browser, example_server: RunningServer, scheme: str
) -> None:
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    try:
        for path, selectors in CONTRAST.items():
            open_page(page, example_server.url + path)
            for selector in selectors:
                foreground, background = page.evaluate(TEXT_AND_BACKGROUND, selector)
                ratio = contrast(foreground, background)
                assert ratio >= 4.5, (
                    f"{path} {selector}: {foreground} on {background} is {ratio:.2f}:1"
                )
    finally:
        context.close()


def test_math_is_drawn_by_the_browser_without_javascript(
    browser, example_server: RunningServer
) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(example_server.url + "/posts/demo-post-1/")
        boxes = page.evaluate(
            """() => [...document.querySelectorAll('math')].map(m => {
                 const r = m.getBoundingClientRect();
                 return {display: m.getAttribute('display'), width: r.width, height: r.height};
               })"""
        )
        assert len(boxes) == 4
        assert all(box["width"] > 5 and box["height"] > 5 for box in boxes), boxes
        displays = [box for box in boxes if box["display"] == "block"]
        assert len(displays) == 2
        # a display formula is laid out as a block: taller than a line of inline math
        inline_height = max(box["height"] for box in boxes if box["display"] != "block")
        assert max(box["height"] for box in displays) > inline_height * 1.5
    finally:
        context.close()


def test_hero_image_loads_with_its_true_size(browser, example_server: RunningServer) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    try:
        page.goto(example_server.url + "/posts/demo-post-1/")
        natural = page.evaluate(
            "() => { const i = document.querySelector('.hero img');"
            " return [i.complete, i.naturalWidth, i.getAttribute('width')]; }"
        )
        assert natural[0] is True and natural[1] > 0, natural
        css = page.evaluate("() => getComputedStyle(document.querySelector('.sr-only')).position")
        assert css == "absolute"  # the footnotes heading is for screen readers only
    finally:
        page.close()

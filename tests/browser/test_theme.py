"""The default theme as a reader sees it: phone and desktop, light and dark, math drawn natively."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser.conftest import sideways_overflow, watch_for_problems
from tests.serve.conftest import RunningServer

VIEWPORTS = {"phone": (390, 844), "desktop": (1280, 800)}
PAGES = [
    "/posts/demo-post-1/",
    "/",
    "/posts/writing-math/",
    "/posts/tables-and-task-lists/",
    "/tags/",
]


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
            response = page.goto(example_server.url + path)
            assert response is not None and response.status == 200, path
            overflow = sideways_overflow(page)
            assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at {width}px"
            name = path.strip("/").replace("/", "_") or "home"
            page.screenshot(path=str(tmp_path / f"{name}-{viewport}-{scheme}.png"), full_page=True)
        assert problems == []
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

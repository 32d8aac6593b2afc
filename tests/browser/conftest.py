"""Real headless Chromium (Debian's /usr/bin/chromium) driven by Playwright's Python package.

Without Chromium these tests skip, unless BLOGFORGE_REQUIRE_BROWSER=1 (CI sets it): then a
missing browser is a failure, so a green CI always means the browser tests ran.
"""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tests.serve.conftest import RunningServer, running_server, serving  # noqa: F401 - a fixture
from tests.site_build.helpers import copy_example_site

CHROMIUM = Path("/usr/bin/chromium")
LIVE_RELOAD_STREAM = "/__blogforge/events"
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def chromium_missing_reason() -> str | None:
    if not CHROMIUM.exists():
        return f"Chromium is not installed at {CHROMIUM} (apt-get install chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright's Python package is not installed (pip install -e '.[test]')"
    return None


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serving_folder(folder: Path) -> Iterator[str]:
    """`folder` served by a plain static file server, as a host serves `dist/`, on a free
    loopback port: its origin (`http://127.0.0.1:PORT`, no trailing slash)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(QuietHandler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


# An element's text colour and the first opaque background colour behind it, for `contrast`.
TEXT_AND_BACKGROUND = """(selector) => {
  const element = document.querySelector(selector);
  let behind = element, color = 'rgba(0, 0, 0, 0)';
  while (behind && color === 'rgba(0, 0, 0, 0)') {
    color = getComputedStyle(behind).backgroundColor; behind = behind.parentElement;
  }
  return [getComputedStyle(element).color, color];
}"""


def watch_for_problems(page) -> list[str]:  # type: ignore[no-untyped-def]
    """Console errors, uncaught page errors and failed requests of a page, as they happen.

    Two failures are the browser's own doing, not the site's: the dev server's live-reload
    stream, cut by every navigation by design, and a request the browser abandoned
    (`net::ERR_ABORTED`: its page was navigated away from, as a favicon still loading when a
    test moved on, seen once under a CPU burner). A missing file is a 404 response, a server
    that hangs up is `ERR_EMPTY_RESPONSE` or `ERR_CONNECTION_RESET`: those still count.
    """
    problems: list[str] = []

    def request_failed(request) -> None:  # type: ignore[no-untyped-def]
        if request.failure == "net::ERR_ABORTED" or request.url.endswith(LIVE_RELOAD_STREAM):
            return
        problems.append(f"failed: {request.url} ({request.failure})")

    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("requestfailed", request_failed)
    return problems


def contrast(first: str, second: str) -> float:
    """WCAG 2 contrast ratio of two `rgb(r, g, b)` colours."""

    def luminance(css: str) -> float:
        channels = [float(x) / 255 for x in css[css.index("(") + 1 : css.index(")")].split(",")[:3]]
        linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def sideways_overflow(page) -> int:  # type: ignore[no-untyped-def]
    """How many pixels the page scrolls sideways (0 when it fits its viewport)."""
    return page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    reason = chromium_missing_reason()
    if reason:
        if os.environ.get("BLOGFORGE_REQUIRE_BROWSER") == "1":
            pytest.fail(reason + "; BLOGFORGE_REQUIRE_BROWSER=1 requires it")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        yield instance
        instance.close()


@pytest.fixture(scope="module")
def example_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningServer]:
    """`blogforge serve` on a copy of the repository's example blog."""
    root = copy_example_site(tmp_path_factory.mktemp("example"))
    with serving(root, start_timeout=120) as running:
        yield running
    shutil.rmtree(root, ignore_errors=True)

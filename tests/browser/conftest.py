"""Real headless Chromium (Debian's /usr/bin/chromium) driven by Playwright's Python package.

Without Chromium these tests skip, unless BLOGFORGE_REQUIRE_BROWSER=1 (CI sets it): then a
missing browser is a failure, so a green CI always means the browser tests ran.
"""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from blogforge.serve import ServeOptions, serve
from tests.serve.conftest import RunningServer, running_server  # noqa: F401 - a fixture
from tests.site_build.helpers import copy_example_site

CHROMIUM = Path("/usr/bin/chromium")
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
    ready = threading.Event()
    started: list = []

    def on_ready(server, state) -> None:  # type: ignore[no-untyped-def]
        started.append((server, state))
        ready.set()

    options = ServeOptions(root=root.resolve(), port=0, quiet=True)
    thread = threading.Thread(target=serve, args=(options, on_ready), daemon=True)
    thread.start()
    assert ready.wait(120), "the dev server did not start"
    server, state = started[0]
    port = server.server_address[1]
    yield RunningServer(root, f"http://127.0.0.1:{port}", port, server, state)
    server.shutdown()
    thread.join(timeout=10)
    shutil.rmtree(root, ignore_errors=True)

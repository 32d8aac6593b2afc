"""Search in `blogforge serve`, in real Chromium: the index is made in the background after the
first build, and a word added to a post by a save is found once the index follows it."""

from __future__ import annotations

import time

from playwright.sync_api import Error as PlaywrightError

from tests.browser.conftest import watch_for_problems
from tests.serve.conftest import serving
from tests.site_build.helpers import post_text, write_site

# Generous: Pagefind runs at a low priority on a machine that may be busy with other work.
HANG_GUARD_SECONDS = 120


def results_for(page, url: str, query: str) -> list[str]:  # type: ignore[no-untyped-def]
    """The titles the search page lists for `query` once it answered (or said it cannot)."""
    page.goto(f"{url}/search/?q={query}")
    page.wait_for_function(  # "N results", or the index could not be loaded (not made yet)
        "() => /result|not available/.test(document.querySelector('.search-status').innerText)",
        timeout=HANG_GUARD_SECONDS * 1000,
    )
    return page.locator(".search-results a").all_inner_texts()


def poll(page, url: str, query: str, wanted: str) -> list[str]:  # type: ignore[no-untyped-def]
    """The search page's results once they hold `wanted`, asked again until the hang guard."""
    deadline = time.monotonic() + HANG_GUARD_SECONDS
    found = attempt(page, url, query)
    while wanted not in found and time.monotonic() < deadline:
        time.sleep(0.25)
        found = attempt(page, url, query)
    return found


def attempt(page, url: str, query: str) -> list[str]:  # type: ignore[no-untyped-def]
    """One search, or no results when the dev server's live reload (the save's rebuild) cut
    the page's navigation short (`net::ERR_ABORTED`, seen on a loaded machine): asked again."""
    try:
        return results_for(page, url, query)
    except PlaywrightError:
        return []


def test_a_saved_word_is_found_once_the_index_follows(browser, tmp_path) -> None:  # type: ignore[no-untyped-def]
    files = {
        "content/posts/gardening.md": post_text("Gardening", body="Tomatoes need sunshine."),
        "content/posts/kites.md": post_text("Kites", "2023-05-01", body="Wind lifts the kite."),
    }
    root = write_site(tmp_path, files, 'title = "T"\nsite = "http://x"\nsearch = true\n')
    with serving(root) as running:
        page = browser.new_page()
        try:
            assert poll(page, running.url, "sunshine", "Gardening") == ["Gardening"]
            assert results_for(page, running.url, "zeppelin") == []
            kites = root / "content/posts/kites.md"
            kites.write_text(
                post_text("Kites", "2023-05-01", body="Wind lifts the kite and a zeppelin."),
                "utf-8",
            )
            assert poll(page, running.url, "zeppelin", "Kites") == ["Kites"]
            fresh = browser.new_page()  # no search left half-loaded by a navigation
            problems = watch_for_problems(fresh)
            assert results_for(fresh, running.url, "sunshine") == ["Gardening"]  # still there
            assert fresh.query_selector(".blogforge-error-message") is None
            assert problems == []
            fresh.close()
        finally:
            page.close()

"""`blogforge serve` in a real browser: edits show up by themselves, errors show in the page."""

from __future__ import annotations

from tests.serve.conftest import POST, RunningServer


def test_edit_reload_error_overlay_and_recovery(browser, running_server: RunningServer) -> None:
    page = browser.new_page()
    post = running_server.root / "content/posts/live.md"
    try:
        page.goto(running_server.url + "/posts/live/")
        page.wait_for_function("() => document.body.innerText.includes('The first version')")
        page.evaluate("() => { window.__sameDocument = true; }")

        post.write_text(POST.replace("The first version", "The second version"), "utf-8")
        page.wait_for_function(
            "() => document.body.innerText.includes('The second version')", timeout=15000
        )
        # the same document: the theme's page is swapped in place (test_live_swap.py)
        assert page.evaluate("() => window.__sameDocument === true")

        post.write_text("---\ntitle: [broken\npubDate: 2024-05-01\n---\nBody\n", "utf-8")
        overlay = page.wait_for_selector(".blogforge-error-message", timeout=15000)
        assert "content/posts/live.md" in overlay.inner_text()
        # the last good build is still what the server serves
        assert "The second version" in page.evaluate("() => document.body.innerText")

        post.write_text(POST.replace("The first version", "The third version"), "utf-8")
        page.wait_for_function(
            "() => document.body.innerText.includes('The third version')", timeout=15000
        )
        assert page.query_selector(".blogforge-error-message") is None
    finally:
        page.close()

"""`blogforge serve` swaps a rebuilt page in place when nothing could tell it from a reload: the
same document, its scroll position kept, the theme's scripts run again on the new body; a page
with a script the dev server cannot run again is reloaded instead."""

from __future__ import annotations

from pathlib import Path

from tests.browser.conftest import watch_for_problems
from tests.serve.conftest import serving
from tests.site_build.helpers import post_text, write_site

FAVICON = {"static/favicon.svg": '<svg xmlns="http://www.w3.org/2000/svg"/>'}  # else /favicon.ico
HANG_GUARD_MS = 60_000  # each wait below normally ends in well under a second
BODY = """Intro {word}.

## A section

```python
print("hello")
```

{filler}
"""
FILLER = "\n\n".join(f"Paragraph {n} of enough text to scroll the page." for n in range(80))
# The theme's three scripts, run again on the new body: each has left its mark (they run one
# after another, so waiting for one alone raced the next on a loaded machine).
RERUN_DONE = """() => document.querySelector(".prose .copy-code") !== null
  && document.querySelector(".prose h2 .heading-anchor") !== null
  && !document.querySelector(".theme-toggle").hidden"""
ENHANCED = """() => ({
  anchors: document.querySelectorAll(".prose h2 .heading-anchor").length,
  copies: document.querySelectorAll(".prose .copy-code").length,
  toggle: !document.querySelector(".theme-toggle").hidden,
  scrolled: window.scrollY,
  same: window.__sameDocument === true,
})"""


def write_post(root: Path, word: str) -> None:
    body = BODY.format(word=word, filler=FILLER)
    (root / "content/posts").mkdir(parents=True, exist_ok=True)
    (root / "content/posts/swap.md").write_text(post_text("Swap", body=body), "utf-8")


def saved_and_shown(page, root: Path, word: str) -> None:  # type: ignore[no-untyped-def]
    write_post(root, word)
    page.wait_for_function(
        "w => document.body.innerText.includes('Intro ' + w)", arg=word, timeout=HANG_GUARD_MS
    )


def test_a_saved_post_is_swapped_in_place_with_the_theme_scripts_run_again(
    browser, tmp_path: Path
) -> None:
    root = write_site(tmp_path, FAVICON, 'title = "T"\nsite = "http://x"\n')
    write_post(root, "first")
    with serving(root) as running:
        page = browser.new_page(viewport={"width": 1280, "height": 600})
        page.context.grant_permissions(["clipboard-read", "clipboard-write"])
        problems = watch_for_problems(page)
        try:
            page.goto(running.url + "/posts/swap/")
            page.evaluate("() => { window.__sameDocument = true; window.scrollTo(0, 400); }")
            saved_and_shown(page, root, "second")
            page.wait_for_function(RERUN_DONE, timeout=HANG_GUARD_MS)
            after = page.evaluate(ENHANCED)
            assert after == {
                "anchors": 1,
                "copies": 1,
                "toggle": True,
                "scrolled": 400,
                "same": True,
            }
            page.click(".theme-toggle")  # the new body's button works
            assert page.evaluate("() => document.documentElement.dataset.theme") == "light"
            saved_and_shown(page, root, "third")  # and again: nothing added twice
            page.wait_for_function(RERUN_DONE, timeout=HANG_GUARD_MS)
            again = page.evaluate(ENHANCED)
            assert (again["anchors"], again["copies"], again["same"]) == (1, 1, True)
            assert problems == []
        finally:
            page.close()


def test_a_page_with_a_script_of_its_own_is_reloaded(browser, tmp_path: Path) -> None:
    layout = (
        '{% extends "base.html" %}{% block main %}<article class="prose">{{ content }}'
        "</article><script>window.__runs = (window.__runs || 0) + 1;</script>{% endblock %}"
    )
    root = write_site(
        tmp_path, {**FAVICON, "layouts/post.html": layout}, 'title = "T"\nsite = "http://x"\n'
    )
    write_post(root, "first")
    with serving(root) as running:
        page = browser.new_page()
        try:
            page.goto(running.url + "/posts/swap/")
            page.evaluate("() => { window.__sameDocument = true; }")
            saved_and_shown(page, root, "second")
            page.wait_for_function("() => window.__runs === 1", timeout=HANG_GUARD_MS)
            assert page.evaluate("() => window.__sameDocument === undefined")  # reloaded
        finally:
            page.close()

"""Search in real Chromium over a real build served as static files: type a word, see the post,
open it — with the keyboard only; without JavaScript the page says so and links the archive."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from blogforge.site.search_page import shards_of
from tests.browser.conftest import serving_folder, watch_for_problems
from tests.site_build.helpers import post_text, run_build, write_site
from tests.site_build.test_search import many_posts, own_word

FILES = {
    "content/posts/gardening.md": post_text("Gardening", body="Tomatoes need sunshine."),
    "content/posts/kites.md": post_text("Kites", "2023-05-01", body="Wind lifts the kite."),
    "content/pages/about.md": "---\ntitle: About\n---\nA blog about hobbies.\n",
    "static/favicon.svg": '<svg xmlns="http://www.w3.org/2000/svg"/>',  # the theme links it
}


@pytest.fixture(scope="module")
def static_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The built site under /blog/ (a base path), served by a plain static file server."""
    root = write_site(
        tmp_path_factory.mktemp("search"),
        FILES,
        'title = "T"\nsite = "http://x"\nbase = "/blog/"\nsearch = true\n',
    )
    assert run_build(root, "--quiet") == 0
    served = root / "public"
    served.mkdir()
    (root / "dist").rename(served / "blog")
    with serving_folder(served) as origin:
        yield f"{origin}/blog/"


def test_type_a_word_see_the_post_and_open_it_with_the_keyboard(browser, static_site: str) -> None:
    page = browser.new_page()
    problems = watch_for_problems(page)
    try:
        page.goto(static_site)
        page.get_by_role("link", name="Search").focus()
        page.keyboard.press("Enter")
        page.wait_for_url("**/blog/search/")
        assert page.evaluate("() => document.activeElement.name") == "q"  # autofocus
        page.keyboard.type("sunshine")
        result = page.locator(".search-results a").first
        result.wait_for()
        assert result.inner_text() == "Gardening"
        assert page.locator(".search-results a").count() == 1
        assert page.locator(".search-results mark").first.inner_text().startswith("sunshine")
        assert page.locator(".search-status").inner_text() == "1 result"
        assert page.url.endswith("/blog/search/?q=sunshine")
        page.keyboard.press("Tab")
        page.keyboard.press("Enter")
        page.wait_for_url("**/blog/posts/gardening/")
        assert page.locator("h1").inner_text() == "Gardening"
        assert problems == []
    finally:
        page.close()


def test_a_search_link_with_a_query_shows_its_results(browser, static_site: str) -> None:
    page = browser.new_page()
    try:
        page.goto(static_site + "search/?q=hobbies")
        page.locator(".search-results a").first.wait_for()
        assert page.locator(".search-results a").all_inner_texts() == ["About"]
    finally:
        page.close()


def test_without_javascript_the_search_page_points_to_the_archive(
    browser, static_site: str
) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(static_site)
        page.get_by_role("link", name="Search").click()
        page.wait_for_url("**/blog/search/")
        status = page.locator(".search-status")
        assert "needs JavaScript" in status.inner_text()
        status.get_by_role("link", name="archive").click()
        page.wait_for_url("**/blog/archive/")
        assert page.locator("h1").inner_text() == "Archive"
    finally:
        context.close()


def test_every_shard_of_a_large_blog_is_searched(browser, tmp_path: Path) -> None:
    """150 posts make two index shards: a word of a post in either is found, the first
    shard's bundle having merged the other's."""
    files = {**many_posts(150), "static/favicon.svg": FILES["static/favicon.svg"]}
    root = write_site(tmp_path, files, 'title = "T"\nsite = "http://x"\nsearch = true\n')
    assert run_build(root, "--quiet") == 0
    shards = shards_of([f"posts/p{n}/index.html" for n in range(150)])
    assert list(shards) == [0, 1]
    picks = [int(files[0].split("/")[1][1:]) for files in shards.values()]  # one post of each
    with serving_folder(root / "dist") as origin:
        page = browser.new_page()
        problems = watch_for_problems(page)
        try:
            for number in picks:
                page.goto(f"{origin}/search/?q={own_word(number)}")
                page.wait_for_function(
                    "() => /result/.test(document.querySelector('.search-status').innerText)"
                )
                assert page.locator(".search-results a").all_inner_texts() == [f"Post {number}"]
            assert problems == []
        finally:
            page.close()

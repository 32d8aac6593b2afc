"""The search index through real builds: what Pagefind indexed, that it is redone only when a
page changed, the search page and its versioned bundle URL, and `search = false`."""

from __future__ import annotations

import json
from pathlib import Path

from blogforge.build import build
from blogforge.config import load_config
from blogforge.site.search_page import pagefind_version
from tests.site_build.helpers import parse_html, post_text, run_build, write_site

FILES = {
    "content/posts/gardening.md": post_text("Gardening", body="Tomatoes need sunshine."),
    "content/posts/kites.md": post_text("Kites", "2023-05-01", body="Wind lifts the kite."),
    "content/pages/about.md": "---\ntitle: About\n---\nA blog about hobbies.\n",
    "static/robots-note.txt": "hello",
}


def entry(root: Path) -> dict:
    return json.loads((root / "dist/pagefind/pagefind-entry.json").read_text())


def test_posts_and_pages_are_indexed_and_the_search_page_links_the_bundle(tmp_path: Path) -> None:
    settings = 'title = "T"\nsite = "https://x.org"\nbase = "/blog/"\nsearch = true\n'
    root = write_site(tmp_path, FILES, settings)
    assert run_build(root, "--quiet") == 0
    (language,) = entry(root)["languages"].values()
    assert language["page_count"] == 3  # two posts and the page, not the lists or the archive
    assert (root / "dist/pagefind/pagefind.js").is_file()
    assert list((root / "dist/pagefind/fragment").iterdir())
    assert not list((root / "dist/pagefind").glob("pagefind-ui.*"))  # the theme has its own
    search = parse_html(root / "dist/search/index.html")
    form = search.find("form", role="search")
    assert form.attrs["data-pagefind"] == f"/blog/pagefind/pagefind.js?v={pagefind_version()}"
    assert search.find("input", type="search").attrs["name"] == "q"
    menu = parse_html(root / "dist/index.html").find("header").find("ul")
    assert ("Search", "/blog/search/") in [(a.text(), a.attrs["href"]) for a in menu.iter("a")]


def test_the_index_is_made_again_only_when_a_page_changed(tmp_path: Path) -> None:
    root = write_site(tmp_path, FILES, 'title = "T"\nsite = "https://x.org"\nsearch = true\n')
    config = load_config(root)
    assert build(config).ok
    bundle = root / "dist/pagefind/pagefind-entry.json"
    first = bundle.stat().st_ino
    (root / "static/robots-note.txt").write_text("changed")  # no page changes
    again = build(config)
    assert again.ok and not again.up_to_date and "search" in again.timings
    assert bundle.stat().st_ino == first  # kept from the last build, not written
    post = root / "content/posts/kites.md"
    post.write_text(post_text("Kites", "2023-05-01", body="Wind lifts the kite. Strings!"))
    third = build(config)
    assert third.ok
    assert bundle.stat().st_ino != first
    untouched = build(config)
    assert untouched.up_to_date and "search" not in untouched.timings


def test_search_is_off_unless_asked_for_no_index_page_or_link(tmp_path: Path) -> None:
    root = write_site(tmp_path, FILES)  # search is off unless asked for
    assert run_build(root, "--quiet") == 0
    assert not (root / "dist/pagefind").exists()
    assert not (root / "dist/search").exists()
    menu = parse_html(root / "dist/index.html").find("header").find("ul")
    assert "Search" not in [a.text() for a in menu.iter("a")]

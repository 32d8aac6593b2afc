"""The search index through real builds: what Pagefind indexed, that it is redone only when a
page changed, the search page and its versioned bundle URL, and `search = false`."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from blogforge.build import build
from blogforge.config import load_config
from blogforge.site.search_page import pagefind_version
from tests.site_build.helpers import parse_html, post_text, run_build, snapshot, write_site
from tests.site_build.test_incremental import clean_build

FILES = {
    "content/posts/gardening.md": post_text("Gardening", body="Tomatoes need sunshine."),
    "content/posts/kites.md": post_text("Kites", "2023-05-01", body="Wind lifts the kite."),
    "content/pages/about.md": "---\ntitle: About\n---\nA blog about hobbies.\n",
    "static/robots-note.txt": "hello",
}


def entry(root: Path) -> dict:
    return json.loads((root / "dist/pagefind/0/pagefind-entry.json").read_text())


def test_posts_and_pages_are_indexed_and_the_search_page_links_the_bundle(tmp_path: Path) -> None:
    settings = 'title = "T"\nsite = "https://x.org"\nbase = "/blog/"\nsearch = true\n'
    root = write_site(tmp_path, FILES, settings)
    assert run_build(root, "--quiet") == 0
    (language,) = entry(root)["languages"].values()
    assert language["page_count"] == 3  # two posts and the page, not the lists or the archive
    assert (root / "dist/pagefind/0/pagefind.js").is_file()
    assert list((root / "dist/pagefind/0/fragment").iterdir())
    assert not list((root / "dist/pagefind").rglob("pagefind-ui.*"))  # the theme has its own
    search = parse_html(root / "dist/search/index.html")
    form = search.find("form", role="search")
    assert form.attrs["data-pagefind"] == f"/blog/pagefind/0/pagefind.js?v={pagefind_version()}"
    assert search.find("input", type="search").attrs["name"] == "q"
    menu = parse_html(root / "dist/index.html").find("header").find("ul")
    assert ("Search", "/blog/search/") in [(a.text(), a.attrs["href"]) for a in menu.iter("a")]


def indexed_text(root: Path) -> str:
    """Every page's text as Pagefind stored it (its fragments: gzip, a signature, JSON)."""
    fragments = sorted((root / "dist/pagefind").glob("*/fragment/*.pf_fragment"))
    texts = []
    for fragment in fragments:
        data = gzip.decompress(fragment.read_bytes())
        texts.append(json.loads(data[data.index(b"{") :])["content"])
    return "\n".join(texts)


def test_a_formula_is_indexed_by_its_text_not_its_tex_source(tmp_path: Path) -> None:
    body = "Euler wrote $e^{i\\pi} + 1 = 0$ and $$\\frac{a}{b}$$ beside it.\n"
    files = {"content/posts/euler.md": post_text("Euler", body=body)}
    root = write_site(tmp_path, files, 'title = "T"\nsite = "https://x.org"\nsearch = true\n')
    assert run_build(root, "--quiet") == 0
    assert "\\frac" in (root / "dist/posts/euler/index.html").read_text()  # in the page
    text = indexed_text(root)
    assert "Euler wrote" in text and "beside it" in text
    assert "π" in text  # the formula's MathML text
    assert "\\frac" not in text and "\\pi" not in text and "i\\pi" not in text


def test_the_index_is_made_again_only_when_a_page_changed(tmp_path: Path) -> None:
    root = write_site(tmp_path, FILES, 'title = "T"\nsite = "https://x.org"\nsearch = true\n')
    config = load_config(root)
    assert build(config).ok
    bundle = root / "dist/pagefind/0/pagefind-entry.json"
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


def own_word(number: int) -> str:
    """A word only post `number` has, and no other's starts with (Pagefind matches prefixes;
    digits would be split off): 12 -> "zqbcx"."""
    return "zq" + "".join("abcdefghij"[int(digit)] for digit in str(number)) + "x"


def many_posts(count: int) -> dict[str, str]:
    """`count` posts, each with a word of its own (`own_word`)."""
    return {
        f"content/posts/p{n}.md": post_text(f"Post {n}", body=f"Common text, {own_word(n)}.")
        for n in range(count)
    }


def shard_entries(root: Path) -> dict[str, int]:
    """Each shard folder's page count, as its Pagefind entry file says."""
    counts = {}
    for path in sorted((root / "dist/pagefind").glob("*/pagefind-entry.json")):
        (language,) = json.loads(path.read_text())["languages"].values()
        counts[path.parent.name] = language["page_count"]
    return counts


def test_a_large_blog_is_indexed_in_shards_and_an_edit_redoes_one(tmp_path: Path) -> None:
    """150 posts: two shards (100 pages a shard at most, a power of two of them), every post in
    exactly one; the search page loads the first and merges the other; editing one post
    re-indexes its shard only, and the result equals a clean build's index."""
    root = write_site(tmp_path / "site", many_posts(150), 'title = "T"\nsearch = true\n')
    config = load_config(root)
    assert build(config).ok
    counts = shard_entries(root)
    assert list(counts) == ["0", "1"] and sum(counts.values()) == 150
    assert max(counts.values()) < 100  # a hash spreads them: neither has nearly all
    assert (root / "dist/pagefind/0/pagefind.js").is_file()
    assert not list((root / "dist/pagefind/1").glob("wasm.*"))  # the first shard's is shared
    form = parse_html(root / "dist/search/index.html").find("form", role="search")
    assert form.attrs["data-pagefind"] == f"/pagefind/0/pagefind.js?v={pagefind_version()}"
    assert form.attrs["data-pagefind-shards"] == "/pagefind/1/"

    def inodes() -> dict[str, int]:
        folder = root / "dist/pagefind"
        return {p.relative_to(folder).as_posix(): p.stat().st_ino for p in folder.rglob("*.*")}

    before = inodes()
    (root / "content/posts/p7.md").write_text(post_text("Post 7", body="Edited: zeppelins."))
    assert build(config).ok
    after = inodes()
    changed = {name.split("/")[0] for name in set(before) ^ set(after)}
    changed |= {n.split("/")[0] for n in before.keys() & after.keys() if before[n] != after[n]}
    assert len(changed) == 1  # one shard's files are new, the other's kept
    assert snapshot(root / "dist") == clean_build(root, tmp_path)


def test_a_pagefind_that_cannot_run_fails_the_build_and_keeps_dist(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root = write_site(tmp_path / "site", FILES, 'title = "T"\nsearch = true\n')
    assert run_build(root, "--quiet") == 0
    before = snapshot(root / "dist")
    (root / "content/posts/kites.md").write_text(post_text("Kites", body="Edited."))
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(tmp_path / "no-such-pagefind"))
    assert run_build(root, "--quiet") == 1
    assert "blogforge.toml: search: the search index could not be made" in capsys.readouterr().err
    assert snapshot(root / "dist") == before

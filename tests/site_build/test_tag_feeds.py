"""`tag_feeds = true`: an RSS feed per tag beside its page, linked from it, through real builds."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from blogforge.build import build
from blogforge.check.site_check import check_site
from blogforge.cli import main
from blogforge.config import load_config
from tests.site_build.helpers import parse_html, post_text, write_site

FILES = {
    "content/posts/a.md": post_text("Alpha", "2022-09-10", "First [b](../b/).", tags='["py"]'),
    "content/posts/b.md": post_text("Beta", "2022-09-12", tags='["py", "Web Dev"]'),
    "content/posts/c.md": post_text("Gamma", "2022-09-14", tags='["web dev"]'),
}
CONFIG = 'title = "T"\nsite = "https://x.org"\nbase = "/blog/"\ntag_feeds = true\n'


def items(feed: Path) -> list[str]:
    channel = ET.fromstring(feed.read_bytes()).find("channel")
    assert channel is not None
    return [item.findtext("title") or "" for item in channel.iter("item")]


def test_each_tag_has_its_feed_linked_from_its_page(tmp_path: Path) -> None:
    root = write_site(tmp_path, FILES, CONFIG)
    assert build(load_config(root)).ok
    dist = root / "dist"
    assert items(dist / "tags/py/rss.xml") == ["Beta", "Alpha"]  # newest first
    channel = ET.fromstring((dist / "tags/py/rss.xml").read_bytes()).find("channel")
    assert channel is not None
    assert channel.findtext("title") == "T: py"
    assert channel.findtext("link") == "https://x.org/blog/tags/py/"
    encoded = "{http://purl.org/rss/1.0/modules/content/}encoded"
    by_title = {item.findtext("title"): item for item in channel.iter("item")}
    assert by_title["Beta"].findtext("link") == "https://x.org/blog/posts/b/"
    alpha = by_title["Alpha"].findtext(encoded) or ""  # full content, links made absolute
    assert '<a href="https://x.org/blog/posts/b/">b</a>' in alpha
    page = parse_html(dist / "tags/py/index.html")
    alternates = [
        (link.attrs.get("title"), link.attrs.get("href"))
        for link in page.find_all("link", rel="alternate", type="application/rss+xml")
    ]
    assert ("T: py", "/blog/tags/py/rss.xml") in alternates
    assert ("T", "/blog/rss.xml") in alternates  # the site's feed stays
    visible = [a.attrs.get("href") for a in page.iter("a") if a.text() == "RSS feed"]
    assert "/blog/tags/py/rss.xml" in visible
    report = check_site(dist, base="/blog/", site="https://x.org")
    assert report.ok, [p.format() for p in report.problems]


def test_off_by_default_and_without_a_site(tmp_path: Path) -> None:
    root = write_site(tmp_path / "off", FILES, 'title = "T"\nsite = "https://x.org"\n')
    assert build(load_config(root)).ok
    assert not list((root / "dist/tags").rglob("rss.xml"))
    assert "tags/py/rss.xml" not in (root / "dist/tags/py/index.html").read_text("utf-8")
    root = write_site(tmp_path / "nosite", FILES, 'title = "T"\ntag_feeds = true\n')
    assert build(load_config(root)).ok
    assert not list((root / "dist/tags").rglob("rss.xml"))
    assert "rss.xml" not in (root / "dist/tags/py/index.html").read_text("utf-8")


def test_a_tag_feed_changes_only_with_its_posts(tmp_path: Path) -> None:
    root = write_site(tmp_path, FILES, CONFIG)
    config = load_config(root)
    assert build(config).ok
    py_feed, web_feed = root / "dist/tags/py/rss.xml", root / "dist/tags/web-dev/rss.xml"
    web_before = web_feed.read_bytes()
    (root / "content/posts/a.md").write_text(
        post_text("Alpha renamed", "2022-09-10", tags='["py"]'), encoding="utf-8"
    )
    result = build(config)
    assert result.ok
    assert items(py_feed) == ["Beta", "Alpha renamed"]
    assert web_feed.read_bytes() == web_before
    clean = write_site(tmp_path / "clean", {}, CONFIG)
    for name in ("a", "b", "c"):
        source = root / f"content/posts/{name}.md"
        (clean / "content/posts").mkdir(parents=True, exist_ok=True)
        (clean / f"content/posts/{name}.md").write_bytes(source.read_bytes())
    assert build(load_config(clean), use_cache=False).ok
    assert py_feed.read_bytes() == (clean / "dist/tags/py/rss.xml").read_bytes()


def test_routes_lists_the_tag_feeds(tmp_path: Path, capsys) -> None:
    root = write_site(tmp_path, FILES, CONFIG)
    capsys.readouterr()
    assert main(["routes", "--root", str(root)]) == 0
    lines = [line.split() for line in capsys.readouterr().out.splitlines()]
    assert ["/tags/{tag}/rss.xml", "blogforge.toml", "tag", "feeds", "2", "files"] in lines


def test_check_follows_the_tag_feeds_links(tmp_path: Path) -> None:
    root = write_site(tmp_path, FILES, CONFIG)
    assert build(load_config(root)).ok
    (root / "dist/posts/a/index.html").unlink()
    report = check_site(root / "dist", base="/blog/", site="https://x.org")
    broken = {(p.file, p.link) for p in report.problems}
    assert ("tags/py/rss.xml", "https://x.org/blog/posts/a/") in broken

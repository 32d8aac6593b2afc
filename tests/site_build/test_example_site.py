"""Whole-site test: build the repository's own example blog and check what a visitor would get."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import UTC
from email.utils import format_datetime
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from PIL import Image

from blogforge.config import load_config
from blogforge.content.model import Post
from blogforge.content.posts import load_posts
from tests.site_build.helpers import copy_example_site, parse_html, run_build


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_example_site(tmp_path_factory.mktemp("example"))
    assert run_build(root, "--quiet") == 0
    return root


@pytest.fixture(scope="module")
def posts(built: Path) -> list[Post]:
    found, diagnostics = load_posts(load_config(built))
    assert diagnostics.ok
    return found


def dist_file(root: Path, url_path: str) -> Path:
    path = unquote(url_path).strip("/")
    return root / "dist" / path / "index.html" if path else root / "dist" / "index.html"


def test_every_published_post_has_a_page_and_drafts_do_not(built: Path, posts: list[Post]) -> None:
    assert len(posts) >= 6
    drafts = [p for p in posts if p.draft]
    assert drafts, "the example site shows a draft"
    for post in posts:
        page = built / "dist" / post.source.collection / post.slug / "index.html"
        assert page.exists() != post.draft, post.source.rel_path
    seed = parse_html(built / "dist/posts/demo-post-1/index.html")
    assert seed.find("h2", id="2--squeeze-and-excitation-blocks-seblocks") is not None
    formulas = list(seed.iter("math"))
    assert len(formulas) == 4  # two display formulas, $M$ and $x^2$
    assert sum(1 for f in formulas if f.attrs.get("display") == "block") == 2
    assert seed.find("section", **{"class": "footnotes"}) is not None
    assert seed.find("a", href="#user-content-fn-1") is not None


def test_index_pagination_and_tag_pages(built: Path, posts: list[Post]) -> None:
    published = [p for p in posts if not p.draft]
    home = parse_html(built / "dist/index.html")
    home_links = {a.attrs.get("href") for a in home.iter("a")}
    newest = max(published, key=lambda p: p.pub_date)
    assert f"/posts/{newest.slug}/" in home_links
    assert (built / "dist/posts/index.html").exists()
    tags = {t for p in published for t in p.tags}
    assert "CNN" in tags
    assert (built / "dist/tags/cnn/index.html").exists()
    tag_index = parse_html(built / "dist/tags/index.html")
    tag_links = {a.attrs.get("href") for a in tag_index.iter("a")}
    from blogforge.site.routes import tag_slug

    for tag in tags:
        assert f"/tags/{tag_slug(tag)}/" in tag_links, tag
        assert (built / "dist/tags" / tag_slug(tag) / "index.html").exists(), tag
    assert (built / "dist/404.html").exists()


def test_rss_items_have_rfc822_dates_and_absolute_links(built: Path, posts: list[Post]) -> None:
    config = load_config(built)
    rss = ET.parse(built / "dist/rss.xml").getroot()
    items = rss.findall("./channel/item")
    published = sorted((p for p in posts if not p.draft), key=lambda p: p.pub_date, reverse=True)
    assert len(items) == len(published)
    by_link = {i.findtext("link"): i for i in items}
    for post in published:
        link = f"{config.site}/posts/{post.slug}/"
        item = by_link[link]
        assert item.findtext("title") == post.title
        expected = format_datetime(post.pub_date.astimezone(UTC), usegmt=True)
        assert item.findtext("pubDate") == expected
    seed = by_link[f"{config.site}/posts/demo-post-1/"]
    assert seed.findtext("pubDate") == "Sat, 10 Sep 2022 00:00:00 GMT"


def test_sitemap_lists_every_page_but_404(built: Path) -> None:
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    index = ET.parse(built / "dist/sitemap-index.xml").getroot()
    assert next(e.text for e in index.findall("s:sitemap/s:loc", ns)).endswith("/sitemap-0.xml")
    locs = {
        e.text for e in ET.parse(built / "dist/sitemap-0.xml").getroot().findall(".//s:loc", ns)
    }
    pages = {
        p.relative_to(built / "dist").as_posix()
        for p in (built / "dist").rglob("*.html")
        if p.name != "404.html"
    }
    from_sitemap = {
        (unquote(urlsplit(u).path).strip("/") + "/index.html").lstrip("/") for u in locs
    }
    assert from_sitemap == pages
    assert (built / "dist/robots.txt").read_text().strip().endswith("/sitemap-index.xml")


def test_images_exist_with_the_size_the_html_claims(built: Path) -> None:
    checked = 0
    for page in (built / "dist").rglob("*.html"):
        for img in parse_html(page).iter("img"):
            src = img.attrs.get("src") or ""
            if not src.startswith("/_astro/"):
                continue
            candidates = [src] + [
                part.strip().split(" ")[0]
                for part in (img.attrs.get("srcset") or "").split(",")
                if part.strip()
            ]
            for url in candidates:
                assert (built / "dist" / url.lstrip("/")).exists(), (page, url)
            with Image.open(built / "dist" / src.lstrip("/")) as image:
                assert (str(image.width), str(image.height)) == (
                    img.attrs.get("width"),
                    img.attrs.get("height"),
                ), (page, src)
            checked += 1
    assert checked >= 2, "the seed's hero and the inline image of the images post are optimised"
    seed = parse_html(built / "dist/posts/demo-post-1/index.html")
    hero = [i for i in seed.iter("img") if "post_img" in (i.attrs.get("src") or "")]
    assert hero and hero[0].attrs.get("srcset")


def test_build_reports_each_stage_as_it_starts(tmp_path: Path) -> None:
    from blogforge.build import build

    root = copy_example_site(tmp_path / "site")
    stages: list[str] = []
    result = build(load_config(root), stages.append)
    assert result.ok
    assert stages[:3] == ["check", "load", "render"] and stages[-1] == "write"
    assert list(result.timings) == stages


def test_a_paginated_home_page_links_its_pages_and_checks_clean(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from blogforge.cli import main

    root = copy_example_site(tmp_path / "site")
    config = root / "blogforge.toml"
    text = config.read_text("utf-8").replace("page_size = 10", "page_size = 2")
    config.write_text(text + "paginate_home = true\n", "utf-8")
    assert run_build(root, "--quiet") == 0
    home = parse_html(root / "dist/index.html")
    assert [a.attrs.get("href") for a in home.iter("a") if a.attrs.get("rel") == "next"] == ["/2/"]
    assert (root / "dist/2/index.html").is_file() and (root / "dist/3/index.html").is_file()
    assert not (root / "dist/4/index.html").exists()  # 6 posts, 2 a page
    assert main(["check", "--root", str(root)]) == 0, capsys.readouterr().out


def test_an_svg_hero_is_published_as_it_is(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from blogforge.cli import main

    root = copy_example_site(tmp_path / "site")
    svg = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 800 400"><circle r="9"/></svg>'
    (root / "static/diagram.svg").write_text(svg, "utf-8")
    (root / "content/posts/diagram.md").write_text(
        '---\ntitle: "A diagram"\npubDate: 2024-02-02\nheroImage: "/diagram.svg"\n---\nText.\n',
        "utf-8",
    )
    assert run_build(root, "--quiet") == 0
    page = parse_html(root / "dist/posts/diagram/index.html")
    (hero,) = [img for img in page.iter("img") if img.attrs.get("fetchpriority") == "high"]
    assert hero.attrs["src"].endswith(".svg") and "srcset" not in hero.attrs  # type: ignore[union-attr]
    assert (hero.attrs["width"], hero.attrs["height"]) == ("800", "400")
    published = root / "dist" / hero.attrs["src"].lstrip("/")  # type: ignore[union-attr]
    assert published.read_text("utf-8") == svg
    assert main(["check", "--root", str(root)]) == 0, capsys.readouterr().out

"""trailingSlash 'never', a base of /blog-sub/ and build.format 'file', read from astro.config.mjs.

Astro then writes each page as a file named for its route (`dist/blog/first.html`, the list
`dist/blog.html`; the base is where the site is served, not a folder of dist/) and links to it
as `/blog-sub/blog/first` — in pages, the feed and the sitemap alike.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.astro.projects import write_project
from tests.site_build.helpers import REPO, parse_html

CONFIG = """import { defineConfig } from 'astro/config';
import sitemap from '@astrojs/sitemap';

export default defineConfig({
  site: 'https://example.com',
  integrations: [sitemap()],
  base: '/blog-sub/',
  trailingSlash: 'never',
  build: {
    format: 'file',
  },
});
"""


POST_ROUTE = """---
import { getCollection } from 'astro:content';
export async function getStaticPaths() {
  return (await getCollection('blog')).map((post) => ({ params: { slug: post.id }, props: post }));
}
---
"""
TAG_ROUTE = """---
import { getCollection } from 'astro:content';
export async function getStaticPaths() {
  const posts = await getCollection('blog');
  const tags = [...new Set(posts.flatMap((post) => post.data.tags ?? []))];
  return tags.map((tag) => ({ params: { tag }, props: { tag } }));
}
---
"""
FEED = """import rss from '@astrojs/rss';
import { getCollection } from 'astro:content';
export async function GET(context) {
  const posts = await getCollection('blog');
  return rss({ title: 'T', description: 'D', site: context.site, items: [] });
}
"""


def post(title: str, date: str, tags: str, hero: str = "") -> str:
    hero_line = f'heroImage: "{hero}"\n' if hero else ""
    return f'---\ntitle: "{title}"\npubDate: "{date}"\n{hero_line}tags: {tags}\n---\n\nSome text.\n'


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = write_project(
        tmp_path_factory.mktemp("never-file"),
        {
            "astro.config.mjs": CONFIG,
            "package.json": '{"dependencies": {"astro": "^5.18.0"}}',
            "src/content/blog/first.md": post("First", "Sep 10 2022", '["news", "Big Tag"]'),
            "src/content/blog/second.md": post(
                "Second", "Sep 11 2022", '["news"]', "/post_img.webp"
            ),
            "src/pages/blog/[...slug].astro": POST_ROUTE,
            "src/pages/blog/index.astro": "---\n---\n<ul></ul>\n",
            "src/pages/blog/tag/[tag].astro": TAG_ROUTE,
            "src/pages/404.astro": "<h1>Not found</h1>\n",
            "src/pages/rss.xml.js": FEED,
            "public/post_img.webp": (REPO / "static" / "post_img.webp").read_bytes(),
        },
    )
    return root


@pytest.fixture(scope="module")
def dist(site: Path) -> Path:
    from blogforge.cli import main

    assert main(["build", "--root", str(site), "-q"]) == 0
    return site / "dist"


def test_pages_are_files_named_for_their_route(dist: Path) -> None:
    files = {p.relative_to(dist).as_posix() for p in dist.rglob("*.html")}
    assert {
        "index.html",
        "blog.html",
        "blog/first.html",
        "blog/second.html",
        "blog/tag/news.html",
        "blog/tag/Big Tag.html",
        "404.html",
    } <= files
    assert not any(name.endswith("/index.html") for name in files), files
    assert not (dist / "blog-sub").exists(), "the base is not a folder of dist/"
    assert (dist / "post_img.webp").is_file()


def test_links_have_the_base_and_no_trailing_slash(dist: Path) -> None:
    home = parse_html(dist / "index.html")
    hrefs = {a.attrs.get("href") for a in home.iter("a")}
    assert {"/blog-sub/blog/first", "/blog-sub/blog/second", "/blog-sub/blog"} <= hrefs
    assert not any(h and h.startswith("/blog/") for h in hrefs), hrefs
    page = parse_html(dist / "blog" / "second.html")
    tags = [a.attrs["href"] for a in page.find_all("a", **{"class": "tag p-category"})]
    assert tags == ["/blog-sub/blog/tag/news"]
    stylesheets = [link.attrs["href"] for link in page.find_all("link", rel="stylesheet")]
    assert stylesheets and all(h.startswith("/blog-sub/") for h in stylesheets)
    hero = page.find("img", fetchpriority="high")
    assert hero is not None and hero.attrs["src"].startswith("/blog-sub/_astro/")
    canonical = page.find("link", rel="canonical")
    assert canonical is not None
    assert canonical.attrs["href"] == "https://example.com/blog-sub/blog/second"


def test_feed_and_sitemap_use_the_same_urls(dist: Path) -> None:
    rss = (dist / "rss.xml").read_text(encoding="utf-8")
    links = re.findall(r"<link>([^<]+)</link>", rss)
    assert "https://example.com/blog-sub/blog/first" in links
    assert "https://example.com/blog-sub/blog/second" in links
    sitemap = set(re.findall(r"<loc>([^<]+)</loc>", (dist / "sitemap-0.xml").read_text()))
    assert {
        "https://example.com/blog-sub",
        "https://example.com/blog-sub/blog",
        "https://example.com/blog-sub/blog/first",
        "https://example.com/blog-sub/blog/tag/news",
        "https://example.com/blog-sub/blog/tag/Big%20Tag",
    } <= sitemap
    assert not any(url.endswith("/") for url in sitemap), sitemap
    index = (dist / "sitemap-index.xml").read_text(encoding="utf-8")
    assert "<loc>https://example.com/blog-sub/sitemap-0.xml</loc>" in index

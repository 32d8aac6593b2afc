"""The four complete Astro projects of ../shared/astro-projects built in place, with no
blogforge.toml: every URL a real Astro build wrote (ASTRO-BUILD/urls.txt) is written, but the
`.astro` pages with no content behind them, which are named in one warning; nothing else is.

The `.astro`-only pages are listed here from each project's src/pages, by reading their code
(about, cv, legal pages, a search index endpoint): pages made of components only.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.astro.projects import Build, build
from tests.astro.real_projects import PROJECTS, astro_urls, copy_project, written_urls
from tests.site_build.helpers import parse_html

pytestmark = pytest.mark.skipif(not PROJECTS.is_dir(), reason="needs ../shared/astro-projects")

ASTRO_ONLY = {
    "astro-blog-template": {"/about/": "src/pages/about.astro"},
    "astrofy": {
        "/cv/": "src/pages/cv.astro",
        "/projects/": "src/pages/projects.astro",
        "/services/": "src/pages/services.astro",
    },
    "erudite-gigio": {
        "/about/": "src/pages/about.astro",
        "/api/search-index.json": "src/pages/api/search-index.json.ts",
        "/newsletter/confirmed/": "src/pages/newsletter/confirmed.astro",
        "/privacy/": "src/pages/privacy.astro",
        "/terms/": "src/pages/terms.astro",
    },
    "fuwari-demo": {"/about/": "src/pages/about.astro", "/archive/": "src/pages/archive.astro"},
}


# Endpoints Astro runs whose files urls.txt does not list (images): named in the warning too.
ASTRO_ONLY_FILES = {"erudite-gigio": ["src/pages/og/[...route].ts"]}


def build_in_place(name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Build:
    root = copy_project(name, tmp_path / name)
    result = build(root, capsys)
    assert result.code == 0, result.err
    assert result.errors == []
    expected = astro_urls(name) - set(ASTRO_ONLY[name])
    assert written_urls(result.dist, root / "public") == expected
    named = [w for w in result.warnings if ".astro page(s) and endpoint(s) not built" in w]
    assert len(named) == 1, result.warnings
    files = sorted([*ASTRO_ONLY[name].values(), *ASTRO_ONLY_FILES.get(name, ())])
    assert named[0].endswith(": " + ", ".join(files))
    return result


def test_official_blog_template(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """/blog/<id>/, /blog/ (blog/index.astro over the collection), rss.xml from its GET
    endpoint, the sitemap from @astrojs/sitemap; no 404, robots.txt, Atom feed or tag pages,
    which the template does not have. The .mdx post builds without its component."""
    result = build_in_place("astro-blog-template", tmp_path, capsys)
    mdx = [w for w in result.warnings if "using-mdx.mdx" in w]
    assert len(mdx) == 1 and "<HeaderLink>" in mdx[0], result.warnings
    page = parse_html(result.dist / "blog" / "using-mdx" / "index.html")
    assert "Why MDX?" in [h.text() for h in page.iter("h2")]
    links = {link.attrs.get("href") for link in page.iter("link")}
    assert "/rss.xml" in links and "/atom.xml" not in links
    assert "/favicon.svg" in links, "public/favicon.svg is there"


def test_astrofy(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The store collection (no pubDate in its schema) is built at /store/<slug>/ with its
    list; posts at a slug of their title; no /rss.xml: its endpoint exports `get`, which
    Astro 4 does not serve."""
    result = build_in_place("astrofy", tmp_path, capsys)
    assert not (result.dist / "rss.xml").exists()
    store = parse_html(result.dist / "store" / "item1" / "index.html")
    assert store.find("h1") is not None


def test_erudite(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """161 posts, 26 more list pages of 6 (SITE.postsPerPage), 74 tag pages as written and
    unpaginated, the author page from the authors collection (a name, no title); the
    projects collection, which no route renders, is not built."""
    result = build_in_place("erudite-gigio", tmp_path, capsys)
    assert "collection projects: src/content/projects/" in result.out
    assert "not built: no route in src/pages renders it" in result.out
    author = parse_html(result.dist / "authors" / "sungho-park" / "index.html")
    assert "박성호" in author.text()


def test_fuwari(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The home page paginated by [...page].astro, 8 a page (PAGE_SIZE); the draft left out by
    the PROD filter; no tag pages or /posts/ list, which Fuwari does not have."""
    result = build_in_place("fuwari-demo", tmp_path, capsys)
    assert not (result.dist / "posts" / "draft").exists()
    home = parse_html(result.dist / "index.html")
    assert "/posts/guide/" in {a.attrs.get("href") for a in home.iter("a")}
    links = {link.attrs.get("href") for link in home.iter("link")}
    assert "/favicon.svg" not in links, "Fuwari has no public/favicon.svg: no link to one"

"""A sub-path deployment (`user.github.io/repo/`): nothing the built site points at leaves `/repo/`.

Every URL-bearing attribute of every page (links, stylesheets, icons, img src/srcset, picture
sources, canonical/OpenGraph URLs), every feed link and id, every sitemap `<loc>` and robots.txt's
Sitemap line is collected and must stay under the base. A planted root-relative Markdown link
proves the scan (and `blogforge check`) would notice one that does not.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from blogforge.check.page_links import srcset_urls
from blogforge.cli import main
from tests.site_build.helpers import copy_example_site, parse_html, run_build

SITE = "https://user.github.io"
BASE = "/repo/"
URL_ATTRIBUTES = ("href", "src", "poster", "action")


def page_url(dist: Path, page: Path) -> str:
    rel = page.relative_to(dist).as_posix()
    return BASE + rel.removesuffix("index.html")


def html_urls(dist: Path) -> list[tuple[str, str]]:
    """(page, URL) for every URL any element of any page carries."""
    found = []
    for page in sorted(dist.rglob("*.html")):
        name = page.relative_to(dist).as_posix()
        for element in parse_html(page).iter():
            for attr in URL_ATTRIBUTES:
                if element.attrs.get(attr):
                    found.append((name, element.attrs[attr] or ""))
            for url in srcset_urls(element.attrs.get("srcset") or ""):
                found.append((name, url))
            if element.tag == "meta" and (element.attrs.get("content") or "").startswith("http"):
                found.append((name, element.attrs["content"] or ""))
    return found


def escapes(url: str, from_page: str) -> bool:
    """True when `url` is ours (same host, or a path) and resolves outside the base."""
    parts = urlsplit(url)
    if parts.scheme in ("mailto", "data", "tel", "javascript"):
        return False
    if parts.netloc:
        return parts.netloc == urlsplit(SITE).netloc and not parts.path.startswith(BASE)
    if not parts.path:
        return False  # "#fragment" on the same page
    return not urlsplit(urljoin(from_page, parts.path)).path.startswith(BASE)


def feed_and_sitemap_urls(dist: Path) -> list[tuple[str, str]]:
    found = []
    for name in ("rss.xml", "atom.xml", "sitemap-index.xml", "sitemap-0.xml"):
        for element in ET.parse(dist / name).getroot().iter():
            tag = element.tag.rsplit("}", 1)[-1]
            if tag in ("link", "guid", "loc", "id") and (element.text or "").strip():
                found.append((name, element.text.strip()))
            if element.get("href"):
                found.append((name, element.get("href")))
    for line in (dist / "robots.txt").read_text(encoding="utf-8").splitlines():
        if line.startswith("Sitemap:"):
            found.append(("robots.txt", line.split(":", 1)[1].strip()))
    return found


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_example_site(tmp_path_factory.mktemp("base"))
    assert run_build(root, "--quiet", "--base", BASE, "--site", SITE) == 0
    return root


def test_no_page_url_escapes_the_base(built: Path) -> None:
    dist = built / "dist"
    urls = html_urls(dist)
    assert len(urls) > 200
    kinds = {url.rsplit(".", 1)[-1] for _, url in urls}
    assert {"css", "svg", "webp", "avif", "xml"} <= kinds  # assets, images, feeds all seen
    leaks = [(page, url) for page, url in urls if escapes(url, page_url(dist, dist / page))]
    assert leaks == []
    og_images = [url for _, url in urls if "/_astro/" in url and url.startswith(SITE)]
    assert og_images and all(u.startswith(f"{SITE}{BASE}_astro/") for u in og_images)


def test_no_feed_or_sitemap_url_escapes_the_base(built: Path) -> None:
    urls = feed_and_sitemap_urls(built / "dist")
    assert {name for name, _ in urls} == {
        "rss.xml",
        "atom.xml",
        "sitemap-index.xml",
        "sitemap-0.xml",
        "robots.txt",
    }
    leaks = [(name, url) for name, url in urls if not url.startswith(SITE + BASE)]
    assert leaks == []


def test_check_passes_with_the_base_and_fails_without_it(built: Path, capsys) -> None:
    site_args = ["check", "--root", str(built), "--site", SITE]
    assert main([*site_args, "--base", BASE]) == 0
    capsys.readouterr()
    assert main(site_args) == 1  # checked as if served at "/": every internal link is wrong
    captured = capsys.readouterr()
    assert "/repo/_blogforge/theme.css → file not found" in captured.out
    hint = "hint: the pages' links resolve under /repo/: was the site built with --base /repo/?"
    assert hint in captured.err


def test_a_root_relative_markdown_link_is_caught(tmp_path: Path, capsys) -> None:
    """Markdown links are kept as written (as Astro does): `/posts/x/` ignores the base."""
    root = copy_example_site(tmp_path / "site")
    post = root / "content/posts/writing-math.md"
    post.write_text(
        post.read_text(encoding="utf-8")
        + "\nSee [the tables post](/posts/tables-and-task-lists/).\n",
        encoding="utf-8",
    )
    assert run_build(root, "--quiet", "--base", BASE, "--site", SITE) == 0
    dist = root / "dist"
    leaks = [(p, u) for p, u in html_urls(dist) if escapes(u, page_url(dist, dist / p))]
    assert leaks == [("posts/writing-math/index.html", "/posts/tables-and-task-lists/")]
    capsys.readouterr()
    assert main(["check", "--root", str(root), "--base", BASE, "--site", SITE]) == 1
    out = capsys.readouterr().out
    assert re.search(
        r"^dist/posts/writing-math/index\.html:\d+: /posts/tables-and-task-lists/ "
        r"→ outside the base path /repo/$",
        out,
        re.MULTILINE,
    ), out

"""Full post content in the feeds and `<lastmod>` in the sitemap, through a real build: the RSS
and Atom XML parsed, the carried HTML parsed, every URL in it absolute."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PIL import Image

from blogforge.feeds import FULL_CONTENT_ITEMS
from tests.site_build.helpers import parse_html, post_text, run_build, write_site

CONFIG = 'title = "T"\nsite = "https://x.org"\nbase = "/blog/"\n'
CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"
ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
BODY = """See [the notes](#notes) and [another post](../older-0/).[^1]

![A square](./square.png)

## Notes

[^1]: A footnote.
"""


def png() -> bytes:
    data = io.BytesIO()
    Image.new("RGB", (40, 40), "teal").save(data, "PNG")
    return data.getvalue()


def files(count: int) -> dict[str, str | bytes]:
    found: dict[str, str | bytes] = {
        "content/posts/newest/index.md": post_text(
            "Newest", "2024-05-01", body=BODY, updatedDate='"2024-06-02"'
        ),
        "content/posts/newest/square.png": png(),
        "content/pages/about.md": "---\ntitle: About\n---\nMe.\n",
    }
    for n in range(count):
        found[f"content/posts/older-{n}.md"] = post_text(f"Older {n}", f"2023-01-{n + 1:02d}")
    return found


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = write_site(tmp_path_factory.mktemp("feeds"), files(FULL_CONTENT_ITEMS), CONFIG)
    assert run_build(root, "--quiet") == 0
    return root / "dist"


def urls_in(html: str) -> list[str]:
    tree = parse_html(html)
    return [e.attrs[name] or "" for e in tree.iter() for name in ("href", "src") if name in e.attrs]


def test_rss_carries_the_newest_posts_full_html_with_absolute_urls(built: Path) -> None:
    items = ET.parse(built / "rss.xml").getroot().findall("./channel/item")
    assert items[0].findtext("title") == "Newest"
    html = items[0].findtext(CONTENT)
    assert html is not None
    body = parse_html(html)
    image = body.find("img")
    assert image.attrs["alt"] == "A square"
    assert image.attrs["src"].startswith("https://x.org/blog/_astro/")
    assert (built / image.attrs["src"].removeprefix("https://x.org/blog/")).is_file()
    hrefs = [a.attrs["href"] for a in body.iter("a")]
    assert "https://x.org/blog/posts/newest/#notes" in hrefs
    assert "https://x.org/blog/posts/older-0/" in hrefs
    assert "https://x.org/blog/posts/newest/#user-content-fn-1" in hrefs
    assert all(url.startswith("https://x.org/") for url in urls_in(html)), urls_in(html)
    # the newest FULL_CONTENT_ITEMS posts carry their HTML; the oldest only its description
    with_content = [item.findtext(CONTENT) is not None for item in items]
    assert with_content == [True] * FULL_CONTENT_ITEMS + [False]


def test_atom_carries_the_same_html(built: Path) -> None:
    rss_html = ET.parse(built / "rss.xml").getroot().find("./channel/item").findtext(CONTENT)
    entry = ET.parse(built / "atom.xml").getroot().find(f"{ATOM}entry")
    content = entry.find(f"{ATOM}content")
    assert content is not None and content.attrib["type"] == "html"
    assert content.text == rss_html


def test_the_sitemap_has_lastmod_for_posts(built: Path) -> None:
    urls = ET.parse(built / "sitemap-0.xml").getroot().findall(f"{SITEMAP}url")
    dates = {u.findtext(f"{SITEMAP}loc"): u.findtext(f"{SITEMAP}lastmod") for u in urls}
    assert dates["https://x.org/blog/posts/newest/"] == "2024-06-02T00:00:00Z"  # updated
    assert dates["https://x.org/blog/posts/older-3/"] == "2023-01-04T00:00:00Z"  # published
    assert dates["https://x.org/blog/about/"] is None  # a page has no date


def test_feed_content_false_leaves_descriptions_only(tmp_path: Path) -> None:
    root = write_site(tmp_path, files(1), CONFIG + "feed_content = false\n")
    assert run_build(root, "--quiet") == 0
    rss = (root / "dist/rss.xml").read_text()
    assert "content:encoded" not in rss and "xmlns:content" not in rss
    entry = ET.parse(root / "dist/atom.xml").getroot().find(f"{ATOM}entry")
    assert entry.find(f"{ATOM}content") is None

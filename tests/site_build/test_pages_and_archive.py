"""Standalone pages (`content/pages/`), the header menu (`nav`) and the archive, through a real
build: URLs, what lists and feeds leave out, what the sitemap keeps, the parsed HTML."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from blogforge.config import ConfigError, load_config
from tests.site_build.helpers import parse_html, post_text, run_build, write_site

CONFIG = 'title = "T"\nsite = "https://x.org"\n'
NAV = """
[[nav]]
label = "About"
url = "/about/"

[[nav]]
label = "Archive"
url = "/archive/"

[[nav]]
label = "Code"
url = "https://github.com/x/y"
"""
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def site_files() -> dict[str, str]:
    return {
        "content/posts/first.md": post_text("First post", "2023-01-15", tags='["python"]'),
        "content/posts/second.md": post_text("Second post", "2023-03-02", tags='["python", "web"]'),
        "content/posts/third.md": post_text("Third post", "2024-07-30"),
        "content/pages/about.md": (
            '---\ntitle: "About me"\ntags: ["secret"]\n---\nHi, **I** write.\n'
        ),
        "content/pages/team/alice.md": "---\ntitle: Alice\n---\n## Role\nShe builds.\n",
    }


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = write_site(tmp_path_factory.mktemp("pages"), site_files(), CONFIG + NAV)
    assert run_build(root, "--quiet") == 0
    return root / "dist"


def links(page: Path) -> list[str]:
    return [a.attrs.get("href") or "" for a in parse_html(page).iter("a")]


def test_pages_are_written_at_their_path_with_the_page_layout(built: Path) -> None:
    about = parse_html(built / "about/index.html")
    assert about.find("h1").text() == "About me"
    assert "Hi, I write." in about.find("div", **{"class": "prose"}).text()
    assert about.find("time") is None  # a page has no date
    assert about.find("body").attrs["class"] == "page-page"
    alice = parse_html(built / "team/alice/index.html")
    assert alice.find("h2", id="role") is not None


def test_pages_are_not_posts(built: Path) -> None:
    for listing in ("index.html", "posts/index.html", "archive/index.html"):
        hrefs = links(built / listing)
        assert "/posts/first/" in hrefs, listing
        assert "/team/alice/" not in hrefs, listing
    assert not (built / "pages").exists()
    assert not (built / "tags/secret").exists()  # a page's tags make no tag page
    rss = (built / "rss.xml").read_text()
    atom = (built / "atom.xml").read_text()
    assert "About me" not in rss and "About me" not in atom
    assert len(ET.fromstring(rss).findall("./channel/item")) == 3


def test_pages_and_the_archive_are_in_the_sitemap(built: Path) -> None:
    tree = ET.parse(built / "sitemap-0.xml").getroot()
    locs = {loc.text for loc in tree.iter(f"{SITEMAP}loc")}
    assert {"https://x.org/about/", "https://x.org/team/alice/", "https://x.org/archive/"} <= locs


def test_nav_lists_the_header_links_in_order(built: Path) -> None:
    header = parse_html(built / "posts/first/index.html").find("header", **{"class": "site-header"})
    menu = [(a.text(), a.attrs["href"]) for a in header.find("ul").iter("a")]
    assert menu[:3] == [
        ("About", "/about/"),
        ("Archive", "/archive/"),
        ("Code", "https://github.com/x/y"),
    ]
    about_header = parse_html(built / "about/index.html").find("ul")
    current = [a.text() for a in about_header.iter("a") if a.attrs.get("aria-current") == "page"]
    assert current == ["About"]


def test_archive_groups_posts_by_year_and_month(built: Path) -> None:
    archive = parse_html(built / "archive/index.html")
    years = [h.text().split()[0] for h in archive.iter("h2")]
    assert years == ["2024", "2023"]
    months = [h.attrs["id"] for h in archive.iter("h3")]
    assert months == ["m2024-07", "m2023-03", "m2023-01"]
    march = archive.find("h3", id="m2023-03").parent
    lists = march.find_all("ul", **{"class": "archive-list"})  # March, then January
    titles = [
        [a.text() for a in ul.iter("a") if "tag" not in a.attrs.get("class", "")] for ul in lists
    ]
    assert titles == [["Second post"], ["First post"]]
    hrefs = links(built / "archive/index.html")
    assert "/tags/python/" in hrefs and "/tags/web/" in hrefs
    assert "/posts/third/" in hrefs


def test_the_default_header_links_home_lists_tags_and_archive(tmp_path: Path) -> None:
    root = write_site(tmp_path, site_files())
    assert run_build(root, "--quiet") == 0
    header = parse_html(root / "dist/index.html").find("header", **{"class": "site-header"})
    labels = [a.text() for a in header.find("ul").iter("a")]
    assert labels == ["Home", "Posts", "Tags", "Archive", "RSS"]  # Search: only with search = true


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("untitled.md", "---\ndescription: no title\n---\nx\n", "untitled.md:1: title: required"),
        (
            "posts.md",
            "---\ntitle: Clash\n---\nx\n",
            "posts.md: url: its URL /posts/ is also the URL of list",
        ),
    ],
)
def test_a_page_needs_a_title_and_its_own_url(
    tmp_path: Path, capsys: pytest.CaptureFixture, name: str, text: str, message: str
) -> None:
    root = write_site(tmp_path, site_files() | {f"content/pages/{name}": text})
    assert run_build(root) == 1
    assert message in capsys.readouterr().err
    assert not (root / "dist").exists()


@pytest.mark.parametrize(
    "nav",
    [
        'nav = "about"',
        'nav = [{label = "About"}]',
        'nav = [{label = "About", url = "/about/", extra = 1}]',
        'nav = [{label = "", url = "/about/"}]',
        "[[nav]]\nlabel = 3\nurl = '/x/'",
    ],
)
def test_a_bad_nav_is_an_error_with_its_line(tmp_path: Path, nav: str) -> None:
    (tmp_path / "blogforge.toml").write_text(f'title = "T"\n{nav}\n')
    with pytest.raises(ConfigError) as raised:
        load_config(tmp_path)
    problem = raised.value.problems[0]
    assert (problem.field, problem.line) == ("nav", 2)

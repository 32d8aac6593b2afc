"""Markdown pages in src/pages (routed by their file path) and `layout:` values naming Astro
layouts: a Jinja counterpart in layouts/ is used, a missing one falls back with ONE warning."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.astro.projects import build, write_project
from tests.site_build.helpers import parse_html

CONFIG = (
    "import { defineConfig } from 'astro/config';\n"
    "export default defineConfig({ site: 'https://example.com' });\n"
)


def md(title: str, layout: str | None, date: str | None = "2024-03-01") -> str:
    lines = ["---", f"title: {title}"]
    if date:
        lines.append(f"pubDate: {date}")
    if layout:
        lines.append(f"layout: {layout}")
    return "\n".join([*lines, "---", "", f"# {title}", "", "Body of the page.", ""])


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return write_project(
        tmp_path,
        {
            "astro.config.mjs": CONFIG,
            "src/pages/posts/hello.md": md("Hello", "../../layouts/PostLayout.astro"),
            "src/pages/posts/nested/index.md": md("Nested", "../../../layouts/PostLayout.astro"),
            "src/pages/posts/Second Post.md": md("Second", "../../layouts/BlogPost.astro"),
            "src/pages/posts/third.md": md("Third", "../../layouts/BlogPost.astro", "2024-03-02"),
            "src/pages/notes/fourth.mdx": md("Fourth", "../../layouts/BlogPost.astro"),
            "src/pages/about.md": md("About", "../layouts/Page.astro", date=None),
            "src/pages/_drafts/skip.md": md("Skipped", None),
            "src/pages/index.astro": "",
            "layouts/PostLayout.html": '{% extends "post.html" %}'
            '{% block banner %}<p class="from-jinja">{{ frontmatter.title }}</p>{% endblock %}',
        },
    )


def test_pages_are_routed_by_their_file_path(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    result = build(project, capsys)
    assert result.code == 0, result.err
    pages = {p.relative_to(result.dist).as_posix() for p in result.dist.rglob("index.html")}
    assert {
        "posts/hello/index.html",
        "posts/nested/index.html",
        "posts/Second Post/index.html",  # Astro keeps a page's file name as written
        "posts/third/index.html",
        "notes/fourth/index.html",
    } <= pages
    assert "about/index.html" not in pages
    assert not any(p.startswith("_drafts") for p in pages)
    home = parse_html(result.dist / "index.html")
    assert "/posts/hello/" in {a.attrs.get("href") for a in home.iter("a")}


def test_a_jinja_counterpart_of_the_astro_layout_is_used(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    result = build(project, capsys)
    assert result.code == 0, result.err
    for page in ("posts/hello", "posts/nested"):
        banner = parse_html(result.dist / page / "index.html").find("p", **{"class": "from-jinja"})
        assert banner is not None, page
    third = parse_html(result.dist / "posts" / "third" / "index.html")
    assert third.find("p", **{"class": "from-jinja"}) is None
    assert third.find("article", **{"class": "post h-entry"}) is not None


def test_a_missing_astro_layout_warns_once_and_a_dateless_page_is_left_out(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    result = build(project, capsys)
    assert result.code == 0, result.err
    assert sorted(result.warnings) == [
        "warning: src/pages/about.md:1: not built: a Markdown page is built as a post and this "
        "one has no date (pubDate, date, pubDatetime, published, publishDate, createdAt) "
        "(hint: add a pubDate to build it; standalone pages are not supported yet)",
        'warning: src/pages/notes/fourth.mdx:4: layout: "../../layouts/BlogPost.astro" is an '
        "Astro layout and layouts/BlogPost.html does not exist: this post and 2 other posts "
        "use the default post layout (hint: add layouts/BlogPost.html (a Jinja template) for a "
        "layout of your own)",
    ]


def test_a_missing_html_layout_is_still_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A `.html` layout name is blogforge's own: a missing one is a typo, not an Astro file."""
    root = write_project(
        tmp_path,
        {"astro.config.mjs": CONFIG, "src/pages/posts/x.md": md("X", "Missing.html")},
    )
    result = build(root, capsys)
    assert result.code == 1
    assert len(result.errors) == 1 and 'no layout "Missing.html"' in result.errors[0]

"""Layout resolution, helpers, escaping and placed template errors."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from blogforge.config import Config
from blogforge.errors import ContentError
from blogforge.templates import TemplateEngine, format_date
from blogforge.views import PageView, SiteView


def engine(
    tmp_path: Path, layouts: dict[str, str] | None = None, **config: object
) -> TemplateEngine:
    folder = tmp_path / "layouts"
    folder.mkdir(exist_ok=True)
    for name, text in (layouts or {}).items():
        (folder / name).write_text(text, encoding="utf-8")
    return TemplateEngine(Config(root=tmp_path, **config))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "written",
    [
        "../../layouts/MarkdownLayout.astro",
        "MarkdownLayout.astro",
        "MarkdownLayout",
        "MarkdownLayout.html",
        "src/layouts/MarkdownLayout.astro",
    ],
)
def test_every_spelling_of_a_layout_resolves(tmp_path: Path, written: str) -> None:
    templates = engine(tmp_path, {"MarkdownLayout.html": "{{ content }}"})
    assert templates.resolve_layout(written, post_path="p.md", line=7) == "MarkdownLayout.html"


def test_no_layout_is_the_theme_post_layout_and_unknown_is_an_error(tmp_path: Path) -> None:
    templates = engine(tmp_path)
    assert templates.resolve_layout(None, post_path="p.md", line=None) == "post.html"
    with pytest.raises(ContentError) as caught:
        templates.resolve_layout("../../layouts/Nope.astro", post_path="content/x.md", line=7)
    message = str(caught.value)
    assert message.startswith('content/x.md:7: layout: no layout "Nope.html" in layouts/')
    assert "available: 404.html, base.html" in message


def test_site_layouts_override_the_theme(tmp_path: Path) -> None:
    templates = engine(tmp_path, {"404.html": "custom {{ page.title }}"})
    page = PageView("/404/", "Gone", "", "/404/", "404")
    assert templates.render("404.html", {"page": page}, for_path="404") == "custom Gone"


def test_url_helpers_respect_the_base_path(tmp_path: Path) -> None:
    templates = engine(
        tmp_path,
        {"t.html": "{{ url_for('/posts/a/') }} {{ absolute_url('/rss.xml') }}"},
        base="/repo/",
        site="https://x.org",
    )
    assert (
        templates.render("t.html", {}, for_path="t") == "/repo/posts/a/ https://x.org/repo/rss.xml"
    )


def test_dates_format_without_leading_zero() -> None:
    day = datetime(2022, 9, 5, tzinfo=UTC)
    assert format_date(day) == "Sep 5, 2022"
    assert format_date(day, "%Y-%m-%d") == "2022-09-05"
    assert format_date(None) == ""


def test_text_is_escaped_and_only_the_body_is_trusted(tmp_path: Path) -> None:
    templates = engine(tmp_path, {"t.html": "{{ title }}|{{ content }}"})
    out = templates.render(
        "t.html", {"title": "<script>x</script>", "content": "<p>body</p>"}, for_path="t"
    )
    assert out == "&lt;script&gt;x&lt;/script&gt;|<p>body</p>"


def test_a_syntax_error_names_the_template_line_and_the_post(tmp_path: Path) -> None:
    templates = engine(tmp_path, {"Broken.html": "a\nb\n{% if %}\n"})
    with pytest.raises(ContentError) as caught:
        templates.render("Broken.html", {}, for_path="content/posts/x.md")
    message = str(caught.value)
    assert message.startswith("layouts/Broken.html:3: template syntax error")
    assert "while rendering content/posts/x.md" in message


def test_a_runtime_error_names_the_template_line(tmp_path: Path) -> None:
    templates = engine(tmp_path, {"Raises.html": "ok\n{{ 1 // 0 }}\n"})
    with pytest.raises(ContentError) as caught:
        templates.render("Raises.html", {}, for_path="content/posts/x.md")
    assert str(caught.value).startswith("layouts/Raises.html:2: template error: ZeroDivisionError")


def test_the_theme_renders_a_home_page(tmp_path: Path) -> None:
    templates = engine(tmp_path, site="https://x.org")
    site = SiteView("Blog <3", "About", "Me", "en", "https://x.org", "/", (("Posts", "/posts/"),))
    page = PageView("/", "Blog <3", "About", "https://x.org/", "home")
    html = templates.render("index.html", {"site": site, "page": page, "posts": []}, for_path="/")
    assert "<title>Blog &lt;3</title>" in html
    assert '<link rel="canonical" href="https://x.org/">' in html
    assert '<a href="/posts/">All posts →</a>' in html

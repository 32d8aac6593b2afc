"""The theme on its own, without the build: real templates, real Markdown, real Chromium.

The seed post and a GFM post are rendered by the Markdown engine, put through the theme's
`MarkdownLayout.html` / `list.html` with view objects built here, written to a folder with the
theme CSS at `_blogforge/`, and opened from disk. This keeps the theme testable (and its
screenshots reviewable) independently of the route planner and the dev server.
"""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest

from blogforge.config import Config
from blogforge.content.frontmatter import split_frontmatter
from blogforge.markdown import render_markdown
from blogforge.site.views import (
    HeroView,
    PageLink,
    PageView,
    Pagination,
    PostView,
    SiteView,
    TagView,
)
from blogforge.templates.engine import THEME_LAYOUTS, TemplateEngine
from tests.browser.conftest import (
    TEXT_AND_BACKGROUND,
    contrast,
    sideways_overflow,
    watch_for_problems,
)

REPO = Path(__file__).resolve().parents[2]
VIEWPORTS = {"phone": (390, 844), "desktop": (1280, 800)}
SITE = SiteView(
    title="blogforge",
    description="Notes on building an Astro-compatible static blog generator in Python.",
    author="The blogforge team",
    language="en",
    url="",
    base="/",
    nav=(("Posts", "posts/index.html"), ("Tags", "tags/index.html")),
)
CNN = TagView("CNN", "cnn", "tags/cnn/index.html", 1)
MARKDOWN = TagView("Markdown", "markdown", "tags/markdown/index.html", 4)


def post_view(title: str, day: datetime, tags: tuple[TagView, ...], **extra: object) -> PostView:
    values: dict[str, object] = {
        "title": title,
        "description": f"What {title.lower()} looks like, in a few short paragraphs.",
        "url": "post.html",
        "pub_date": day,
        "updated_date": None,
        "tags": tags,
        "hero": None,
        "reading_minutes": 3,
        "collection": "posts",
        "id": title.lower().replace(" ", "-"),
    }
    values.update(extra)
    return PostView(**values)  # type: ignore[arg-type]


def render_site(folder: Path) -> dict[str, Path]:
    """Write the seed post, three posts of ours and a tag list page into `folder`."""
    # The pages are opened from disk, so the base path is the folder itself: root-relative
    # links such as url_for("/_blogforge/theme.css") then resolve under file://.
    config = Config(root=REPO, site="", base=folder.resolve().as_posix() + "/")
    templates = TemplateEngine(config)
    shutil.copytree(THEME_LAYOUTS.parent / "static", folder / "_blogforge")
    shutil.copy(REPO / "static" / "post_img.webp", folder / "post_img.webp")
    shutil.copy(REPO / "static" / "favicon.svg", folder / "favicon.svg")
    pages: dict[str, Path] = {}
    posts = {
        "post": ("demo-post-1.md", "MarkdownLayout.html"),
        "math": ("writing-math.md", "post.html"),
        "tables": ("tables-and-task-lists.md", "post.html"),
        "code": ("code-highlighting.md", "post.html"),
    }
    older = post_view("Footnotes and citations", datetime(2022, 11, 15, tzinfo=UTC), (MARKDOWN,))
    for name, (file, layout) in posts.items():
        _, body, _ = split_frontmatter((REPO / "content" / "posts" / file).read_text("utf-8"))
        rendered = render_markdown(body)
        hero = None
        if name == "post":
            hero = HeroView(
                src="post_img.webp",
                width=1600,
                height=900,
                alt="",
                srcset="post_img.webp 1600w",
                sizes="(min-width: 48rem) 44rem, 100vw",
            )
        post = post_view(
            "Demo Post 1" if name == "post" else file.removesuffix(".md").replace("-", " ").title(),
            datetime(2022, 9, 10, tzinfo=UTC),
            (CNN, MARKDOWN),
            hero=hero,
            updated_date=datetime(2023, 1, 8, tzinfo=UTC),
        )
        page = PageView(f"{name}.html", post.title, post.description, f"{name}.html", "post")
        html = templates.render(
            layout,
            {
                "site": SITE,
                "page": page,
                "post": post,
                "content": rendered.html,
                "headings": [heading.as_dict() for heading in rendered.headings],
                "frontmatter": {"title": post.title, "file": file, "url": "/posts/x"},
                "url": "/posts/x",
                "file": file,
                "prev": older,
                "next": None,
            },
            for_path=f"content/posts/{file}",
        )
        pages[name] = folder / f"{name}.html"
        pages[name].write_text(html, encoding="utf-8")
    cards = [
        post_view(
            f"A post about subject number {n} with a title long enough to wrap",
            datetime(2023, 1, n + 1, tzinfo=UTC),
            (MARKDOWN, CNN) if n % 2 else (MARKDOWN,),
        )
        for n in range(5)
    ]
    pagination = Pagination(
        current=2,
        total=4,
        prev_url="list.html",
        next_url="list.html",
        pages=tuple(PageLink(n, "list.html") for n in range(1, 5)),
    )
    page = PageView("list.html", "Posts tagged Markdown", "", "list.html", "tag")
    html = templates.render(
        "list.html",
        {
            "site": SITE,
            "page": page,
            "posts": cards,
            "pagination": pagination,
            "title": "Posts tagged “Markdown”",
            "tag": MARKDOWN,
        },
        for_path="/tags/markdown/2/",
    )
    pages["list"] = folder / "list.html"
    pages["list"].write_text(html, encoding="utf-8")
    return pages


@pytest.fixture(scope="module")
def theme_pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return render_site(tmp_path_factory.mktemp("theme"))


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_theme_pages_fit_and_load_cleanly(
    browser, theme_pages: dict[str, Path], viewport: str, scheme: str
) -> None:
    width, height = VIEWPORTS[viewport]
    context = browser.new_context(viewport={"width": width, "height": height}, color_scheme=scheme)
    page = context.new_page()
    problems = watch_for_problems(page)
    try:
        for name, file in theme_pages.items():
            page.goto(file.as_uri())
            page.wait_for_load_state("load")
            overflow = sideways_overflow(page)
            assert overflow <= 0, f"{name} scrolls sideways by {overflow}px at {width}px"
            styled = page.evaluate(
                "() => getComputedStyle(document.querySelector('main')).maxWidth"
            )
            assert styled != "none", "the theme stylesheet did not load"
            shot = file.parent / f"{name}-{viewport}-{scheme}.png"
            page.screenshot(path=str(shot), full_page=True)
            assert shot.stat().st_size > 10_000
        assert problems == []
    finally:
        context.close()


@pytest.mark.browser
def test_text_measure_and_size_are_readable(browser, theme_pages: dict[str, Path]) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    try:
        page.goto(theme_pages["post"].as_uri())
        facts = page.evaluate(
            """() => {
                const p = document.querySelector('.prose > p');
                const style = getComputedStyle(p);
                const size = parseFloat(style.fontSize);
                return {size, width: p.getBoundingClientRect().width,
                        srOnly: getComputedStyle(document.querySelector('.sr-only')).position};
            }"""
        )
        assert 18 <= facts["size"] <= 20, facts
        # ~68 characters of ~0.5em each: a line between 30 and 40 em wide
        assert 30 * facts["size"] <= facts["width"] <= 40 * facts["size"], facts
        assert facts["srOnly"] == "absolute"
    finally:
        page.close()


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_body_text_contrast_is_at_least_4_5(
    browser, theme_pages: dict[str, Path], scheme: str
) -> None:
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    try:
        page.goto(theme_pages["post"].as_uri())
        selectors = [".prose p", ".post-meta", ".site-nav ul a", ".tag", ".prose a"]
        pairs = [(sel, *page.evaluate(TEXT_AND_BACKGROUND, sel)) for sel in selectors]
        for selector, foreground, background in pairs:
            ratio = contrast(foreground, background)
            assert ratio >= 4.5, f"{selector}: {foreground} on {background} is {ratio:.2f}:1"
    finally:
        context.close()

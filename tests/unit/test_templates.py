"""Layout resolution, helpers, escaping and placed template errors."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from blogforge.config import Config
from blogforge.errors import ContentError
from blogforge.site.views import (
    HeroView,
    ImageSource,
    PageLink,
    PageView,
    Pagination,
    PostView,
    SiteView,
    TagView,
)
from blogforge.templates.engine import TemplateEngine, format_date, iso_date


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
    assert "available: 404.html, archive.html, base.html" in message


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
    message = str(caught.value)
    assert message.startswith("layouts/Raises.html:2: template error: ZeroDivisionError")
    assert "while rendering content/posts/x.md" in message


def test_an_error_in_an_included_partial_names_the_partial(tmp_path: Path) -> None:
    (tmp_path / "layouts" / "partials").mkdir(parents=True)
    (tmp_path / "layouts" / "partials" / "bad.html").write_text("x\ny\n{{ post.title() }}\n")
    templates = engine(tmp_path, {"Page.html": "{% include 'partials/bad.html' %}"})
    with pytest.raises(ContentError) as caught:
        templates.render("Page.html", {}, for_path="content/posts/y.md")
    message = str(caught.value)
    assert message.startswith("layouts/partials/bad.html:3: template error: UndefinedError")
    assert "while rendering content/posts/y.md" in message


def test_compiling_ahead_compiles_what_a_page_uses_and_leaves_errors_to_render(
    tmp_path: Path,
) -> None:
    """The page-making child is forked after `compile_ahead`: it inherits the compiled
    templates. A broken one is compiled nowhere ahead and still reported by `render`."""
    templates = engine(tmp_path, {"Broken.html": "a\n{% if %}\n"})
    templates.compile_ahead(["post.html", "Broken.html", "post.html"])
    compiled = {name for _, name in templates.env.cache or {}}
    assert {"post.html", "base.html"} <= compiled  # post.html extends base.html
    assert "Broken.html" not in compiled
    with pytest.raises(ContentError) as caught:
        templates.render("Broken.html", {}, for_path="content/posts/x.md")
    assert str(caught.value).startswith("layouts/Broken.html:2: template syntax error")


def test_a_missing_include_is_reported_not_raised(tmp_path: Path) -> None:
    templates = engine(tmp_path, {"Page.html": "a\n{% include 'nope.html' %}"})
    with pytest.raises(ContentError) as caught:
        templates.render("Page.html", {}, for_path="content/posts/z.md")
    assert str(caught.value).startswith('layouts/Page.html:2: template "nope.html" not found')


def test_url_helpers_at_the_root_and_without_a_site(tmp_path: Path) -> None:
    templates = engine(
        tmp_path,
        {
            "t.html": "{{ url_for('/') }} {{ url_for('/tags/') }} {{ url_for('https://a.b/c') }}"
            " {{ absolute_url('/rss.xml') }}"
        },
    )
    assert templates.render("t.html", {}, for_path="t") == "/ /tags/ https://a.b/c /rss.xml"


def test_date_filters_in_a_template(tmp_path: Path) -> None:
    templates = engine(
        tmp_path, {"t.html": "{{ d | date }}|{{ d | date('%d %B %Y') }}|{{ d | isodate }}"}
    )
    day = datetime(2022, 9, 10, 8, 30, tzinfo=UTC)
    assert templates.render("t.html", {"d": day}, for_path="t") == (
        "Sep 10, 2022|10 September 2022|2022-09-10T08:30:00+00:00"
    )
    assert iso_date(None) == ""


SITE = SiteView(
    "Blog",
    "About things",
    "Ann",
    "en",
    "https://x.org",
    "/",
    (("Posts", "/posts/"), ("Tags", "/tags/")),
)
CNN = TagView("CNN", "cnn", "/tags/cnn/", 2)
MATH = TagView("Math & <TeX>", "math-tex", "/tags/math-tex/", 1)


def post(title: str = "Demo <Post>", **changes: object) -> PostView:
    values: dict[str, object] = {
        "title": title,
        "description": "A description",
        "url": "/posts/demo/",
        "pub_date": datetime(2022, 9, 10, tzinfo=UTC),
        "updated_date": datetime(2023, 1, 8, tzinfo=UTC),
        "tags": (CNN, MATH),
        "hero": HeroView(
            src="/_img/hero-1600.webp",
            width=1600,
            height=900,
            alt="A squeeze & excite block",
            srcset="/_img/hero-800.webp 800w, /_img/hero-1600.webp 1600w",
            sizes="(min-width: 48rem) 44rem, 100vw",
            sources=(ImageSource("image/avif", "/_img/hero-800.avif 800w"),),
        ),
        "reading_minutes": 4,
        "collection": "posts",
        "id": "demo",
    }
    values.update(changes)
    return PostView(**values)  # type: ignore[arg-type]


def render_post(tmp_path: Path, headings: list[dict[str, object]], **context: object) -> str:
    templates = engine(tmp_path, site="https://x.org")
    shown = post()
    page = PageView(
        "/posts/demo/",
        shown.title,
        shown.description,
        "https://x.org/posts/demo/",
        "post",
        image="https://x.org/_img/hero-1600.webp",
    )
    values = {
        "site": SITE,
        "page": page,
        "post": shown,
        "content": "<p>Body <em>text</em></p>",
        "headings": headings,
        "frontmatter": {
            "title": shown.title,
            "file": "content/posts/demo.md",
            "url": "/posts/demo",
        },
        "url": "/posts/demo",
        "file": "content/posts/demo.md",
        "prev": post("Older one", url="/posts/older/"),
        "next": None,
    }
    values.update(context)
    return templates.render("post.html", values, for_path="content/posts/demo.md")


def heading(depth: int, slug: str) -> dict[str, object]:
    return {"depth": depth, "slug": slug, "text": slug.title()}


def test_the_theme_post_layout(tmp_path: Path) -> None:
    html = render_post(tmp_path, [heading(2, "one"), heading(3, "two"), heading(2, "three")])
    assert "<title>Demo &lt;Post&gt; · Blog</title>" in html
    assert '<h1 class="p-name">Demo &lt;Post&gt;</h1>' in html
    assert '<meta property="og:type" content="article">' in html
    assert '<meta property="og:image" content="https://x.org/_img/hero-1600.webp">' in html
    assert '<meta name="twitter:card" content="summary_large_image">' in html
    assert '<link rel="alternate" type="application/rss+xml" title="Blog" href="/rss.xml">' in html
    assert (
        '<time class="dt-published" datetime="2022-09-10T00:00:00+00:00">Sep 10, 2022</time>'
        in (html)
    )
    assert "Updated <time" in html and ">Jan 8, 2023</time>" in html
    assert "4 min read" in html
    assert '<a class="tag p-category" href="/tags/math-tex/">Math &amp; &lt;TeX&gt;</a>' in html
    assert (
        '<img src="/_img/hero-1600.webp" srcset="/_img/hero-800.webp 800w, /_img/hero-1600.webp'
        ' 1600w" sizes="(min-width: 48rem) 44rem, 100vw" width="1600" height="900"'
        ' alt="A squeeze &amp; excite block" loading="eager" decoding="async"'
        ' fetchpriority="high">'
    ) in html
    assert '<source type="image/avif" srcset="/_img/hero-800.avif 800w"' in html
    assert "<p>Body <em>text</em></p>" in html
    assert '<nav class="toc"' in html
    assert '<li class="toc-depth-3"><a href="#two">Two</a></li>' in html
    assert '<a class="post-nav-prev" rel="prev" href="/posts/older/">' in html
    assert 'rel="next"' not in html
    assert '<main id="content"' in html and 'href="#content">Skip to content' in html


def test_the_table_of_contents_needs_three_h2_or_h3(tmp_path: Path) -> None:
    few = render_post(tmp_path, [heading(2, "one"), heading(4, "deep"), heading(1, "top")])
    assert '<nav class="toc"' not in few
    without_hero = render_post(tmp_path, [], post=post(hero=None), prev=None)
    assert "<picture>" not in without_hero and 'class="post-nav' not in without_hero


def test_the_theme_tag_list_page_with_pagination(tmp_path: Path) -> None:
    templates = engine(tmp_path, site="https://x.org")
    page = PageView("/tags/cnn/2/", "CNN", "", "https://x.org/tags/cnn/2/", "tag")
    pagination = Pagination(
        2, 3, "/tags/cnn/", "/tags/cnn/3/", tuple(PageLink(n, f"/p{n}/") for n in (1, 2, 3))
    )
    html = templates.render(
        "list.html",
        {
            "site": SITE,
            "page": page,
            "posts": [post(), post("Second", tags=())],
            "pagination": pagination,
            "title": "Posts tagged CNN",
            "tag": CNN,
        },
        for_path="/tags/cnn/2/",
    )
    assert "<h1>Posts tagged CNN</h1>" in html
    assert "2 posts tagged “CNN”" in html
    assert html.count('<article class="card">') == 2
    assert '<a href="/posts/demo/">Demo &lt;Post&gt;</a>' in html
    assert (
        '<a rel="prev" href="/tags/cnn/">' in html and '<a rel="next" href="/tags/cnn/3/">' in html
    )
    assert '<span aria-current="page">2</span>' in html and '<a href="/p3/">3</a>' in html


def test_the_theme_tags_index_and_404(tmp_path: Path) -> None:
    templates = engine(tmp_path)
    page = PageView("/tags/", "Tags", "", "/tags/", "tags")
    html = templates.render(
        "tags.html", {"site": SITE, "page": page, "tags": [CNN, MATH]}, for_path="/tags/"
    )
    assert '<a class="tag" href="/tags/cnn/">CNN <span class="count">2</span></a>' in html
    assert '<a href="/tags/" aria-current="page">Tags</a>' in html
    missing = PageView("/404/", "Page not found", "", "/404/", "404")
    html = templates.render("404.html", {"site": SITE, "page": missing}, for_path="/404/")
    assert "<h1>Page not found</h1>" in html and '<a href="/posts/">posts</a>' in html


def test_the_theme_renders_a_home_page(tmp_path: Path) -> None:
    templates = engine(tmp_path, site="https://x.org")
    site = SiteView("Blog <3", "About", "Me", "en", "https://x.org", "/", (("Posts", "/posts/"),))
    page = PageView("/", "Blog <3", "About", "https://x.org/", "home")
    html = templates.render("index.html", {"site": site, "page": page, "posts": []}, for_path="/")
    assert "<title>Blog &lt;3</title>" in html
    assert '<link rel="canonical" href="https://x.org/">' in html
    assert '<a href="/posts/">All posts →</a>' in html

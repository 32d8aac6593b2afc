"""The site model and the page plan: ordering, drafts, tags, pagination, neighbours, URLs."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from blogforge.config import Config
from blogforge.content.model import Post
from blogforge.content.source import Source
from blogforge.errors import ContentError
from blogforge.markdown.rendered import Heading, Rendered
from blogforge.site.model import RenderedPost, build_site
from blogforge.site.routes import Planner, safe_output_file, tag_slug
from blogforge.site.urls import UrlRules, title_slug


def make_post(
    name: str, day: int, tags: tuple[str, ...] = (), draft: bool = False, slug: str | None = None
) -> RenderedPost:
    source = Source(Path(f"/blog/content/posts/{name}.md"), f"posts/{name}.md", "posts")
    post = Post(
        source=source,
        id=name,
        slug=slug or name,
        title=f"Title {name}",
        description=f"About {name}",
        pub_date=datetime(2024, 1, day, tzinfo=UTC),
        updated_date=None,
        hero_image=None,
        tags=tags,
        layout=None,
        draft=draft,
        body="body",
        body_line=5,
        frontmatter={"title": f"Title {name}", "pubDate": f"2024-01-{day:02d}"},
    )
    rendered = Rendered(html=f"<p>{name}</p>", headings=[Heading(2, "a", "A")], word_count=450)
    return RenderedPost(post, rendered)


def plan(items: list[RenderedPost], **config: object) -> dict[str, object]:
    cfg = Config(page_size=2, **config)  # type: ignore[arg-type]
    site = build_site(items, include_drafts=cfg.drafts, tag_slug=tag_slug)
    routes = Planner(site, cfg).plan(lambda post: "post.html")
    return {r.path: r for r in routes}


def test_posts_are_newest_first_and_drafts_left_out() -> None:
    items = [make_post("a", 1), make_post("c", 3), make_post("b", 2), make_post("d", 4, draft=True)]
    site = build_site(items, include_drafts=False, tag_slug=tag_slug)
    assert [i.post.id for i in site.posts] == ["c", "b", "a"]
    with_drafts = build_site(items, include_drafts=True, tag_slug=tag_slug)
    assert [i.post.id for i in with_drafts.posts] == ["d", "c", "b", "a"]


def test_every_page_of_the_site_is_planned() -> None:
    items = [
        make_post(n, d, tags=("CNN", "Machine Learning"))
        for n, d in zip("abcde", range(1, 6), strict=True)
    ]
    routes = plan(items)
    assert set(routes) == {
        "/posts/a/", "/posts/b/", "/posts/c/", "/posts/d/", "/posts/e/",
        "/", "/posts/", "/posts/2/", "/posts/3/",
        "/tags/", "/tags/cnn/", "/tags/cnn/2/", "/tags/cnn/3/",
        "/tags/machine-learning/", "/tags/machine-learning/2/", "/tags/machine-learning/3/",
        "/404/",
    }  # fmt: skip
    assert routes["/404/"].file == "404.html"
    assert routes["/posts/2/"].file == "posts/2/index.html"
    page2 = routes["/posts/2/"].context["pagination"]
    assert (page2.current, page2.total, page2.prev_url, page2.next_url) == (
        2, 3, "/posts/", "/posts/3/",
    )  # fmt: skip
    assert [p.id for p in routes["/posts/2/"].context["posts"]] == ["c", "b"]


def test_post_context_has_astro_layout_props_and_neighbours() -> None:
    items = [make_post("a", 1, tags=("CNN",)), make_post("b", 2), make_post("c", 3)]
    context = plan(items)["/posts/b/"].context
    assert context["url"] == "/posts/b"
    assert context["file"] == "/blog/content/posts/b.md"
    assert context["frontmatter"]["url"] == "/posts/b"
    assert context["frontmatter"]["title"] == "Title b"
    assert context["headings"] == [{"depth": 2, "slug": "a", "text": "A"}]
    assert context["content"] == "<p>b</p>"
    assert context["prev"].id == "a"  # older
    assert context["next"].id == "c"  # newer
    assert context["post"].reading_minutes == 2
    tagged = plan(items)["/posts/a/"].context["post"]
    assert [(t.name, t.url, t.count) for t in tagged.tags] == [("CNN", "/tags/cnn/", 1)]


def test_base_path_prefixes_every_link() -> None:
    items = [make_post("a", 1, tags=("CNN",)), make_post("b", 2), make_post("c", 3)]
    routes = plan(items, base="/repo/", site="https://x.org")
    post = routes["/posts/a/"].context
    assert post["post"].url == "/repo/posts/a/"
    assert post["url"] == "/repo/posts/a"
    assert post["page"].canonical_url == "https://x.org/repo/posts/a/"
    assert post["post"].tags[0].url == "/repo/tags/cnn/"
    assert routes["/posts/2/"].context["pagination"].prev_url == "/repo/posts/"


def test_tags_differing_in_case_share_one_page() -> None:
    items = [make_post("a", 1, tags=("Python",)), make_post("b", 2, tags=("python",))]
    site = build_site(items, include_drafts=False, tag_slug=tag_slug)
    assert [(t.name, t.slug, len(t.posts)) for t in site.tags] == [("python", "python", 2)]


def test_non_ascii_urls_are_percent_encoded_only_in_absolute_urls() -> None:
    urls = UrlRules(Config(site="https://x.org"))
    assert urls.link("/posts/ñandú-café/") == "/posts/ñandú-café/"
    assert urls.absolute("/posts/ñandú-café/") == "https://x.org/posts/%C3%B1and%C3%BA-caf%C3%A9/"


def test_file_for_and_escaping_slugs() -> None:
    urls = UrlRules(Config())
    assert urls.file_for("/") == "index.html"
    assert urls.file_for("/posts/my-custom/Slug Here/") == "posts/my-custom/Slug Here/index.html"
    with pytest.raises(ContentError) as caught:
        safe_output_file("posts/../../etc/index.html", "content/posts/x.md", 3)
    assert str(caught.value).startswith("content/posts/x.md:3: slug: expected a path inside")


def test_file_format_and_no_trailing_slash_change_files_and_links() -> None:
    urls = UrlRules(Config(build_format="file", site="https://x.org"))
    assert urls.file_for("/posts/a/") == "posts/a.html"
    assert urls.link("/posts/a/") == "/posts/a"
    assert urls.absolute("/posts/a/") == "https://x.org/posts/a"
    never = UrlRules(Config(trailing_slash="never"))
    assert never.file_for("/posts/a/") == "posts/a/index.html"
    assert never.link("/posts/a/") == "/posts/a"
    assert never.link("/") == "/"


def test_collection_url_patterns_and_slug_sources() -> None:
    from blogforge.config import CollectionConfig

    items = [make_post("a", 1, tags=("CNN",)), make_post("b", 2)]
    routes = plan(
        items,
        collections=(CollectionConfig("posts", "posts", url="/blog/{slug}/", slug="title"),),
        tag_url="/blog/tag/{tag}/",
    )
    assert "/blog/title-a/" in routes and "/blog/title-b/" in routes
    assert "/blog/" in routes  # the list lives at the pattern's prefix
    assert "/blog/tag/cnn/" in routes
    assert routes["/blog/title-a/"].file == "blog/title-a/index.html"


def test_title_slug_follows_astrofy() -> None:
    assert title_slug("  Hello, World: Ünïcode Post ") == "hello-world-ncode-post"


def test_a_paginated_home_lists_every_post_page_by_page() -> None:
    items = [make_post(n, d) for n, d in zip("abcde", range(1, 6), strict=True)]
    routes = plan(items, paginate_home=True)
    assert {"/", "/2/", "/3/"} <= set(routes) and "/4/" not in routes
    home = routes["/"]
    assert home.template == "index.html" and home.file == "index.html"  # type: ignore[attr-defined]
    context = home.context  # type: ignore[attr-defined]
    assert [p.id for p in context["posts"]] == ["e", "d"]
    assert context["pagination"].next_url == "/2/" and context["page"].title == "My blog"
    last = routes["/3/"].context  # type: ignore[attr-defined]
    assert [p.id for p in last["posts"]] == ["a"] and last["pagination"].prev_url == "/2/"
    assert routes["/2/"].file == "2/index.html"  # type: ignore[attr-defined]


def test_without_a_paginated_home_only_the_latest_posts_are_on_it() -> None:
    items = [make_post(n, d) for n, d in zip("abcde", range(1, 6), strict=True)]
    routes = plan(items)
    assert "/2/" not in routes
    assert routes["/"].context["pagination"] is None  # type: ignore[attr-defined]

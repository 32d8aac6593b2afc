"""URL rules and the page plan: which pages the site has, at which URL, with which template.

`plan_pages` is pure: from the site model to a list of `Route`s (url, output file, template,
context). Templates and feeds are rendered later; nothing here touches the disk.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from blogforge.config import Config
from blogforge.content.ids import tag_slug
from blogforge.content.model import Post
from blogforge.content.source import site_label
from blogforge.errors import ContentError
from blogforge.incremental.digests import digest
from blogforge.incremental.memo import PostVersion, post_digest
from blogforge.incremental.pages import inputs_digest
from blogforge.site.math_font import math_font_url
from blogforge.site.menu import header_menu
from blogforge.site.model import RenderedPost, Site, Tag
from blogforge.site.pagination import list_page_path, page_count, page_window
from blogforge.site.urls import RSS_PATH, UrlRules, post_slug, safe_output_file
from blogforge.site.views import (
    PageLink,
    PageView,
    Pagination,
    PostView,
    SiteView,
    TagView,
    excerpt,
    section_title,
)


@dataclass(frozen=True)
class Route:
    """One HTML page to write: its site path (no base), its file under dist/, how to render it.

    The template context is made on demand (`context`), and `inputs` is a digest of everything
    it is made of (the posts it shows, the site-wide settings): a page whose inputs and template
    did not change since the last build is the same page, so it need not be rendered again.
    """

    path: str  # e.g. "/posts/x/" (without the base path)
    file: str  # e.g. "posts/x/index.html"
    template: str
    make_context: Callable[[], dict[str, Any]] = field(repr=False, compare=False)
    source: str  # what the page is made from, for error messages ("content/posts/x.md", "tags")
    inputs: str = ""

    @property
    def context(self) -> dict[str, Any]:
        return self.make_context()


class Planner:
    """Builds the views and routes of one site."""

    def __init__(
        self,
        site: Site,
        config: Config,
        remembered: dict[Path, PostVersion] | None = None,
    ) -> None:
        """`remembered`: post digests from an earlier build of the same config (the dev
        server's), reused for the very same post, body and hero objects."""
        self.site = site
        self.config = config
        self.errors: list[ContentError] = []  # posts left out of the plan, and why
        self.urls = UrlRules(config)
        self.site_view = SiteView(
            title=config.title,
            description=config.description,
            author=config.author,
            language=config.language,
            url=config.site,
            base=config.base,
            nav=self.navigation(site, config),
            menu=header_menu(config, self.urls, self.navigation(site, config)),
            math_font=math_font_url(config, self.urls),
        )
        self.tag_views = {t.slug: self._tag_view(t) for t in site.tags}
        self.slug_sources = {c.name: c.slug for c in config.collections}
        # Each keyed by the post's source path, within this plan:
        self._post_views: dict[Path, PostView] = {}
        self._view_versions: dict[Path, str] = {}
        self._paths: dict[Path, str] = {}  # site path (asked by routes and feeds)
        self.remembered = remembered or {}
        self.used: dict[Path, PostVersion] = {}
        # Every page shows the site view, and post views show their tags' counts: a change to
        # any of these (or to the config) changes every page.
        self.site_digest = digest(
            repr(config), repr(self.site_view), repr(tuple(self.tag_views.values()))
        )

    # -- what pages are made of ----------------------------------------------------------------
    def post_version(self, item: RenderedPost) -> PostVersion:
        """One post's digests, remembered from the last rebuild while its objects are the same."""
        key = item.post.source.path
        known = self.used.get(key)
        if known is None:
            known = self.remembered.get(key)
            if not (known and known.describes(item)):
                html = item.html_digest or digest(item.rendered.html)
                value = post_digest(item.post, html, item.hero)
                known = PostVersion(item.post, item.rendered, item.hero, value)
            self.used[key] = known
        return known

    def version(self, item: RenderedPost | None) -> str:
        """A digest of one post as its own page shows it: its fields, rendered body and hero."""
        return "" if item is None else self.post_version(item).digest

    def view_version(self, item: RenderedPost | None) -> str:
        """A digest of one post as other pages show it (lists, archive, neighbours, related
        posts): its `PostView`, all those pages' contexts get of it. Editing a post's body
        deep down leaves the view, and so those pages, as they were."""
        if item is None:
            return ""
        self.post_view(item)
        return self._view_versions[item.post.source.path]

    def inputs(self, *parts: str) -> str:
        """A page's inputs digest: the site-wide digest and what the page shows of its posts."""
        return inputs_digest(self.site_digest, *parts)

    def navigation(self, site: Site, config: Config) -> tuple[tuple[str, str], ...]:
        """Links to each collection's list and to the tags index, for the site's menu."""
        links = []
        for collection in sorted(site.collections):
            prefix = self.urls.collection_path(collection) if collection else "/"
            if prefix != "/" and self.urls.collection(collection).list_page:
                links.append((section_title(collection), self.urls.link(prefix)))
        if site.tags and self.urls.tags_index_path() != "/":
            links.append(("Tags", self.urls.link(self.urls.tags_index_path())))
        return tuple(links)

    # -- views -------------------------------------------------------------------------------
    def _tag_view(self, tag: Tag) -> TagView:
        url, feed = self.urls.link(self.urls.tag_path(tag.slug)), self.urls.tag_feed_link(tag.slug)
        return TagView(tag.name, tag.slug, url, len(tag.posts), feed)

    def post_path(self, post: Post) -> str:
        """The site path of a post, from its collection's URL pattern and slug source (a
        Markdown page of src/pages keeps the path its file gives it)."""
        known = self._paths.get(post.source.path)
        if known is not None:
            return known
        if post.source.route:
            path = post.source.route
        else:
            collection = post.source.collection
            slug = post_slug(post, self.slug_sources.get(collection, "id"))
            path = self.urls.post_path(collection, slug, post.id)
        self._paths[post.source.path] = path
        return path

    def post_view(self, item: RenderedPost) -> PostView:
        """The post as templates see it; the dev server's is kept from the last rebuild while
        the post, its body, its hero and the site-wide settings are the same."""
        key = item.post.source.path
        if key not in self._post_views:
            known = self.post_version(item).view
            if self.site_digest not in known:
                view = self._make_post_view(item)
                known.clear()
                known[self.site_digest] = (view, digest(repr(view)))
            view, self._view_versions[key] = known[self.site_digest]
            self._post_views[key] = view  # type: ignore[assignment]  # a PostView, stored
        return self._post_views[key]

    def _make_post_view(self, item: RenderedPost) -> PostView:
        post = item.post
        seen: dict[str, TagView] = {}
        for name in post.tags if self.config.tag_url else ():
            tag = self.tag_views.get(tag_slug(name, self.config.tag_slug))
            if tag is not None:
                seen.setdefault(tag.slug, tag)
        return PostView(
            title=post.title,
            description=post.description,
            url=self.urls.link(self.post_path(post)),
            pub_date=post.pub_date,
            updated_date=post.updated_date,
            tags=tuple(seen.values()),
            hero=item.hero,
            reading_minutes=item.rendered.reading_minutes,
            collection=post.source.collection,
            id=post.id,
            excerpt=excerpt(item.rendered.text),
        )

    def page_view(
        self, path: str, title: str, description: str, kind: str, image: str | None = None
    ):
        return PageView(
            url=self.urls.link(path),
            title=title,
            description=description or self.config.description,
            canonical_url=self.urls.absolute(path),
            kind=kind,
            image=self.urls.absolute_link(image) if image else None,  # image URLs carry the base
            feed_url=self.urls.link("/" + RSS_PATH),
        )

    def base_context(self, page: PageView) -> dict[str, Any]:
        return {"site": self.site_view, "page": page}

    # -- routes ------------------------------------------------------------------------------
    def post_routes(self, layout_for: Any) -> list[Route]:
        """A page per post; a post whose URL or layout is invalid goes to `errors`, and the
        others are still planned (so their own problems are found in the same build)."""
        routes = []
        for item in self.site.posts:
            post = item.post
            path = self.post_path(post)
            source = self._source_label(item)
            try:
                file = safe_output_file(self.urls.file_for(path), source, None)
                template = layout_for(post)
            except ContentError as error:
                self.errors.append(error)
                continue
            newer, older = self.site.newer_older(item)
            inputs = self.inputs(
                "post", path, self.version(item), self.view_version(newer), self.view_version(older)
            )
            make = partial(self.post_context, item, path)
            routes.append(Route(path, file, template, make, source, inputs))
        return routes

    def post_context(self, item: RenderedPost, path: str) -> dict[str, Any]:
        newer, older = self.site.newer_older(item)
        return self.markdown_layout_context(item, path, "post") | {
            "prev": self.post_view(older) if older else None,
            "next": self.post_view(newer) if newer else None,
        }

    def markdown_layout_context(self, item: RenderedPost, path: str, kind: str) -> dict[str, Any]:
        """Astro's Markdown-layout props (`frontmatter` with `file` and `url`, `headings`,
        `url`, `file`, the content) plus `post`: what post and standalone page layouts get."""
        post = item.post
        hero_src = item.hero.src if item.hero else None
        page = self.page_view(path, post.title, post.description, kind, hero_src)
        url_no_slash = self.urls.link(path).rstrip("/") or "/"
        frontmatter = dict(post.frontmatter) | {"file": str(post.source.path), "url": url_no_slash}
        return self.base_context(page) | {
            "post": self.post_view(item),
            "content": item.html,
            "headings": [h.as_dict() for h in item.rendered.headings],
            "frontmatter": frontmatter,
            "url": url_no_slash,
            "file": str(post.source.path),
        }

    def _source_label(self, item: RenderedPost) -> str:
        return site_label(item.post.source.path, self.config.root)

    def list_routes(
        self,
        prefix: str,
        items: Sequence[RenderedPost],
        *,
        title: str,
        kind: str,
        tag: TagView | None = None,
        template: str = "list.html",
        paginated: bool = True,
    ) -> list[Route]:
        size = self.config.page_size if paginated else max(1, len(items))
        total = page_count(len(items), size)
        routes = []
        for number in range(1, total + 1):
            path = list_page_path(prefix, number)
            chunk = items[(number - 1) * size : number * size]
            inputs = self.inputs(
                "list", kind, prefix, title, repr(tag), f"{number}/{total}",
                *map(self.view_version, chunk),
            )  # fmt: skip
            make = partial(self.list_context, prefix, number, total, chunk, title, kind, tag)
            file = safe_output_file(self.urls.file_for(path), kind, None)
            routes.append(Route(path, file, template, make, kind, inputs))
        return routes

    def list_context(
        self,
        prefix: str,
        number: int,
        total: int,
        chunk: Sequence[RenderedPost],
        title: str,
        kind: str,
        tag: TagView | None,
    ) -> dict[str, Any]:
        def link(n: int) -> str:
            return self.urls.link(list_page_path(prefix, n))

        pagination = Pagination(
            current=number,
            total=total,
            prev_url=link(number - 1) if number > 1 else None,
            next_url=link(number + 1) if number < total else None,
            pages=tuple(PageLink(n, link(n) if n else "") for n in page_window(number, total)),
        )
        page_title = title if number == 1 else f"{title} (page {number})"
        path = list_page_path(prefix, number)
        return self.base_context(self.page_view(path, page_title, "", kind)) | {
            "posts": [self.post_view(i) for i in chunk],
            "pagination": pagination,
            "title": title,
            "tag": tag,
        }

    def listed(self) -> tuple[RenderedPost, ...]:
        """What the home page and the feeds list: one collection's posts when set."""
        name = self.config.feed_collection
        return self.site.collections.get(name, ()) if name else self.site.posts

    def home_context(self) -> dict[str, Any]:
        latest = [self.post_view(i) for i in self.listed()[: self.config.page_size]]
        page = self.page_view("/", self.config.title, self.config.description, "home")
        return self.base_context(page) | {"posts": latest, "pagination": None}

    def tags_context(self, path: str) -> dict[str, Any]:
        return self.base_context(self.page_view(path, "Tags", "", "tags")) | {
            "tags": sorted(self.tag_views.values(), key=lambda t: t.name.lower())
        }

    def not_found_context(self) -> dict[str, Any]:
        return self.base_context(self.page_view("/404/", "Page not found", "", "404"))

    def plan(self, layout_for: Any) -> list[Route]:
        routes = self.post_routes(layout_for)
        if self.config.paginate_home:  # every post, page by page: /, /2/, ...
            routes += self.list_routes(
                "/", self.listed(), title=self.config.title, kind="home", template="index.html"
            )
        else:
            latest = self.listed()[: self.config.page_size]
            home_inputs = self.inputs("home", *map(self.view_version, latest))
            routes.append(
                Route("/", "index.html", "index.html", self.home_context, "home", home_inputs)
            )
        for collection, items in sorted(self.site.collections.items()):
            prefix = self.urls.collection_path(collection) if collection else "/"
            if prefix != "/" and self.urls.collection(collection).list_page:
                title = section_title(collection)
                routes += self.list_routes(prefix, items, title=title, kind="list")
        for tag in self.site.tags if self.config.tag_url else ():
            view = self.tag_views[tag.slug]
            routes += self.list_routes(
                self.urls.tag_path(tag.slug),
                tag.posts,
                title=f"Tag: {tag.name}",
                kind="tag",
                tag=view,
                paginated=self.config.paginate_tags,
            )
        tags_path = self.urls.tags_index_path()
        if tags_path != "/":
            file = self.urls.file_for(tags_path)
            make = partial(self.tags_context, tags_path)
            routes.append(
                Route(tags_path, file, "tags.html", make, "tags", self.inputs("tags", tags_path))
            )
        if self.config.not_found_page:
            make, inputs = self.not_found_context, self.inputs("404")
            routes.append(Route("/404/", "404.html", "404.html", make, "404", inputs))
        self.errors += one_page_per_file(routes)  # redirects: `site.redirects`
        return routes


def one_page_per_file(routes: list[Route]) -> list[ContentError]:
    """Two pages bound for one file would silently lose one: two Astrofy posts whose titles
    slug alike, a src/pages page at a collection post's URL, a post at a list page's URL."""
    seen: dict[str, Route] = {}
    clashes = []
    for route in routes:
        other = seen.setdefault(route.file, route)
        if other is not route:
            clashes.append(
                ContentError(
                    route.source,
                    None,
                    f"its URL {route.path} is also the URL of {other.source}",
                    field="url",
                    hint="change the slug (or title, when URLs come from titles) of one of them",
                )
            )
    return clashes

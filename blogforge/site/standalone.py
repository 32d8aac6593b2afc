"""Pages beside the post lists: standalone pages (`content/pages/`), the archive, the search page.

Standalone pages (about, uses, colophon) are read and rendered like posts — same frontmatter
reader, Markdown engine, render cache and image handling — but they are not posts: they are
split off before the site model is built, so they never reach a list, a tag page, a feed or a
post's neighbours. They are routed by their file's path (`content/pages/about.md` -> `/about/`)
and, like every HTML page, listed in the sitemap.

The archive (`/archive/`) lists every post by year and month: one page, so it grows with the
blog (about 150 bytes a post), which is what a reader scanning the whole history wants.

Kept apart from `routes.Planner` so the planner stays the posts' planner: these functions ask it
for views, links and digests and hand back `Route`s.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any

from blogforge.content.model import Post
from blogforge.content.source import site_label
from blogforge.errors import ContentError
from blogforge.site.cards import with_social_cards
from blogforge.site.menu import ARCHIVE_PATH
from blogforge.site.model import RenderedPost
from blogforge.site.redirects import redirect_routes
from blogforge.site.related import with_related
from blogforge.site.routes import Planner, Route, safe_output_file
from blogforge.site.search_page import is_indexed, search_route
from blogforge.site.views import PostView

PAGE_LAYOUT = "page.html"
ARCHIVE_LAYOUT = "archive.html"
MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip  # English names whatever the machine's locale, so builds are reproducible


@dataclass(frozen=True)
class ArchiveMonth:
    year: int
    month: int  # 1-12
    name: str  # "September"
    posts: tuple[PostView, ...]  # newest first

    @property
    def anchor(self) -> str:
        return f"{self.year}-{self.month:02d}"


@dataclass(frozen=True)
class ArchiveYear:
    year: int
    months: tuple[ArchiveMonth, ...]  # newest first

    @property
    def count(self) -> int:
        return sum(len(month.posts) for month in self.months)


def split_pages(
    items: Sequence[RenderedPost],
) -> tuple[list[RenderedPost], list[RenderedPost]]:
    """(posts, standalone pages): pages must not enter the site model, which is about posts."""
    posts = [item for item in items if not item.post.source.standalone]
    pages = [item for item in items if item.post.source.standalone]
    return posts, pages


def archive_years(views: Sequence[PostView]) -> tuple[ArchiveYear, ...]:
    """Posts (given newest first) grouped by year, then month, both newest first."""
    years: dict[int, dict[int, list[PostView]]] = {}
    for view in views:
        date = view.pub_date
        if date is None:  # an entry its schema leaves undated has no place in time
            continue
        years.setdefault(date.year, {}).setdefault(date.month, []).append(view)
    return tuple(
        ArchiveYear(
            year,
            tuple(
                ArchiveMonth(year, month, MONTHS[month - 1], tuple(posts))
                for month, posts in sorted(months.items(), reverse=True)
            ),
        )
        for year, months in sorted(years.items(), reverse=True)
    )


def site_routes(
    planner: Planner, pages: Sequence[RenderedPost], layout_for: Callable[[Post], str]
) -> list[Route]:
    """Every page of the site: the planner's (posts with their related posts and social cards,
    lists, tags),
    then the standalone pages, the archive, the search page and the redirects."""
    planned = with_social_cards(planner, with_related(planner, planner.plan(layout_for)))
    routes = planned + extra_routes(planner, planned, pages, layout_for)
    return routes + redirect_routes(planner, routes, pages, Route)


def extra_routes(
    planner: Planner,
    planned: list[Route],
    pages: Sequence[RenderedPost],
    layout_for: Callable[[Post], str],
) -> list[Route]:
    """The standalone pages, the archive and the search page, beside the `planned` ones. A page
    whose URL or layout is invalid, or whose URL another page already has, goes to
    `planner.errors`; the rest are planned."""
    routes: list[Route] = []
    for item in pages:
        post = item.post
        path = planner.post_path(post)
        source = site_label(post.source.path, planner.config.root)
        try:
            file = safe_output_file(planner.urls.file_for(path), source, None)
            template = layout_for(post) if post.layout else PAGE_LAYOUT
        except ContentError as error:
            planner.errors.append(error)
            continue
        inputs = planner.inputs("page", path, planner.version(item))
        make = partial(page_context, planner, item, path)
        routes.append(Route(path, file, template, make, source, inputs))
    if planner.config.archive:
        archive_inputs = planner.inputs("archive", *map(planner.view_version, planner.site.posts))
        archive_file = planner.urls.file_for(ARCHIVE_PATH)
        make = partial(archive_context, planner)
        routes.append(
            Route(ARCHIVE_PATH, archive_file, ARCHIVE_LAYOUT, make, "archive", archive_inputs)
        )
    if planner.config.search:
        indexed = [route.file for route in planned + routes if is_indexed(route)]
        routes.append(search_route(planner, indexed))
    return without_clashes(planner, planned, routes)


def without_clashes(planner: Planner, planned: list[Route], extra: list[Route]) -> list[Route]:
    """`extra` less the routes bound for a file a planned page already has (each an error)."""
    taken = {route.file: route for route in planned}
    kept = []
    for route in extra:
        other = taken.setdefault(route.file, route)
        if other is route:
            kept.append(route)
            continue
        planner.errors.append(
            ContentError(
                route.source,
                None,
                f"its URL {route.path} is also the URL of {other.source}",
                field="url",
                hint="rename or move the page (content/pages/x.md is served at /x/)",
            )
        )
    return kept


def page_context(planner: Planner, item: RenderedPost, path: str) -> dict[str, Any]:
    """What a page layout receives: the post layout's props (Astro's Markdown-layout props
    included), without neighbours."""
    return planner.markdown_layout_context(item, path, "page") | {"prev": None, "next": None}


def archive_context(planner: Planner) -> dict[str, Any]:
    views = [planner.post_view(item) for item in planner.site.posts]
    page = planner.page_view(ARCHIVE_PATH, "Archive", "", "archive")
    return planner.base_context(page) | {
        "years": archive_years(views),
        "tags": sorted(planner.tag_views.values(), key=lambda t: t.name.lower()),
        "count": len(views),
    }

"""`blogforge routes`: every route of the site, where its rule came from, and how many pages it
makes — so a reader can check what was read from an Astro project before trusting a build.

Each line: the URL pattern, the `file:line` the rule was read from, what it is (an entry page,
a list, tag pages, a feed), its collection, the filter that leaves entries out, the page size and
the number of pages (or files) it makes with the content as it is now. A rule that could not be
read is marked `guess` with the default used; an `.astro` page with no content behind it is
marked as needing Astro.
"""

from __future__ import annotations

import argparse
import math
from dataclasses import dataclass

from blogforge.astro.project import AstroProject, detect
from blogforge.commands.build_command import load_site_config
from blogforge.config import Config
from blogforge.content.ids import tag_slug
from blogforge.content.model import Post
from blogforge.content.posts import load_posts
from blogforge.site.urls import UrlRules

KIND_NAMES = {"entry": "entries", "list": "list", "tag": "tags", "feed": "feed",
              "robots": "robots.txt", "not_found": "404", "home": "home",
              "markdown": "markdown page"}  # fmt: skip


@dataclass(frozen=True)
class RouteLine:
    pattern: str
    where: str
    what: str
    pages: str
    guess: str = ""

    def format(self, widths: tuple[int, int, int]) -> str:
        line = f"{self.pattern:<{widths[0]}}  {self.where:<{widths[1]}}  {self.what:<{widths[2]}}"
        line = f"{line}  {self.pages}".rstrip()
        return line + (f"\n    guess: {self.guess}" if self.guess else "")


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


class Counter:
    """Pages a route makes, from the posts as they are now (drafts left out by the filters)."""

    def __init__(self, config: Config, posts: list[Post]) -> None:
        self.config = config
        self.posts = [p for p in posts if config.drafts or not p.draft]

    def entries(self, collection: str | None) -> list[Post]:
        return [p for p in self.posts if p.source.collection == collection]

    def list_pages(self, collection: str | None, size: int) -> int:
        return max(1, math.ceil(len(self.entries(collection)) / max(size, 1)))

    def tag_pages(self, collection: str | None, size: int | None) -> tuple[int, int]:
        counts: dict[str, int] = {}
        for post in self.entries(collection):
            for name in {tag_slug(t, self.config.tag_slug) for t in post.tags}:
                counts[name] = counts.get(name, 0) + 1
        pages = sum(math.ceil(n / size) for n in counts.values()) if size else len(counts)
        return len(counts), pages


def astro_lines(project: AstroProject, counter: Counter, config: Config) -> list[RouteLine]:
    lines = []
    for route in project.routes:
        what = KIND_NAMES.get(route.kind, route.kind)
        if route.collection:
            what += f" of {route.collection}"
        if route.filters:
            what += f", without {'/'.join(route.filters)}"
        if route.slug and route.kind in ("entry", "tag"):
            what += f", {route.slug}"
        if route.page_size:
            what += f", {route.page_size} a page"
        pages = ""
        if route.kind == "entry":
            pages = plural(len(counter.entries(route.collection)), "page")
        elif route.kind == "list":
            pages = plural(counter.list_pages(route.collection, route.page_size or 10), "page")
        elif route.kind == "tag":
            tags, count = counter.tag_pages(route.collection, route.page_size)
            pages = f"{plural(count, 'page')} ({plural(tags, 'tag')})"
        elif route.kind in ("feed", "robots", "not_found", "home", "markdown"):
            pages = "1 file" if route.kind in ("feed", "robots") else "1 page"
        elif route.kind in ("astro_page", "endpoint") and route.file in config.astro_pages:
            what, pages = "needs Astro (its code makes it): not built", ""
        elif route.kind in ("astro_page", "endpoint"):
            what, pages = "built by blogforge as a list of what its folder holds", "1 page"
        elif route.kind == "nothing":
            what, pages = "exports `get`, not GET: Astro >= 3 writes nothing", ""
        guess = "; ".join(g.split(": ", 1)[-1] for g in route.guesses)
        lines.append(RouteLine(route.pattern or route.file, route.where, what, pages, guess))
    return lines


def site_lines(config: Config, counter: Counter) -> list[RouteLine]:
    """A blogforge site's own routes: each collection's pattern, tags and feeds."""
    lines = []
    names = [c.name for c in config.collections] or sorted(
        {p.source.collection for p in counter.posts}
    )
    urls = UrlRules(config)
    for name in names:
        count = len(counter.entries(name))
        pattern = urls.collection(name).url_pattern if name else "/{slug}/"
        slug = urls.collection(name).slug
        lines.append(RouteLine(pattern, "blogforge.toml", f"entries of {name or 'content/'}, "
                               f"{slug}", plural(count, "page")))  # fmt: skip
    if config.tag_url:
        tags = {tag_slug(t, config.tag_slug) for p in counter.posts for t in p.tags}
        lines.append(RouteLine(config.tag_url, "blogforge.toml", "tags", plural(len(tags), "tag")))
        if config.tag_feeds and config.site:
            pattern, feeds = urls.tag_feed_path("{tag}"), plural(len(tags), "file")
            lines.append(RouteLine(pattern, "blogforge.toml", "tag feeds", feeds))
    for feed in config.feeds:
        lines.append(RouteLine("/" + feed, "blogforge.toml", "feed", "1 file"))
    old = len(config.redirects) + sum(len(p.aliases) for p in counter.posts)
    if old:
        where = "blogforge.toml, aliases"
        lines.append(RouteLine("/<old>/", where, "redirects", plural(old, "page")))
    return lines


def run_routes(args: argparse.Namespace) -> int:
    config = load_site_config(args)
    if config is None:
        return 1
    posts, _ = load_posts(config)
    counter = Counter(config, posts)
    project = detect(config.root)
    lines = (
        astro_lines(project, counter, config)
        if project is not None
        else site_lines(config, counter)
    )
    widths = (
        max((len(line.pattern) for line in lines), default=0),
        max((len(line.where) for line in lines), default=0),
        max((len(line.what) for line in lines), default=0),
    )
    for line in lines:
        print(line.format(widths))
    guesses = sum(1 for line in lines if line.guess)
    if guesses:
        print(f"{plural(guesses, 'route')} guessed: set them in blogforge.toml")
    return 0

"""The files a build writes beside its pages: the feeds (the site's, and one per tag when asked
for), the sitemap, robots.txt and the `_redirects` file of Netlify and Cloudflare Pages.

Each file is written only when what it is made from changed (a digest per file), so a build
that changes one old post's body rewrites neither the feeds nor the sitemap.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cache
from typing import TYPE_CHECKING

from blogforge import feeds
from blogforge.config import Config
from blogforge.content.model import Post
from blogforge.errors import Diagnostics
from blogforge.incremental.digests import digest
from blogforge.incremental.fingerprints import code_fingerprint
from blogforge.output.safety import OUR_REDIRECTS_MARK
from blogforge.site.redirects import REDIRECTS_SOURCE, redirect_pairs
from blogforge.site.urls import REDIRECTS_FILE

if TYPE_CHECKING:
    from blogforge.output.writer import DirOutput, InPlaceOutput
    from blogforge.site.routes import Planner, Route


def write_feeds(
    config: Config,
    diagnostics: Diagnostics,
    output: DirOutput | InPlaceOutput,
    planner: Planner,
    routes: Sequence[Route],
) -> None:
    """RSS, Atom, the tags' feeds and the sitemap need absolute URLs: without `site` they are
    skipped, loudly."""
    if not feeds.feeds_possible(config):
        diagnostics.warn(feeds.NO_SITE_WARNING)
        return
    urls, listed = planner.urls, planner.listed()
    post_url: Callable[[Post], str] = lambda post: urls.absolute(planner.post_path(post))  # noqa: E731
    items = cache(  # made only if a feed file must be written: full HTML is costly
        lambda: feeds.feed_items_with_content(config, listed, post_url)
    )
    pages = [  # @astrojs/sitemap lists neither the 404 page nor redirects
        urls.absolute(r.path)
        for r in routes
        if r.file != "404.html" and r.source != REDIRECTS_SOURCE
    ]
    shown = feeds.what_feeds_show(config, listed, planner.view_version, planner.version)
    made_from = digest(code_fingerprint(), repr(config), shown, repr(pages))
    for name, make in feeds.feed_files(config, items, pages).items():
        if not output.unchanged(name, made_from):
            output.write(name, make(), made_from)
    if config.tag_feeds and config.tag_url:
        write_tag_feeds(config, output, planner, post_url)


def write_tag_feeds(
    config: Config,
    output: DirOutput | InPlaceOutput,
    planner: Planner,
    post_url: Callable[[Post], str],
) -> None:
    """An RSS feed per tag beside its page (`/tags/<tag>/rss.xml`), in the site feed's format:
    the tag's posts newest first, the newest 20 with their full HTML (`feed_content`)."""
    for tag in planner.site.tags:
        path = planner.urls.tag_feed_path(tag.slug)
        shown = feeds.what_feeds_show(config, tag.posts, planner.view_version, planner.version)
        made_from = digest(code_fingerprint(), repr(config), "tag feed", path, tag.name, shown)
        name = path.lstrip("/")
        if output.unchanged(name, made_from):
            continue
        items = feeds.feed_items_with_content(config, tag.posts, post_url)
        home = planner.urls.absolute(planner.urls.tag_path(tag.slug))
        data = feeds.rss(config, items, title=f"{config.title}: {tag.name}", home=home)
        output.write(name, data, made_from)


def redirects_file(config: Config, routes: Sequence[Route]) -> bytes | None:
    """`_redirects` for Netlify and Cloudflare Pages: every redirect as `/old /new 301`, after
    the lines of a hand-written `static/_redirects` (a host applies the first rule that
    matches, so the author's own rules win). None when the site has no redirect, and for an
    Astro project, whose build writes no such file (its output stays Astro's)."""
    pairs = redirect_pairs(routes)
    if not pairs or config.detected:
        return None
    own = config.static_path / REDIRECTS_FILE
    text = own.read_text("utf-8").rstrip("\n") + "\n\n" if own.is_file() else ""
    lines = [OUR_REDIRECTS_MARK] + [f"{source} {target} 301" for source, target in pairs]
    return (text + "\n".join(lines) + "\n").encode("utf-8")


def write_redirects_file(
    config: Config, output: DirOutput | InPlaceOutput, routes: Sequence[Route]
) -> tuple[str, ...]:
    """Write `_redirects` when the site has redirects; the names written, for the static copy
    to leave out (its `_redirects` is already in ours)."""
    data = redirects_file(config, routes)
    if data is None:
        return ()
    output.write(REDIRECTS_FILE, data, digest(data.decode("utf-8")))
    return (REDIRECTS_FILE,)

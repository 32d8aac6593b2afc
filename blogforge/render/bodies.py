"""The build's "render" stage: posts in, each post's `Body` out, keyed by its source path.

Each body comes from wherever it is cheapest to get: the dev server's in-memory memo, the
render cache (trusted only if every inline image still resolves as it did), or a fresh render on
every core (`render.pool`). A body rendered or read for a `build` keeps its HTML in the render
cache until its page is made (see `keep`), so the build holds posts' metadata, not their HTML.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from blogforge.config import Config
from blogforge.content.labels import source_label
from blogforge.content.model import Post
from blogforge.errors import ContentError, Diagnostics, Problem
from blogforge.incremental.digests import digest
from blogforge.markdown import MarkdownOptions, Rendered
from blogforge.render.cache import RenderCache
from blogforge.render.pool import (
    PARALLEL_MINIMUM,
    RenderJob,
    RenderOutcome,
    default_workers,
    render_all,
)
from blogforge.render.service import kept_renderer

if TYPE_CHECKING:
    from blogforge.images.pipeline import ImagePipeline
    from blogforge.incremental.memo import BuildMemo
    from blogforge.incremental.store import Cache

Resolver = Callable[[str], dict | None]  # an inline image's src -> its <img> attributes


@dataclass(frozen=True)
class Body:
    """A post's rendered body as the build holds it until its page is made.

    `rendered` has the headings and warnings; its HTML is "" when the HTML waits in the render
    cache, and then `stored_html` reads it back and `html_digest` stands for it.
    """

    rendered: Rendered
    stored_html: Callable[[], str] | None = None
    html_digest: str = ""


def markdown_options(config: Config) -> MarkdownOptions:
    return MarkdownOptions(
        heading_ids=config.heading_ids,
        math=config.math,
        callouts=config.callouts,
        callout_style=config.callout_style,
    )


class BodyRenderer:
    """Renders (or finds) the bodies of one build's posts."""

    def __init__(
        self,
        config: Config,
        diagnostics: Diagnostics,
        images: ImagePipeline,
        cache: Cache,
        *,
        memo: BuildMemo | None = None,
        workers: int | None = None,
    ) -> None:
        self.config = config
        self.diagnostics = diagnostics
        self.images = images
        self.cache = cache
        self.memo = memo
        self.workers = workers  # None: every usable core
        self.rendered_count = 0
        self.cached_count = 0

    def render(self, posts: list[Post]) -> dict[Path, Body]:
        """Bodies from the memo or the render cache where still valid; the rest rendered on
        every core. Errors and warnings go to the diagnostics, placed in the post's file."""
        bodies = RenderCache(self.cache, markdown_options(self.config))
        resolvers = {post.source.path: self.inline_resolver(post, self.images) for post in posts}
        rendered: dict[Path, Body] = {}
        missing = self.find_known(posts, bodies, resolvers, rendered)
        jobs = [
            RenderJob(
                post.body, str(post.source.path), source_label(self.config, post), post.body_line
            )
            for post in missing
        ]
        workers = default_workers() if self.workers is None else self.workers
        defer = self.memo is None and self.cache.enabled  # see keep(): HTML waits in the cache
        store_in = self.cache.directory if defer else None
        try:
            if self.memo is not None and 0 < len(jobs) < PARALLEL_MINIMUM:
                service = kept_renderer(self.memo, self.config, bodies.options)
                outcomes = service.render(jobs)  # the dev server's worker, under the budget
            else:
                outcomes = list(render_all(jobs, self.config, bodies.options, workers, store_in))
        except BrokenProcessPool as error:  # a renderer was killed (out of memory, a signal)
            message = f"a Markdown rendering process died ({error}); nothing was written"
            self.diagnostics.error(Problem(self.config.content_dir, None, message))
            return {}
        for post, outcome in zip(missing, outcomes, strict=True):
            self.take(post, outcome, bodies, resolvers, rendered)
        self.rendered_count = len(missing)
        self.cached_count = len(posts) - len(missing)
        if self.memo is not None:
            self.memo.keep_only({post.body for post in posts})
        return rendered

    def find_known(
        self,
        posts: list[Post],
        bodies: RenderCache,
        resolvers: dict[Path, Resolver],
        rendered: dict[Path, Body],
    ) -> list[Post]:
        """Fill `rendered` from the memo and the render cache; return the posts to render."""
        missing = []
        holds_html = self.holds_html(bodies)
        for post in posts:
            resolve = resolvers[post.source.path]
            stored = None
            try:
                hit = self.remembered_body(post.body, resolve)
                if hit is None:
                    stored = bodies.lookup(post.body, resolve, with_html=holds_html)
                    hit = None if stored is None else stored.rendered
            except ContentError:
                hit = None  # an image went missing: render again, which reports it in place
            if hit is None:
                missing.append(post)
                continue
            html_digest = None if stored is None else stored.html_digest
            checked = self.checked(post, hit)
            rendered[post.source.path] = self.keep(post, checked, bodies, resolve, html_digest)
            if self.memo is not None and post.body not in self.memo.bodies:
                self.memo.bodies[post.body] = (hit, bodies.last_resolved)
        return missing

    def take(
        self,
        post: Post,
        outcome: RenderOutcome,
        bodies: RenderCache,
        resolvers: dict[Path, Resolver],
        rendered: dict[Path, Body],
    ) -> None:
        """One fresh render: reported if it failed, else kept (and its images planned here)."""
        if outcome.error is not None:
            self.diagnostics.error(outcome.error)
            return
        assert outcome.rendered is not None
        resolve = resolvers[post.source.path]
        try:  # asking this process's pipeline also plans each image's variant
            same = all(resolve(src) == answer for src, answer in outcome.resolved.items())
        except ContentError as error:
            self.diagnostics.error(error)
            return
        html_digest = None
        if not same:  # an image changed while the renderer read it: render here instead
            outcome.rendered = bodies.render(post.body, resolve)
        elif outcome.html_digest:  # stored by its renderer, HTML left in the cache
            html_digest = outcome.html_digest
        else:
            bodies.store(post.body, outcome.rendered, outcome.resolved)
            if self.memo is not None:
                self.memo.bodies[post.body] = (outcome.rendered, outcome.resolved)
        checked = self.checked(post, outcome.rendered)
        rendered[post.source.path] = self.keep(post, checked, bodies, resolve, html_digest)

    def holds_html(self, bodies: RenderCache) -> bool:
        """Whether this build holds bodies' HTML (see `keep`): the dev server's does, and a
        build without a render cache must."""
        return self.memo is not None or not bodies.cache.enabled

    def keep(
        self,
        post: Post,
        rendered: Rendered,
        bodies: RenderCache,
        resolve: Resolver,
        html_digest: str | None = None,
    ) -> Body:
        """What the build holds of a body until its page is made: with a render cache, not
        the HTML, which waits in the cache and is read back by its page (a kept page never
        reads it). Holding every body's HTML was most of a build's memory (~45 KB a post once
        it has one non-ASCII character); the dev server keeps it (its memo holds it anyway).
        `html_digest`: given when the HTML is already left in the cache (`rendered.html` "").
        """
        if self.holds_html(bodies):
            return Body(rendered)
        if html_digest is None:
            html_digest = digest(rendered.html)
        loader = partial(self.stored_html, bodies, post.body, resolve, html_digest)
        return Body(dataclasses.replace(rendered, html=""), loader, html_digest)

    @staticmethod
    def stored_html(bodies: RenderCache, body: str, resolve: Resolver, html_digest: str) -> str:
        """A body's HTML read back from the render cache; rendered and stored again if it went
        missing or was damaged."""
        html = bodies.html(body, html_digest)
        return bodies.render(body, resolve).html if html is None else html

    def remembered_body(self, body: str, resolve: Resolver) -> Rendered | None:
        """The dev server's in-memory render of this body, if every image still resolves alike."""
        if self.memo is None or body not in self.memo.bodies:
            return None
        rendered, resolved = self.memo.bodies[body]
        if all(resolve(src) == answer for src, answer in resolved.items()):
            return rendered
        return None

    def inline_resolver(self, post: Post, images: ImagePipeline) -> Resolver:
        """Answers (and plans) the body's relative images in the main process's pipeline."""
        label = source_label(self.config, post)

        def resolve(src: str) -> dict[str, str] | None:
            return images.request_inline(src, post_path=post.source.path, post_rel=label, line=None)

        return resolve

    def checked(self, post: Post, rendered: Rendered) -> Rendered:
        """Report the body's warnings (placed in the post file) and pass the result on."""
        label = source_label(self.config, post)
        for warning in rendered.warnings:
            line = None if warning.line is None else post.body_line + warning.line - 1
            self.diagnostics.warn(Problem(label, line, warning.message))
        return rendered

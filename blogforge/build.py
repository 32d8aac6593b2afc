"""`build()`: the whole pipeline as a list of timed stages.

load config -> discover + parse posts -> render Markdown -> hero images -> site model ->
plan routes -> render templates + feeds -> encode images -> write + swap.
Every stage collects errors instead of stopping at the first; the build writes nothing unless all
stages succeeded.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from blogforge.config import Config
from blogforge.content.labels import source_label
from blogforge.content.model import Post
from blogforge.errors import ContentError, Diagnostics, Problem, os_problem
from blogforge.incremental.fingerprints import fingerprint
from blogforge.incremental.manifest import Manifest
from blogforge.incremental.pages import page_digest
from blogforge.incremental.store import CACHE_DIR_NAME, Cache
from blogforge.incremental.up_to_date import last_summary, summary_of, summary_warnings
from blogforge.output.writer import DirOutput, InPlaceOutput
from blogforge.site.math_font import published_files
from blogforge.site.model import RenderedPost, Site, build_site
from blogforge.site.urls import THEME_ASSETS_FOLDER

THEME_STATIC = Path(__file__).parent / "theme" / "static"  # published as /_blogforge/

if TYPE_CHECKING:
    from blogforge.images.pipeline import ImagePipeline
    from blogforge.incremental.memo import BuildMemo
    from blogforge.output.page_writer import PagesInFlight
    from blogforge.output.search_index import SearchWork
    from blogforge.render.bodies import Body
    from blogforge.site.routes import Planner, Route
    from blogforge.templates.engine import TemplateEngine


@dataclass
class BuildResult:
    """What a build did: counts, per-stage seconds, and every error and warning."""

    out_path: Path
    pages: int = 0
    posts: int = 0
    files: int = 0
    images_encoded: int = 0
    images_cached: int = 0
    bodies_rendered: int = 0
    bodies_cached: int = 0
    pages_rendered: int = 0  # templates run this build
    pages_kept: int = 0  # pages whose inputs and template were unchanged: not rendered again
    files_written: int = 0  # files whose bytes changed (the rest were kept from the last build)
    up_to_date: bool = False  # nothing changed since the last build: nothing was done
    search_plan: Callable[[], SearchWork] | None = None  # serve's: the shards to index after it
    timings: dict[str, float] = field(default_factory=dict)
    diagnostics: Diagnostics = field(default_factory=Diagnostics)

    @property
    def ok(self) -> bool:
        return self.diagnostics.ok

    @property
    def seconds(self) -> float:
        return sum(self.timings.values())


class Pipeline:
    """Runs the stages of one build, timing each and collecting diagnostics."""

    def __init__(
        self,
        config: Config,
        progress: Callable[[str], None] | None = None,
        workers: int | None = None,
        *,
        use_cache: bool = True,
        in_place: bool = False,
        memo: BuildMemo | None = None,
    ) -> None:
        """`use_cache=False` renders, encodes and writes everything (nothing read from or
        written to `.blogforge-cache/`); `in_place` updates the output folder directly
        (the dev server's folder) instead of swapping in a new one; `memo` keeps parsed posts,
        bodies and digests in memory from one build to the next (the dev server's)."""
        self.config = config
        self.workers = workers  # None: every usable core (render.pool.default_workers)
        self.pages_in_flight: PagesInFlight | None = None  # see write_pages, finish_pages
        self.page_order: dict[str, int] = {}
        self.read_ahead: dict[Path, bytes] = {}  # posts read by the check, for the load
        self.use_cache = use_cache
        self.in_place = in_place
        self.memo = memo.for_config(config) if memo is not None else None
        self.progress = progress
        self.result = BuildResult(out_path=config.out_path)
        self.diagnostics = self.result.diagnostics

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        """Time one stage. A stage that finds errors does not stop the build: later stages go
        on with what is valid, so one build reports every independent problem."""
        if self.progress is not None:
            self.progress(name)
        start = time.perf_counter()
        try:
            yield
        finally:
            self.result.timings[name] = self.result.timings.get(name, 0.0) + (
                time.perf_counter() - start
            )

    def run(self) -> BuildResult:
        """The stages: check -> load -> render -> hero images -> site -> templates -> feeds ->
        static -> images -> write. Only the write waits for a build without errors."""
        config = self.config
        manifest = self.open_manifest()
        images: ImagePipeline | None = None
        try:
            inputs = ""
            if manifest is not None and self.memo is None:  # the dev server knows what changed
                with self.stage("check"):
                    inputs = fingerprint(config, self.read_ahead)
                    if self.up_to_date(manifest, inputs):
                        return self.result
            # Imported only now: an up-to-date build never loads Pillow, Jinja or markdown-it.
            from blogforge.images.pipeline import ImagePipeline

            with self.stage("load"):
                posts = self.load_posts()
            cache = Cache.for_site(config.root) if self.use_cache else Cache.disabled()
            images = ImagePipeline(config, cache)
            with self.stage("render"):
                rendered = self.render_posts(posts, images, cache)
            with self.stage("hero images"):
                items = self.attach_heroes(posts, rendered, images)
            with self.stage("site"):
                site, planner, templates, routes = self.plan_site(items)
            if not self.diagnostics.ok:
                with self.stage("templates"):  # only to find the layouts' errors too
                    self.write_pages(None, templates, routes)
                return self.result  # nothing is written: the previous output stays as it was
            output = self.open_output(manifest)
            try:
                with self.stage("templates"):  # images encode in the background meanwhile
                    self.write_pages(output, templates, routes, images.start_encoding)
                # deferred: an up-to-date build never loads markdown-it, Jinja or Pillow
                from blogforge.output.site_files import write_feeds, write_redirects_file

                with self.stage("feeds"):  # while the page-making child (if any) finishes
                    write_feeds(config, self.diagnostics, output, planner, routes)
                with self.stage("static"):
                    ours = write_redirects_file(config, output, routes)  # with static/_redirects
                    output.copy_tree(config.static_path, skip=ours)
                    output.copy_tree(THEME_STATIC, THEME_ASSETS_FOLDER)
                    for source, relative in published_files(config):  # the math font
                        output.copy_file(source, relative)
                with self.stage("templates wait"):  # for the child's pages, if any
                    self.finish_pages()
                from blogforge.output.page_extras import write_page_extras  # search, cards

                write_page_extras(self, output, routes, planner, cache)
                with self.stage("images"):
                    stats = images.process(output)
                    self.result.images_encoded = stats.encoded
                    self.result.images_cached = stats.from_cache
                with self.stage("write"):
                    self.result.posts = len(site.posts)
                    if not self.diagnostics.ok:  # a layout, feed or image failed
                        output.abort()
                        return self.result
                    if manifest is not None:
                        manifest.inputs = inputs
                        manifest.images = images.source_stats()
                        manifest.summary = summary_of(
                            self.result.posts,
                            self.result.pages,
                            output.files_written + output.files_kept,
                            self.diagnostics.warnings,
                        )
                    output.commit()
                    self.result.files_written = output.files_written
                    self.result.files = output.files_written + output.files_kept
            except BaseException:
                if self.pages_in_flight is not None:
                    self.pages_in_flight.abandon()
                output.abort()
                raise
        except OSError as error:  # a file it read or wrote: a placed error; the output stays
            self.diagnostics.error(os_problem(error, config.root))
        finally:
            if images is not None:
                images.stop_encoding()  # a failed build leaves no encoder running
            self.diagnostics.errors.sort(key=lambda p: (p.path, p.line or 0))
        return self.result

    # -- stages ------------------------------------------------------------------------------
    def load_posts(self) -> list[Post]:
        """Every valid post (drafts left out unless asked for); a post that names an Astro
        layout with no Jinja counterpart gets the default layout, with one warning."""
        # deferred: an up-to-date build never loads markdown-it, Jinja or Pillow
        from blogforge.content.posts import load_posts
        from blogforge.templates.layout_fallback import with_default_for_astro_layouts

        config = self.config
        memo = self.memo.readings if self.memo else None
        posts, diagnostics = load_posts(config, memo, self.read_ahead)
        self.read_ahead.clear()  # what the check read and the load did not want
        self.diagnostics.extend(diagnostics)
        if not config.drafts:
            posts = [p for p in posts if not p.draft]
        if config.dates_from_git:
            from blogforge.content.git_dates import with_git_dates  # runs git: only when asked

            dated = self.memo.dated if self.memo else None
            posts = with_git_dates(posts, config.root, config.tzinfo, self.diagnostics.warn, dated)
        return with_default_for_astro_layouts(posts, config, self.diagnostics)

    def plan_site(
        self, items: list[RenderedPost]
    ) -> tuple[Site, Planner, TemplateEngine, list[Route]]:
        """The site model and every page to write; a post whose layout or URL is invalid is
        reported and left out, the other pages are planned."""
        # deferred: an up-to-date build never loads markdown-it, Jinja or Pillow
        from blogforge.site.routes import Planner, tag_slug
        from blogforge.site.standalone import site_routes, split_pages

        config = self.config
        items, pages = split_pages(items)  # content/pages/: not posts, so not in the model
        site = build_site(
            items,
            include_drafts=config.drafts,
            tag_slug=lambda name: tag_slug(name, config.tag_slug),
        )
        templates = self.template_engine()
        planner = Planner(site, config, self.memo.versions if self.memo else None)
        routes = site_routes(planner, pages, lambda post: self.layout_for(templates, post))
        for error in planner.errors:
            self.diagnostics.error(error)
        self.check_output_plan(routes)
        if self.memo is not None:
            self.memo.versions = planner.used
        return site, planner, templates, routes

    def template_engine(self) -> TemplateEngine:
        # deferred: an up-to-date build never loads markdown-it, Jinja or Pillow
        from blogforge.templates.engine import TemplateEngine

        if self.memo is None:
            return TemplateEngine(self.config)
        if self.memo.templates is None:
            self.memo.templates = TemplateEngine(self.config)
        return self.memo.templates.refresh()

    def open_manifest(self) -> Manifest | None:
        """What the last build into this output folder wrote (None for a clean build)."""
        if not self.use_cache:
            return None
        return Manifest.for_output(self.config.root / CACHE_DIR_NAME, self.config.out_path)

    def up_to_date(self, manifest: Manifest, inputs: str) -> bool:
        """Nothing changed since the last build and its output is intact: report it again."""
        summary = last_summary(manifest, inputs, self.config.out_path)
        if summary is None:
            return False
        self.result.up_to_date = True
        self.result.posts = summary.get("posts", 0)
        self.result.pages = self.result.pages_kept = summary.get("pages", 0)
        self.result.files = summary.get("files", 0)
        for warning in summary_warnings(summary):
            self.diagnostics.warn(warning)
        return True

    def open_output(self, manifest: Manifest | None) -> DirOutput | InPlaceOutput:
        kind = InPlaceOutput if self.in_place else DirOutput
        return kind(self.config.out_path, manifest)

    def write_pages(
        self,
        output: DirOutput | InPlaceOutput | None,
        templates: TemplateEngine,
        routes: list[Route],
        then_start: Callable[[], None] = lambda: None,
    ) -> None:
        """Render every page whose inputs, template or blogforge's code changed since the
        last build; keep the rest as they are. Without an output (the build already failed),
        render every page only to report the layouts' errors as well. `then_start`: work to
        start once pages are being made (see `output.page_writer`)."""
        # with Jinja, loaded only now
        from blogforge.output.page_writer import start_pages

        todo = []
        for route in routes:
            key = page_digest(route.template, templates.digest(route.template), route.inputs)
            if output is not None and output.unchanged(route.file, key):
                self.result.pages_kept += 1
            else:
                todo.append((route, key))
        self.pages_in_flight = start_pages(
            output, templates, todo, workers=self.workers, then_start=then_start
        )
        self.result.pages = len(routes)
        self.page_order = {route.source: number for number, route in enumerate(routes)}
        if output is None:
            self.finish_pages()

    def finish_pages(self) -> None:
        """Wait for the pages still being made (`write_pages`); report their layouts' errors."""
        from blogforge.templates.engine import pages_affected  # with Jinja, loaded by now

        if self.pages_in_flight is None:
            return
        made, failures = self.pages_in_flight.finish()
        self.pages_in_flight = None
        self.result.pages_rendered += made
        for (path, line, message), pages in failures.items():
            pages.sort(key=lambda source: self.page_order.get(source, 0))  # as made in order
            self.diagnostics.error(Problem(path, line, message, hint=pages_affected(pages)))

    def render_posts(
        self, posts: list[Post], images: ImagePipeline, cache: Cache
    ) -> dict[Path, Body]:
        # deferred: an up-to-date build never loads markdown-it, Jinja or Pillow
        from blogforge.render.bodies import BodyRenderer

        bodies = BodyRenderer(
            self.config, self.diagnostics, images, cache, memo=self.memo, workers=self.workers
        )
        rendered = bodies.render(posts)
        self.result.bodies_rendered = bodies.rendered_count
        self.result.bodies_cached = bodies.cached_count
        return rendered

    def attach_heroes(
        self, posts: list[Post], bodies: dict[Path, Body], images: ImagePipeline
    ) -> list[RenderedPost]:
        """Each post whose body rendered, with its hero image requested (URL and size now, the
        files later); a post whose hero is missing or broken is reported and left out."""
        items = []
        for post in posts:
            body = bodies.get(post.source.path)
            if body is None:
                continue
            hero = None
            if post.hero_image is not None:
                try:
                    hero = images.request_hero(
                        post.hero_image.src,
                        post_path=post.source.path,
                        post_rel=source_label(self.config, post),
                        line=post.hero_line,
                        alt=post.hero_image.alt or post.title,
                    )
                except ContentError as error:
                    self.diagnostics.error(error)
                    continue
            items.append(
                RenderedPost(post, body.rendered, hero, body.stored_html, body.html_digest)
            )
        return items

    def check_output_plan(self, routes: list[Route]) -> None:
        """Before writing: no static link out of the site, no post page on a generated or
        static file's path (the theme's own pages may be replaced by a static file, e.g. a
        hand-made static/404.html)."""
        # deferred: an up-to-date build never loads markdown-it, Jinja or Pillow
        from blogforge.output.clashes import output_plan_problems

        for problem in output_plan_problems(self.config, routes):
            self.diagnostics.error(problem)

    def layout_for(self, templates: TemplateEngine, post: Post) -> str:
        return templates.resolve_layout(
            post.layout,
            post_path=source_label(self.config, post),
            line=post.field_lines.get("layout"),
        )


def build(
    config: Config,
    progress: Callable[[str], None] | None = None,
    workers: int | None = None,
    *,
    use_cache: bool = True,
) -> BuildResult:
    """Build the site described by `config` into `config.out_path`; never raises for bad input.

    `progress`, when given, is called with each stage's name as it starts. `workers`: processes
    rendering Markdown (default: the usable cores; 1 renders everything in this process).
    `use_cache=False`: a clean build, nothing reused from earlier builds.
    """
    return Pipeline(config, progress, workers, use_cache=use_cache).run()

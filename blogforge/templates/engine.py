"""Jinja layouts: the site's `layouts/` first, then the theme shipped in the package.

Autoescaping is on for HTML and XML; the rendered Markdown body (`content`) is the only value
marked safe. Undefined names render as empty (Jinja's default) rather than raising, because
layouts ported from Astro test optional frontmatter fields (`{% if frontmatter.heroImage %}`).
A template that fails, to parse or while rendering, becomes a ContentError naming the template
file and line and the page it was rendering: never a traceback.
"""

from __future__ import annotations

import contextlib
import hashlib
import traceback
from collections.abc import Iterable
from datetime import datetime
from functools import lru_cache
from pathlib import Path, PurePosixPath
from typing import Any

from jinja2 import (
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    TemplateError,
    TemplateNotFound,
    TemplateSyntaxError,
    meta,
    select_autoescape,
)
from markupsafe import Markup

from blogforge.config import Config
from blogforge.errors import ContentError
from blogforge.site.urls import ATOM_PATH, UrlRules

THEME_LAYOUTS = Path(__file__).resolve().parent.parent / "theme" / "layouts"
DEFAULT_POST_LAYOUT = "post.html"
MONTH_DAY_YEAR = "%b {day}, %Y"


def format_date(value: datetime | None, pattern: str = MONTH_DAY_YEAR) -> str:
    """`Sep 10, 2022` by default; `{day}` is the day without a leading zero on every platform."""
    if value is None:
        return ""
    return value.strftime(pattern.replace("{day}", str(value.day)))


def iso_date(value: datetime | None) -> str:
    return value.isoformat() if value is not None else ""


class TemplateEngine:
    """One Jinja environment per build, shared by every page."""

    def __init__(self, config: Config) -> None:
        self.config = config
        self.urls = UrlRules(config)
        self._listing = self._layout_files()
        self._start_environment()

    def _start_environment(self) -> None:
        self.search_path: list[Path] = []
        if self.config.layouts_path.is_dir():
            self.search_path.append(self.config.layouts_path)
        self.search_path.append(THEME_LAYOUTS)
        self.env = Environment(
            loader=ChoiceLoader([FileSystemLoader(str(path)) for path in self.search_path]),
            autoescape=select_autoescape(["html", "htm", "xml"]),
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            # Not checked on every get_template (each {% include %} in a loop stat()ed its file):
            # refresh() drops the compiled templates whose files changed, once per build.
            auto_reload=False,
        )
        self.env.globals.update(
            url_for=self.urls.link,
            absolute_url=self.urls.absolute,
            # Links only to files the output has: the feeds and sitemap this site writes, a
            # favicon only where static/ holds one.
            rss_feeds=[f for f in self.config.feeds if f != ATOM_PATH],
            atom_feed=ATOM_PATH in self.config.feeds,
            has_sitemap=self.config.sitemap,
            has_favicon=(self.config.static_path / "favicon.svg").is_file(),
        )
        self.env.filters.update(date=format_date, isodate=iso_date)
        self._names: set[str] | None = None
        self._digests: dict[str, str] = {}

    def _layout_files(self) -> tuple[tuple[str, ...], ...]:
        """The layout files each folder holds: which file a name resolves to follows from it."""
        folders = (self.config.layouts_path, THEME_LAYOUTS)
        return tuple(
            tuple(sorted(p.relative_to(f).as_posix() for f in [folder] for p in f.rglob("*")))
            if folder.is_dir()
            else ()
            for folder in folders
        )

    def refresh(self) -> TemplateEngine:
        """Ready for another build with the same engine (the dev server keeps its engine, and
        Jinja recompiles only the layouts whose files changed). When a layout file appears or
        goes away, a name may now resolve to another file (a site `post.html` shadowing the
        theme's), which Jinja's cache cannot see: start a new environment then."""
        listing = self._layout_files()
        if listing != self._listing:
            self._listing = listing
            self._start_environment()
            return self
        cache = self.env.cache
        if cache is not None:
            for key, template in list(cache.items()):
                if not template.is_up_to_date:
                    del cache[key]
        self._names = None
        self._digests = {}
        return self

    @property
    def names(self) -> set[str]:
        if self._names is None:
            self._names = set(self.env.list_templates())
        return self._names

    def digest(self, name: str) -> str:
        """A digest of a template's source and of every template it extends, includes or
        imports, as the loader finds them (a site layout shadowing a theme one counts).

        Pages are only re-rendered when this changes, so an edit to `post.html` re-renders post
        pages and leaves list pages alone. A reference computed at render time (a variable
        template name) cannot be followed: such a template depends on all of them.
        """
        if name not in self._digests:
            digest = hashlib.blake2b(digest_size=16)
            for current, source in self._with_references(name):
                digest.update(f"{current}\0{len(source)}\0{source}".encode())
            self._digests[name] = digest.hexdigest()
        return self._digests[name]

    def _with_references(self, name: str) -> list[tuple[str, str]]:
        """`name` and every template it extends, includes or imports, each with its source
        ("" when missing), in a stable order."""
        found = []
        pending, seen = [name], set()
        while pending:
            current = pending.pop()
            if current in seen:
                continue
            seen.add(current)
            try:
                source = self.env.loader.get_source(self.env, current)[0]  # type: ignore[union-attr]
            except TemplateNotFound:
                source = ""
            found.append((current, source))
            references = self._references(source)
            if None in references:
                references = sorted(self.names)
            pending.extend(sorted(r for r in references if r is not None))
        return found

    def compile_ahead(self, names: Iterable[str]) -> None:
        """Compile these templates and those they use now, not at their first page: done
        before the page-making process is forked, the child inherits them compiled instead of
        compiling each again. A template that fails to compile is left to `render`, which
        reports it in place."""
        for name in sorted(set(names)):
            for current, source in self._with_references(name):
                if source:
                    with contextlib.suppress(Exception):  # reported by `render`
                        self.env.get_template(current)

    @staticmethod
    @lru_cache(maxsize=256)
    def _references(source: str) -> list[str | None]:
        """Templates a source names in extends/include/import (None: a name computed at render
        time); remembered by source text, so the dev server parses each layout once."""
        try:
            environment = Environment()
            return list(meta.find_referenced_templates(environment.parse(source)))
        except TemplateSyntaxError:
            return []  # rendering will report it; nothing to follow

    def resolve_layout(self, layout: str | None, *, post_path: str, line: int | None) -> str:
        """`'../../layouts/MarkdownLayout.astro'`, `MarkdownLayout` or `.html` -> a template."""
        if not layout:
            return DEFAULT_POST_LAYOUT
        stem = PurePosixPath(layout.replace("\\", "/")).name
        for suffix in (".astro", ".html", ".md"):
            stem = stem.removesuffix(suffix)
        name = f"{stem}.html"
        if name in self.names:
            return name
        available = sorted(n for n in self.names if "/" not in n)
        raise ContentError(
            post_path,
            line,
            f'no layout "{name}" in {self.config.layouts_dir}/ or the theme (from "{layout}")',
            field="layout",
            hint="available: " + ", ".join(available),
        )

    def render(self, name: str, context: dict[str, Any], *, for_path: str) -> str:
        values = dict(context)
        if isinstance(values.get("content"), str):
            values["content"] = Markup(values["content"])  # the rendered body, trusted HTML
        try:
            return self.env.get_template(name).render(values)
        except TemplateSyntaxError as error:
            raise ContentError(
                self.template_label(error.filename or name),
                error.lineno,
                f"template syntax error: {error.message}",
                hint=f"while rendering {for_path}",
            ) from None
        except TemplateNotFound as error:
            raise ContentError(
                self.template_label(name),
                self.failing_line(error)[1],
                f'template "{error.name}" not found',
                hint=f"while rendering {for_path}",
            ) from None
        except RecursionError as error:  # `{% extends "x.html" %}` inside x.html, or a loop
            filename, line = self.failing_line(error)
            raise ContentError(
                self.template_label(filename or name),
                line,
                "template error: a layout that extends or includes itself, directly or through "
                "other layouts",
                hint=f"while rendering {for_path}",
            ) from None
        except (TemplateError, Exception) as error:  # any bug in a layout is reported, not raised
            filename, line = self.failing_line(error)
            raise ContentError(
                self.template_label(filename or name),
                line,
                f"template error: {type(error).__name__}: {error}",
                hint=f"while rendering {for_path}",
            ) from None

    def failing_line(self, error: BaseException) -> tuple[str | None, int | None]:
        """The innermost template frame of a rendering error (Jinja rewrites its tracebacks)."""
        for frame in reversed(traceback.extract_tb(error.__traceback__)):
            if frame.filename and frame.filename.endswith((".html", ".xml")):
                return frame.filename, frame.lineno
        return None, None

    def template_label(self, filename: str) -> str:
        """A template's path as the user knows it (`layouts/Post.html`)."""
        path = Path(filename)
        if not path.is_absolute():
            for folder in self.search_path:
                if (folder / filename).exists():
                    path = folder / filename
                    break
        try:
            return path.resolve().relative_to(self.config.root.resolve()).as_posix()
        except ValueError:
            try:
                inside_theme = path.resolve().relative_to(THEME_LAYOUTS).as_posix()
                return f"blogforge/theme/layouts/{inside_theme}"
            except ValueError:
                return filename


def pages_affected(pages: list[str]) -> str:
    """`while rendering content/posts/a.md` or `... and 299 other pages (300 in all)`: a broken
    layout used by 300 pages is one error, not 300."""
    if len(pages) == 1:
        return f"while rendering {pages[0]}"
    return f"while rendering {pages[0]} and {len(pages) - 1} other pages ({len(pages)} in all)"

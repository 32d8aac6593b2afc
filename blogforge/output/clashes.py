"""Checks on what a build is about to write, made before anything is written.

Pages, generated files and static files share one folder: a page whose URL is a generated file's
name (`slug: rss.xml`) or a static file's would have one overwrite the other, or crash when one
needs a folder where the other is a file. And a symbolic link in `static/` pointing outside the
site would publish whatever it points to (`static/keys -> ~/.ssh`). Each is reported with the
file it comes from, and the build stops before writing.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from blogforge.config import Config
from blogforge.content.source import MARKDOWN_SUFFIXES, site_label
from blogforge.errors import Problem
from blogforge.incremental.fingerprints import files_under
from blogforge.site.urls import (
    ATOM_PATH,
    IMAGES_FOLDER,
    ROBOTS_PATH,
    RSS_PATH,
    SITEMAP_INDEX_PATH,
    THEME_ASSETS_FOLDER,
)

if TYPE_CHECKING:
    from blogforge.site.routes import Route

# Files and folders the build writes besides pages, and what they are (for the message).
GENERATED = {
    RSS_PATH: "the RSS feed",
    ATOM_PATH: "the Atom feed",
    "sitemap-0.xml": "the sitemap",
    SITEMAP_INDEX_PATH: "the sitemap index",
    ROBOTS_PATH: "robots.txt",
    IMAGES_FOLDER: "the folder of optimised images",
    THEME_ASSETS_FOLDER: "the theme's assets folder",
}


def links_outside(static: Path, root: Path, files: Iterable[str]) -> list[Problem]:
    """Symbolic links in `static/` that resolve outside the site folder: never published."""
    problems = []
    site = root.resolve()
    for relative in files:
        path = static / relative
        if path.is_symlink() and not path.resolve().is_relative_to(site):
            problems.append(
                Problem(
                    site_label(path, root),
                    None,
                    "a symbolic link to a file outside the site folder: refusing to publish it",
                    hint="copy the file into static/ if it is meant to be public",
                )
            )
    return problems


def clashes(pages: Iterable[tuple[str, str, str]], static: Iterable[str]) -> list[Problem]:
    """Pages (file, URL, source) whose file is, or sits inside, a generated or static file."""
    taken = dict(GENERATED)
    taken.update({name: f"the static file static/{name}" for name in static})
    problems = []
    for file, url, source in pages:
        parts = PurePosixPath(file).parts
        for depth in range(1, len(parts) + 1):
            owner = taken.get("/".join(parts[:depth]))
            if owner is not None:
                problems.append(
                    Problem(
                        source,
                        None,
                        f"its URL {url} is where blogforge writes {owner}",
                        field="url",
                        hint="change the slug (or title, when URLs come from titles)",
                    )
                )
                break
    return problems


def output_plan_problems(config: Config, routes: Sequence[Route]) -> list[Problem]:
    """Before writing: no static link out of the site, no post page on a generated or static
    file's path (the theme's own pages may be replaced by a static file, e.g. a hand-made
    static/404.html)."""
    static = files_under(config.static_path)
    posts = [(r.file, r.path, r.source) for r in routes if r.source.endswith(MARKDOWN_SUFFIXES)]
    return links_outside(config.static_path, config.root, static) + clashes(posts, static)

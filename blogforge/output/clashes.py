"""Checks on what a build is about to write, made before anything is written.

Pages, generated files and static files share one folder: a page whose URL is a generated file's
name (`slug: rss.xml`) or a static file's would have one overwrite the other, or crash when one
needs a folder where the other is a file. And a symbolic link in `static/` pointing outside the
site would publish whatever it points to (`static/keys -> ~/.ssh`). Each is reported with the
file it comes from, and the build stops before writing.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterable, Sequence
from pathlib import Path
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
    """Files in `static/` that cannot be published as they are, each with why: a symbolic
    link that resolves outside the site folder (it would publish whatever it points to), to
    nothing or into a loop; a named pipe, socket or device (reading one blocks or fails); a
    file this user cannot read. Found before writing, so the build stops with placed errors
    instead of failing half-way through the copy."""
    problems = []
    site = root.resolve()
    for relative in files:
        path = static / relative
        why, hint = unpublishable(path, site)
        if why is not None:
            problems.append(Problem(site_label(path, root), None, why, hint=hint))
    return problems


def unpublishable(path: Path, site: Path) -> tuple[str | None, str | None]:
    """Why a static file cannot be copied into the site (and a hint), or (None, None)."""
    if path.is_symlink():
        try:
            target = path.resolve(strict=True)
        except (OSError, RuntimeError) as error:  # RuntimeError: a loop, on Python 3.11
            looping = isinstance(error, RuntimeError) or getattr(error, "errno", 0) == errno.ELOOP
            if looping:
                return "a symbolic link that loops back on itself", "remove the link"
            return "a symbolic link to nothing (its target is missing)", "remove the link"
        if not target.is_relative_to(site):
            return (
                "a symbolic link to a file outside the site folder: refusing to publish it",
                "copy the file into static/ if it is meant to be public",
            )
    try:
        mode = path.stat().st_mode
    except OSError as error:
        return f"cannot be read: {error.strerror}", "check its permissions"
    if not stat.S_ISREG(mode):
        kind = (
            "a named pipe"
            if stat.S_ISFIFO(mode)
            else "a socket"
            if stat.S_ISSOCK(mode)
            else "a device"
        )
        return (
            f"expected a regular file, found {kind}: it cannot be published",
            "move it out of static/",
        )
    if not os.access(path, os.R_OK):
        return "cannot be read: permission denied", "check its permissions"
    return None, None


def clashes(pages: Iterable[tuple[str, str, str]], static: Iterable[str]) -> list[Problem]:
    """Pages (file, URL, source) whose file is, or sits inside, a generated or static file."""
    taken = dict(GENERATED)
    taken.update({name: f"the static file static/{name}" for name in static})
    problems = []
    for file, url, source in pages:
        parts = file.split("/")  # a normal relative path (site.urls.safe_output_file)
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
    outside = folders_outside(config)
    static = files_under(config.static_path) if not outside else []
    posts = [(r.file, r.path, r.source) for r in routes if r.source.endswith(MARKDOWN_SUFFIXES)]
    problems = outside + links_outside(config.static_path, config.root, static)
    return problems + too_long(posts) + clashes(posts, static)


MAX_NAME_BYTES = 255  # per file or folder name, on every common file system


def too_long(pages: Iterable[tuple[str, str, str]]) -> list[Problem]:
    """Posts whose page would need a file or folder name over 255 bytes (a slug made from a
    long title): "File name too long" from the write, naming the temporary folder, not the post."""
    return [
        Problem(
            source,
            None,
            f"its URL {url[:60]}... needs a name of more than {MAX_NAME_BYTES} bytes",
            field="url",
            hint="set a shorter slug in the frontmatter",
        )
        for file, url, source in pages
        if len(file) > MAX_NAME_BYTES // 4  # no name of a shorter file can be too long
        and any(len(part.encode("utf-8")) > MAX_NAME_BYTES for part in file.split("/"))
    ]


def folders_outside(config: Config) -> list[Problem]:
    """Folders whose files are published (static files, posts, pages) that resolve outside
    the site folder: `static_dir = "../private"` or a collection in `/etc` would publish
    whatever is there. The same rule as for a symbolic link in static/ or a post's link."""
    site = config.root.resolve()
    folders = [("static_dir", config.static_dir), ("content_dir", config.content_dir)]
    folders += [("collections", c.folder) for c in config.collections]
    if config.pages_dir:
        folders.append(("pages_dir", config.pages_dir))
    return [
        Problem(
            "blogforge.toml",
            None,
            f"the folder {name!r} is outside the site folder: refusing to publish its files",
            field=key,
            hint="move or copy the files into the site folder",
        )
        for key, name in folders
        if not (config.root / name).resolve().is_relative_to(site)
    ]

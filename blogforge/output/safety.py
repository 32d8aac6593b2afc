"""The output folder is replaced wholesale on every build: it must never be a folder of sources.

Measured before this check: `blogforge build --out .` replaced the whole blog (posts, layouts,
blogforge.toml) with the built site, `--out content` deleted every post, `--out ..` emptied the
folder above the blog. A build swaps its new site in for the output folder and deletes the old
one, so an output folder that is, or contains, the site's root, its content, layouts, static
files, pages or cache is refused before anything is written, and so is one inside the sources
(a `dist/` inside `static/` would be copied into itself).
"""

from __future__ import annotations

import os
from pathlib import Path

from blogforge.config import Config
from blogforge.errors import Problem
from blogforge.incremental.store import CACHE_DIR_NAME

# Top-level entries no built site has, but a project folder does: the last line of defence
# for callers that skip `output_problem` (the library's `build()` with a hand-made Config).
PROJECT_MARKERS = ("blogforge.toml", CACHE_DIR_NAME, ".git", "astro.config.mjs", "astro.config.ts")


def source_folders(config: Config) -> list[tuple[str, Path]]:
    """Every folder the build reads from (and the cache), named as the user knows it."""
    folders = [
        ("the site's root", config.root),
        (f"{config.content_dir}/ (the posts)", config.content_path),
        (f"{config.layouts_dir}/ (the layouts)", config.layouts_path),
        (f"{config.static_dir}/ (the static files)", config.static_path),
        (f"{CACHE_DIR_NAME}/", config.root / CACHE_DIR_NAME),
    ]
    if config.pages_dir:
        folders.append((f"{config.pages_dir}/ (the pages)", config.root / config.pages_dir))
    for collection in config.collections:
        name = f"{collection.folder}/ (collection {collection.name})"
        folders.append((name, config.root / collection.folder))
    return folders


def output_problem(config: Config, given_as: str = "blogforge.toml") -> Problem | None:
    """Why `config.out_path` must not be written, or None when it is a safe output folder."""
    out = config.out_path.resolve()
    for name, folder in source_folders(config):
        source = folder.resolve()
        if source == out or source.is_relative_to(out):
            return Problem(
                given_as,
                None,
                f"the output folder {config.out_dir!r} would replace {name}: "
                "every build deletes the output folder's old contents",
                field="out_dir",
                hint='use a folder of its own, e.g. "dist"',
            )
        if folder != config.root and out.is_relative_to(source):
            return Problem(
                given_as,
                None,
                f"the output folder {config.out_dir!r} is inside {name}",
                field="out_dir",
                hint='use a folder of its own, e.g. "dist"',
            )
    if out.exists() and not out.is_dir():  # it used to be swapped away into a hidden file
        return Problem(
            given_as,
            None,
            f"the output folder {config.out_dir!r} is a file, not a folder: "
            "a build would replace it",
            field="out_dir",
            hint="move the file away, or choose another output folder",
        )
    if (marker := looks_like_a_project(out) or not_a_built_site(out)) is not None:
        return Problem(
            given_as,
            None,
            f"the output folder {config.out_dir!r} is not a built site ({marker}): "
            "every build deletes the output folder's old contents",
            field="out_dir",
            hint='use a folder of its own, e.g. "dist"',
        )
    return None


def looks_like_a_project(folder: Path) -> str | None:
    """The marker that shows `folder` holds a project rather than a built site, if any."""
    for marker in PROJECT_MARKERS:
        if (folder / marker).exists():
            return marker
    if folder == Path(folder.anchor) or folder == Path.home():
        return "it is the file system root or the home folder"
    return None


# What a site blogforge built always has at its top; a folder holding files but neither of these
# is someone's folder of files (`--out ~/Documents`), which a build would delete wholesale.
BUILT_SITE_MARKERS = ("index.html", "_blogforge", "404.html")


def not_a_built_site(folder: Path) -> str | None:
    """Why a non-empty `folder` does not look like a site blogforge built, or None."""
    try:
        entries = os.listdir(folder)
    except (FileNotFoundError, NotADirectoryError):
        return None
    if not entries or any(name in entries for name in BUILT_SITE_MARKERS):
        return None
    return f"it holds {len(entries)} entries but no index.html, 404.html or _blogforge/"


# Files people add to a deployed folder by hand; a build replaces the folder, dropping them.
HAND_ADDED = ("CNAME", ".nojekyll", "_redirects", "_headers", ".htaccess", "favicon.ico")
# The line before the redirects blogforge writes into `_redirects` (after a hand-written
# static/_redirects, if any): a `_redirects` starting with it is the build's own, not a hand's.
OUR_REDIRECTS_MARK = "# Redirects written by blogforge ([redirects], aliases, redirect_from):"


def _written_by_blogforge(path: Path) -> bool:
    try:
        with open(path, "rb") as stream:
            return stream.read(len(OUR_REDIRECTS_MARK)) == OUR_REDIRECTS_MARK.encode()
    except OSError:
        return False


def output_warnings(config: Config) -> list[Problem]:
    """Files in the output folder that the next build will drop, since only static/ is copied."""
    warnings = []
    for name in HAND_ADDED:
        path = config.out_path / name
        if path.is_file() and not (config.static_path / name).exists():
            if _written_by_blogforge(path):
                continue
            warnings.append(
                Problem(
                    f"{config.out_dir}/{name}",
                    None,
                    "added to the output folder by hand: every build replaces the folder, "
                    "so this build drops it",
                    hint=f"put it in {config.static_dir}/{name} to publish it with every build",
                )
            )
    return warnings

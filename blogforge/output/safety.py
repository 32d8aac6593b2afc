"""The output folder is replaced wholesale on every build: it must never be a folder of sources.

Measured before this check: `blogforge build --out .` replaced the whole blog (posts, layouts,
blogforge.toml) with the built site, `--out content` deleted every post, `--out ..` emptied the
folder above the blog. A build swaps its new site in for the output folder and deletes the old
one, so an output folder that is, or contains, the site's root, its content, layouts, static
files, pages or cache is refused before anything is written, and so is one inside the sources
(a `dist/` inside `static/` would be copied into itself).
"""

from __future__ import annotations

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
    if (marker := looks_like_a_project(out)) is not None:
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

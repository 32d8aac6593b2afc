"""A Markdown file found for the site, how files are named and found, and which of them may
be published (a UTF-8 name, inside the site folder).

The leaf of the content package: every other stage names a post by its `Source` (its path).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdx")


@dataclass(frozen=True)
class Source:
    """A Markdown file found under the content folder."""

    path: Path  # absolute path of the file
    rel_path: str  # posix path relative to the content folder, e.g. "posts/x.md"
    collection: str  # first folder under the content folder ("" for a top-level file)
    route: str = ""  # a Markdown page's site path from its file (src/pages/a/b.md -> /a/b/)
    standalone: bool = False  # content/pages/: a page (about, uses), not a post: no date needed


def visible(relative: Path) -> bool:
    """Astro ignores files and folders starting with `_` (and we skip hidden ones)."""
    return not any(part.startswith(("_", ".")) for part in relative.parts)


def markdown_files(folder: Path) -> list[Path]:
    """Markdown files under `folder`, skipping `_`/`.` files and folders."""
    return [path for path, _ in markdown_files_relative(folder)]


def markdown_files_relative(folder: Path) -> list[tuple[Path, str]]:
    """Markdown files under `folder` with their POSIX paths relative to it, skipping `_`/`.`
    files and folders (pruned without visiting), as `os.walk` walks: links to folders are
    listed but not followed, a link to a file counts when its target is a file.

    The dev server lists the content on every rebuild: paths are joined as text, each file's
    `Path` is made once per process (`_file`), not once per rebuild, and whether a name is a
    file comes from the folder listing (`DirEntry.is_file`) rather than a `stat` a file."""
    if not folder.is_dir():
        return []
    top = str(folder)
    found = []
    pending = [(top, "")]
    while pending:
        folder_path, inner = pending.pop(0)
        subfolders = []
        try:
            entries = list(os.scandir(folder_path))
        except OSError:
            continue  # gone or unreadable meanwhile: os.walk skips it too
        for entry in entries:
            name = entry.name
            if name.startswith(("_", ".")):
                continue
            relative = f"{inner}/{name}" if inner else name
            try:
                if entry.is_dir():
                    if not entry.is_symlink():
                        subfolders.append((entry.path, relative))
                elif name.lower().endswith(MARKDOWN_SUFFIXES) and entry.is_file():
                    found.append((_file(top, relative), relative))
            except OSError:
                continue
        pending[:0] = subfolders  # depth first, in listing order, as os.walk goes
    return found


@lru_cache(maxsize=65536)
def _file(top: str, relative: str) -> Path:
    return Path(top, relative)


def path_in_collection(source: Source) -> str:
    """The path an Astro id is made from: relative to the collection folder."""
    if source.collection and source.rel_path.startswith(source.collection + "/"):
        return source.rel_path[len(source.collection) + 1 :]
    return source.rel_path


@lru_cache(maxsize=65536)
def site_label(path: Path, root: Path) -> str:
    """How a file is named in messages: its path relative to the site root when inside it
    (remembered: path arithmetic for every post of every rebuild showed in the dev server's
    profile)."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def inside_site(path: Path, root: Path, real_folders: dict[Path, Path]) -> bool:
    """Whether a file really lies inside the site folder (the one publish policy).

    `Path.resolve()` checks every component of the path, twice a post (the file and the root):
    a tenth of loading 1 000 posts. A file that is not a link really lies in its folder's real
    path, and a build's posts share a few folders, so each folder is resolved once.
    """
    for folder in (path.parent, root):
        if folder not in real_folders:
            real_folders[folder] = folder.resolve()
    real = path.resolve() if path.is_symlink() else real_folders[path.parent] / path.name
    return real.is_relative_to(real_folders[root])


def is_utf8_name(name: str) -> bool:
    """False for a name Python decoded with surrogate escapes (bytes that are not UTF-8)."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True

"""What a build is made of, as one fingerprint: when it and the output are as the last build
left them, there is nothing to do.

Inputs: blogforge's code and version, the settings (`Config`, which holds the config file,
command-line overrides and what was detected in an Astro project), every post and page found
(by content), the site's layouts (by content), static files and the theme (by size and mtime),
the commit checked out when posts are dated from git,
and the image files the last build read from elsewhere (`../../assets/x.png`, by size and mtime
as read). The fingerprint is taken before the build reads anything, so a file saved during a
build makes the next build differ, never look up to date.
"""

from __future__ import annotations

import hashlib
import os
import re
import sys
from functools import lru_cache
from pathlib import Path

import blogforge
from blogforge.config import Config
from blogforge.content.discover import discover
from blogforge.content.git_dates import head_state
from blogforge.incremental.digests import digest

THEME = Path(__file__).resolve().parent.parent / "theme"
# The libraries whose upgrade can change what a build writes.
OUTPUT_LIBRARIES = (
    "markdown-it-py",
    "mdit-py-plugins",
    "mdurl",
    "github-slugger",
    "math-core",
    "PyYAML",
    "Jinja2",
    "MarkupSafe",
    "Pygments",
    "pillow",
    "pagefind",  # the search index
)


@lru_cache(maxsize=1)
def toolchain() -> str:
    """blogforge's version and those of the libraries that shape its output, as one string.

    Part of every cache key and page digest: after `pip install -U pygments`, cached bodies and
    pages are made again, so a cached build still equals a clean one. Versions are read from
    the `<name>-<version>.dist-info` folders on `sys.path` (one listing per folder): asking
    `importlib.metadata` for each took a third of an up-to-date build.
    """
    wanted = {_normalised(name): name for name in OUTPUT_LIBRARIES}
    found: dict[str, str] = {}
    for folder in sys.path:
        try:
            entries = os.listdir(folder or ".")
        except OSError:
            continue
        for entry in entries:
            if entry.endswith(".dist-info"):
                name, _, version = entry.removesuffix(".dist-info").partition("-")
                found.setdefault(_normalised(name), version)
    versions = [f"blogforge={blogforge.__version__}"]  # read now: an upgrade is seen
    for key, name in wanted.items():
        version = found.get(key) or _metadata_version(name)
        versions.append(f"{name}={version}")
    return ";".join(versions)


def _normalised(name: str) -> str:
    return re.sub(r"[-_.]+", "_", name).lower()


def _metadata_version(name: str) -> str:
    """The slow, general way, for a library installed without a dist-info folder."""
    # deferred: importlib.metadata only for a library missing from sys.path
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(name)
    except PackageNotFoundError:
        return "?"


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """A digest of blogforge's own Python code and its toolchain: what other code made is
    made again. Upgrading blogforge or a library changes it, and so does editing a checkout.
    """
    package = Path(__file__).resolve().parent.parent
    parts = [toolchain()]
    for path in sorted(package.rglob("*.py")):
        parts += [path.relative_to(package).as_posix(), path.read_text("utf-8")]
    return digest(*parts)


def fingerprint(config: Config, read_ahead: dict[Path, bytes] | None = None) -> str:
    """The digest of everything but the images read from outside the site's folders. Each post
    file's bytes are left in `read_ahead`, for the build to load them without a second read."""
    state = hashlib.blake2b(digest_size=16)

    def add(*parts: str | bytes) -> None:
        for part in parts:
            data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
            state.update(len(data).to_bytes(8, "big"))
            state.update(data)

    add(code_fingerprint(), repr(config))
    if config.dates_from_git:  # a new commit can change a post's `updated` date
        add(head_state(config.root))
    if config.card_font:  # the cards' font, read by path
        add(repr(file_stat(config.root / config.card_font)))
    for source in discover(config):
        data = _read(source.path)
        add(repr(source), _as_input(data))
        if read_ahead is not None and isinstance(data, bytes):
            read_ahead[source.path] = data
    for relative in files_under(config.layouts_path):
        path = config.layouts_path / relative
        add(str(path), _as_input(_read(path)))
    for folder in (config.static_path, THEME):
        for relative in files_under(folder):
            path = folder / relative
            add(str(path), repr(file_stat(path)))
    return state.hexdigest()


Stamp = tuple[int, int, int]


def stamp_of(status: os.stat_result) -> Stamp:
    """What tells a source file changed without reading it: size, mtime and ctime in
    nanoseconds. The ctime because a copy that keeps the mtime (`cp -p`, `rsync -t`, a restored
    backup) can give new bytes the old size and mtime, but never the old ctime: the kernel sets
    it on every write and every `utime`."""
    return (status.st_size, status.st_mtime_ns, status.st_ctime_ns)


def file_stat(path: Path | str) -> Stamp:
    """`stamp_of` a file; (-1, -1, -1) when it is gone."""
    try:
        status = os.stat(path)
    except OSError:
        return (-1, -1, -1)
    return stamp_of(status)


def _read(path: Path) -> bytes | OSError:
    try:
        return path.read_bytes()
    except OSError as error:
        return error


def _as_input(data: bytes | OSError) -> bytes | str:
    """What the fingerprint takes of a file it read: its bytes, or why it could not be read."""
    return data if isinstance(data, bytes) else f"unreadable: {data}"


def files_under(folder: Path) -> list[str]:
    """A folder's files as posix paths relative to it, in a stable order; links to folders
    are not followed. Shared by the fingerprint, the static-file checks and the static copy,
    so all three see the same files. Emacs's `.#name` lock files (dangling symbolic links that
    come and go while a file is edited) are not the site's: skipped."""
    if not folder.is_dir():
        return []
    found = []
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames.sort()
        rel_dir = Path(dirpath).relative_to(folder).as_posix()
        found += [
            name if rel_dir == "." else f"{rel_dir}/{name}"
            for name in sorted(filenames)
            if not name.startswith(".#")  # an editor's lock file (Emacs): never a site's file
        ]
    return found

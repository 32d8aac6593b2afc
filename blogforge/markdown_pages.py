"""Markdown pages of Astro's `src/pages`: routed by their file path, not by a collection pattern.

`src/pages/posts/x.md` is served by Astro at `/posts/x/` and `src/pages/posts/index.md` at
`/posts/` (segments kept as written: Astro does not slugify page file names). Such a page is built
as a post (its `layout:`, title and date), so old-style Astro blogs whose posts live in
`src/pages/posts/` keep their URLs and appear in lists and feeds. A page without a date, or one
at `/` (blogforge writes the home page itself), is left out with a warning rather than failing
the build: it is a standalone page (about, uses), which blogforge does not build yet.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from blogforge.errors import Problem

if TYPE_CHECKING:
    from blogforge.config import Config
    from blogforge.content import Source


def page_route(relative: Path) -> str:
    """The site path of a page file relative to src/pages: `posts/x.md` -> `/posts/x/`."""
    parts = list(relative.with_suffix("").parts)
    if parts and parts[-1] == "index":
        parts.pop()
    return "/" + "/".join(parts) + "/" if parts else "/"


def page_sources(config: Config, make_source: Callable[..., Source]) -> list[Source]:
    """Every Markdown page under `config.pages_dir` (none when it is unset), sorted by path.

    The page's collection is its first folder (`posts` for `posts/x.md`, "" at the top level),
    so its list and neighbours are those of the posts beside it."""
    from blogforge.content import markdown_files

    if not config.pages_dir:
        return []
    folder = config.root / config.pages_dir
    sources = []
    for path in markdown_files(folder):
        relative = path.relative_to(folder)
        collection = relative.parts[0] if len(relative.parts) > 1 else ""
        sources.append(make_source(path, relative.as_posix(), collection, page_route(relative)))
    return sorted(sources, key=lambda s: s.rel_path)


def skipped_page(source: Source, label: str, data: dict[str, Any]) -> Problem | None:
    """Why a page is not built (a warning), or None when it is built as a post."""
    from blogforge.content import PUB_DATE_KEYS

    if source.route == "/":
        return Problem(label, 1, "not built: `/` is blogforge's home page (the list of posts)")
    if not any(key in data for key in PUB_DATE_KEYS):
        return Problem(
            label,
            1,
            "not built: a Markdown page is built as a post and this one has no date "
            f"({', '.join(PUB_DATE_KEYS)})",
            hint="add a pubDate to build it; standalone pages are not supported yet",
        )
    return None

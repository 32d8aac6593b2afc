"""The search page (`/search/`): where the theme's search box lives and what it needs to know.

The index itself is made after the pages are written (`output/search_index.py`), split into
shards (`pagefind/0/`, `pagefind/1/`, …; each post goes to the shard its output file's digest
names) because Pagefind cannot update an index: a one-post edit re-indexes only that post's
shard, a sixteenth of a 1 000-post blog. The page names every shard: the browser loads the first
one's `pagefind.js` and merges the others into it (Pagefind's `mergeIndex`), all sharing one
WebAssembly module. Every bundle URL is versioned: `pagefind.js` by Pagefind's release, and each
shard's entry file is fetched uncached by Pagefind and names content-hashed index files, so a
deploy never pairs new pages with an old index.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache, partial
from importlib.metadata import PackageNotFoundError, version
from typing import Any

from blogforge.content.source import MARKDOWN_SUFFIXES
from blogforge.incremental.digests import digest
from blogforge.site.menu import SEARCH_PATH
from blogforge.site.routes import Planner, Route

SEARCH_FOLDER = "pagefind"  # the bundle's folder under the output folder
SEARCH_LAYOUT = "search.html"
# Pages a shard holds at most before the shards double: re-indexing 100 pages costs Pagefind
# ~0.5 s of CPU, where the whole index of 1 000 posts costs ~6 s.
SHARD_PAGES = 100
# At most this many shards: each is one more small request per search in the browser.
MAX_SHARDS = 32


@cache
def pagefind_version() -> str:
    """The installed Pagefind's version ("missing" without it): part of the index's key and of
    the bundle's URL."""
    try:
        return version("pagefind")
    except PackageNotFoundError:
        return "missing"


def is_indexed(route: Route) -> bool:
    """Posts and standalone pages are searched; the lists, tags and archive showing them are
    not (they would repeat each post's text)."""
    return route.source.endswith(MARKDOWN_SUFFIXES)


def shard_count(pages: int) -> int:
    """How many shards `pages` indexed pages are split into: a power of two, so that when the
    blog grows past a threshold each shard splits in two rather than every page moving."""
    count = 1
    while count * SHARD_PAGES < pages and count < MAX_SHARDS:
        count *= 2
    return count


def shard_of(file: str, shards: int) -> int:
    """The shard of the page written to `file`: fixed by its name, so editing or adding a post
    changes one shard only."""
    return int(digest("search shard", file)[:8], 16) % shards


def shards_of(files: Sequence[str]) -> dict[int, list[str]]:
    """The indexed pages' output files by shard, lowest shard first; a shard with no page is
    left out (Pagefind makes no index of nothing). The first one is the browser's primary."""
    count = shard_count(len(files))
    shards: dict[int, list[str]] = {}
    for file in files:
        shards.setdefault(shard_of(file, count), []).append(file)
    return dict(sorted(shards.items()))


def shard_folder(shard: int) -> str:
    return f"{SEARCH_FOLDER}/{shard}"


def search_route(planner: Planner, indexed_files: Sequence[str]) -> Route:
    file = planner.urls.file_for(SEARCH_PATH)
    shards = list(shards_of(indexed_files))
    inputs = planner.inputs("search", pagefind_version(), *map(str, shards))
    make = partial(search_context, planner, shards)
    return Route(SEARCH_PATH, file, SEARCH_LAYOUT, make, "search", inputs)


def search_context(planner: Planner, shards: list[int]) -> dict[str, Any]:
    """`pagefind_url`: the first shard's `pagefind.js` ("" when nothing is indexed);
    `pagefind_shards`: the other shards' folders, to merge into it."""
    page = planner.page_view(SEARCH_PATH, "Search", "", "search")
    bundle = planner.urls.link(f"/{shard_folder(shards[0])}/pagefind.js") if shards else ""
    return planner.base_context(page) | {
        "pagefind_url": f"{bundle}?v={pagefind_version()}" if shards else "",
        "pagefind_shards": [planner.urls.link(f"/{shard_folder(n)}/") for n in shards[1:]],
        "archive_url": planner.urls.link("/archive/"),
    }

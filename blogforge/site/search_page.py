"""The search page (`/search/`): where the theme's search box lives and what it needs to know.

The index itself is made after the pages are written (`output/search_index.py`); the page only
needs the bundle's URL, versioned by Pagefind's version so a browser never pairs a cached
`pagefind.js` with an index written by another release.
"""

from __future__ import annotations

from functools import cache, partial
from importlib.metadata import PackageNotFoundError, version
from typing import Any

from blogforge.site.menu import SEARCH_PATH
from blogforge.site.routes import Planner, Route

SEARCH_FOLDER = "pagefind"  # the bundle's folder under the output folder
SEARCH_LAYOUT = "search.html"


@cache
def pagefind_version() -> str:
    """The installed Pagefind's version ("missing" without it): part of the index's key and of
    the bundle's URL."""
    try:
        return version("pagefind")
    except PackageNotFoundError:
        return "missing"


def search_route(planner: Planner) -> Route:
    file = planner.urls.file_for(SEARCH_PATH)
    inputs = planner.inputs("search", pagefind_version())
    return Route(
        SEARCH_PATH, file, SEARCH_LAYOUT, partial(search_context, planner), "search", inputs
    )


def search_context(planner: Planner) -> dict[str, Any]:
    page = planner.page_view(SEARCH_PATH, "Search", "", "search")
    bundle = planner.urls.link(f"/{SEARCH_FOLDER}/pagefind.js")
    return planner.base_context(page) | {
        "pagefind_url": f"{bundle}?v={pagefind_version()}",
        "archive_url": planner.urls.link("/archive/"),
    }

"""The header menu: the links every page's header shows, in order.

Its own module because the route planner builds it (it is part of the site view every page
digest covers) and the archive's planner needs its path, so neither imports the other.
"""

from __future__ import annotations

from collections.abc import Sequence

from blogforge.config import Config
from blogforge.site.urls import UrlRules

ARCHIVE_PATH = "/archive/"
SEARCH_PATH = "/search/"


def header_menu(
    config: Config, urls: UrlRules, nav: Sequence[tuple[str, str]]
) -> tuple[tuple[str, str], ...]:
    """`nav` from blogforge.toml when set (each URL given the base path and slash rule; external
    links kept as written), else Home, each post list, Tags (the automatic `nav`), Archive
    (unless `archive = false`) and Search (unless `search = false`)."""
    if config.nav:
        return tuple((label, urls.link(url)) for label, url in config.nav)
    archive = (("Archive", urls.link(ARCHIVE_PATH)),) if config.archive else ()
    search = (("Search", urls.link(SEARCH_PATH)),) if config.search else ()
    return (("Home", urls.link("/")), *nav, *archive, *search)

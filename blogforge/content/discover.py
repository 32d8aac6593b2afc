"""Which Markdown files make the site: the collections' folders, then Markdown pages."""

from __future__ import annotations

from pathlib import Path

from blogforge.config import Config
from blogforge.content.pages import page_route, page_sources
from blogforge.content.source import Source, markdown_files_relative

PAGES_FOLDER = "pages"  # content/pages/: standalone pages routed by their path


def discover(config: Config) -> list[Source]:
    """Every Markdown post, sorted by path so builds never depend on the file system's order."""
    sources: list[Source] = []
    if config.collections:
        for collection in config.collections:
            folder = config.root / collection.folder
            for path, relative in markdown_files_relative(folder):
                sources.append(Source(path, relative, collection.name))
        sources.sort(key=lambda s: (s.collection, s.rel_path))
        return sources + page_sources(config)
    content = config.content_path
    for path, relative in markdown_files_relative(content):
        collection = relative.split("/", 1)[0] if "/" in relative else ""
        if collection == PAGES_FOLDER:  # content/pages/about.md: the standalone page /about/
            route = page_route(Path(relative).relative_to(PAGES_FOLDER))
            sources.append(Source(path, relative, collection, route, bool(route)))
        else:
            sources.append(Source(path, relative, collection))
    return sorted(sources, key=lambda s: s.rel_path) + page_sources(config)

"""Which Markdown files make the site: the collections' folders, then Markdown pages."""

from __future__ import annotations

from blogforge.config import Config
from blogforge.content.pages import page_route, page_sources
from blogforge.content.source import Source, markdown_files

PAGES_FOLDER = "pages"  # content/pages/: standalone pages routed by their path


def discover(config: Config) -> list[Source]:
    """Every Markdown post, sorted by path so builds never depend on the file system's order."""
    sources: list[Source] = []
    if config.collections:
        for collection in config.collections:
            folder = config.root / collection.folder
            for path in markdown_files(folder):
                relative = path.relative_to(folder).as_posix()
                sources.append(Source(path, relative, collection.name))
        sources.sort(key=lambda s: (s.collection, s.rel_path))
        return sources + page_sources(config)
    content = config.content_path
    for path in markdown_files(content):
        relative = path.relative_to(content)
        collection = relative.parts[0] if len(relative.parts) > 1 else ""
        # content/pages/about.md is the standalone page /about/, not a post of a collection
        route = page_route(relative.relative_to(PAGES_FOLDER)) if collection == PAGES_FOLDER else ""
        sources.append(Source(path, relative.as_posix(), collection, route, bool(route)))
    return sorted(sources, key=lambda s: s.rel_path) + page_sources(config)

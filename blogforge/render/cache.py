"""Rendered post bodies, cached by content: a rebuild re-renders only the posts that changed.

Key = blogforge's and its libraries' versions + Markdown options + the body's text. Inline
images are the one input outside the body: each entry remembers what every image resolved to,
and a hit is only trusted if every image still resolves to the same attributes (same file bytes,
so the same content-hashed URL and size). The entry is a pickle of our own dataclasses, written
by this program into the site's own cache folder; a corrupted entry fails its checksum in Cache
and is simply rendered again.
"""

from __future__ import annotations

import pickle
from collections.abc import Callable

from blogforge.incremental.store import Cache
from blogforge.markdown import MarkdownOptions, Rendered, render_markdown

NAMESPACE = "render"
Resolver = Callable[[str], dict[str, str] | None]


class RenderCache:
    def __init__(self, cache: Cache, options: MarkdownOptions) -> None:
        self.cache = cache
        self.options = options
        self.hits = 0
        self.misses = 0
        self.last_resolved: dict[str, dict[str, str] | None] = {}  # of the last hit

    def key(self, body: str) -> str:
        from blogforge.incremental.fingerprints import toolchain

        return self.cache.key(NAMESPACE, toolchain(), repr(self.options), body)

    def lookup(self, body: str, resolve: Resolver) -> Rendered | None:
        """The cached result for this body when still valid (counted as a hit), else None."""
        cached = self.load(self.key(body), resolve)
        if cached is not None:
            self.hits += 1
        return cached

    def store(
        self, body: str, rendered: Rendered, resolved: dict[str, dict[str, str] | None]
    ) -> None:
        """Remember a fresh render and what each of its inline images resolved to."""
        self.misses += 1
        if self.cache.enabled:
            data = pickle.dumps((rendered, resolved), protocol=5)
            self.cache.put(NAMESPACE, self.key(body), data)

    def render(self, body: str, resolve: Resolver) -> Rendered:
        """The cached result when still valid, else a fresh render in this process (stored)."""
        cached = self.lookup(body, resolve)
        if cached is not None:
            return cached
        resolved: dict[str, dict[str, str] | None] = {}

        def recording(src: str) -> dict[str, str] | None:
            resolved[src] = resolve(src)
            return resolved[src]

        rendered = render_markdown(body, self.options, recording)
        self.store(body, rendered, resolved)
        return rendered

    def load(self, key: str, resolve: Resolver) -> Rendered | None:
        data = self.cache.get(NAMESPACE, key)
        if data is None:
            return None
        try:
            rendered, resolved = pickle.loads(data)  # our own entry, checksummed by Cache
        except Exception:  # an entry from an incompatible version: render again
            return None
        if not isinstance(rendered, Rendered):
            return None
        for src, attributes in resolved.items():
            if resolve(src) != attributes:
                return None
        self.last_resolved = resolved
        return rendered

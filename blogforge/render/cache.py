"""Rendered post bodies, cached by content: a rebuild re-renders only the posts that changed.

Key = blogforge's and its libraries' versions + Markdown options + the body's text. Inline
images are the one input outside the body: each entry remembers what every image resolved to,
and a hit is only trusted if every image still resolves to the same attributes (same file bytes,
so the same content-hashed URL and size). The entry is JSON data, never a pickle: a cache
folder is a file anyone with write access to the site (a shared checkout, a downloaded
archive with its `.blogforge-cache/`) can plant, and unpickling a crafted entry runs code.
Reading JSON runs none; an entry of the wrong shape is rendered again, like a corrupted one
(which fails its checksum in Cache).
"""

from __future__ import annotations

import json
from collections.abc import Callable

from blogforge.incremental.fingerprints import toolchain
from blogforge.incremental.store import Cache
from blogforge.markdown import MarkdownOptions, Rendered, render_markdown
from blogforge.markdown.rendered import Heading, ImageRef, RenderWarning

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
            data = json.dumps([as_data(rendered), resolved]).encode("utf-8")
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
            raw, resolved = json.loads(data)
            rendered = from_data(raw)
            if not isinstance(resolved, dict):
                return None
        except (ValueError, TypeError, KeyError):  # not an entry of this shape: render again
            return None
        for src, attributes in resolved.items():
            if resolve(src) != attributes:
                return None
        self.last_resolved = resolved
        return rendered


def as_data(rendered: Rendered) -> dict[str, object]:
    """A Rendered as JSON-able data (the render cache's entry format)."""
    return {
        "html": rendered.html,
        "headings": [[h.depth, h.slug, h.text] for h in rendered.headings],
        "images": [[i.src, i.alt, i.line] for i in rendered.images],
        "warnings": [[w.line, w.message] for w in rendered.warnings],
        "text": rendered.text,
        "word_count": rendered.word_count,
    }


def from_data(data: dict[str, object]) -> Rendered:
    """The Rendered `as_data` made; TypeError or KeyError when the data has another shape."""
    headings = [Heading(int(d), str(s), str(t)) for d, s, t in data["headings"]]  # type: ignore[attr-defined]
    images = [ImageRef(str(s), str(a), ln) for s, a, ln in data["images"]]  # type: ignore[attr-defined]
    warnings = [RenderWarning(ln, str(m)) for ln, m in data["warnings"]]  # type: ignore[attr-defined]
    html, text, count = data["html"], data["text"], data["word_count"]
    if not isinstance(html, str) or not isinstance(text, str) or not isinstance(count, int):
        raise TypeError("a render cache entry of another shape")
    return Rendered(html, headings, images, warnings, text, count)

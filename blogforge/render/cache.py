"""Rendered post bodies, cached by content: a rebuild re-renders only the posts that changed.

Key = blogforge's and its libraries' versions + Markdown options + the body's text. Inline
images are the one input outside the body: each entry remembers what every image resolved to,
and a hit is only trusted if every image still resolves to the same attributes (same file bytes,
so the same content-hashed URL and size). The entries are JSON data and raw HTML, never a
pickle: a cache folder is a file anyone with write access to the site (a shared checkout, a
downloaded archive with its `.blogforge-cache/`) can plant, and unpickling a crafted entry runs
code. Reading JSON runs none; an entry of the wrong shape is rendered again, like a corrupted
one (which fails its checksum in Cache), and its HTML must match the digest its JSON names.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from dataclasses import dataclass

from blogforge.incremental.digests import digest
from blogforge.incremental.fingerprints import toolchain
from blogforge.incremental.store import Cache
from blogforge.markdown import MarkdownOptions, Rendered, render_markdown
from blogforge.markdown.rendered import Heading, ImageRef, RenderWarning

NAMESPACE = "render"
# Part of every entry's key: entries of another layout are never read, only rendered again.
ENTRY_FORMAT = "json-then-html/2"
_LENGTH = 8  # bytes of the JSON part's length, at the start of an entry
Resolver = Callable[[str], dict[str, str] | None]


class RenderCache:
    """Each body's render in one entry: what the site needs of it (headings, text, image
    references, warnings, word count, the HTML's digest) as JSON, then the HTML itself as raw
    text. A build that keeps most pages (an edit) parses only the JSON part: parsing 20 KB of
    JSON-escaped HTML a post to drop it was most of a one-edit build's render stage. (Two
    entries a body, tried first, cost a cold build a second file a post.)"""

    def __init__(self, cache: Cache, options: MarkdownOptions) -> None:
        self.cache = cache
        self.options = options
        self.hits = 0
        self.misses = 0
        self.last_resolved: dict[str, dict[str, str] | None] = {}  # of the last hit

    def key(self, body: str) -> str:
        return self.cache.key(NAMESPACE, ENTRY_FORMAT, toolchain(), repr(self.options), body)

    def lookup(self, body: str, resolve: Resolver, *, with_html: bool = True) -> Stored | None:
        """The cached result for this body when still valid (counted as a hit), else None.
        Without `with_html`, its `rendered.html` is empty (read it with `html`)."""
        cached = self.load(self.key(body), resolve, with_html=with_html)
        if cached is not None:
            self.hits += 1
        return cached

    def store(
        self, body: str, rendered: Rendered, resolved: dict[str, dict[str, str] | None]
    ) -> str:
        """Remember a fresh render and what each of its inline images resolved to; return
        the HTML's digest."""
        self.misses += 1
        html_digest = digest(rendered.html)
        if self.cache.enabled:
            data = json.dumps([as_data(rendered, html_digest), resolved]).encode("utf-8")
            html = rendered.html.encode("utf-8", "surrogatepass")
            entry = len(data).to_bytes(_LENGTH, "big") + data + html
            self.cache.put(NAMESPACE, self.key(body), entry)
        return html_digest

    def render(self, body: str, resolve: Resolver) -> Rendered:
        """The cached result when still valid, else a fresh render in this process (stored)."""
        cached = self.lookup(body, resolve)
        if cached is not None:
            return cached.rendered
        resolved: dict[str, dict[str, str] | None] = {}

        def recording(src: str) -> dict[str, str] | None:
            resolved[src] = resolve(src)
            return resolved[src]

        rendered = render_markdown(body, self.options, recording)
        self.store(body, rendered, resolved)
        return rendered

    def load(self, key: str, resolve: Resolver, *, with_html: bool = True) -> Stored | None:
        entry = self.cache.get(NAMESPACE, key)
        if entry is None:
            return None
        try:
            raw, resolved = json.loads(_json_part(entry))
            rendered, html_digest = from_data(raw)
            if not isinstance(resolved, dict):
                return None
        except (ValueError, TypeError, KeyError):  # not an entry of this shape: render again
            return None
        for src, attributes in resolved.items():
            if resolve(src) != attributes:
                return None
        if with_html:
            html = _html_part(entry, html_digest)
            if html is None:
                return None
            rendered = dataclasses.replace(rendered, html=html)
        self.last_resolved = resolved
        return Stored(rendered, html_digest)

    def html(self, body: str, html_digest: str) -> str | None:
        """A body's HTML, read again from its entry; None when missing, damaged or not the
        HTML of that digest (the body was rendered and stored again since)."""
        entry = self.cache.get(NAMESPACE, self.key(body))
        return None if entry is None else _html_part(entry, html_digest)


def _json_part(entry: bytes) -> bytes:
    """An entry's JSON part; ValueError when the entry has no such part."""
    length = int.from_bytes(entry[:_LENGTH], "big")
    if len(entry) < _LENGTH + length:
        raise ValueError("a render cache entry shorter than its JSON part")
    return entry[_LENGTH : _LENGTH + length]


def _html_part(entry: bytes, html_digest: str) -> str | None:
    length = int.from_bytes(entry[:_LENGTH], "big")
    try:
        html = entry[_LENGTH + length :].decode("utf-8", "surrogatepass")
    except UnicodeDecodeError:
        return None
    return html if digest(html) == html_digest else None


@dataclass(frozen=True)
class Stored:
    """A render read from the cache, and its HTML's digest (its HTML may be left behind)."""

    rendered: Rendered
    html_digest: str


def as_data(rendered: Rendered, html_digest: str) -> dict[str, object]:
    """A Rendered without its HTML, as JSON-able data (the render cache's entry format)."""
    return {
        "html_digest": html_digest,
        "headings": [[h.depth, h.slug, h.text] for h in rendered.headings],
        "images": [[i.src, i.alt, i.line] for i in rendered.images],
        "warnings": [[w.line, w.message] for w in rendered.warnings],
        "text": rendered.text,
        "word_count": rendered.word_count,
    }


def from_data(data: dict[str, object]) -> tuple[Rendered, str]:
    """The Rendered (HTML empty) and HTML digest `as_data` made; TypeError or KeyError when
    the data has another shape."""
    headings = [Heading(int(d), str(s), str(t)) for d, s, t in data["headings"]]  # type: ignore[attr-defined]
    images = [ImageRef(str(s), str(a), ln) for s, a, ln in data["images"]]  # type: ignore[attr-defined]
    warnings = [RenderWarning(ln, str(m)) for ln, m in data["warnings"]]  # type: ignore[attr-defined]
    html_digest, text, count = data["html_digest"], data["text"], data["word_count"]
    if not isinstance(html_digest, str) or not isinstance(text, str) or not isinstance(count, int):
        raise TypeError("a render cache entry of another shape")
    return Rendered("", headings, images, warnings, text, count), html_digest

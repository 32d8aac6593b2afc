"""What one built HTML page links to, and which fragment targets it offers.

`blogforge check` reads every page of `dist/` once; this module turns one page's text into
`PageLinks`: the ids a `#fragment` can land on (`id=` on any element, `name=` on `<a>`, as
browsers scroll to both) and every URL the page asks a browser to follow or fetch, with its line.
It uses the standard library's HTMLParser: forgiving like a browser, and no dependency.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

# rel values whose href is fetched with the page (a missing one is a missing file, not a link).
ASSET_RELS = frozenset(
    {"icon", "shortcut", "apple-touch-icon", "stylesheet", "preload", "modulepreload", "manifest"}
)
# rel values that do not point at something the site must contain.
IGNORED_RELS = frozenset({"canonical", "preconnect", "dns-prefetch", "me", "webmention"})
IMAGE_META = frozenset({"og:image", "twitter:image", "og:image:url"})


@dataclass(frozen=True)
class Reference:
    """One URL in a page. `kind` is "page" (a link to follow) or "image"/"file" (fetched)."""

    url: str
    line: int
    kind: str


@dataclass
class PageLinks:
    ids: set[str] = field(default_factory=set)
    references: list[Reference] = field(default_factory=list)
    noindex: bool = False


def srcset_urls(srcset: str) -> list[str]:
    """The URLs of a `srcset` ("a.webp 750w, b.webp 1500w" -> [a.webp, b.webp])."""
    urls = []
    for candidate in srcset.split(","):
        words = candidate.split()
        if words:
            urls.append(words[0])
    return urls


class _Scanner(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found = PageLinks()

    def add(self, url: str | None, kind: str) -> None:
        if url is not None:
            self.found.references.append(Reference(url.strip(), self.getpos()[0], kind))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.found.ids.add(values["id"] or "")
        if tag in ("a", "area"):
            if tag == "a" and values.get("name"):
                self.found.ids.add(values["name"] or "")
            self.add(values.get("href"), "page")
        elif tag in ("img", "source"):
            self.add(values.get("src"), "image")
            for url in srcset_urls(values.get("srcset") or ""):
                self.add(url, "image")
        elif tag == "link":
            rels = set((values.get("rel") or "").lower().split())
            if rels & IGNORED_RELS:
                return
            image = "icon" in rels or "apple-touch-icon" in rels
            self.add(
                values.get("href"), "image" if image else "file" if rels & ASSET_RELS else "page"
            )
        elif tag in ("script", "iframe", "embed", "track"):
            self.add(values.get("src"), "file")
        elif tag in ("video", "audio"):
            self.add(values.get("src"), "file")
            self.add(values.get("poster"), "image")
        elif tag == "meta":
            name = (values.get("property") or values.get("name") or "").lower()
            if name in IMAGE_META:
                self.add(values.get("content"), "image")
            elif name == "robots" and "noindex" in (values.get("content") or "").lower():
                self.found.noindex = True


def scan_page(html: str) -> PageLinks:
    """Every id and reference of one HTML page."""
    scanner = _Scanner()
    scanner.feed(html)
    scanner.close()
    return scanner.found

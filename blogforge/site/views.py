"""What templates see: small read-only views of the site, built by site.routes, read by the theme.

Keeping this contract in one module lets the theme and the route planner change independently:
layouts only ever touch these attributes (plus Astro's Markdown-layout props on post pages).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from blogforge.images.views import HeroView, ImageSource

__all__ = ["HeroView", "ImageSource"]  # image values are the images stage's; pages show them


@dataclass(frozen=True)
class SiteView:
    title: str
    description: str
    author: str
    language: str
    url: str  # absolute site URL from config ("" when not set)
    base: str  # "/" or "/sub/"
    nav: tuple[tuple[str, str], ...] = ()  # (label, link) of each post list and the tags index
    menu: tuple[tuple[str, str], ...] = ()  # (label, link) of the header, in order (site.menu)
    math_font: str = ""  # the math font's URL for pages with math ("" for the reader's own)


@dataclass(frozen=True)
class TagView:
    name: str  # as written by the author
    slug: str  # URL segment
    url: str  # site path with base and trailing slash
    count: int = 0
    feed_url: str = ""  # its RSS feed (`tag_feeds`), "" when it has none


@dataclass(frozen=True)
class PostView:
    title: str
    description: str
    url: str  # site path with base and trailing slash
    pub_date: datetime | None
    updated_date: datetime | None
    tags: tuple[TagView, ...]
    hero: HeroView | None
    reading_minutes: int
    collection: str
    id: str
    excerpt: str = ""


@dataclass(frozen=True)
class PageLink:
    number: int
    url: str


@dataclass(frozen=True)
class Pagination:
    current: int
    total: int
    prev_url: str | None
    next_url: str | None
    pages: tuple[PageLink, ...] = ()


@dataclass(frozen=True)
class PageView:
    """Facts about the page being rendered, for <head> (title, canonical, OpenGraph)."""

    url: str  # site path with base and trailing slash
    title: str
    description: str
    canonical_url: str  # absolute when the site URL is known, else the path
    kind: str  # "post", "home", "list", "tag", "tags", "404"
    image: str | None = None  # absolute URL of the OpenGraph image, if any
    feed_url: str = ""  # path of the RSS feed, for <link rel="alternate">
    extra: dict[str, object] = field(default_factory=dict)


def section_title(collection: str) -> str:
    """A collection folder as a menu label: "posts" -> "Posts", "dev-notes" -> "Dev Notes"."""
    return collection.replace("-", " ").replace("_", " ").title()


def excerpt(text: str, limit: int = 240) -> str:
    """The first ~240 characters of the body's text, cut at a word boundary (only its start is
    flattened: the archive shows every post's excerpt on every rebuild)."""
    head = text[: limit * 4]
    flat = " ".join(head.split())
    if len(flat) <= limit and len(head) < len(text):  # a start that is mostly white space
        flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    return flat[:limit].rsplit(" ", 1)[0] + "…"

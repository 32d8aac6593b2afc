"""The post as the rest of the pipeline sees it: typed Astro blog fields plus the raw frontmatter.

Also the frontmatter spellings of each field, which the reader and the Markdown pages share.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from blogforge.content.source import Source

# Field names real Astro blogs use (measured on 14 public blogs), first one is the canonical name.
PUB_DATE_KEYS = ("pubDate", "date", "pubDatetime", "published", "publishDate", "createdAt")
UPDATED_KEYS = ("updatedDate", "modDatetime", "updated", "updatedAt")
HERO_KEYS = ("heroImage", "image", "cover", "coverImage")
DRAFT_KEYS = ("draft", "hidden")
# The date of a standalone page written without one: never shown, never listed (pages are not
# posts), but every Post has a date so the stages after loading need no special case.


@dataclass(frozen=True)
class HeroImage:
    """A post's cover image as written in frontmatter (a public path, relative path or URL)."""

    src: str
    alt: str = ""


@dataclass(frozen=True)
class Post:
    """One post: typed Astro blog fields plus the raw frontmatter for templates."""

    source: Source
    id: str  # Astro collection id, relative to the collection folder
    slug: str  # frontmatter `slug` verbatim if given, else the id
    title: str
    description: str
    pub_date: datetime | None  # timezone-aware; None where the schema asks for no date
    updated_date: datetime | None
    hero_image: HeroImage | None
    tags: tuple[str, ...]
    layout: str | None
    draft: bool
    body: str  # Markdown without the frontmatter
    body_line: int  # 1-based line of the file where the body starts
    frontmatter: dict[str, Any] = field(default_factory=dict)  # raw values, as parsed
    field_lines: dict[str, int] = field(default_factory=dict)  # frontmatter key -> file line
    aliases: tuple[str, ...] = ()  # old site paths (`aliases`, `redirect_from`) sent to it

    @property
    def hero_line(self) -> int | None:
        """The line of the frontmatter key the hero came from (`heroImage`, `cover`, ...)."""
        return next((self.field_lines[k] for k in HERO_KEYS if k in self.field_lines), None)

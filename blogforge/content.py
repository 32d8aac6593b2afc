"""Discover posts and turn each file into a validated `Post` (work in progress: see issue 2)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Source:
    """A Markdown file found under the content folder."""

    path: Path  # absolute path of the file
    rel_path: str  # posix path relative to the content folder, e.g. "posts/x.md"
    collection: str  # first folder under the content folder ("" for a top-level file)


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
    pub_date: datetime  # timezone-aware
    updated_date: datetime | None
    hero_image: HeroImage | None
    tags: tuple[str, ...]
    layout: str | None
    draft: bool
    body: str  # Markdown without the frontmatter
    body_line: int  # 1-based line of the file where the body starts
    frontmatter: dict[str, Any] = field(default_factory=dict)  # raw values, as parsed

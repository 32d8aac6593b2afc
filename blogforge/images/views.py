"""What an image request gives a page at once: its URL, size and `<picture>` sources.

The files themselves are encoded later; these values are all templates need.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ImageSource:
    """One `<source>` of a `<picture>`: a format and its srcset."""

    type: str  # e.g. "image/avif"
    srcset: str


@dataclass(frozen=True)
class HeroView:
    """A resized hero image: `<img src srcset sizes width height alt>` plus optional sources."""

    src: str
    width: int
    height: int
    alt: str
    srcset: str = ""
    sizes: str = ""
    sources: tuple[ImageSource, ...] = ()

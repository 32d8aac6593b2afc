"""An SVG's size from its root tag, as Astro gives `<img>` of an SVG its width and height.

SVGs are published as they are (never rasterised); only their size is read. CSS absolute units
are converted to pixels at 96 px per inch (`width="50mm"` -> 189, as Astro writes it); a
relative length (`100%`, `2em`) is not a size: the `viewBox` gives it, else nothing does.
"""

from __future__ import annotations

import re

SVG_ROOT = re.compile(r"<svg\b[^>]*>", re.IGNORECASE)
_SVG_LENGTH = re.compile(r"^\s*([0-9]*\.?[0-9]+)\s*([a-z%]*)\s*$", re.IGNORECASE)
PIXELS_PER_UNIT = {
    "": 1.0,
    "px": 1.0,
    "in": 96.0,
    "cm": 96.0 / 2.54,
    "mm": 96.0 / 25.4,
    "pt": 96.0 / 72.0,
    "pc": 16.0,
}


def _pixels(length: str | None) -> float | None:
    """A length in pixels; None when absent or not an absolute CSS length."""
    found = _SVG_LENGTH.match(length or "")
    if found is None:
        return None
    per_unit = PIXELS_PER_UNIT.get(found.group(2).lower())
    return None if per_unit is None else float(found.group(1)) * per_unit


def svg_size(root: str) -> tuple[int, int]:
    """Width and height in pixels from an `<svg ...>` tag: its `width`/`height` when both are
    absolute lengths, else its `viewBox`; (0, 0) when neither says."""

    def attribute(name: str) -> str | None:
        found = re.search(rf"""\s{name}\s*=\s*(?:"([^"]*)"|'([^']*)')""", root)
        return None if found is None else (found.group(1) or found.group(2) or "")

    width, height = _pixels(attribute("width")), _pixels(attribute("height"))
    if width is not None and height is not None:
        return round(width), round(height)
    box = (attribute("viewBox") or "").replace(",", " ").split()
    try:
        box_width, box_height = float(box[2]), float(box[3])
    except (IndexError, ValueError):
        return (0, 0)
    return (round(box_width), round(box_height)) if box_width > 0 and box_height > 0 else (0, 0)

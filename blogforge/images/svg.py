"""An SVG's size from its root tag, as Astro gives `<img>` of an SVG its width and height.

SVGs are published as they are (never rasterised); only their size is read, in CSS pixels as
Astro's image-size computes them.
"""

from __future__ import annotations

import math
import re

SVG_ROOT = re.compile(r"<svg\b[^>]*>", re.IGNORECASE)
_SVG_LENGTH = re.compile(r"^\s*([0-9]*\.?[0-9]+(?:e\d+)?)\s*([a-z]*)\s*$")
# CSS px per unit, as Astro's image-size reads them (pc included as it reads it: 96/72/12).
_SVG_UNITS = {"": 1.0, "px": 1.0, "in": 96.0, "cm": 96 / 2.54, "mm": 96 / 25.4, "pt": 96 / 72}
_SVG_UNITS["pc"] = 96 / 72 / 12


def svg_size(root: str) -> tuple[int, int]:
    """Width and height in CSS pixels from an `<svg ...>` tag, as Astro (image-size) computes
    them: `width`/`height` in absolute units (`50mm` is 189), the other side from the `viewBox`
    ratio when one is missing or a percentage, else the `viewBox`. (0, 0), so no size, when a
    length has a unit that depends on the page (`em`, `vw`): never a wrong size."""

    def attribute(name: str) -> str | None:
        found = re.search(rf"""\s{name}\s*=\s*(?:"([^"]*)"|'([^']*)')""", root)
        return None if found is None else (found.group(1) or found.group(2) or "")

    def pixels(value: str | None) -> float | None:
        match = _SVG_LENGTH.match(value or "")
        if match is None or match.group(2) not in _SVG_UNITS:
            return None
        return math.floor(float(match.group(1)) * _SVG_UNITS[match.group(2)] + 0.5)

    sides = [attribute("width"), attribute("height")]
    if any(side and "%" not in side and pixels(side) is None for side in sides):
        return (0, 0)
    width, height = (pixels(side) for side in sides)
    if width and height:
        return int(width), int(height)
    box = (attribute("viewBox") or "").replace(",", " ").split()
    try:
        box_width, box_height = math.floor(float(box[2]) + 0.5), math.floor(float(box[3]) + 0.5)
    except (IndexError, ValueError):
        return (0, 0)
    if box_width <= 0 or box_height <= 0:
        return (0, 0)
    ratio = box_width / box_height
    if width:
        return int(width), math.floor(width / ratio)
    if height:
        return math.floor(height * ratio), int(height)
    return box_width, box_height

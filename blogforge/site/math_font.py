"""The math font: an OpenType MATH font for MathML, so formulas look like TeX for every reader.

Browsers draw MathML with the reader's math font; a machine without one (stock Debian
Chromium) leaves matrix brackets unstretched. The theme names the usual system math fonts
first and, on pages with math only, adds STIX Two Math (SIL Open Font License 1.1) after them:
by default the copy in the wheel (`theme/fonts/`, its licence beside it), published with the
site, so readers make no third-party request; or, with `math_font = "cdn"`, the very same file
from jsDelivr at a pinned npm version (a published npm version never changes; CSS fonts cannot
carry a Subresource Integrity hash, which is why the bundled copy is the default); or none.
"""

from __future__ import annotations

from pathlib import Path

from blogforge.config import Config
from blogforge.site.urls import THEME_ASSETS_FOLDER, UrlRules

FONTS = Path(__file__).resolve().parents[1] / "theme" / "fonts"
FONT_FILE = FONTS / "STIXTwoMath-Regular.woff2"  # @fontsource/stix-two-math 5.3.0's woff2
LICENCE_FILE = FONTS / "STIXTwoMath-LICENSE.txt"
PUBLISHED_FOLDER = f"{THEME_ASSETS_FOLDER}/fonts"
CDN_URL = (
    "https://cdn.jsdelivr.net/npm/@fontsource/stix-two-math@5.3.0/files/"
    "stix-two-math-latin-400-normal.woff2"
)


def published_files(config: Config) -> list[tuple[Path, str]]:
    """The font and its licence with their paths in the output, when the site publishes them."""
    if not config.math or config.math_font != "bundled":
        return []
    return [(path, f"{PUBLISHED_FOLDER}/{path.name}") for path in (FONT_FILE, LICENCE_FILE)]


def math_font_url(config: Config, urls: UrlRules) -> str:
    """Where math pages load the font from ("" for none: the reader's fonts only)."""
    if not config.math or config.math_font == "system":
        return ""
    if config.math_font == "cdn":
        return CDN_URL
    return urls.link(f"/{PUBLISHED_FOLDER}/{FONT_FILE.name}")

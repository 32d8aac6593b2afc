"""The math font setting through real builds: which pages name the font, from where, and
which files the site publishes for it."""

from __future__ import annotations

from pathlib import Path

import pytest

from blogforge.site.math_font import CDN_URL, FONT_FILE
from tests.site_build.helpers import post_text, run_build, write_site

FILES = {
    "content/posts/matrix.md": post_text("Matrix", body="$$\\begin{pmatrix}a\\end{pmatrix}$$"),
    "content/posts/plain.md": post_text("Plain", "2023-01-01", body="No math here."),
}
FONT = "dist/_blogforge/fonts/STIXTwoMath-Regular.woff2"


def font_rule(root: Path, page: str) -> str | None:
    """The page's @font-face URL for the math font, or None without one."""
    html = (root / "dist" / page).read_text()
    start = html.find('font-family:"blogforge STIX Two Math";src:url("')
    if start < 0:
        return None
    start = html.index('url("', start) + len('url("')
    return html[start : html.index('")', start)]


@pytest.mark.parametrize(
    ("setting", "url", "published"),
    [
        ("", "/blog/_blogforge/fonts/STIXTwoMath-Regular.woff2", True),  # the default
        ('math_font = "bundled"\n', "/blog/_blogforge/fonts/STIXTwoMath-Regular.woff2", True),
        ('math_font = "cdn"\n', CDN_URL, False),
        ('math_font = "system"\n', None, False),
        ('math_font = "bundled"\nmath = false\n', None, False),  # no MathML, no font
    ],
)
def test_only_math_pages_name_the_font(
    tmp_path: Path, setting: str, url: str | None, published: bool
) -> None:
    root = write_site(tmp_path, FILES, f'title = "T"\nbase = "/blog/"\n{setting}')
    assert run_build(root, "--quiet") == 0
    assert font_rule(root, "posts/matrix/index.html") == url
    assert font_rule(root, "posts/plain/index.html") is None
    assert font_rule(root, "index.html") is None
    assert (root / FONT).is_file() is published
    if published:
        assert (root / FONT).read_bytes() == FONT_FILE.read_bytes()
        licence = (root / "dist/_blogforge/fonts/STIXTwoMath-LICENSE.txt").read_text()
        assert "SIL Open Font License, Version 1.1" in licence

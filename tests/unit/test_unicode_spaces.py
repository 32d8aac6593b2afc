"""A paragraph or heading keeps the Unicode spaces at its edges, as Astro renders it.

Expected HTML: Astro 7's pipeline on the same Markdown (micromark trims only spaces and tabs).
"""

from __future__ import annotations

import pytest

from blogforge.markdown import render_markdown

ASTRO = [
    ("a\u3000", "<p>a\u3000</p>"),
    ("\u3000a", "<p>\u3000a</p>"),
    ("# h\u3000", '<h1 id="h">h\u3000</h1>'),
    ("a\u3000\u3000\n\nb", "<p>a\u3000\u3000</p>\n<p>b</p>"),
    ("a\u00a0", "<p>a\u00a0</p>"),
    ("*a*\u3000", "<p><em>a</em>\u3000</p>"),
    ("a \u3000", "<p>a \u3000</p>"),
    ("a\u3000 ", "<p>a\u3000</p>"),
    ("- a\u3000", "<ul>\n<li>a\u3000</li>\n</ul>"),
    ("> a\u3000\n> b\u3000", "<blockquote>\n<p>a\u3000\nb\u3000</p>\n</blockquote>"),
]


@pytest.mark.parametrize(("source", "expected"), ASTRO, ids=[repr(s) for s, _ in ASTRO])
def test_edge_unicode_spaces_are_kept(source: str, expected: str) -> None:
    assert render_markdown(source).html.strip() == expected


@pytest.mark.parametrize(
    ("source", "expected"),
    [("a\\  \nb", "<p>a\\<br>\nb</p>"), ("a\\ b", "<p>a\\ b</p>"), ("a\\ \nb", "<p>a\\\nb</p>")],
)
def test_a_backslash_before_spaces_leaves_them_to_the_break(source: str, expected: str) -> None:
    """Astro's HTML for each (a backslash before a space is text; two spaces still break)."""
    assert render_markdown(source).html.strip() == expected

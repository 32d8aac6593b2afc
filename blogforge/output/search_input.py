"""What of a page Pagefind is given: the page as written, less markup whose only effect on the
index would be cost (or, for a formula's TeX, noise).

- A formula's TeX source (`<annotation>`, kept in the MathML for copying and screen readers):
  as search text it would fill results' excerpts with `\\frac{1}{\\Bigl(\\sqrt...`.
- The tags inside a formula (`<mrow>`, `<mi>`, `<mtable>`...) and the highlighter's colour spans
  inside `<pre>`: Pagefind keeps only their text, and none of them separates words, so the index
  is byte for byte the same without them (tests/site_build/test_search_input.py builds both).
  On the 1 000-post bench blog that is 13 % of Pagefind's CPU (~4.2 -> 3.7 s): a post's code
  and formulas are half its markup.

Elements are found by a scan that only moves forward, never by a pattern that could go back
over the page for each unclosed `<pre` a raw-HTML post may hold: the time stays linear in the
page's size whatever it contains.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import partial

# The rest of a tag after its name: attributes, whose quoted values may hold `>`.
_REST_OF_TAG = rb"""(?:[^>"']|"[^"]*"|'[^']*')*>"""
_ANNOTATION = re.compile(rb"<annotation\b" + _REST_OF_TAG)
_FORMULA = re.compile(rb"<math\b" + _REST_OF_TAG)
_CODE_BLOCK = re.compile(rb"<pre\b" + _REST_OF_TAG)
_ANY_TAG = re.compile(rb"</?[A-Za-z][\w:-]*" + _REST_OF_TAG)
_SPAN_TAG = re.compile(rb"</?span\b" + _REST_OF_TAG)


def search_input(html: bytes) -> bytes:
    """The page for Pagefind: the same index (TeX aside), less markup to parse."""
    html = _each_element(without_tex(html), _FORMULA, b"</math>", partial(_ANY_TAG.sub, b""))
    return _each_element(html, _CODE_BLOCK, b"</pre>", partial(_SPAN_TAG.sub, b""))


def without_tex(html: bytes) -> bytes:
    """The page less its formulas' TeX alone (what Pagefind was given before the trimming)."""
    return _each_element(html, _ANNOTATION, b"</annotation>", None)


def _each_element(
    html: bytes, opening: re.Pattern[bytes], closing: bytes, inside: Callable[[bytes], bytes] | None
) -> bytes:
    """`html` with each element that `opening` starts and `closing` ends changed: its content
    through `inside`, or the whole element dropped when `inside` is None. An element left
    unclosed, and all after it, is kept as it is."""
    parts: list[bytes] = []
    position = 0
    while (start := opening.search(html, position)) is not None:
        end = html.find(closing, start.end())
        if end < 0:
            break
        if inside is None:
            parts.append(html[position : start.start()])
        else:
            parts += (html[position : start.end()], inside(html[start.end() : end]), closing)
        position = end + len(closing)
    parts.append(html[position:])
    return b"".join(parts)

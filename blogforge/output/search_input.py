"""What of a page Pagefind is given: the page as written, less markup whose only effect on the
index would be cost (or, for a formula's TeX, noise).

- A formula's TeX source (`<annotation>`, kept in the MathML for copying and screen readers):
  as search text it would fill results' excerpts with `\\frac{1}{\\Bigl(\\sqrt...`.
- The tags inside a formula (`<mrow>`, `<mi>`, `<mtable>`...) and the highlighter's colour spans
  inside `<pre>`: Pagefind keeps only their text, and none of them separates words, so the index
  is byte for byte the same without them (tests/site_build/test_search_input.py builds both).
  On the 1 000-post bench blog that is 13 % of Pagefind's CPU (~4.2 -> 3.7 s): a post's code
  and formulas are half its markup.
"""

from __future__ import annotations

import re

# The rest of a tag after its name: attributes, quoted values may hold `>`.
_REST_OF_TAG = rb"""(?:[^>"']|"[^"]*"|'[^']*')*>"""
TEX_ANNOTATION = re.compile(rb"<annotation\b" + _REST_OF_TAG + rb".*?</annotation>", re.DOTALL)
_FORMULA = re.compile(rb"(<math\b" + _REST_OF_TAG + rb")(.*?)(</math>)", re.DOTALL)
_CODE_BLOCK = re.compile(rb"(<pre\b" + _REST_OF_TAG + rb")(.*?)(</pre>)", re.DOTALL)
_ANY_TAG = re.compile(rb"</?[A-Za-z][\w:-]*" + _REST_OF_TAG)
_SPAN_TAG = re.compile(rb"</?span\b" + _REST_OF_TAG)


def search_input(html: bytes) -> bytes:
    """The page for Pagefind: the same index (TeX aside), less markup to parse."""
    html = TEX_ANNOTATION.sub(b"", html)
    html = _FORMULA.sub(lambda m: m[1] + _ANY_TAG.sub(b"", m[2]) + m[3], html)
    return _CODE_BLOCK.sub(lambda m: m[1] + _SPAN_TAG.sub(b"", m[2]) + m[3], html)

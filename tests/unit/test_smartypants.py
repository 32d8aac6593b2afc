"""Smart punctuation against what Astro 7 (remark-smartypants 3, retext-smartypants 6.2) renders.

Every expected value here was rendered by @astrojs/markdown-remark 7.3.1 with remark-math 6 and
rehype-katex 7 (Astro's own pipeline), then reduced with the conformance DOM normaliser.
"""

from __future__ import annotations

import pytest

from blogforge.markdown import MarkdownOptions, render_markdown
from blogforge.markdown.sentences import educate_quotes
from tests.conformance.dom import dom

MATH = ("math", "inline", "x")
ASTRO = [
    # ellipses: runs of three dots or more, and three dots spaced by white space
    ("wait.... ok", ["wait… ok"]),
    ("x....y", ["x…y"]),
    ("a . . . b", ["a … b"]),
    ("a. . . b", ["a… b"]),
    ("a . . . . b", ["a … . b"]),
    (". . .", ["…"]),
    ("a .. b", ["a .. b"]),
    ("a .\t.\t. b", ["a … b"]),
    (". . .word", [". . .word"]),  # the last `.` belongs to the word: only two dots are left
    ("a. . . b. c", ["a… b. c"]),
    # quotes
    ('He said "hi (there)" ok', ["He said “hi (there)” ok"]),
    ('call "f(x)" now', ["call “f(x)” now"]),
    ('a "$x$" b', ['a "', MATH, '" b']),
    ('$x$"s"', [MATH, "“s”"]),
    ('a "$x$ b"', ["a ”", MATH, " b”"]),
    ('a "`code`" b', ["a “", ("code", (), ["code"]), "” b"]),
    ('"[link](u)"', ["“", ("a", (("href", "u"),), ["link"]), "”"]),
    ('"[a]" b', ["“[a]” b"]),
    ('a "" b', ['a "" b']),
    ("a '' b", ["a ” b"]),
    ("line  \n'quoted' word", ["line", ("br", (), []), " ’quoted’ word"]),
    ('line\\\n"q" w', ["line", ("br", (), []), " ”q” w"]),
    ('"미국의 대통령은?"이라는', ["“미국의 대통령은?”이라는"]),
    ('"a?"b', ["“a?“b"]),
    ('"a."b', ["“a.”b"]),
    ("it's Mr/'A'", ["it’s Mr/’A’"]),
    ("e.g. 's", ["e.g. ‘s"]),  # an initialism ends no sentence
]


# remark-smartypants educates the whole document at once: a block's first quote depends on
# whether the block before it ended a sentence.
ACROSS_BLOCKS = [
    ("words\n\n's b", [("p", (), ["words"]), ("p", (), ["‘s b"])]),
    ("End.\n\n's b", [("p", (), ["End."]), ("p", (), ["’s b"])]),
    ("Mr.\n\n's b", [("p", (), ["Mr."]), ("p", (), ["’s b"])]),
    ("e.g.\n\n's b", [("p", (), ["e.g."]), ("p", (), ["‘s b"])]),
    ("- a\n- 's b", [("ul", (), [("li", (), ["a"]), ("li", (), ["‘s b"])])]),
    ("$x$\n\n's b", [("p", (), [MATH]), ("p", (), ["’s b"])]),
]


@pytest.mark.parametrize(("source", "expected"), ACROSS_BLOCKS, ids=[s for s, _ in ACROSS_BLOCKS])
def test_a_blocks_first_quote_follows_the_block_before(source: str, expected: list) -> None:
    assert dom(render_markdown(source, MarkdownOptions(math=True)).html) == expected


@pytest.mark.parametrize(("source", "expected"), ASTRO, ids=[source for source, _ in ASTRO])
def test_smart_punctuation_matches_astro(source: str, expected: list) -> None:
    html = render_markdown(source, MarkdownOptions(math=True)).html
    assert dom(html) == [("p", (), expected)]


def test_an_ellipsis_never_reaches_into_code() -> None:
    html = render_markdown("a . `. .` . b . . . c", MarkdownOptions()).html
    assert dom(html) == [("p", (), ["a . ", ("code", (), [". ."]), " . b … c"])]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("'s", "’s"),  # a sentence's first quote before `s` closes
        (" 's", "’s"),  # white space at the edge of a sentence is not its sibling
        ("\"'Quoted' words.\"", "“‘Quoted’ words.”"),  # the second of two opening quotes too
        ('x"$', "x”$"),  # a quote before a last mark closes
        ("don't", "don’t"),
    ],
)
def test_quotes_follow_retexts_sentence_siblings(text: str, expected: str) -> None:
    chars = list(text)
    for index, quote in educate_quotes(text).items():
        chars[index] = quote
    assert "".join(chars).strip() == expected.strip()

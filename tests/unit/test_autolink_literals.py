"""Bare URLs and addresses linked where Astro (remark-gfm) links them, and nowhere else.

Expected trees: Astro 7's pipeline on the same Markdown, through the conformance DOM normaliser.
"""

from __future__ import annotations

import pytest

from blogforge.markdown import MarkdownOptions, render_markdown
from tests.conformance.dom import dom


def link(href: str, text: str) -> tuple:
    return ("a", (("href", href),), [text])


ASTRO = [
    ('"https://a.com"', ["“", link("https://a.com", "https://a.com"), "”"]),
    ("（a@b.co）", ["（", link("mailto:a@b.co", "a@b.co"), "）"]),
    (
        "ref:https://a.com/x(2)",
        ["ref:", link("https://a.com/x(2)", "https://a.com/x(2)")],
    ),
    ("다.https://a.com/709", ["다.", link("https://a.com/709", "https://a.com/709")]),
    ("HTTP://A.COM", [link("HTTP://A.COM", "HTTP://A.COM")]),
    ("WWW.a.com", [link("http://WWW.a.com", "WWW.a.com")]),
    ("1https://a.com", ["1", link("https://a.com", "https://a.com")]),
    ("mailto:a@b.co", ["mailto:", link("mailto:a@b.co", "a@b.co")]),
    ("/a@b.co", ["/", link("mailto:a@b.co", "a@b.co")]),
    (
        "see (https://a.com/x_(y)).",
        ["see (", link("https://a.com/x_(y)", "https://a.com/x_(y)"), ")."],
    ),
    ("https://例え.jp", [link("https://%E4%BE%8B%E3%81%88.jp", "https://例え.jp")]),
    ("xhttps://a.com", ["xhttps://a.com"]),
    # a URL ends at a Unicode space (CJK text), except www. after punctuation (remark's 2nd pass)
    (
        "https://ex.com/a\u3000다음",
        [link("https://ex.com/a", "https://ex.com/a"), " 다음"],
    ),  # (the normaliser folds spaces)
    (
        "see https://ex.com/a.\u00a0next",
        ["see ", link("https://ex.com/a", "https://ex.com/a"), ". next"],
    ),
    ('"www.a.com\u3000b"', ["“", link("http://www.a.com%E3%80%80b", "www.a.com b"), "”"]),
    ("[ 1https://a.com", ["[ 1https://a.com"]),  # after an open `[`, only after space/punctuation
    ("한www.a.com", ["한www.a.com"]),
    ("x@y.z_", ["x@y.z_"]),
    ("file.txt and v1.2.3", ["file.txt and v1.2.3"]),
    (
        "[x](https://a.com) https://b.com",
        [link("https://a.com", "x"), " ", link("https://b.com", "https://b.com")],
    ),
]


@pytest.mark.parametrize(("source", "expected"), ASTRO, ids=[source for source, _ in ASTRO])
@pytest.mark.parametrize("math", [True, False])
def test_literal_autolinks_match_astro(source: str, expected: list, math: bool) -> None:
    assert dom(render_markdown(source, MarkdownOptions(math=math)).html) == [("p", (), expected)]


def test_no_link_inside_code_or_a_link() -> None:
    html = render_markdown('`"https://a.com"` [see "https://b.com"](https://c.com)').html
    assert html.count("<a ") == 1


def test_many_urls_after_an_open_bracket_stay_linear() -> None:
    """The open `[` count is kept over the text, not recounted from its start at each URL."""
    import time

    start = time.process_time()
    html = render_markdown("[ " + "1https://a.b/c " * 8000).html
    assert time.process_time() - start < 3  # was 10 s
    assert "<a " not in html  # after an open `[`, a URL after a digit is not linked

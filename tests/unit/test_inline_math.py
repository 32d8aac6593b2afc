"""Inline `$` math pairs as in remark-math: a run of dollars closes only on a run as long.

Expected trees: Astro 7's pipeline (remark-math 6) on the same Markdown, DOM-normalised.
"""

from __future__ import annotations

import pytest

from blogforge.markdown import MarkdownOptions, render_markdown
from tests.conformance.dom import dom


def math(tex: str) -> tuple:
    return ("math", "inline", tex)


ASTRO = [
    ("$5 and $10", [math("5 and"), "10"]),  # remark-math's own behaviour (DESIGN.md)
    ("$$5 and $3", ["$$5 and $3"]),
    ("a $$ b $ c", ["a $$ b $ c"]),
    ("$x$$", ["$x$$"]),
    ("$$x$", ["$$x$"]),
    ("$x$$y$", [math("x$$y")]),
    ("$$$x$$$", [math("x")]),
    ("$a\\$b$", [math("a\\"), "b$"]),
    ("$x\\$", [math("x\\")]),
    ("\\$x$", ["$x$"]),
    ("$ $", [math("")]),
    ("a $$b$$ c", ["a ", math("b"), " c"]),
]


@pytest.mark.parametrize(("source", "expected"), ASTRO, ids=[source for source, _ in ASTRO])
def test_inline_math_pairs_like_remark_math(source: str, expected: list) -> None:
    assert dom(render_markdown(source, MarkdownOptions(math=True)).html) == [("p", (), expected)]


def test_strict_dollars_keep_prices_as_text() -> None:
    strict = MarkdownOptions(math_strict_dollars=True)
    assert dom(render_markdown("$5 and $10, and $x$", strict).html) == [
        ("p", (), ["$5 and $10, and ", math("x")])
    ]


def test_many_unclosed_runs_stay_linear() -> None:
    """Each opener looks its closing run up (one index per block) instead of scanning on."""
    import time

    body = "".join("$" * k + " " for k in range(2, 300)) + "$ x " * 20000
    start = time.process_time()
    html = render_markdown(body).html
    assert time.process_time() - start < 3  # was 4 s of scanning, now ~0.25 s
    assert html.count('class="katex"') == 20000 // 2

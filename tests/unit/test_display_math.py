"""`$$` blocks as remark-math parses them, and KaTeX-only TeX drawn rather than shown raw.

Expected trees are what Astro 7 (remark-math 6, rehype-katex 7) rendered from the same Markdown,
reduced with the conformance DOM normaliser (a formula is compared by its TeX).
"""

from __future__ import annotations

import pytest

from blogforge.markdown import MarkdownOptions, render_markdown
from tests.conformance.dom import dom

ASTRO = [
    ("$$\na\n\nb\n$$\n", [("math", "display", "a\n\nb")]),
    ("> $$\n> a\n>\n> b\n> $$\n", [("blockquote", (), [("math", "display", "a\n\nb")])]),
    (
        "text\n$$\nx\n$$\nafter",
        [("p", (), ["text"]), ("math", "display", "x"), ("p", (), ["after"])],
    ),
    ("a\n  $$\n  x\n  $$", [("p", (), ["a"]), ("math", "display", "x")]),
    ("$$\nx\n\ny", [("math", "display", "x\n\ny")]),  # unclosed: to the end of the document
    ("  $$\n  a\n   b\n  $$", [("math", "display", "a\n b")]),  # the opening's indent removed
    ("a\n$$ x $$\nb", [("p", (), ["a ", ("math", "inline", "x"), " b"])]),
    (
        "- item\n  $$\n  x\n\n  y\n  $$\n",
        [("ul", (), [("li", (), ["item ", ("math", "display", "x\n\ny")])])],
    ),
]


@pytest.mark.parametrize(("source", "expected"), ASTRO, ids=[source for source, _ in ASTRO])
def test_display_math_blocks_match_astro(source: str, expected: list) -> None:
    assert dom(render_markdown(source, MarkdownOptions(math=True)).html) == expected


def test_without_math_dollars_stay_text() -> None:
    html = render_markdown("$$\na\n\nb\n$$\n", MarkdownOptions(math=False)).html
    assert dom(html) == [("p", (), ["$$ a"]), ("p", (), ["b $$"])]


def test_a_display_formula_in_error_is_a_bare_katex_error_like_rehype_katex() -> None:
    rendered = render_markdown("$$\n\\frac{\n$$\n")
    assert rendered.html.startswith('<span class="katex-error"')
    assert [warning.line for warning in rendered.warnings] == [1]


@pytest.mark.parametrize(
    ("tex", "display"),
    [
        ("\\begin{split} a &= b \\\\ c &= d \\end{split}", True),
        ("\\LaTeX \\text{ and } \\TeX", False),
        ("\\text{\\KaTeX}", False),
        ("\\mu* + \\alpha*", False),
        ("\\widetilde{x}", False),
        ("E = mc^2 \\tag{1}", True),
    ],
)
def test_tex_katex_draws_is_drawn_with_the_authors_tex_kept(tex: str, display: bool) -> None:
    source = f"$$\n{tex}\n$$\n" if display else f"${tex}$"
    rendered = render_markdown(source)
    assert rendered.warnings == []
    assert "<math" in rendered.html and "katex-error" not in rendered.html
    assert ("math", "display" if display else "inline", tex) in walk(dom(rendered.html))


def walk(tree: list) -> list:
    items = []
    for item in tree:
        items.append(item)
        if isinstance(item, tuple) and len(item) == 3 and isinstance(item[2], list):
            items.extend(walk(item[2]))
    return items


def test_tex_with_a_real_error_is_still_an_error() -> None:
    rendered = render_markdown("$\\begin{split} a &= \\frac{ \\end{split}$")
    assert "katex-error" in rendered.html and len(rendered.warnings) == 1

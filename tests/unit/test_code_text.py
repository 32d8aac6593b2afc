"""No lexer loses code: the text of every line of a code block survives highlighting.

Pygments' session and literate lexers (console, psql, rconsole, literate-haskell...) emit a line
only once they read its newline; given the block without its final newline they dropped its last
line. This runs every lexer Pygments ships, not a sample, so a new lexer of that kind in a later
Pygments fails here rather than in a reader's post.
"""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from pygments.lexers import find_lexer_class, get_all_lexers

from blogforge.markdown import MarkdownOptions, render_markdown
from blogforge.markdown.highlight import code_block_html, lexer_for

# Prompts, output, a continuation line, markup and a last line that is neither prompt nor output.
CODE = (
    "$ echo 'hi' > out.txt\n"
    "hi\n"
    ">>> x = [1, 2]  # comment\n"
    "... y = x\n"
    '<a href="#">&amp;</a>\n'
    "last line"
)
LEXERS = sorted(  # Pygments' own: blogforge uses no plugin lexer (see the test below)
    (name, aliases[0] if aliases else None)
    for name, aliases, _files, _mimes in get_all_lexers(plugins=False)
)
PLUGIN_ALIASES = sorted(
    {a for _n, aliases, _f, _m in get_all_lexers(plugins=True) for a in aliases}
    - {a for _n, aliases, _f, _m in get_all_lexers(plugins=False) for a in aliases}
)


class CodeText(HTMLParser):
    """The exact text inside `<code>` (the conformance normaliser folds trailing newlines)."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.parts: list[str] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.depth += tag == "code"

    def handle_endtag(self, tag: str) -> None:
        self.depth -= tag == "code"

    def handle_data(self, data: str) -> None:
        if self.depth:
            self.parts.append(data)

    @property
    def text(self) -> str:
        return "".join(self.parts)


def test_there_are_hundreds_of_lexers() -> None:
    assert len(LEXERS) > 500


@pytest.mark.parametrize(("name", "alias"), LEXERS, ids=[name for name, _ in LEXERS])
def test_every_lexer_keeps_every_line(name: str, alias: str | None) -> None:
    if alias is not None:
        lexer = lexer_for(alias)
    else:
        lexer_class = find_lexer_class(name)
        assert lexer_class is not None
        lexer = lexer_class(stripnl=False, ensurenl=False)
    assert lexer is not None
    for code in (CODE, CODE + "\n"):  # a fence's content ends with its newline; one that doesn't
        assert CodeText(code_block_html(code, alias or "x", lexer)).text == CODE
    if alias is not None:
        for source in (f"```{alias}\n{CODE}\n```\n", f"```{alias}\n{CODE}"):  # closed, cut at EOF
            assert CodeText(render_markdown(source, MarkdownOptions()).html).text == CODE


def test_a_console_block_keeps_its_last_line() -> None:
    html = render_markdown("```console\n$ ls\nfile.txt\n```\n").html
    assert CodeText(html).text == "$ ls\nfile.txt"


def test_a_trailing_blank_line_of_the_block_is_kept_once() -> None:
    html = render_markdown("```console\n$ ls\n\n```\n").html
    assert CodeText(html).text == "$ ls\n"


def test_a_plugin_lexer_is_never_used() -> None:
    """What a fence renders must not depend on the packages installed beside blogforge (IPython
    registers `ipython` lexers): a name only a plugin knows is plain text, its code intact."""
    for alias in PLUGIN_ALIASES:
        assert lexer_for(alias) is None, alias
    html = render_markdown("```ipython\nIn [1]: x = 1\n```\n", MarkdownOptions()).html
    assert CodeText(html).text == "In [1]: x = 1"

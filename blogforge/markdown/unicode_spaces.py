"""Unicode spaces at the edges of a paragraph or heading are text, as remark keeps them.

markdown-it-py trims paragraph and heading content with Python's `str.strip()`, which removes every
Unicode space; micromark trims only spaces and tabs. So a line ending in an ideographic space
(U+3000, common in Japanese and Chinese text) or a no-break space lost it (measured against
Astro: `a\\u3000` renders `<p>a\\u3000</p>`). These wrappers run markdown-it's own rules, then give
the inline content back the non-ASCII spaces its first and last line held at its edges.
"""

from __future__ import annotations

from collections.abc import Callable

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock

BlockRule = Callable[[StateBlock, int, int, bool], bool]
ASCII_SPACE = " \t"


def keep_unicode_spaces_plugin(md: MarkdownIt) -> None:
    for rule in md.block.ruler.__rules__:
        if rule.name in ("paragraph", "heading"):
            rule.fn = keeping_spaces(rule.fn)
    md.block.ruler.__compile__()


def keeping_spaces(rule: BlockRule) -> BlockRule:
    """`rule`, with its inline token's content regrown over edge spaces `str.strip()` took."""

    def run(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
        count = len(state.tokens)
        if not rule(state, start_line, end_line, silent):
            return False
        for token in state.tokens[count:]:
            if token.type == "inline" and token.map:
                first, last = token.map[0], token.map[1] - 1
                if token.content:
                    token.content = leading(state, first) + token.content + trailing(state, last)
        return True

    return run


def line_text(state: StateBlock, line: int) -> str:
    return state.src[state.bMarks[line] + state.tShift[line] : state.eMarks[line]]


def leading(state: StateBlock, line: int) -> str:
    """The Unicode spaces (and ASCII ones among them) a line starts with, when any is non-ASCII."""
    text = line_text(state, line)
    lead = text[: len(text) - len(text.lstrip())]
    return lead if lead.strip(ASCII_SPACE) else ""


def trailing(state: StateBlock, line: int) -> str:
    """The spaces after a line's text up to its last non-ASCII space (micromark drops the rest)."""
    text = line_text(state, line)
    return text[len(text.rstrip()) :].rstrip(ASCII_SPACE)

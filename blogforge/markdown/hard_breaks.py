"""`a\\` followed by two spaces and a line end is a hard line break, as remark reads it.

markdown-it's escape rule takes a backslash and the character after it as one token even when
that character is a space (not escapable), so `a\\␠␠⏎b` kept only one trailing space and became a
soft break: the reader lost the line break Astro shows (`a\\<br>b`). A backslash before a space
or tab is plain text on its own here, and the spaces count for the break as they should.
"""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline


def backslash_before_space_plugin(md: MarkdownIt) -> None:
    md.inline.ruler.before("escape", "backslash_before_space", backslash_before_space)


def backslash_before_space(state: StateInline, silent: bool) -> bool:
    position = state.pos
    if state.src[position] != "\\" or position + 1 >= state.posMax:
        return False
    if state.src[position + 1] not in " \t":
        return False
    if not silent:
        state.pending += "\\"
    state.pos = position + 1
    return True

"""`a\\` followed by two spaces and a line end is a hard line break, as remark reads it.

markdown-it's escape rule takes a backslash and the character after it as one token even when
that character is a space (not escapable), so `a\\␠␠⏎b` kept only one trailing space and became a
soft break: the reader lost the line break Astro shows (`a\\<br>b`). A backslash before a space
or tab is plain text on its own here, and the spaces count for the break as they should.
"""

from __future__ import annotations

from collections.abc import Callable

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline

InlineRule = Callable[[StateInline, bool], bool]


def backslash_before_space_plugin(md: MarkdownIt) -> None:
    """Wrap markdown-it's escape rule (a rule of its own would be one more call at every mark)."""
    for rule in md.inline.ruler.__rules__:
        if rule.name == "escape":
            rule.fn = backslash_before_space(rule.fn)
    md.inline.ruler.__compile__()


def backslash_before_space(escape: InlineRule) -> InlineRule:
    def run(state: StateInline, silent: bool) -> bool:
        position = state.pos
        if (
            state.src[position] == "\\"
            and position + 1 < state.posMax
            and state.src[position + 1] in " \t"
        ):
            if not silent:
                state.pending += "\\"
            state.pos = position + 1
            return True
        return escape(state, silent)

    return run

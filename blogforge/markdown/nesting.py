"""Deeply nested blockquotes and lists: shown, never silently dropped.

markdown-it stops at `maxNesting` block levels (20 in its CommonMark preset) and silently throws
the rest of the document away: 21 `>` in a row and the quote's text vanished (measured).
remark has no such limit, but nesting cannot be unbounded here either, because markdown-it's block
parser recurses once per level (10 000 `>` would exhaust Python's stack). So we allow
MAX_NESTING levels, far beyond any real post, and below that depth keep the remaining lines as
one plain paragraph, with a warning naming the line: nothing the author wrote is lost.
"""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock

from blogforge.markdown.rendered import RenderWarning

MAX_NESTING = 100


def nesting_guard_plugin(md: MarkdownIt) -> None:
    """Raise markdown-it's nesting limit and keep what lies past it as text."""
    md.options["maxNesting"] = MAX_NESTING
    tokenize = md.block.tokenize

    def guarded_tokenize(state: StateBlock, start_line: int, end_line: int) -> None:
        if state.level >= MAX_NESTING:
            line = state.skipEmptyLines(start_line)
            if line < end_line and state.sCount[line] >= state.blkIndent:
                keep_as_text(state, line, end_line)
                return
        tokenize(state, start_line, end_line)

    md.block.tokenize = guarded_tokenize  # type: ignore[method-assign]


def keep_as_text(state: StateBlock, start_line: int, end_line: int) -> None:
    """The lines past the nesting limit as one paragraph of their own text, and one warning."""
    text = state.getLines(start_line, end_line, state.blkIndent, False).strip()
    opening = state.push("paragraph_open", "p", 1)
    opening.map = [start_line, end_line]
    inline = state.push("inline", "", 0)
    inline.content = text
    inline.map = [start_line, end_line]
    inline.children = []
    state.push("paragraph_close", "p", -1)
    state.line = end_line
    warnings = state.env.get("warnings") if isinstance(state.env, dict) else None
    if isinstance(warnings, list) and not state.env.get("nesting_warned"):
        state.env["nesting_warned"] = True
        warnings.append(
            RenderWarning(
                start_line + 1,
                f"blockquotes or lists nested more than {MAX_NESTING} levels deep: "
                "the deeper lines are shown as plain text",
            )
        )

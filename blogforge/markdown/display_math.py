"""`$$` display math parsed as remark-math parses it: like a fenced code block, not a paragraph.

mdit-py-plugins' dollarmath block differs from remark-math (micromark-extension-math) in three
ways that changed what readers saw (each measured against Astro's output):
- a blank line inside `$$ … $$` ended the block, and both halves became paragraphs with `$$` in
  their text; remark-math keeps the blank line inside the formula;
- a `$$` line right after a paragraph line did not start a block (the formula became inline math
  inside the paragraph); remark-math lets it interrupt the paragraph, as a code fence does;
- an unclosed `$$` left its lines as text; remark-math runs it to the end of its container.
So this rule follows the fence rule: an opening `$$` (or more) with no other `$` on its line
(what follows it is the meta, ignored), content lines with the opening's indent removed, and a
closing line of at least as many `$` and nothing else.
"""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock

INTERRUPTS = ["paragraph", "reference", "blockquote", "list"]


def display_math_plugin(md: MarkdownIt) -> None:
    """Replace dollarmath's block rule (same token, `math_block`) with remark-math's grammar."""
    md.block.ruler.at("math_block", display_math, {"alt": INTERRUPTS})


def display_math(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    start = state.bMarks[start_line] + state.tShift[start_line]
    maximum = state.eMarks[start_line]
    if start >= maximum or state.src[start] != "$":
        return False  # most lines, decided from their first character
    if state.sCount[start_line] - state.blkIndent >= 4:
        return False  # indented code
    line = state.src[start:maximum]
    fence = len(line) - len(line.lstrip("$"))
    if fence < 2 or "$" in line[fence:]:
        return False
    if silent:
        return True
    next_line = start_line
    closed = False
    while True:
        next_line += 1
        if next_line >= end_line:
            break  # unclosed: the formula runs to the end of its container
        begin = state.bMarks[next_line] + state.tShift[next_line]
        finish = state.eMarks[next_line]
        if begin < finish and state.sCount[next_line] < state.blkIndent:
            break  # a line outdented past the container (a list item) ends it
        if state.sCount[next_line] - state.blkIndent >= 4:
            continue
        text = state.src[begin:finish]
        run = len(text) - len(text.lstrip("$"))
        if run >= fence and not text[run:].strip():
            closed = True
            break
    token = state.push("math_block", "math", 0)
    token.block = True
    token.content = state.getLines(start_line + 1, next_line, state.sCount[start_line], True)
    token.markup = "$" * fence
    token.map = [start_line, next_line + (1 if closed else 0)]
    state.line = next_line + (1 if closed else 0)
    return True

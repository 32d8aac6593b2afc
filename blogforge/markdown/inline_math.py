"""Inline `$…$` math parsed as remark-math parses it: like a code span, by runs of equal length.

mdit-py-plugins' dollarmath differs from remark-math (micromark-extension-math) where dollars do
not pair simply, each measured against Astro's output:
- a run of dollars opens math that only a run of the same length closes: `$$5 and $3` is text
  (dollarmath made `5 and ` math from the second `$`), `$x$$y$` is the formula `x$$y`, and
  `$$$x$$$` is `x`;
- a run that finds no closing run stays text, whole, and parsing goes on after it;
- inside, a backslash escapes nothing (`$a\\$b$` is `a\\` then text), as in a code span.
`\\$` outside math is still an escaped dollar (markdown-it's escape rule, which runs first there).
With `math_strict_dollars` a digit right before or after the opening run or right after the
closing run (`$5`, `5$`) keeps the dollars as text, for posts about prices.
"""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline


def inline_math_plugin(md: MarkdownIt, strict_dollars: bool) -> None:
    """Replace dollarmath's inline rule (same token, `math_inline`) with remark-math's grammar."""

    def rule(state: StateInline, silent: bool) -> bool:
        return math_text(state, silent, strict_dollars)

    md.inline.ruler.at("math_inline", rule)


def run_length(src: str, start: int, limit: int) -> int:
    end = start
    while end < limit and src[end] == "$":
        end += 1
    return end - start


def math_text(state: StateInline, silent: bool, strict_dollars: bool) -> bool:
    src, start, limit = state.src, state.pos, state.posMax
    if src[start] != "$":
        return False
    size = run_length(src, start, limit)
    search = start + size
    if strict_dollars and search < limit and src[search].isdigit():
        search = limit  # `$5`: a price, not math
    while True:
        found = src.find("$", search, limit)
        if found == -1:
            break
        length = run_length(src, found, limit)
        if length == size:
            content = src[start + size : found]
            after = found + size
            digits = strict_dollars and (
                (start and src[start - 1].isdigit()) or (after < limit and src[after].isdigit())
            )
            if not digits:
                if not silent:
                    token = state.push("math_inline", "math", 0)
                    token.content = content
                    token.markup = "$" * size
                state.pos = after
                return True
            break
        search = found + length
    if not silent:
        state.pending += "$" * size  # no closing run: the dollars are text
    state.pos = start + size
    return True

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

import re
from bisect import bisect_right

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline

DOLLARS = re.compile(r"\$+")


def inline_math_plugin(md: MarkdownIt, strict_dollars: bool) -> None:
    """Replace dollarmath's inline rule (same token, `math_inline`) with remark-math's grammar."""

    def rule(state: StateInline, silent: bool) -> bool:
        return math_text(state, silent, strict_dollars)

    md.inline.ruler.at("math_inline", rule)


def runs_by_length(state: StateInline) -> dict[int, list[int]]:
    """Where each run of dollars of the block starts, by run length (found once per block)."""
    memo: dict[str, dict[int, list[int]]] = state.env.setdefault("math_runs", {})
    runs = memo.get(state.src)
    if runs is None:
        runs = {}
        for match in DOLLARS.finditer(state.src):
            runs.setdefault(match.end() - match.start(), []).append(match.start())
        memo[state.src] = runs
    return runs


def math_text(state: StateInline, silent: bool, strict_dollars: bool) -> bool:
    src, start, limit = state.src, state.pos, state.posMax
    if src[start] != "$":
        return False
    end = start + 1
    while end < limit and src[end] == "$":
        end += 1
    size = end - start
    closing = -1
    if not (strict_dollars and end < limit and src[end].isdigit()):  # `$5`: a price, not math
        # The next run of the same length closes (a lookup: many unclosed runs stay linear).
        starts = runs_by_length(state).get(size, [])
        index = bisect_right(starts, start)
        if index < len(starts) and starts[index] + size <= limit:
            closing = starts[index]
    if closing != -1:
        after = closing + size
        digits = strict_dollars and (
            (start and src[start - 1].isdigit()) or (after < limit and src[after].isdigit())
        )
        if not digits:
            if not silent:
                token = state.push("math_inline", "math", 0)
                token.content = src[end:closing]
                token.markup = "$" * size
            state.pos = after
            return True
    if not silent:
        state.pending += "$" * size  # no closing run: the dollars are text
    state.pos = end
    return True

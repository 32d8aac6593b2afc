"""Callouts (opt-in): `:::note[Title] … :::` directives and GitHub's `> [!NOTE]` alerts.

Plain Astro renders neither (remark-gfm has no alerts, and directives need remark-directive plus
a site plugin), so they stay off by default and DOM-equality with Astro holds. With
`MarkdownOptions(callouts=True)` both become GitHub's alert markup, which GitHub-styled themes
already style:

    <div class="markdown-alert markdown-alert-note">
    <p class="markdown-alert-title">Title</p>
    …content…
    </div>

`> [!NOTE]` is markdown-it-py's own alert rule. The directive form is this block rule: an opening
line of three or more `:` and a kind (GitHub's five, plus the usual aliases), an optional
`[Title]` (else the kind's name) and `{…}` attributes (ignored); content parsed as Markdown; a
closing line of at least as many `:`. An unknown kind is left as text.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock

KINDS = {
    "note": "note",
    "info": "note",
    "tip": "tip",
    "important": "important",
    "warning": "warning",
    "caution": "caution",
    "danger": "caution",
}
OPENING = re.compile(r"(:{3,})[ \t]*([A-Za-z]+)[ \t]*(?:\[([^\]]*)\])?[ \t]*(?:\{[^}]*\})?[ \t]*$")
CLOSING = re.compile(r"(:{3,})[ \t]*$")


def callouts_plugin(md: MarkdownIt) -> None:
    md.options["alerts"] = True
    md.block.ruler.before(
        "fence", "callout", callout, {"alt": ["paragraph", "reference", "blockquote", "list"]}
    )


def callout(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    if state.sCount[start_line] - state.blkIndent >= 4:
        return False
    start = state.bMarks[start_line] + state.tShift[start_line]
    if state.src[start : start + 3] != ":::":
        return False
    opening = OPENING.match(state.src[start : state.eMarks[start_line]])
    if opening is None or opening.group(2).lower() not in KINDS:
        return False
    if silent:
        return True
    colons = len(opening.group(1))
    kind = KINDS[opening.group(2).lower()]
    close_line = start_line + 1
    closed = False
    while close_line < end_line:
        begin = state.bMarks[close_line] + state.tShift[close_line]
        finish = state.eMarks[close_line]
        if begin < finish and state.sCount[close_line] < state.blkIndent:
            break  # outdented past the container holding the callout
        closing = CLOSING.match(state.src[begin:finish])
        if closing and len(closing.group(1)) >= colons and state.sCount[close_line] < 4:
            closed = True
            break
        close_line += 1
    title = opening.group(3)
    token = state.push("alert_open", "div", 1)
    token.attrSet("class", f"markdown-alert markdown-alert-{kind}")
    token.markup = opening.group(1)
    token.map = [start_line, close_line + (1 if closed else 0)]
    state.push("alert_title_open", "p", 1).attrSet("class", "markdown-alert-title")
    inline = state.push("inline", "", 0)
    inline.content = title.strip() if title and title.strip() else kind.capitalize()
    inline.map = [start_line, start_line + 1]
    inline.children = []
    state.push("alert_title_close", "p", -1)
    parent_type, line_max = state.parentType, state.lineMax
    state.parentType = "callout"  # type: ignore[assignment]
    state.lineMax = close_line
    state.md.block.tokenize(state, start_line + 1, close_line)
    state.parentType, state.lineMax = parent_type, line_max
    state.push("alert_close", "div", -1).markup = opening.group(1)
    state.line = close_line + (1 if closed else 0)
    return True

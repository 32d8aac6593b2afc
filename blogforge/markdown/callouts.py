"""Callouts (opt-in): `:::note[Title] … :::` directives and `> [!NOTE]` alerts, in a style's markup.

Plain Astro renders neither (remark-gfm has no alerts, and directives need remark-directive plus
a site plugin), so they stay off by default and DOM-equality with Astro holds. On, each syntax
the style's plugin reads (`callout_styles`) becomes one token sequence, which `callout_markup`
writes in that plugin's HTML:

    callout_open, callout_title_open, inline (the title), callout_title_close,
    callout_body_open, …content…, callout_body_close, callout_close

The directive form is a block rule: an opening line of three or more `:` and a name, an optional
`[Title]` (else the style's default title) and `{…}` attributes (ignored); content parsed as
Markdown; a closing line of at least as many `:`. The alert form is read after block parsing
from each blockquote's first paragraph. A `:::name` the style does not know stays text, with
one warning per file.
"""

from __future__ import annotations

import re
from functools import partial

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from blogforge.markdown.callout_markup import PARTS, render_callout_part
from blogforge.markdown.callout_styles import STYLES, Alert, CalloutStyle
from blogforge.markdown.rendered import RenderWarning

OPENING = re.compile(
    r"(:{3,})[ \t]*([A-Za-z][\w-]*)[ \t]*(?:\[([^\]]*)\])?[ \t]*(?:\{[^}]*\})?[ \t]*$", re.ASCII
)
CLOSING = re.compile(r"(:{3,})[ \t]*$")
# Fuwari's AdmonitionComponent for a directive with neither a label nor content.
FUWARI_EMPTY = (
    '<div class="hidden">Invalid admonition directive. (Admonition directives must be of block '
    'type ":::note{name="name"} <content> :::")</div>\n'
)


def callouts_plugin(md: MarkdownIt, style_name: str = "github") -> None:
    style = STYLES[style_name]
    if style.directives is not None:
        md.block.ruler.before(
            "fence",
            "callout",
            partial(directive, style),
            {"alt": ["paragraph", "reference", "blockquote", "list"]},
        )
    if style.read_alert is not None:
        md.core.ruler.after("block", "callout_alerts", partial(alerts, style))
    md.core.ruler.after("block", "callout_leftovers", partial(leftovers, style))
    for part in PARTS:
        md.add_render_rule(part, render_callout_part)


def directive_kind(style: CalloutStyle, name: str) -> str | None:
    if style.directives is None:
        return None
    return style.directives.get(name if style.exact_names else name.lower())


def callout_meta(
    style: CalloutStyle, kind: str, custom_title: bool, fold: str = "", element: str = ""
) -> dict[str, object]:
    """What the renderer rules (`callout_markup`) need of a callout, on each of its tokens."""
    return {
        "style": style.name,
        "kind": kind,
        "custom_title": custom_title,
        "fold": fold,
        "element": element,
    }


def directive(
    style: CalloutStyle, state: StateBlock, start_line: int, end_line: int, silent: bool
) -> bool:
    if state.sCount[start_line] - state.blkIndent >= 4:
        return False
    start = state.bMarks[start_line] + state.tShift[start_line]
    if state.src[start : start + 3] != ":::":
        return False
    opening = OPENING.match(state.src[start : state.eMarks[start_line]])
    kind = directive_kind(style, opening.group(2)) if opening else None
    if opening is None or kind is None:
        return False
    if silent:
        return True
    colons = len(opening.group(1))
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
    label = (opening.group(3) or "").strip()
    state.line = close_line + (1 if closed else 0)
    lines = [start_line, state.line]
    empty = all(state.isEmpty(line) for line in range(start_line + 1, close_line))
    if style.name == "fuwari" and empty and not label:
        token = state.push("html_block", "", 0)
        token.content, token.map = FUWARI_EMPTY, lines
        return True
    meta = callout_meta(style, kind, bool(label))
    token = state.push("callout_open", "div", 1)
    token.meta, token.markup, token.map = meta, opening.group(1), lines
    state.push("callout_title_open", "", 1).meta = meta
    inline = state.push("inline", "", 0)
    inline.content = label or style.default_title(kind)
    inline.map = [start_line, start_line + 1]
    inline.children = []
    state.push("callout_title_close", "", -1).meta = meta
    state.push("callout_body_open", "", 1).meta = meta
    parent_type, line_max = state.parentType, state.lineMax
    state.parentType = "callout"  # type: ignore[assignment]
    state.lineMax = close_line
    state.md.block.tokenize(state, start_line + 1, close_line)
    state.parentType, state.lineMax = parent_type, line_max
    state.push("callout_body_close", "", -1).meta = meta
    token = state.push("callout_close", "div", -1)
    token.meta, token.markup = meta, opening.group(1)
    state.line = lines[1]
    return True


def alerts(style: CalloutStyle, state: StateCore) -> None:
    """Each blockquote whose first paragraph opens with the style's `[!TYPE]` marker becomes a
    callout: the marker line goes (into the title, where the style reads one there)."""
    assert style.read_alert is not None
    tokens = state.tokens
    index = 0
    while index < len(tokens):
        if (
            tokens[index].type == "blockquote_open"
            and index + 2 < len(tokens)
            and tokens[index + 1].type == "paragraph_open"
            and (alert := style.read_alert(tokens[index + 2].content)) is not None
        ):
            end = blockquote_end(tokens, index) + 1
            tokens[index:end] = alert_tokens(style, alert, tokens[index:end])
        index += 1


def blockquote_end(tokens: list[Token], start: int) -> int:
    depth = 0
    for index in range(start, len(tokens)):
        depth += {"blockquote_open": 1, "blockquote_close": -1}.get(tokens[index].type, 0)
        if depth == 0:
            return index
    return len(tokens) - 1


def alert_tokens(style: CalloutStyle, alert: Alert, quote: list[Token]) -> list[Token]:
    """The blockquote's tokens (open, first paragraph, …, close) as a callout's."""
    opening, paragraph, inline = quote[0], quote[1], quote[2]
    inner = quote[4:-1]  # after the first paragraph's three tokens, before the close
    first_line = (paragraph.map or [0, 0])[0]
    if alert.rest is not None:
        inline.content = alert.rest
        for token in (paragraph, inline):
            token.map = [first_line + 1, (token.map or [0, first_line + 1])[1]]
        inner = quote[1:4] + inner
    if style.name == "fuwari" and not inner and not alert.element:
        token = Token("html_block", "", 0, content=FUWARI_EMPTY, map=opening.map, block=True)
        return [token]
    meta = callout_meta(style, alert.kind, alert.title is not None, alert.fold, alert.element)

    def part(kind: str, nesting: int) -> Token:
        return Token(kind, "", nesting, meta=meta, map=opening.map, block=True)

    title: list[Token] = []
    if not alert.element:
        text = alert.title if alert.title is not None else style.default_title(alert.kind)
        title_inline = Token("inline", "", 0, content=text, children=[], block=True)
        title_inline.map = [first_line, first_line + 1]
        title = [part("callout_title_open", 1), title_inline, part("callout_title_close", -1)]
    return [
        part("callout_open", 1),
        *title,
        part("callout_body_open", 1),
        *inner,
        part("callout_body_close", -1),
        part("callout_close", -1),
    ]


def leftovers(style: CalloutStyle, state: StateCore) -> None:
    """One warning for a body whose paragraphs keep a `:::name` line the style does not read."""
    warnings = state.env.get("warnings") if isinstance(state.env, dict) else None
    if warnings is None:
        return
    for index, token in enumerate(state.tokens):
        if token.type != "inline" or ":::" not in token.content or index == 0:
            continue
        if state.tokens[index - 1].type != "paragraph_open":
            continue
        for offset, line in enumerate(token.content.split("\n")):
            opening = OPENING.match(line.strip())
            if opening and directive_kind(style, opening.group(2)) is None:
                line_number = (token.map or [0])[0] + offset + 1
                warnings.append(RenderWarning(line_number, leftover_message(style, opening[2])))
                return


def leftover_message(style: CalloutStyle, name: str) -> str:
    if style.directives is None:
        return (
            f'callouts: ":::{name}" left as text: callout_style = "{style.name}" reads only '
            '"> [!NOTE]" blockquotes, as its Astro plugin does (one warning per file)'
        )
    kinds = ", ".join(sorted(style.directives))
    return (
        f'callouts: ":::{name}" is not a callout kind of callout_style = "{style.name}" '
        f"({kinds}); left as text (one warning per file)"
    )

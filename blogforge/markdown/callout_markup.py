"""The HTML each callout style writes, element for element as its Astro plugin does.

`callouts` turns both syntaxes into one token sequence (open, title, body, close, each carrying
the style, kind and fold in `meta`); these renderer rules write it in the style's markup:

- github: `<div class="markdown-alert markdown-alert-note">` and
  `<p class="markdown-alert-title">Note</p>` before the content
- github-blockquote-alert: the same with `dir="auto"` on both and an Octicon before the title,
  which is the kind in capitals: `<svg class="octicon" …><path d="…"></path></svg>NOTE`
- fuwari: `<blockquote class="admonition bdm-note"><span class="bdm-title">NOTE</span>…`, a
  custom title as `<span class="bdm-title"><div>Title</div></span>`
- cactus: `<aside aria-label="Title" class="aside aside-note"><p class="aside-title"
  aria-hidden="true">Title</p><div class="aside-content">…</div></aside>`
- rehype-callouts: `<div class="callout" data-callout="note" data-collapsible="false">` with a
  `callout-title` div (an icon div with a Lucide `<svg>`, then `callout-title-text`) and a
  `callout-content` div; folding ones are `<details>` (`open` for `+`) with a `<summary>` that
  ends in a `callout-fold-icon`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from html import escape
from typing import Any

from markdown_it.token import Token

from blogforge.markdown.callout_icons import LUCIDE, LUCIDE_SVG_OPEN, OCTICON_PATHS
from blogforge.markdown.callout_styles import OBSIDIAN_TYPES

PARTS = ("callout_open", "callout_title_open", "callout_title_close", "callout_body_open",
         "callout_body_close", "callout_close")  # fmt: skip
Meta = dict[str, Any]


def _github_alert(part: str, kind: str, attributes: str = "", icon: str = "") -> str:
    """GitHub's alert markup, which both GitHub styles write; the plugin adds attributes to
    both elements and an icon before the title."""
    return {
        "callout_open": f'<div class="markdown-alert markdown-alert-{kind}"{attributes}>\n',
        "callout_title_open": f'<p class="markdown-alert-title"{attributes}>{icon}',
        "callout_title_close": "</p>\n",
        "callout_close": "</div>\n",
    }.get(part, "")


def github(part: str, meta: Meta, title: str) -> str:
    return _github_alert(part, meta["kind"])


def github_blockquote_alert(part: str, meta: Meta, title: str) -> str:
    kind = meta["kind"]
    icon = (
        '<svg class="octicon" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true">'
        f'<path d="{OCTICON_PATHS[kind]}"></path></svg>'
    )
    return _github_alert(part, kind, ' dir="auto"', icon)


def fuwari(part: str, meta: Meta, title: str) -> str:
    element = meta["element"]
    if element:  # a directive with no component: the bare element, its content inside
        return {"callout_open": f"<{element}>\n", "callout_close": f"</{element}>\n"}.get(part, "")
    label = meta["custom_title"]  # the directive's label paragraph, turned into a <div>
    return {
        "callout_open": f'<blockquote class="admonition bdm-{meta["kind"]}">\n',
        "callout_title_open": '<span class="bdm-title">' + ("<div>" if label else ""),
        "callout_title_close": ("</div>" if label else "") + "</span>\n",
        "callout_close": "</blockquote>\n",
    }.get(part, "")


def cactus(part: str, meta: Meta, title: str) -> str:
    return {
        "callout_open": (
            f'<aside aria-label="{escape(title)}" class="aside aside-{meta["kind"]}">\n'
        ),
        "callout_title_open": '<p class="aside-title" aria-hidden="true">',
        "callout_title_close": "</p>\n",
        "callout_body_open": '<div class="aside-content">\n',
        "callout_body_close": "</div>\n",
        "callout_close": "</aside>\n",
    }.get(part, "")


def rehype_callouts(part: str, meta: Meta, title: str) -> str:
    fold = meta["fold"]
    box, head = ("details", "summary") if fold else ("div", "div")
    if part == "callout_open":
        opened = " open" if fold == "+" else ""
        return (
            f'<{box} class="callout" data-callout="{meta["kind"]}" '
            f'data-collapsible="{"true" if fold else "false"}"{opened}>\n'
        )
    if part == "callout_title_open":
        icon = lucide_svg(OBSIDIAN_TYPES[meta["kind"]][1])
        return (
            f'<{head} class="callout-title"><div class="callout-title-icon" aria-hidden="true">'
            f'{icon}</div><div class="callout-title-text">'
        )
    if part == "callout_title_close":
        folding = f'<div class="callout-fold-icon" aria-hidden="true">{lucide_svg("chevron")}</div>'
        return "</div>" + (folding if fold else "") + f"</{head}>\n"
    return {
        "callout_body_open": '<div class="callout-content">\n',
        "callout_body_close": "</div>\n",
        "callout_close": f"</{box}>\n",
    }.get(part, "")


def lucide_svg(name: str) -> str:
    return LUCIDE_SVG_OPEN + LUCIDE[name] + "</svg>"


MARKUP: dict[str, Callable[[str, Meta, str], str]] = {
    "github": github,
    "github-blockquote-alert": github_blockquote_alert,
    "fuwari": fuwari,
    "cactus": cactus,
    "rehype-callouts": rehype_callouts,
}


def render_callout_part(
    self: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any
) -> str:
    """One callout token in the markup of the style it was parsed for."""
    token = tokens[idx]
    title = title_text(tokens, idx) if token.type == "callout_open" else ""
    return MARKUP[token.meta["style"]](token.type, token.meta, title)


def title_text(tokens: Sequence[Token], idx: int) -> str:
    """The title's plain text (cactus's aria-label): its inline token's text, code and math."""
    if idx + 2 >= len(tokens) or tokens[idx + 1].type != "callout_title_open":
        return ""
    children = tokens[idx + 2].children or []
    return "".join(c.content for c in children if c.type in ("text", "code_inline", "math_inline"))

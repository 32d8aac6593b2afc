"""The markdown-it instance (built once per option set) and the render pass around it.

Parsing is markdown-it-py with mdit-py-plugins' `gfm_plugin` (tables, strikethrough, task lists,
autolinks, footnotes, dollar math). Our own parts, each in its module: smart punctuation
(`smartypants`), heading ids (`slugger`), GFM footnote markup (`footnotes`), code colouring
(`highlight`) and MathML (`math`). Renderer rules here only adjust markup to what remark emits.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from html import escape
from typing import Any

import mdurl
from markdown_it import MarkdownIt
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict
from mdit_py_plugins.gfm import gfm_plugin

from blogforge.markdown.autolink_bounds import bound_gfm_autolinks
from blogforge.markdown.autolink_literals import autolink_literals_plugin
from blogforge.markdown.callouts import callouts_plugin
from blogforge.markdown.display_math import display_math_plugin
from blogforge.markdown.footnotes import FOOTNOTE_HEADING, FOOTNOTE_LABEL_ID, gfm_footnote_markup
from blogforge.markdown.hard_breaks import backslash_before_space_plugin
from blogforge.markdown.highlight import highlight_code
from blogforge.markdown.inline_math import inline_math_plugin
from blogforge.markdown.math import render_math
from blogforge.markdown.nesting import nesting_guard_plugin
from blogforge.markdown.rendered import (
    Heading,
    ImageRef,
    ImageResolver,
    MarkdownOptions,
    Rendered,
    RenderWarning,
)
from blogforge.markdown.slugger import HeadingSlugger
from blogforge.markdown.smartypants import smartypants_plugin
from blogforge.markdown.unicode_spaces import keep_unicode_spaces_plugin

TEXT_CHILDREN = ("text", "code_inline")
BLOCK_TEXT_BREAK = (
    "paragraph_close",
    "heading_close",
    "th_close",
    "td_close",
    "callout_title_close",
)


@lru_cache(maxsize=8)
def build_parser(options: MarkdownOptions) -> MarkdownIt:
    """The configured parser; costly to build, so cached per option set (options are frozen)."""
    md = MarkdownIt("commonmark", {"html": True, "xhtmlOut": False})
    gfm_plugin(md)
    bound_gfm_autolinks(md)
    autolink_literals_plugin(md)
    nesting_guard_plugin(md)
    keep_unicode_spaces_plugin(md)
    backslash_before_space_plugin(md)
    md.options["alerts"] = False  # GitHub alerts are not part of remark-gfm
    if options.callouts:  # opt-in: `> [!NOTE]` alerts and `:::note[Title]` directives
        callouts_plugin(md, options.callout_style)
    # remark shows an autolink's text exactly as written (markdown-it would percent-decode it).
    md.normalizeLinkText = lambda url: url  # type: ignore[method-assign]
    if options.math:
        # deferred: the math plugin loads only with math on
        from mdit_py_plugins.dollarmath import dollarmath_plugin

        dollarmath_plugin(
            md,
            allow_labels=False,
            allow_space=True,
            allow_digits=not options.math_strict_dollars,
            allow_blank_lines=False,
            double_inline=True,
        )
        display_math_plugin(md)
        inline_math_plugin(md, options.math_strict_dollars)
        md.add_render_rule("math_inline", render_math_inline)
        md.add_render_rule("math_inline_double", render_math_inline)
        md.add_render_rule("math_block", render_math_block)
    smartypants_plugin(md)
    gfm_footnote_markup(md)
    md.add_render_rule("s_open", lambda *args: "<del>")
    md.add_render_rule("s_close", lambda *args: "</del>")
    for tag in ("th_open", "td_open"):
        md.add_render_rule(tag, render_cell_open)
    md.add_render_rule("list_item_open", render_list_item_open)
    md.add_render_rule("fence", render_fence)
    md.add_render_rule("code_block", render_code_block)
    md.add_render_rule("image", render_image)
    return md


def render(
    text: str, options: MarkdownOptions, resolve_image: ImageResolver | None = None
) -> Rendered:
    md = build_parser(options)
    env: dict[str, Any] = {
        "math": options.math,
        "resolve_image": resolve_image,
        "images": [],
        "warnings": [],
    }
    tokens = md.parse(text, env)
    headings, plain_text = annotate(tokens, options, env)
    html = md.renderer.render(tokens, md.options, env)
    return Rendered(
        html=html,
        headings=headings,
        images=env["images"],
        warnings=env["warnings"],
        text=plain_text,
        word_count=len(plain_text.split()),
    )


def annotate(
    tokens: list[Token], options: MarkdownOptions, env: dict[str, Any]
) -> tuple[list[Heading], str]:
    """Give headings their ids, note source lines on inline children, and collect plain text."""
    slugger = HeadingSlugger(options.heading_ids)
    headings: list[Heading] = []
    text_parts: list[str] = []
    line = 0
    for index, token in enumerate(tokens):
        if token.map:
            line = token.map[0] + 1
        if token.type == "inline" and token.children:
            for child in token.children:
                child.meta = {**(child.meta or {}), "line": line}
                if child.type == "link_open" and child.markup == "autolink":
                    # remark percent-encodes autolinked URLs (`/글` -> `/%EA%B8%80`)
                    child.attrSet("href", mdurl.encode(str(child.attrGet("href") or "")))
                if child.type in TEXT_CHILDREN:
                    text_parts.append(child.content)
                elif child.type == "softbreak":
                    text_parts.append(" ")
        elif token.type in BLOCK_TEXT_BREAK:
            text_parts.append("\n")
        if token.type == "heading_open":
            inline = tokens[index + 1]
            heading_text = inline_text(inline.children or [], env)
            slug = slugger.slug(heading_text)
            token.attrSet("id", slug)
            headings.append(Heading(int(token.tag[1]), slug, heading_text))
        elif token.type == "footnote_block_open":
            headings.append(Heading(2, FOOTNOTE_LABEL_ID, FOOTNOTE_HEADING))
    return headings, "".join(text_parts).strip()


def inline_text(children: Sequence[Token], env: dict[str, Any]) -> str:
    """A heading's text as Astro reads it from the rendered HTML (its DOM text content)."""
    parts: list[str] = []
    for child in children:
        if child.type in TEXT_CHILDREN:
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append("\n")
        elif child.type == "footnote_ref":
            parts.append(str(int(child.meta["id"]) + 1))
        elif child.type.startswith("math_inline"):
            parts.append(render_math(child.content, False).text)
    return "".join(parts)


# -- renderer rules ----------------------------------------------------------------------------
def render_cell_open(
    self: Any, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    """`align="left"` as remark-gfm writes it, instead of markdown-it's inline style."""
    token = tokens[idx]
    style = str(token.attrGet("style") or "")
    align = style.removeprefix("text-align:") if style.startswith("text-align:") else ""
    return f'<{token.tag} align="{align}">' if align else f"<{token.tag}>"


def render_list_item_open(
    self: Any, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    token = tokens[idx]
    result = self.renderToken(tokens, idx, options, env)
    if token.meta and "checked" in token.meta:
        checked = " checked" if token.meta["checked"] else ""
        result += f'<input type="checkbox"{checked} disabled> '
    return result


def render_fence(
    self: Any, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    token = tokens[idx]
    info = token.info.strip()
    language = info.split(maxsplit=1)[0] if info else ""
    if language == "math":
        if env.get("math"):
            return math_html(token.content.rstrip("\n"), True, token.meta.get("line"), env) + "\n"
        return (
            f'<pre><code class="language-math">{escape(token.content, quote=False)}</code></pre>\n'
        )
    return highlight_code(token.content, info)


def render_code_block(
    self: Any, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    return highlight_code(tokens[idx].content, "")


def render_math_inline(
    self: Any, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    token = tokens[idx]
    return math_html(token.content, False, token.meta.get("line"), env)


def render_math_block(
    self: Any, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    token = tokens[idx]
    line = token.map[0] + 1 if token.map else None
    html = math_html(token.content.strip("\n"), True, line, env) + "\n"
    previous = tokens[idx - 1] if idx else None
    if previous is not None and previous.type == "paragraph_close" and previous.hidden:
        return "\n" + html  # in a tight list item, remark ends the text before it with a newline
    return html


def math_html(tex: str, display: bool, line: int | None, env: EnvType) -> str:
    result = render_math(tex, display)
    if result.error is not None:
        env["warnings"].append(
            RenderWarning(line, f"math: cannot render {tex[:60]!r}: {result.error}")
        )
    return result.html


def render_image(
    self: Any, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    """`<img>` as Astro writes it; relative images get the optimised variant's attributes."""
    token = tokens[idx]
    src = str(token.attrGet("src") or "")
    alt = self.renderInlineAsText(token.children or [], options, env)
    title = token.attrGet("title")
    line = (token.meta or {}).get("line")
    env["images"].append(ImageRef(src, alt, line))
    resolver = env.get("resolve_image")
    resolved = resolver(src) if resolver is not None else None
    attrs: dict[str, str] = {} if resolved else {"src": src}
    attrs["alt"] = alt
    if title is not None:
        attrs["title"] = str(title)
    if resolved:
        attrs.update(resolved)
    rendered = "".join(f' {name}="{escape(value)}"' for name, value in attrs.items())
    return f"<img{rendered}>"

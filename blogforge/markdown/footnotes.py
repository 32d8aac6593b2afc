"""Footnotes in GitHub's markup, as remark-gfm (mdast-util-to-hast) writes them.

markdown-it's footnote plugin parses and numbers the notes (by first reference, unused definitions
dropped); these renderer rules replace its markup with GFM's: `user-content-` ids, `data-footnote-*`
attributes, a `section.footnotes` with a screen-reader-only heading, and `↩` back-references.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from urllib.parse import quote

from markdown_it import MarkdownIt
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict

FOOTNOTE_LABEL_ID = "footnote-label"
FOOTNOTE_HEADING = "Footnotes"
# The characters mdast-util-to-hast's normalizeUri leaves as they are.
URI_SAFE = "!#$&'()*+,-./:;=?@_~"


def note_id(label: str) -> str:
    """The id part of a note, from its label: lowercased, whitespace folded, percent-encoded."""
    return quote(" ".join(label.split()).lower(), safe=URI_SAFE)


def reference_number(meta: dict[str, Any]) -> int:
    return int(meta["id"]) + 1


def reference_suffix(meta: dict[str, Any]) -> str:
    """`-2`, `-3`… for the second and later references to one note."""
    sub = int(meta.get("subId", 0))
    return f"-{sub + 1}" if sub > 0 else ""


def render_ref(
    self: Any, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    meta = tokens[idx].meta
    ident = note_id(meta["label"])
    number = reference_number(meta)
    return (
        f'<sup><a href="#user-content-fn-{ident}" id="user-content-fnref-{ident}'
        f'{reference_suffix(meta)}" data-footnote-ref aria-describedby="{FOOTNOTE_LABEL_ID}">'
        f"{number}</a></sup>"
    )


def render_block_open(
    self: Any, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    return (
        '<section data-footnotes class="footnotes">'
        f'<h2 class="sr-only" id="{FOOTNOTE_LABEL_ID}">{FOOTNOTE_HEADING}</h2>\n<ol>\n'
    )


def render_block_close(
    self: Any, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    return "</ol>\n</section>\n"


def render_open(
    self: Any, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    return f'<li id="user-content-fn-{note_id(tokens[idx].meta["label"])}">\n'


def render_close(
    self: Any, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    return "</li>\n"


def render_anchor(
    self: Any, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    meta = tokens[idx].meta
    suffix = reference_suffix(meta)
    number = reference_number(meta)
    repeat = f"<sup>{int(meta['subId']) + 1}</sup>" if suffix else ""
    return (
        f' <a href="#user-content-fnref-{note_id(meta["label"])}{suffix}" data-footnote-backref'
        f' aria-label="Back to reference {number}{suffix}" class="data-footnote-backref">'
        f"↩{repeat}</a>"
    )


def gfm_footnote_markup(md: MarkdownIt) -> None:
    """Install the GFM renderers over the footnote plugin's own."""
    rules = md.add_render_rule
    rules("footnote_ref", render_ref)
    rules("footnote_block_open", render_block_open)
    rules("footnote_block_close", render_block_close)
    rules("footnote_open", render_open)
    rules("footnote_close", render_close)
    rules("footnote_anchor", render_anchor)

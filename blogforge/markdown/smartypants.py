"""Smart punctuation the way remark-smartypants (retext-smartypants defaults) does it.

Astro's rules differ from markdown-it's typographer: `--` becomes an em dash, `---` stays as it is,
`...` becomes an ellipsis, and quotes are educated with retext's neighbour rules. The rule runs on
the text of one inline run (a paragraph, heading or table cell) at a time, so quotes pair up across
emphasis and links; code spans, math and raw HTML are never changed but count as words.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

OPENING = {'"': "\u201c", "'": "\u2018"}
CLOSING = {'"': "\u201d", "'": "\u2019"}
WORD_STAND_IN = "\ue000"  # a private-use character standing for code, math or HTML
DECADE = re.compile(r"\d\ds\Z")

WORD, SPACE, MARK = "word", "space", "mark"


def smartypants_plugin(md: MarkdownIt) -> None:
    md.core.ruler.push("smartypants", apply_smartypants)  # after footnote_tail and text_join


def apply_smartypants(state: StateCore) -> None:
    for token in state.tokens:
        if token.type == "inline" and token.children:
            educate_inline(token.children)


def educate_inline(children: list[Token]) -> None:
    """Rewrite the text tokens of one inline run in place."""
    pieces: list[tuple[Token | None, str]] = []
    for child in children:
        if child.type == "text":
            pieces.append((child, child.content))
        elif child.type in ("softbreak", "hardbreak"):
            pieces.append((None, "\n"))
        elif child.type in ("code_inline", "math_inline", "html_inline", "image", "footnote_ref"):
            pieces.append((None, WORD_STAND_IN))
    if not any(token is not None and _may_change(text) for token, text in pieces):
        return
    chars: list[str] = []
    owners: list[int] = []
    for index, (_token, text) in enumerate(pieces):
        chars.extend(text)
        owners.extend([index] * len(text))
    out = educate(chars, owners, {i for i, (t, _) in enumerate(pieces) if t is None})
    texts: dict[int, list[str]] = {}
    for char, owner in out:
        texts.setdefault(owner, []).append(char)
    for index, (token, _text) in enumerate(pieces):
        if token is not None:
            token.content = "".join(texts.get(index, []))


def _may_change(text: str) -> bool:
    """Whether a text holds anything `educate` rewrites: a quote, `--`, `...` or a backtick pair.

    A run of marks never spans two tokens, so this is exact; it lets most runs (prose with
    periods and single hyphens) skip the character-by-character pass.
    """
    return "'" in text or '"' in text or "--" in text or "..." in text or "``" in text


def educate(chars: list[str], owners: list[int], frozen: set[int]) -> list[tuple[str, int]]:
    """Apply backticks, dashes, ellipses and quotes; characters of `frozen` owners never change."""
    nodes = tokenize(chars, owners, frozen)
    for position, node in enumerate(nodes):
        kind, value, owner = node
        if kind != MARK or owner in frozen:
            continue
        if value in ("``", "''"):
            nodes[position] = (kind, "\u201c" if value == "``" else "\u201d", owner)
        elif value == "--":
            nodes[position] = (kind, "\u2014", owner)
        elif value == "...":
            nodes[position] = (kind, "\u2026", owner)
    for position, node in enumerate(nodes):
        kind, value, owner = node
        if kind == MARK and value in OPENING and owner not in frozen:
            nodes[position] = (kind, educate_quote(nodes, position), owner)
    return [(char, owner) for _kind, value, owner in nodes for char in value]


def tokenize(chars: list[str], owners: list[int], frozen: set[int]) -> list[tuple[str, str, int]]:
    """Split into words, whitespace runs and punctuation marks (runs of `-`, `.` and backticks)."""
    nodes: list[tuple[str, str, int]] = []
    index = 0
    total = len(chars)
    while index < total:
        char, owner = chars[index], owners[index]
        end = index + 1
        if char.isspace():
            kind = SPACE
            while end < total and chars[end].isspace() and owners[end] == owner:
                end += 1
        elif char.isalnum() or char == "_" or char == WORD_STAND_IN:
            kind = WORD
            while (
                end < total and owners[end] == owner and (chars[end].isalnum() or chars[end] == "_")
            ):
                end += 1
        else:
            kind = MARK
            if char in "-.`'" and owner not in frozen:
                while end < total and chars[end] == char and owners[end] == owner:
                    end += 1
                if char == "'" and end - index != 2:
                    end = index + 1
        nodes.append((kind, "".join(chars[index:end]), owner))
        index = end
    return nodes


def educate_quote(nodes: list[tuple[str, str, int]], position: int) -> str:
    """retext-smartypants' quote rule, decided from the neighbouring nodes."""
    value = nodes[position][1]
    previous = nodes[position - 1] if position > 0 else None
    following = nodes[position + 1] if position + 1 < len(nodes) else None
    after = nodes[position + 2] if position + 2 < len(nodes) else None
    if following and after and following[0] == MARK and after[0] != WORD:
        return CLOSING[value]
    if after and following and following[1] in OPENING and after[0] == WORD:
        return OPENING[value]
    if following and DECADE.match(following[1]):
        return CLOSING[value]
    if previous and following and previous[0] != WORD and following[0] == WORD:
        return OPENING[value]
    if previous and previous[0] == WORD:
        return CLOSING[value]
    if following is None or following[0] == SPACE or (value == "'" and following[1] == "s"):
        return CLOSING[value]
    return OPENING[value]

"""Unicode spaces at the edges of a paragraph or heading are text, as remark keeps them.

markdown-it-py trims paragraph and heading content with Python's `str.strip()`, which removes every
Unicode space; micromark trims only spaces and tabs. So a line ending in an ideographic space
(U+3000, common in Japanese and Chinese text) or a no-break space lost it (measured against
Astro: `a\\u3000` renders `<p>a\\u3000</p>`). This core rule runs between block and inline
parsing and gives each paragraph's or heading's content back the spaces other than space and tab
that its first and last source line hold at its edges. A document without any such space (most)
is skipped after one search.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore

# White space that str.strip takes and micromark keeps (listed: a negated class is slower).
OTHER_SPACE = re.compile(
    "[\x0b\x0c\r\x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
)
ASCII_SPACE = " \t"
OPENERS = ("paragraph_open", "heading_open")


def keep_unicode_spaces_plugin(md: MarkdownIt) -> None:
    md.core.ruler.after("block", "keep_unicode_spaces", keep_unicode_spaces)


def keep_unicode_spaces(state: StateCore) -> None:
    if not OTHER_SPACE.search(state.src):
        return
    lines = state.src.split("\n")
    tokens = state.tokens
    for index, token in enumerate(tokens):
        if token.type != "inline" or not token.map or not token.content or not index:
            continue
        opener = tokens[index - 1]
        if opener.type not in OPENERS:
            continue
        first, last = token.map[0], token.map[1] - 1
        if opener.type == "heading_open" and opener.markup in ("=", "-"):
            last -= 1  # a setext heading's underline
        content = token.content
        first_line = content.split("\n", 1)[0]
        source = lines[first]
        found = source.find(first_line)
        lead = source[:found] if found > 0 else ""
        lead = lead[len(lead.rstrip()) :].lstrip(ASCII_SPACE)
        end = lines[last]
        trail = end[len(end.rstrip()) :].rstrip(ASCII_SPACE)
        if lead or trail:
            token.content = lead + content + trail

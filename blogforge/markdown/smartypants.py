"""Smart punctuation the way remark-smartypants 3 (retext-smartypants 6.2 defaults) does it.

Astro's rules differ from markdown-it's typographer: `--` becomes an em dash, `---` stays as it is,
`...` (and `....`, `. . .`) becomes an ellipsis, and quotes are educated with retext's sibling
rules (`sentences`). remark-smartypants works in two passes, and so do we:
- quotes, over the text of the whole document, each block (paragraph, heading, table cell) after
  a space, so they pair across emphasis and links; inline code counts as a word, while math, raw
  HTML, images, footnote references and hard breaks are not there at all (`line  \n'q'` closes:
  `line'q'`). We educate block by block, telling each whether the text before it ended a
  sentence, which is all a block's first quote can see of it;
- dashes, ellipses and ``` ``x'' ``` quotes, in each text node on its own.
Code, math and raw HTML are never changed.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from blogforge.markdown.sentences import educate_quotes

# A run of one mark, or a run of white space, or anything else: parse-latin's nodes, enough of them
# for the per-text rules (which only look at runs of `.`, `-`, a backtick or `'`).
TEXT_NODE = re.compile(r"(\.+|-+|`+|'+)|(\s+)|[^.\-`'\s]+")
INNER_APOSTROPHE = re.compile(r"(?<=[^\W_])'(?=[^\W_])")
SPACED_DOTS = re.compile(r"\.\s+\.")
LATER_WORD = re.compile(r"[^\W_]|[.!?\u2026]")  # a word or sentence end after a `.`
SENTENCE_END = re.compile(r"[.!?\u2026\u203d]+[\"')\u2019\u201d]*\s*\Z")
# Words after which parse-latin ends no sentence at a `.`: its abbreviations, and initialisms.
ABBREVIATION_END = re.compile(
    r"(?:^|[^\w.])(?:[0-9]{1,3}|[a-z]|al|ca|cap|cca|cent|cf|cit|con|cp|cwt|ead|etc|ff|fl|ibid|id"
    r"|nem|op|pro|seq|sic|stat|tem|viz|[^\W\d_](?:\.[^\W\d_])+)\Z",
    re.I,
)
PER_TEXT_MARKS = re.compile(r"--|\.\.|\.\s+\.|``|''")
REPLACED_RUNS = {"--": "\u2014", "``": "\u201c", "''": "\u201d"}


def smartypants_plugin(md: MarkdownIt) -> None:
    md.core.ruler.push("smartypants", apply_smartypants)  # after footnote_tail and text_join


def apply_smartypants(state: StateCore) -> None:
    earlier: list[list[Token]] = []  # the inline runs so far (remark-smartypants joins them all)
    for token in state.tokens:
        if token.type != "inline" or not token.children:
            continue
        # The block's source holding no mark at all (most blocks) decides it in one search.
        if may_change(token.content):
            educate_inline(token.children, sentence_ended(earlier))
        earlier.append(token.children)


def may_change(source: str) -> bool:
    """Whether a block's source holds a quote, `--`, `..`, ``` `` ``` or spaced dots (substring
    tests: this runs on every block)."""
    if "'" in source or '"' in source or "--" in source or ".." in source or "``" in source:
        return True
    spaced = ". " in source or ".\t" in source
    return spaced and SPACED_DOTS.search(source) is not None


def sentence_ended(earlier: list[list[Token]]) -> bool:
    """Whether the text before a block ends a sentence (`… end.`, `Why?"`), so that a quote
    opening the block starts one; `e.g.` and `etc.` end none. Asked only for blocks with quotes."""
    for children in reversed(earlier):
        for child in reversed(children):
            if child.type == "code_inline":
                return False
            if child.type != "text" or not child.content.strip():
                continue
            tail = child.content[-40:]  # enough for the end mark and the word before it
            match = SENTENCE_END.search(tail)
            return match is not None and not ABBREVIATION_END.search(tail[: match.start()])
    return True  # the start of the document


def educate_inline(children: list[Token], sentence_ended: bool = True) -> None:
    """Rewrite the text tokens of one block's inline run in place.

    remark-smartypants puts a space before each block and educates the whole document at once:
    after a block that ends a sentence that space starts the next sentence (and a quote after it
    has no neighbour before it); otherwise the sentence goes on and the space is its neighbour.
    A word before the space stands for that unfinished sentence.
    """
    texts = [child for child in children if child.type == "text"]
    joined = "".join(token.content for token in texts)
    if '"' not in joined:
        apostrophes = joined.count("'")
        if not apostrophes:
            for token in texts:
                token.content = educate_text(token.content)
            return
        # Only apostrophes inside words (`it's`)? Those always close: no sentences needed.
        inner = sum(len(INNER_APOSTROPHE.findall(token.content)) for token in texts)
        if inner == apostrophes:
            for token in texts:
                token.content = educate_text(INNER_APOSTROPHE.sub("\u2019", token.content))
            return
    parts = [" " if sentence_ended else "A "]  # remark-smartypants' space before each block
    owners: list[Token | None] = [None]
    for child in children:
        if child.type == "text":
            parts.append(child.content)
            owners.append(child)
        elif child.type == "softbreak":
            parts.append("\n")
            owners.append(None)
        elif child.type == "code_inline":
            parts.append("A" * len(child.content))
            owners.append(None)
    changes = educate_quotes("".join(parts))
    offset = 0
    positions = sorted(changes)
    for part, owner in zip(parts, owners, strict=True):
        if owner is not None:
            first = bisect_left(positions, offset)
            last = bisect_left(positions, offset + len(part))
            if first < last:
                chars = list(part)
                for position in positions[first:last]:
                    chars[position - offset] = changes[position]
                owner.content = educate_text("".join(chars))
            else:
                owner.content = educate_text(part)
        offset += len(part)


def educate_text(text: str) -> str:
    """Dashes, ellipses and double backtick/apostrophe quotes within one text node."""
    if not PER_TEXT_MARKS.search(text):
        return text
    nodes = [match.group(0) for match in TEXT_NODE.finditer(text)]
    for index, node in enumerate(nodes):
        if node[0] == ".":
            nodes[index] = ellipsis(nodes, index)
        elif node in REPLACED_RUNS:
            nodes[index] = REPLACED_RUNS[node]
    return "".join(nodes)


def ellipsis(nodes: list[str], index: int) -> str:
    """retext's ellipsis rules at a run of dots: three spaced runs (`. . .`) or three dots or more.

    Earlier runs of a spaced ellipsis and the white space between them are emptied in `nodes`.
    """
    node = nodes[index]
    if len(node) >= 3:
        return "\u2026"
    if absorbed(nodes, index):
        return node
    position, count = index, 1
    while (
        position >= 2
        and nodes[position - 1].isspace()
        and set(nodes[position - 2]) == {"."}
        and not absorbed(nodes, position - 2)
    ):
        position -= 2
        count += 1
    if count >= 3:
        for emptied in range(position, index):
            nodes[emptied] = ""
        return "\u2026"
    return node


def absorbed(nodes: list[str], index: int) -> bool:
    """Whether parse-latin makes a lone `.` part of a word (so no ellipsis counts it): the `.` of
    `. . .word` joins `word`; the `.` of `a.` joins `a` unless `. .` follows, or nothing does."""
    if nodes[index] != ".":
        return False
    previous = nodes[index - 1] if index else ""
    following = nodes[index + 1] if index + 1 < len(nodes) else ""
    if previous[-1:].isalnum():
        if following.isspace() and index + 2 < len(nodes) and nodes[index + 2] == ".":
            return False
        later = index + 1
        while later < len(nodes):  # usually decided by the next node or the one after
            if LATER_WORD.search(nodes[later]):
                return True
            later += 1
        return False
    return following[:1].isalnum()

"""Curly quotes decided the way retext-smartypants decides them: from a quote's sentence siblings.

remark-smartypants hands the text of the whole document to retext, whose parser (parse-latin)
splits it into sentences of words, white space, punctuation and symbols; retext-smartypants then
looks at each straight quote's previous, next and next-but-one sibling. The sentence structure
matters: `"미국의 대통령은?"이라는` closes its second quote because parse-latin ends a sentence
after `?` and moves a following closing mark back into it, while `"a?"b` (lower case after)
stays one sentence and opens it. This module rebuilds the parts of that structure a quote's
siblings depend on (tokens, words holding inner symbols such as `don't`, sentence breaks and the
merges that undo them) in our own code; ignored parts (initialisms, `a/b`) never move a quote.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

WORD, SPACE, PUNCT, SYMBOL, TEXT = "word", "space", "punct", "symbol", "text"
MARKS = (PUNCT, SYMBOL)
WHITE_SPACE = frozenset("\t\n\v\f\r \x85\xa0\u1680\u2028\u2029\u202f\u205f\u3000") | frozenset(
    chr(code) for code in range(0x2000, 0x200B)
)
TERMINAL = frozenset("!.?\u2026\u203d")
INNER_SYMBOLS = frozenset("&'-.:=?@\u00ad\u00b7\u2010\u2011\u2019\u2027")
AFFIX_EXTRA = frozenset("!\"').?\u2019\u201d\u2026\u203a\u203d")
ABBREVIATION = re.compile(
    r"([0-9]{1,3}|[a-z]|al|ca|cap|cca|cent|cf|cit|con|cp|cwt|ead|etc|ff|"
    r"fl|ibid|id|nem|op|pro|seq|sic|stat|tem|viz)"
)
DECADE = re.compile(r"\d\ds")
# parse-latin's white space, words (letters and digits; marks join in `tokenize`), one-mark runs.
RUNS = re.compile(
    "([\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+)|([^\\W_]+)|(.)\\3*",
    re.DOTALL,
)
OPEN = {'"': "\u201c", "'": "\u2018"}
CLOSE = {'"': "\u201d", "'": "\u2019"}


class Node:
    """A parse-latin node: a run of one kind over text[start:end], or a word of parts."""

    __slots__ = ("children", "end", "kind", "start", "value")

    def __init__(self, kind: str, start: int, end: int, value: str) -> None:
        self.kind = kind
        self.start = start
        self.end = end
        self.value = value
        self.children: list[Node] | None = None  # a word's parts, made when it absorbs a mark


def parts(word: Node) -> list[Node]:
    """A word's parts (text runs and the marks merged into it), made on first need."""
    if word.children is None:
        word.children = [Node(TEXT, word.start, word.end, word.value)]
    return word.children


def absorb(word: Node, nodes: list[Node], at_start: bool = False) -> None:
    """Merge `nodes` (marks, words) into `word`: its parts, text and span grow."""
    merged: list[Node] = []
    for node in nodes:
        merged.extend(parts(node) if node.kind == WORD else [node])
    value = "".join(node.value for node in nodes)
    if at_start:
        parts(word)[:0] = merged
        word.value = value + word.value
        word.start = nodes[0].start
    else:
        parts(word).extend(merged)
        word.value += value
        word.end = nodes[-1].end


@lru_cache(maxsize=4096)
def kind_of(char: str) -> str:
    if char in WHITE_SPACE:
        return SPACE
    category = unicodedata.category(char)
    if category[0] == "P":
        return PUNCT
    if category[0] in "LMN":
        return WORD
    return SYMBOL


def tokenize(text: str) -> list[Node]:
    """Words and white space as runs; punctuation and symbols as runs of one character.

    A regular expression finds candidate runs (fast); `kind_of` then classifies what it cannot
    (a combining mark joins the word before it, as parse-latin counts marks as word characters).
    """
    nodes: list[Node] = []
    for match in RUNS.finditer(text):
        value = match.group(0)
        start, end = match.span()
        group = match.lastindex
        kind = SPACE if group == 1 else WORD if group == 2 else kind_of(value[0])
        if kind == WORD:
            previous = nodes[-1] if nodes else None
            if previous is not None and previous.kind == WORD and previous.end == start:
                previous.end = end
                previous.value += value
                continue
        nodes.append(Node(kind, start, end, value))
    return nodes


def text_of(node: Node) -> str:
    return node.value


def is_inner_symbol(node: Node) -> bool:
    return node.kind in MARKS and (
        node.value in INNER_SYMBOLS or (node.value[0] == "_" and set(node.value) == {"_"})
    )


def merge_word_symbols(nodes: list[Node]) -> list[Node]:
    """`don't`, `e-mail`, `a.b` are one word; a final `-` (`pre-`) belongs to its word."""
    out: list[Node] = []
    index, total = 0, len(nodes)
    while index < total:
        node = nodes[index]
        previous = out[-1] if out else None
        if previous is not None and previous.kind == WORD and is_inner_symbol(node):
            position, queue, merged = index, [], False
            while position < total:
                sibling = nodes[position]
                if sibling.kind == WORD:
                    absorb(previous, [*queue, sibling])
                    queue, merged = [], True
                elif is_inner_symbol(sibling):
                    queue.append(sibling)
                else:
                    break
                position += 1
            if merged:
                index = position - len(queue)
                continue
        if (
            previous is not None
            and previous.kind == WORD
            and node.kind in MARKS
            and node.value == "-"
            and (index + 1 >= total or nodes[index + 1].kind != WORD)
        ):
            absorb(previous, [node])
            index += 1
            continue
        out.append(node)
        index += 1
    return merge_initialisms(merge_short_slashes(out))


def merge_initialisms(nodes: list[Node]) -> list[Node]:
    """`e.g.`, `U.S.`: the `.` after a word of single characters between dots is the word's, so
    no sentence ends there (all digits, `1.2.`, excepted)."""
    out: list[Node] = []
    for node in nodes:
        previous = out[-1] if out else None
        if (
            previous is not None
            and node.kind == PUNCT
            and node.value == "."
            and previous.kind == WORD
            and previous.children is not None
            and is_initialism(previous.children)
        ):
            absorb(previous, [node])
            continue
        out.append(node)
    return out


def is_initialism(word_parts: list[Node]) -> bool:
    count = len(word_parts)
    if count == 1 or count % 2 == 0:
        return False
    all_digits = True
    for position in range(count - 1, -1, -1):
        value = word_parts[position].value
        if position % 2 == 0:
            if len(value) > 1:
                return False
            all_digits = all_digits and value.isdigit()
        elif value != ".":
            if position < count - 2:
                break
            return False
    return not all_digits


def merge_short_slashes(nodes: list[Node]) -> list[Node]:
    """`a/b`, `1/2`, `Mr/`: a slash joins words when both sides are shorter than 3 characters."""
    out: list[Node] = []
    index, total = 0, len(nodes)
    while index < total:
        node = nodes[index]
        previous = out[-1] if out else None
        if previous is not None and previous.kind == WORD and node.kind in MARKS:
            following = nodes[index + 1] if index + 1 < total else None
            following_word = following is not None and following.kind == WORD
            if (
                node.value == "/"
                and len(text_of(previous)) < 3
                and (not following_word or len(text_of(following)) < 3)  # type: ignore[arg-type]
            ):
                absorb(previous, [node, following] if following_word else [node])  # type: ignore[list-item]
                index += 2 if following_word else 1
                continue
        out.append(node)
        index += 1
    return out


def sentences_of(nodes: list[Node]) -> list[list[Node]]:
    """Split after terminal marks (`.`, `?`, `!`, `…`), then undo the splits parse-latin undoes."""
    sentences: list[list[Node]] = [[]]
    for node in nodes:
        sentences[-1].append(node)
        if node.kind == PUNCT and set(node.value) <= TERMINAL:
            sentences.append([])
    sentences = [sentence for sentence in sentences if sentence]
    sentences = merge_wordless(sentences)
    merge_affixes(sentences)
    sentences = merge_continuations(sentences)
    for sentence in sentences:
        merge_remaining_full_stops(sentence)
    # White space at a sentence's edges is its parent's, not a sibling of the quote beside it.
    return [strip_spaces(sentence) for sentence in sentences]


def strip_spaces(sentence: list[Node]) -> list[Node]:
    start, end = 0, len(sentence)
    while start < end and sentence[start].kind == SPACE:
        start += 1
    while end > start and sentence[end - 1].kind == SPACE:
        end -= 1
    return sentence[start:end]


def merge_wordless(sentences: list[list[Node]]) -> list[list[Node]]:
    out: list[list[Node]] = []
    pending: list[Node] = []
    for sentence in sentences:
        if not any(node.kind == WORD for node in sentence):
            if out:
                out[-1].extend(sentence)
            else:
                pending.extend(sentence)
            continue
        out.append(pending + sentence)
        pending = []
    if pending:
        out.append(pending)
    return out


def is_affix(node: Node) -> bool:
    char = node.value
    if node.kind not in MARKS or len(char) != 1:
        return False
    return char in AFFIX_EXTRA or (char > "\x7f" and unicodedata.category(char) == "Pe")


def merge_affixes(sentences: list[list[Node]]) -> None:
    """A closing mark right after a sentence's end (`?"`) belongs to that sentence."""
    for index in range(1, len(sentences)):
        sentence = sentences[index]
        while sentence and is_affix(sentence[0]):
            sentences[index - 1].append(sentence.pop(0))


def merge_continuations(sentences: list[list[Node]]) -> list[list[Node]]:
    """A 'sentence' going on in lower case, with a digit, `,` or `;`, or after `e.g.` is not one."""
    out: list[list[Node]] = []
    for sentence in sentences:
        if out and continues(out[-1], sentence):
            out[-1].extend(sentence)
        else:
            out.append(sentence)
    return [sentence for sentence in out if sentence]


def continues(previous: list[Node], sentence: list[Node]) -> bool:
    if not sentence:
        return True
    for node in sentence:
        if node.kind == WORD:
            first = text_of(node)[0]
            if unicodedata.category(first) == "Ll":
                return True
            break
        if node.kind in MARKS:
            break
    if sentence[0].kind == WORD and "0" <= text_of(sentence[0])[0] <= "9":
        return True
    if len(previous) > 1 and previous[-1].kind in MARKS and previous[-1].value == ".":
        word = previous[-2]
        if word.kind == WORD and ABBREVIATION.fullmatch(text_of(word).lower()):
            absorb(word, [previous.pop()])
            return True
    for node in sentence:
        if node.kind == WORD:
            return False
        if node.kind in MARKS:
            return node.value in (",", ";")
    return False


def merge_remaining_full_stops(sentence: list[Node]) -> None:
    """A `.` that does not end its sentence joins the word before (or after) it: `a.b`.

    Read from the end, as parse-latin does; the kept nodes are collected (in reverse) rather
    than deleted one by one, so a long sentence of `a. a. a.` stays linear.
    """
    kept: list[Node] = []  # reversed
    found = False
    for position in range(len(sentence) - 1, -1, -1):
        node = sentence[position]
        if node.kind not in MARKS:
            found = found or node.kind == WORD
        elif set(node.value) <= TERMINAL and not found:
            found = True
        elif node.value == "." and found:
            previous = sentence[position - 1] if position > 0 else None
            following = kept[-1] if kept else None
            if previous is not None and previous.kind == WORD:
                after = kept[-2] if len(kept) > 1 else None
                if not (following and after and following.kind == SPACE and after.value == "."):
                    absorb(previous, [node])
                    continue
            elif following is not None and following.kind == WORD:
                absorb(following, [node], at_start=True)
                continue
        kept.append(node)
    sentence[:] = kept[::-1]


def educate_quotes(text: str) -> dict[int, str]:
    """The curly quote for each straight quote of `text` that retext-smartypants would change."""
    changes: dict[int, str] = {}
    for sentence in sentences_of(merge_word_symbols(tokenize(text))):
        educate_siblings(sentence, changes)
    return changes


def educate_siblings(siblings: list[Node], changes: dict[int, str]) -> None:
    for index, node in enumerate(siblings):
        if node.kind == WORD:
            if node.children is not None:  # a plain word holds no quote
                educate_siblings(node.children, changes)
        elif node.kind in MARKS and node.value in OPEN:
            following = siblings[index + 1] if index + 1 < len(siblings) else None
            straight = following.value if following is not None else ""
            node.value = changes[node.start] = quote_for(siblings, index)
            if following is not None and following.value != straight:
                changes[following.start] = following.value


def quote_for(siblings: list[Node], index: int) -> str:
    """retext-smartypants' rule, in its order: special cases first, then neighbours.

    A quote followed by another and a word (`"'Quoted'`) opens both: the second is set here.
    """
    value = siblings[index].value
    previous = siblings[index - 1] if index > 0 else None
    following = siblings[index + 1] if index + 1 < len(siblings) else None
    after = siblings[index + 2] if index + 2 < len(siblings) else None
    following_text = text_of(following) if following is not None else ""
    if following and following.kind in MARKS and (after is None or after.kind != WORD):
        return CLOSE[value]  # retext-smartypants 6.2 (Astro 7's): also with nothing after
    opens_two = following_text in OPEN and after is not None and after.kind == WORD
    if following and following.kind in MARKS and opens_two:
        following.value = OPEN[following_text]
        return OPEN[value]
    if following and DECADE.fullmatch(following_text):
        return CLOSE[value]
    after_mark = previous is not None and previous.kind in (SPACE, PUNCT, SYMBOL)
    if after_mark and following is not None and following.kind == WORD:
        return OPEN[value]
    if previous and previous.kind not in (SPACE, PUNCT, SYMBOL):
        return CLOSE[value]
    if following is None or following.kind == SPACE or (value == "'" and following_text == "s"):
        return CLOSE[value]
    return OPEN[value]

"""Bare URLs and e-mail addresses that remark-gfm links and markdown-it's GFM rules do not.

remark-gfm links literals in two places: while parsing (micromark, close to GitHub's rules, which
mdit-py-plugins' gfm_autolink follows) and again afterwards, over the text left unlinked
(mdast-util-gfm-autolink-literal), with looser rules. That second pass is why Astro links
`"https://…"`, `ref:https://…`, `다.https://…` (a URL after punctuation), `HTTP://…` and `WWW.…`
(any case), and `（a@b.c）`. This core rule is that second pass, in our own code, over each text
token outside a link, with the parse-time rule's looser neighbours merged in (a URL after a digit
or a CJK letter; an address after `mailto:`, which stays text, as Astro leaves it). Autolinks
keep their URL as written (remark percent-encodes it; markdown-it wrote a host in punycode).
"""

from __future__ import annotations

import re
import unicodedata

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from mdit_py_plugins.gfm_autolink import _match as gfm_match

URL = re.compile(r"(https?://|www(?=\.))([A-Za-z0-9_-]*\.[A-Za-z0-9_.-]*)([^\t\n\r ]*)", re.I)
UNICODE_SPACE = re.compile(r"\s")
# Starts only where a run of address characters starts, so a long run is scanned once.
EMAIL = re.compile(r"(?<![\w+\-.])([\w+\-.]+)@([\w-]+(?:\.[\w-]+)+)", re.A)
TRAIL = frozenset("!\"&'),.:;<>?]}")
LABEL_END = re.compile(r"[\d\-_]$")


def autolink_literals_plugin(md: MarkdownIt) -> None:
    # The parse-time rules end a URL at ASCII space only; micromark at any Unicode space.
    gfm_match._isspace = unicode_space  # type: ignore[attr-defined]
    md.core.ruler.after("text_join", "autolink_literals", link_literals)


def may_hold_literal(text: str) -> bool:
    """A text without `://`, `@` or `www.` holds no literal (substring tests, run on each block)."""
    return "://" in text or "@" in text or "www." in text.lower()


def unicode_space(char: str) -> bool:
    return char.isspace() or char == "\x00"


def link_literals(state: StateCore) -> None:
    for token in state.tokens:
        if token.type == "inline" and token.children and may_hold_literal(token.content):
            token.children = linked(token.children)


def linked(children: list[Token]) -> list[Token]:
    """The inline children with literal URLs and addresses in text (outside links) linked."""
    out: list[Token] = []
    depth = 0
    open_brackets = 0  # `[` still unclosed in the text so far (micromark then links nothing)
    for index, child in enumerate(children):
        if child.type == "link_open" and child.markup == "autolink" and index + 1 < len(children):
            child.attrSet("href", written_href(str(child.attrGet("href")), children[index + 1]))
        if child.type == "link_open":
            depth += 1
        elif child.type == "link_close":
            depth -= 1
        if child.type == "text" and depth == 0 and may_hold_literal(child.content):
            out.extend(split_text(child, open_brackets))
        else:
            out.append(child)
        if child.type == "text":
            open_brackets = unclosed_brackets(child.content, open_brackets)
    return out


def unclosed_brackets(text: str, count: int) -> int:
    for char in text:
        if char == "[":
            count += 1
        elif char == "]" and count:
            count -= 1
    return count


def written_href(href: str, label: Token) -> str:
    """An autolink's URL as written, not as markdown-it normalised it (`例え.jp` in punycode):
    remark only percent-encodes it (done with the other autolinks, in the engine)."""
    text = label.content if label.type == "text" else ""
    if not text:
        return href
    if href.startswith("mailto:") and not text.lower().startswith("mailto:"):
        return "mailto:" + text
    if href.startswith("http://") and text.lower().startswith("www."):
        return "http://" + text
    return text


def split_text(token: Token, open_brackets: int) -> list[Token]:
    text = token.content
    pieces: list[tuple[str, str | None]] = []  # (text, href) in order
    for part, href in find_urls(text, open_brackets):
        if href is None:
            pieces.extend(find_emails(part))
        else:
            pieces.append((part, href))
    if len(pieces) == 1 and pieces[0][1] is None:
        return [token]
    tokens: list[Token] = []
    for part, href in pieces:
        if not part:
            continue
        text_token = Token("text", "", 0, content=part, meta=token.meta)
        if href is None:
            tokens.append(text_token)
            continue
        opening = Token("link_open", "a", 1, attrs={"href": href}, markup="autolink", info="auto")
        tokens += [
            opening,
            text_token,
            Token("link_close", "a", -1, markup="autolink", info="auto"),
        ]
    return tokens


def url_may_start(text: str, index: int, www: bool, open_brackets: int) -> bool:
    """Whether a literal may start here: after start, space or punctuation; for `http`, after any
    non-letter, as micromark allows, unless a `[` before it is still open (micromark's rule;
    `open_brackets` counts those before `index`)."""
    if index == 0:
        return True
    before = text[index - 1]
    if before.isspace() or unicodedata.category(before)[0] == "P" or before == "~":
        return True
    if www or (before.isascii() and before.isalpha()):
        return False
    return open_brackets == 0


def parse_time(text: str, index: int, www: bool, open_brackets: int) -> bool:
    """Whether micromark links this literal while parsing (it then ends at any Unicode space;
    the later pass, which links the rest, only at ASCII space, tab or line end)."""
    before = text[index - 1] if index else " "
    if www and not (before.isspace() or before in "(*_[]~"):
        return False
    if not www and before.isascii() and before.isalpha():
        return False
    return open_brackets == 0


def find_urls(text: str, open_brackets: int = 0) -> list[tuple[str, str | None]]:
    pieces: list[tuple[str, str | None]] = []
    start = 0
    scanned = 0  # `[` still open before each match, counted once over the text (not per match)
    for match in URL.finditer(text):
        open_brackets = unclosed_brackets(text[scanned : match.start()], open_brackets)
        scanned = match.start()
        protocol, domain, path = match.groups()
        www = protocol[0] in "wW"
        if not url_may_start(text, match.start(), www, open_brackets):
            continue
        if www:
            domain, protocol = protocol + domain, ""
        if unicodedata.category(domain[0])[0] == "P" or not correct_domain(domain):
            continue
        url = domain + path
        if parse_time(text, match.start(), www, open_brackets):
            url = UNICODE_SPACE.split(url, maxsplit=1)[0]  # micromark ends it at any space
        url = split_trail(url)[0]  # the trail stays text after the link
        pieces.append((text[start : match.start()], None))
        pieces.append((protocol + url, ("http://" if www else "") + protocol + url))
        start = match.start() + len(protocol) + len(url)
    pieces.append((text[start:], None))
    return pieces


def correct_domain(domain: str) -> bool:
    """The last two labels exist, hold no `_` and some letter or digit."""
    parts = domain.split(".")
    if len(parts) < 2:
        return False
    for part in parts[-2:]:
        if part and ("_" in part or not re.search(r"[\dA-Za-z]", part)):
            return False
    return True


def split_trail(url: str) -> tuple[str, str]:
    """Trailing punctuation is not part of a URL, except `)` closing a `(` inside it."""
    index = len(url)
    while index > 0 and url[index - 1] in TRAIL:
        index -= 1
    if index == len(url):
        return url, ""
    url, trail = url[:index], url[index:]
    opening, closing = url.count("("), url.count(")")
    closing_at = trail.find(")")
    while closing_at != -1 and opening > closing:
        url += trail[: closing_at + 1]
        trail = trail[closing_at + 1 :]
        closing_at = trail.find(")")
        closing += 1
    return url, trail


def find_emails(text: str) -> list[tuple[str, str | None]]:
    if "@" not in text:
        return [(text, None)]
    pieces: list[tuple[str, str | None]] = []
    start = 0
    for match in EMAIL.finditer(text):
        label = match.group(2)
        at = match.start()
        if LABEL_END.search(label):
            continue
        pieces.append((text[start:at], None))
        pieces.append((match.group(0), "mailto:" + match.group(0)))
        start = match.end()
    pieces.append((text[start:], None))
    return pieces

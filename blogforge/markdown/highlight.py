"""Code blocks in Shiki's markup (what Astro emits), coloured by Pygments in github-dark.

Astro highlights with Shiki: `<pre class="astro-code github-dark" … data-language="py"><code>` with
one `<span class="line">` per line and inline colours. Pygments is 2-3x faster than
Shiki and needs no Node.js; the token split differs slightly from TextMate grammars, the text
never does.
Which language a block has is Shiki's decision, not Pygments': the name must be one Shiki bundles
(`shiki_languages`, case-sensitive: `mermaid`, `ps`, `mjs` are; `j`, `C++` are not), after
Astro's own `language-(\\S+)\\b` pattern cut it (`c++` is `c`). Any other name is plain text,
never an error. `ansi` blocks show their text without the escape sequences, as Shiki does.
"""

from __future__ import annotations

import re
from functools import lru_cache
from html import escape

from pygments.lexer import Lexer
from pygments.lexers import get_all_lexers, get_lexer_by_name
from pygments.token import (
    Comment,
    Error,
    Generic,
    Keyword,
    Literal,
    Name,
    Number,
    Operator,
    String,
    Token,
    _TokenType,
)
from pygments.util import ClassNotFound

from blogforge.markdown.shiki_languages import ALIASES, LANGUAGE_IDS

PRE_OPEN = (
    '<pre class="astro-code github-dark" style="background-color:#24292e;color:#e1e4e8; '
    'overflow-x: auto;" tabindex="0" data-language="{language}"><code>'
)
PLAINTEXT = "plaintext"
DEFAULT_COLOUR = "#E1E4E8"

# github-dark's palette, by Pygments token type (most specific first).
GITHUB_DARK: list[tuple[_TokenType, str]] = [
    (Comment, "#6A737D"),
    (String.Regex, "#DBEDFF"),
    (String, "#9ECBFF"),
    (Number, "#79B8FF"),
    (Keyword.Constant, "#79B8FF"),
    (Keyword.Type, "#F97583"),
    (Keyword, "#F97583"),
    (Operator.Word, "#F97583"),
    (Operator, "#F97583"),
    (Name.Function, "#B392F0"),
    (Name.Class, "#B392F0"),
    (Name.Decorator, "#B392F0"),
    (Name.Builtin.Pseudo, "#79B8FF"),
    (Name.Builtin, "#79B8FF"),
    (Name.Constant, "#79B8FF"),
    (Name.Attribute, "#B392F0"),
    (Name.Tag, "#85E89D"),
    (Name.Variable, "#FFAB70"),
    (Name.Label, "#B392F0"),
    (Name.Namespace, "#E1E4E8"),
    (Literal, "#79B8FF"),
    (Generic.Deleted, "#FDAEB7"),
    (Generic.Inserted, "#85E89D"),
    (Generic.Heading, "#79B8FF"),
    (Generic.Subheading, "#79B8FF"),
    (Generic.Emph, "#E1E4E8"),
    (Generic.Strong, "#E1E4E8"),
    (Error, "#FDAEB7"),
]

# The language part of a `language-…` class, as Astro reads it (JavaScript's ASCII `\b`).
LANGUAGE_CLASS = re.compile(r"language-(\S+)\b", re.ASCII)
# Names Shiki accepts without a grammar.
PLAIN_NAMES = frozenset({"plaintext", "plain", "text", "txt"})
ANSI = "ansi"
ANSI_ESCAPE = re.compile(r"\x1b\[[0-9;:?]*[A-Za-z]")


@lru_cache(maxsize=512)
def colour_of(token_type: _TokenType) -> str:
    current: _TokenType | None = token_type
    while current is not None and current is not Token:
        for kind, colour in GITHUB_DARK:
            if current is kind:
                return colour
        current = current.parent
    return DEFAULT_COLOUR


@lru_cache(maxsize=1)
def builtin_aliases() -> frozenset[str]:
    """The names Pygments' own lexers answer to. A name it does not know made
    `get_lexer_by_name` scan every installed package's entry points for plugin lexers
    (~0.3 s, in each render process, for each unknown name), and a plugin could change what a
    fence renders on one machine only: only Pygments' own lexers are used."""
    return frozenset(
        alias.lower() for _name, aliases, _files, _types in get_all_lexers(plugins=False)
        for alias in aliases
    )  # fmt: skip


@lru_cache(maxsize=256)
def lexer_for(language: str) -> Lexer | None:
    """The Pygments lexer for a name, told to keep the text as given (we add the final newline)."""
    if language.lower() not in builtin_aliases():
        return None
    try:
        return get_lexer_by_name(language, stripnl=False, ensurenl=False)
    except ClassNotFound:
        return None


def code_language(info: str) -> str:
    """The language Astro reports for a fence's info string (`js title="x"` -> `js`)."""
    name = info.strip().split(maxsplit=1)[0] if info.strip() else ""
    match = LANGUAGE_CLASS.match(f"language-{name}")
    if match is None:
        return PLAINTEXT
    name = match.group(1)
    if name in LANGUAGE_IDS or name in ALIASES or name in PLAIN_NAMES or name == ANSI:
        return name
    return PLAINTEXT


def shiki_lexer(language: str) -> Lexer | None:
    """A Pygments lexer for a Shiki language: by its Shiki id first (`ps` is PowerShell)."""
    if language in PLAIN_NAMES or language in (PLAINTEXT, ANSI):
        return None
    return lexer_for(ALIASES.get(language, language)) or lexer_for(language.lower())


def highlight_code(code: str, info: str) -> str:
    """A whole `<pre>` block for `code` (the fence content) in the given language."""
    language = code_language(info)
    if language == ANSI:
        code = ANSI_ESCAPE.sub("", code)
    return code_block_html(code, language, shiki_lexer(language))


def code_block_html(code: str, language: str, lexer: Lexer | None) -> str:
    """Shiki's `<pre>` for `code`, one `span.line` per line, coloured by `lexer` when given."""
    if code.endswith("\n"):
        code = code[:-1]
    lines: list[list[tuple[str, str | None]]] = [[]]
    if lexer is None:
        for number, line in enumerate(code.split("\n")):
            if number:
                lines.append([])
            if line:
                lines[-1].append((line, None))
    else:
        # Session and literate lexers (console, psql, rconsole, literate-haskell... 18 of them)
        # only emit a line once they see its newline: fed without one, the last line vanished.
        # So every lexer gets a final newline, and the empty line it opens is dropped again.
        for token_type, value in lexer.get_tokens(code + "\n"):
            colour = colour_of(token_type)
            for number, part in enumerate(value.split("\n")):
                if number:
                    lines.append([])
                if part:
                    lines[-1].append((part, colour))
        if not lines[-1]:
            lines.pop()
    body = "\n".join(render_line(line) for line in lines)
    return PRE_OPEN.format(language=escape(language)) + body + "</code></pre>\n"


def render_line(parts: list[tuple[str, str | None]]) -> str:
    """One `span.line`: runs of one colour merged, whitespace joined to the following token."""
    merged: list[list[str | None]] = []
    for text, colour in parts:
        if merged and (merged[-1][1] == colour or not text.strip()):
            merged[-1][0] = f"{merged[-1][0]}{text}"
        elif merged and not str(merged[-1][0]).strip():
            merged[-1] = [f"{merged[-1][0]}{text}", colour]
        else:
            merged.append([text, colour])
    spans = "".join(
        f'<span style="color:{colour}">{escape(str(text), quote=False)}</span>'
        if colour
        else f"<span>{escape(str(text), quote=False)}</span>"
        for text, colour in merged
    )
    return f'<span class="line">{spans}</span>'

"""What each callout markup reads: the syntaxes, kinds and default titles of the plugin it copies.

An Astro site styles its callouts for the markup of the plugin its config names, so blogforge
writes that markup (`callout_markup`) from what that plugin accepts (here). Versions read:

- `github`: blogforge's own default, GitHub's alert markup without icons. Reads `:::kind[Title]`
  directives (the five kinds, `info` and `danger` as aliases) and `> [!KIND]` (any case).
- `fuwari`: Fuwari (saicaca/fuwari @ 415fb97): remark-directive 3.0.1, its
  `parseDirectiveNode`, rehype-components 0.3.0 with its `AdmonitionComponent` for the five
  kinds, and remark-github-admonitions-to-directives 1.0.5, which turns `> [!KIND]` (upper case,
  alone on its line) into a directive: IMPORTANT into `warning`, CAUTION into `danger`, which has
  no component and so stays a bare `<danger>` element.
- `cactus`: astro-theme-cactus's `src/plugins/remark-admonitions.ts` (v5/v6): remark-directive
  and the five kinds, exact names; no `> [!KIND]`.
- `rehype-callouts`: rehype-callouts 2.x, default "obsidian" theme: `> [!type][+-] Title`,
  any case, its 27 types; no directives.
- `github-blockquote-alert`: remark-github-blockquote-alert 2.0.1: `> [!KIND]` (any case, the
  five kinds, title always the kind in capitals); no directives.

Where a plugin does not read a syntax it stays what plain Astro makes of it (a blockquote, or
`:::` as text), since the page must equal Astro's.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

FIVE = ("note", "tip", "important", "warning", "caution")
CALLOUT_STYLES = ("github", "fuwari", "cactus", "rehype-callouts", "github-blockquote-alert")
GITHUB_DIRECTIVES = {kind: kind for kind in FIVE} | {"info": "note", "danger": "caution"}
# rehype-callouts' obsidian theme: type -> (default title, Lucide icon in callout_icons)
OBSIDIAN_TYPES: dict[str, tuple[str, str]] = {
    "note": ("Note", "pencil"), "abstract": ("Abstract", "clipboard"),
    "summary": ("Summary", "clipboard"), "tldr": ("Tldr", "clipboard"), "info": ("Info", "info"),
    "todo": ("Todo", "circle-check"), "tip": ("Tip", "flame"), "hint": ("Hint", "flame"),
    "important": ("Important", "flame"), "success": ("Success", "check"),
    "check": ("Check", "check"), "done": ("Done", "check"), "question": ("Question", "help"),
    "help": ("Help", "help"), "faq": ("Faq", "help"), "warning": ("Warning", "triangle"),
    "attention": ("Attention", "triangle"), "caution": ("Caution", "triangle"),
    "failure": ("Failure", "cross"), "missing": ("Missing", "cross"), "fail": ("Fail", "cross"),
    "danger": ("Danger", "zap"), "error": ("Error", "zap"), "bug": ("Bug", "bug"),
    "example": ("Example", "list"), "quote": ("Quote", "quote"), "cite": ("Cite", "quote"),
}  # fmt: skip


@dataclass(frozen=True)
class Alert:
    """What a blockquote opening with `[!TYPE]` becomes.

    kind: the name the markup carries (class or data attribute); title: the custom title's
    Markdown (None: the style's default title); fold: rehype-callouts' `-` (closed) or `+`
    (open) <details>; rest: the first paragraph's text after the marker (None: the paragraph
    goes); element: a directive with no component, written as a bare element of that name.
    """

    kind: str
    rest: str | None
    title: str | None = None
    fold: str = ""
    element: str = ""


AlertReader = Callable[[str], Alert | None]  # a blockquote's first paragraph -> Alert or None


def remaining_lines(content: str) -> str | None:
    """The paragraph after its first line, None when there is nothing after it."""
    rest = content.partition("\n")[2]
    return rest if rest.strip() else None


GITHUB_MARKER = re.compile(r"\[!(note|tip|important|warning|caution)\]", re.IGNORECASE)


def github_alert(content: str) -> Alert | None:
    """GitHub's rule: `[!KIND]` alone on the first line, any case."""
    marker = GITHUB_MARKER.fullmatch(content.partition("\n")[0].strip())
    return Alert(marker.group(1).lower(), remaining_lines(content)) if marker else None


FUWARI_MARKER = re.compile(r"\s*\[!(NOTE|TIP|IMPORTANT|WARNING|CAUTION)\]\s*")
FUWARI_ALERT_NAMES = {"NOTE": "note", "TIP": "tip", "WARNING": "warning", "IMPORTANT": "warning"}


def fuwari_alert(content: str) -> Alert | None:
    """remark-github-admonitions-to-directives 1.0.5: upper case only, alone on its line."""
    marker = FUWARI_MARKER.fullmatch(content.partition("\n")[0])
    if marker is None:
        return None
    name = marker.group(1)
    if name == "CAUTION":  # -> a `danger` directive, which Fuwari has no component for
        return Alert("danger", remaining_lines(content), element="danger")
    return Alert(FUWARI_ALERT_NAMES[name], remaining_lines(content))


OBSIDIAN_MARKER = re.compile(r"\[!(\w+)\]([+-]?)\s*(.*)", re.ASCII)


def rehype_callouts_alert(content: str) -> Alert | None:
    """rehype-callouts: `[!type]`, `-`/`+` to fold, the rest of the line a Markdown title."""
    marker = OBSIDIAN_MARKER.match(content.partition("\n")[0])
    if marker is None or marker.group(1).lower() not in OBSIDIAN_TYPES:
        return None
    title = marker.group(3).strip()
    return Alert(
        marker.group(1).lower(), remaining_lines(content), title or None, fold=marker.group(2)
    )


BLOCKQUOTE_ALERT_MARKER = re.compile(r"\[!(NOTE|TIP|IMPORTANT|WARNING|CAUTION)\]", re.IGNORECASE)


def blockquote_alert(content: str) -> Alert | None:
    """remark-github-blockquote-alert: `[!KIND]` starts the paragraph; what follows it on the
    line stays in the paragraph, which stays even when empty (an empty `<p></p>`)."""
    marker = BLOCKQUOTE_ALERT_MARKER.match(content)
    if marker is None:
        return None
    first, _, rest = content[marker.end() :].partition("\n")
    kept = rest if not first.strip() else first.strip() + ("\n" + rest if rest else "")
    return Alert(marker.group(1).lower(), kept)


@dataclass(frozen=True)
class CalloutStyle:
    """One markup: which `:::name` directives it reads (None: none), whether their names are
    matched exactly, how it reads `> [!TYPE]` (None: it does not) and its default titles."""

    name: str
    directives: Mapping[str, str] | None
    exact_names: bool
    read_alert: AlertReader | None
    default_title: Callable[[str], str]


STYLES = {
    "github": CalloutStyle("github", GITHUB_DIRECTIVES, False, github_alert, str.capitalize),
    "fuwari": CalloutStyle("fuwari", {kind: kind for kind in FIVE}, False, fuwari_alert, str.upper),
    "cactus": CalloutStyle("cactus", {kind: kind for kind in FIVE}, True, None, str),
    "rehype-callouts": CalloutStyle(
        "rehype-callouts", None, False, rehype_callouts_alert, lambda t: OBSIDIAN_TYPES[t][0]
    ),
    "github-blockquote-alert": CalloutStyle(
        "github-blockquote-alert", None, False, blockquote_alert, str.upper
    ),
}

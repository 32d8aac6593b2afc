"""GFM autolinks in linear time: a long paragraph must not hang the build.

mdit-py-plugins' gfm_autolink rules (0.7) copy the rest of the paragraph at every `:`, `@` and
`www.`, and search the whole pending text for a protocol name at every `:`. Both are linear per
call, so a paragraph's cost is quadratic: "a: " repeated 50 000 times (150 kB, one paragraph)
took 67 s to render, 100 000 times 227 s (measured); a 10 MB post of that shape would never end.

Two bounds make each call constant-time with identical output for any real text:
- the rules see at most LINK_WINDOW characters after their trigger (a bare URL or e-mail address
  longer than 4 096 characters is linked up to there);
- the protocol back-scan reads only the end of the pending text, which is all its pattern
  `(?:^|.)(https?)$` can match (the longest match is 6 characters).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline
from mdit_py_plugins.gfm_autolink import index as gfm_autolink

LINK_WINDOW = 4096
# Only http(s) at parse time: remark links `a@b.c` in `mailto:a@b.c`, leaving `mailto:` as text,
# which the address rule (and autolink_literals) does once `mailto`/`xmpp` are not protocols here.
HTTP_BEFORE_COLON = re.compile(r"(?:^|.)(https?)$", re.DOTALL)
TRIGGERS = {"gfm_autolink_www": "w", "gfm_autolink_protocol": ":", "gfm_autolink_email": "@"}
InlineRule = Callable[[StateInline, bool], bool]


class TailSearch:
    """A pattern anchored at `$` whose `search` only looks at the last characters of the text."""

    def __init__(self, pattern: re.Pattern[str], tail: int) -> None:
        self.pattern = pattern
        self.tail = tail

    def search(self, text: str) -> re.Match[str] | None:
        return self.pattern.search(text[-self.tail :] if len(text) > self.tail else text)


def bounded(rule: InlineRule, trigger: str) -> InlineRule:
    """The rule, called only at its trigger character and over at most LINK_WINDOW characters."""

    def run(state: StateInline, silent: bool) -> bool:
        if state.src[state.pos] != trigger:
            return False
        pos_max = state.posMax
        state.posMax = min(pos_max, state.pos + LINK_WINDOW)
        try:
            return rule(state, silent)
        finally:
            state.posMax = pos_max

    return run


def bound_gfm_autolinks(md: MarkdownIt) -> None:
    """Apply both bounds to a parser that already has gfm_plugin's autolink rules."""
    if isinstance(gfm_autolink._PROTO_RE, re.Pattern):
        gfm_autolink._PROTO_RE = TailSearch(HTTP_BEFORE_COLON, tail=8)  # type: ignore[assignment]
    for rule in md.inline.ruler.__rules__:
        trigger = TRIGGERS.get(rule.name)
        if trigger is not None and not getattr(rule.fn, "bounded", False):
            rule.fn = bounded(rule.fn, trigger)
            rule.fn.bounded = True  # type: ignore[attr-defined]
    md.inline.ruler.__compile__()

"""A post's old addresses: `aliases:` (Hugo's spelling) and `redirect_from:` (Jekyll's).

Each is a string or a list of strings, each a path from the site's root (`/old/`, `old/`,
`/2019/01/post.html`). Every old address becomes a page sending readers on to the post (see
`site.redirects`), so each is held to the rules of a page's path: no URL of another site, no
query or anchor (a host matches paths only), no segment that leaves its folder, no space (the
`_redirects` file separates its fields with spaces).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from blogforge.content.paths import segment_problem
from blogforge.errors import describe

ALIAS_KEYS = ("aliases", "redirect_from")
MAX_ALIASES = 100  # each is a page: far above any post's history of moves


def alias_paths(data: dict[str, Any], fail: Callable[[str, str], Exception]) -> tuple[str, ...]:
    """The site paths (`/old/`, or `/old.html` for a file) of every alias the frontmatter
    gives, in order, without repeats; `fail(message, key)` makes the error for a bad one."""
    found: list[str] = []
    for key in ALIAS_KEYS:
        value = data.get(key)
        if value is None:
            continue
        values = [value] if isinstance(value, str) else value
        if not isinstance(values, list):
            raise fail(f"expected a path or a list of paths, got {describe(value)}", key)
        if len(values) > MAX_ALIASES:
            raise fail(f"expected at most {MAX_ALIASES} paths, got {len(values)}", key)
        for item in values:
            if not isinstance(item, str):
                raise fail(f"expected a list of paths, found {describe(item)}", key)
            problem = alias_problem(item)
            if problem is not None:
                raise fail(problem, key)
            path = alias_site_path(item)
            if path not in found:
                found.append(path)
    return tuple(found)


def alias_problem(alias: str) -> str | None:
    """Why `alias` cannot be an old address of this site, or None when it can."""
    text = alias.strip()
    if not text.strip("/"):
        return f"expected a path such as /old-address/, got {describe(alias)}"
    if "://" in text or text.startswith("//"):
        return f"expected a path on this site (such as /old/), not a URL, got {describe(alias)}"
    if any(character.isspace() for character in text):
        return f"expected a path without spaces, got {describe(alias)}"
    for segment in (s for s in text.split("/") if s):
        problem = segment_problem(segment, "a path")
        if problem is not None:
            return problem
    return None


def alias_site_path(alias: str) -> str:
    """`old`, `/old` and `/old/` are the page `/old/`; `/x/old.html` stays a file's path."""
    inner = alias.strip().strip("/")
    if not inner:
        return "/"
    return f"/{inner}" if inner.lower().endswith((".html", ".htm")) else f"/{inner}/"

"""Slugs and tags become folders under dist/: refuse the ones that would escape or clash.

A slug or tag is the author's text, and it ends up as a path segment of a written file. Measured
before these checks: a tag ".." wrote its tag page over the home page (`tags/../index.html`), a
slug "." silently replaced the posts list with the post, a 300-character slug or 500-character
tag crashed the build with "File name too long", and a NUL byte in either crashed it too; a
slug `faq?` or `a#b`, or a tag made only of `#?%`, built a page no link reached.
Each is now a `file:line: field:` error naming the value, found while reading the post.
"""

from __future__ import annotations

import re

from blogforge.content.ids import tag_slug

MAX_SEGMENT_BYTES = 200  # file systems allow 255 bytes per name; leave room for suffixes
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
# A folder named `faq?` is written, but the link `/posts/faq?/` asks for `/posts/faq` with a
# query: the page was built where no link reaches. Likewise `a#b` (an anchor) and `%` (escapes).
URL_SPECIAL = "?#%"


def _shown(text: str) -> str:
    shown = text if len(text) <= 40 else text[:37] + "..."
    return '"' + _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", shown) + '"'


def segment_problem(segment: str, what: str) -> str | None:
    """Why one URL path segment cannot be a folder of the site, or None when it can."""
    if _CONTROL.search(segment):
        return f"expected {what} without control characters, got {_shown(segment)}"
    if segment in (".", ".."):
        return f'expected {what} that names a page, got "{segment}" (it would leave its folder)'
    if "\\" in segment:
        return f"expected {what} without a backslash, got {_shown(segment)}"
    if unreachable := sorted(set(segment) & set(URL_SPECIAL)):
        shown = ", ".join(f'"{c}"' for c in unreachable)
        return (
            f"expected {what} without {shown}, got {_shown(segment)} "
            "(a link to its page would point elsewhere: ? starts a query, # an anchor, "
            "% an escape)"
        )
    size = len(segment.encode("utf-8"))
    if size > MAX_SEGMENT_BYTES:
        return (
            f"expected {what} of at most {MAX_SEGMENT_BYTES} bytes per URL segment, "
            f"got {size} bytes ({_shown(segment)})"
        )
    return None


def slug_problem(slug: str) -> str | None:
    """A frontmatter slug may hold `/` (nested URL) but no segment may be `.`, `..` or too long."""
    if _CONTROL.search(slug):
        return f"expected a slug without control characters, got {_shown(slug)}"
    segments = [segment for segment in slug.split("/") if segment]
    if not segments:
        return f"expected a slug that names a page, got {_shown(slug)}"
    for segment in segments:
        if segment in (".", ".."):
            return f'expected a slug inside the site, got {_shown(slug)} ("{segment}" segment)'
        problem = segment_problem(segment, "a slug")
        if problem is not None:
            return problem
    return None


def tag_problem(name: str, rule: str) -> str | None:
    """A tag's URL segment (as `ids.tag_slug` makes it) must be one safe folder name."""
    if _CONTROL.search(name):
        return f"expected a tag without control characters, got {_shown(name)}"
    segment = tag_slug(name, rule)
    if "/" in segment:
        return (
            f'expected a tag without "/" (tag_slug = "verbatim" uses it as one URL segment), '
            f"got {_shown(name)}"
        )
    return segment_problem(segment, "a tag")

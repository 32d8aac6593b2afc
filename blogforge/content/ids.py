"""Collection ids and tag slugs exactly as Astro's glob loader derives them from file paths.

github-slugger on each path segment, the extension dropped, a trailing `index` removed:
`Post.With.Dots.md` -> `postwithdots`, `nested/index.md` -> `nested`, `UPPER Case.md` ->
`upper-case`, `ñandú café.md` -> `ñandú-café` (measured against Astro 7, tests/data/conformance).
"""

from __future__ import annotations

from pathlib import PurePosixPath

from blogforge.markdown.slugger import github_slug, slugify


def collection_id(path_in_collection: str) -> str:
    """The Astro id of a post from its path relative to its collection folder."""
    path = PurePosixPath(path_in_collection)
    segments = [*path.parent.parts, path.stem] if path.parent.parts else [path.stem]
    segments = [segment for segment in segments if segment not in ("", ".")]
    if len(segments) > 1 and segments[-1] == "index":
        segments.pop()
    return "/".join(github_slug(segment) for segment in segments)


def tag_slug(name: str, rule: str = "slug") -> str:
    """A tag's URL segment: github-slugger of its name ("Machine Learning" -> machine-learning),
    or the name itself with rule "verbatim" (Astrofy links tags as written).

    A tag made only of characters the slugger drops (an emoji) falls back to its name, so it
    still gets a page of its own.
    """
    if rule == "verbatim":
        return name.strip()
    return slugify(name) or name.strip().lower().replace(" ", "-")

"""Collection ids exactly as Astro's glob loader derives them from file paths.

github-slugger on each path segment, the extension dropped, a trailing `index` removed:
`Post.With.Dots.md` -> `postwithdots`, `nested/index.md` -> `nested`, `UPPER Case.md` ->
`upper-case`, `ñandú café.md` -> `ñandú-café` (measured against Astro 7, tests/data/conformance).
"""

from __future__ import annotations

from pathlib import PurePosixPath

from blogforge.markdown.slugger import github_slug


def collection_id(path_in_collection: str) -> str:
    """The Astro id of a post from its path relative to its collection folder."""
    path = PurePosixPath(path_in_collection)
    segments = [*path.parent.parts, path.stem] if path.parent.parts else [path.stem]
    segments = [segment for segment in segments if segment not in ("", ".")]
    if len(segments) > 1 and segments[-1] == "index":
        segments.pop()
    return "/".join(github_slug(segment) for segment in segments)

"""Related posts: up to three per post, by the tags they share, rare tags counting most.

A shared tag adds 1 / (the number of posts with that tag) to a candidate's score: sharing a tag
of three posts says more than sharing one that half the blog has. Equal scores go to the newer
post, then by id, so the choice never depends on the order files were found. A post sharing no
tag is never related.

Applied to the post pages the planner made (their context gains `related`, and their digest the
versions of the posts shown), so a rebuild re-renders a post page exactly when its related
posts change.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import Any

from blogforge.content.source import site_label
from blogforge.incremental.digests import digest
from blogforge.site.model import RenderedPost, Site
from blogforge.site.routes import Planner, Route

RELATED_COUNT = 3
CANDIDATES_PER_TAG = 200


def related_posts(site: Site, count: int = RELATED_COUNT) -> dict[Path, tuple[RenderedPost, ...]]:
    """Each post's related posts, best first, by its source path."""
    tags_of: dict[Path, list[tuple[RenderedPost, ...]]] = {}
    for tag in site.tags:
        for item in tag.posts:
            tags_of.setdefault(item.post.source.path, []).append(tag.posts)
    order = {item.post.source.path: rank for rank, item in enumerate(site.posts)}  # newest first
    related: dict[Path, tuple[RenderedPost, ...]] = {}
    for item in site.posts:
        key = item.post.source.path
        scores: dict[Path, float] = {}
        candidates: dict[Path, RenderedPost] = {}
        for members in tags_of.get(key, ()):
            weight = 1 / len(members)
            # A tag's newest CANDIDATES_PER_TAG posts only: a tag on most of a 10 000-post blog
            # would make this quadratic, and its weight (1/len) barely tells its posts apart.
            for other in members[:CANDIDATES_PER_TAG]:
                other_key = other.post.source.path
                if other_key != key:
                    scores[other_key] = scores.get(other_key, 0.0) + weight
                    candidates[other_key] = other
        best = heapq.nsmallest(count, scores, key=lambda k: (-round(scores[k], 9), order[k]))
        related[key] = tuple(candidates[k] for k in best)
    return related


def with_related(planner: Planner, routes: Sequence[Route]) -> list[Route]:
    """The routes, each post page's context and digest given its related posts."""
    related = related_posts(planner.site)
    by_label = {
        site_label(item.post.source.path, planner.config.root): item for item in planner.site.posts
    }
    updated = []
    for route in routes:
        item = by_label.get(route.source)
        if item is None:  # a list, tag or other page: not a post
            updated.append(route)
            continue
        picks = related.get(item.post.source.path, ())
        inputs = digest(route.inputs, "related", *map(planner.version, picks))
        make = partial(_context_with_related, route.make_context, planner, picks)
        updated.append(replace(route, make_context=make, inputs=inputs))
    return updated


def _context_with_related(
    make: Callable[[], dict[str, Any]], planner: Planner, picks: Sequence[RenderedPost]
) -> dict[str, Any]:
    return make() | {"related": [planner.post_view(item) for item in picks]}

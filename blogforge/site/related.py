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
from functools import lru_cache, partial
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
    rank = {item.post.source.path: number for number, item in enumerate(site.posts)}
    tag_ranks = tuple(
        tuple(rank[item.post.source.path] for item in tag.posts if item.post.source.path in rank)
        for tag in site.tags
    )
    picks = related_ranks(len(site.posts), tag_ranks, count)
    return {
        item.post.source.path: tuple(site.posts[other] for other in picks[number])
        for number, item in enumerate(site.posts)
    }


@lru_cache(maxsize=4)
def related_ranks(
    posts: int, tag_ranks: tuple[tuple[int, ...], ...], count: int
) -> tuple[tuple[int, ...], ...]:
    """The related posts of each post, as ranks in the site's newest-first order (so the rank
    breaks ties). A pure function of the tags' memberships, remembered: the dev server's
    rebuilds after a save that changes no tag ask the same question again."""
    tags_of: list[list[tuple[int, ...]]] = [[] for _ in range(posts)]
    for members in tag_ranks:
        for member in members:
            tags_of[member].append(members)
    picks = []
    for number in range(posts):
        scores: dict[int, float] = {}
        for members in tags_of[number]:
            weight = 1 / len(members)
            # A tag's newest CANDIDATES_PER_TAG posts only: a tag on most of a 10 000-post blog
            # would make this quadratic, and its weight (1/len) barely tells its posts apart.
            for other in members[:CANDIDATES_PER_TAG]:
                if other != number:
                    scores[other] = scores.get(other, 0.0) + weight
        best = heapq.nsmallest(count, scores, key=lambda k: (-round(scores[k], 9), k))
        picks.append(tuple(best))
    return tuple(picks)


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
        inputs = digest(route.inputs, "related", *map(planner.view_version, picks))
        make = partial(_context_with_related, route.make_context, planner, picks)
        updated.append(Route(route.path, route.file, route.template, make, route.source, inputs))
    return updated


def _context_with_related(
    make: Callable[[], dict[str, Any]], planner: Planner, picks: Sequence[RenderedPost]
) -> dict[str, Any]:
    return make() | {"related": [planner.post_view(item) for item in picks]}

"""Which post pages get a social card (those without a hero image) and what it shows.

The card's URL is known when pages are planned (it is named by what it shows), so a post page's
`og:image` points at it and the page's digest covers it; the images are drawn after the pages
(`output/page_extras.py`), from the same `social_cards(planner)`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from functools import partial
from typing import Any

from blogforge.content.source import site_label
from blogforge.images.cards import SocialCard
from blogforge.images.pipeline import OUTPUT_FOLDER
from blogforge.incremental.digests import digest
from blogforge.site.model import RenderedPost
from blogforge.site.routes import Planner, Route


def card_of(planner: Planner, item: RenderedPost) -> SocialCard | None:
    """The card of a post without a hero image (None with one: the hero is its image)."""
    if item.hero is not None or not planner.config.social_cards:
        return None
    post, date, config = item.post, item.post.pub_date, planner.config
    shown = f"{date:%b} {date.day}, {date.year}" if date is not None else ""  # an undated entry
    font = str(config.root / config.card_font) if config.card_font else ""
    label = site_label(post.source.path, config.root)
    line = post.field_lines.get("title")
    return SocialCard(post.title, shown, config.title, post.tags, font, label, line)


def social_cards(planner: Planner) -> list[SocialCard]:
    """Every card the site's post pages show (none with `social_cards = false`)."""
    cards = (card_of(planner, item) for item in planner.site.posts)
    return [card for card in cards if card is not None]


def card_url(planner: Planner, card: SocialCard) -> str:
    return f"{planner.config.base}{OUTPUT_FOLDER}/{card.file_name}"


def with_social_cards(planner: Planner, routes: Sequence[Route]) -> list[Route]:
    """The routes, each post page without a hero given its card as its OpenGraph image."""
    by_label = {
        site_label(item.post.source.path, planner.config.root): item for item in planner.site.posts
    }
    updated = []
    for route in routes:
        item = by_label.get(route.source)
        card = card_of(planner, item) if item is not None else None
        if card is None:
            updated.append(route)
            continue
        url = card_url(planner, card)
        make = partial(_with_image, route.make_context, planner.urls.absolute_link(url))
        updated.append(
            dataclasses.replace(route, make_context=make, inputs=digest(route.inputs, url))
        )
    return updated


def _with_image(make: Callable[[], dict[str, Any]], image: str) -> dict[str, Any]:
    context = make()
    return context | {"page": dataclasses.replace(context["page"], image=image)}

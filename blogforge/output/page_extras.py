"""What is made from the written pages, after them: the search index and the social cards.

Both run after the templates: Pagefind reads the pages as written, and the cards (whose URLs the
pages already show) are drawn only for the cards this output does not already hold. Pagefind's
processes are started first and waited for last, so the cards are drawn while it indexes.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from functools import partial
from typing import TYPE_CHECKING

from blogforge.config import setting_place
from blogforge.errors import Problem
from blogforge.images.card_fonts import FontFile, unreadable
from blogforge.images.cards import card_images
from blogforge.images.pipeline import OUTPUT_FOLDER
from blogforge.output.search_index import (
    PagefindFailed,
    SearchWork,
    keep_every_shard,
    plan_search,
    search_failed,
    start_indexing,
    write_shards,
)
from blogforge.output.writer import InPlaceOutput
from blogforge.site.cards import social_cards

if TYPE_CHECKING:
    from blogforge.build import Pipeline
    from blogforge.incremental.store import Cache
    from blogforge.output.pagefind_run import PagefindRun
    from blogforge.output.writer import DirOutput
    from blogforge.site.routes import Planner, Route


def write_page_extras(
    pipeline: Pipeline,
    output: DirOutput | InPlaceOutput,
    routes: Sequence[Route],
    planner: Planner,
    cache: Cache,
) -> None:
    """The search index's changed shards (started in the background; in `serve` planned once
    the output is updated, for the dev server to index after the save is served), the social
    cards; each timed as its own stage."""
    work = SearchWork()
    run: PagefindRun | None = None
    if pipeline.config.search and pipeline.diagnostics.ok:
        with pipeline.stage("search"):
            if pipeline.in_place and isinstance(output, InPlaceOutput):
                keep_every_shard(output)  # until the changed shards are made, after the save
                pipeline.result.search_plan = partial(plan_search, output, routes, committed=True)
            else:
                work = plan_search(output, routes)
            if work:
                try:
                    run = start_indexing(work, pipeline.workers or os.cpu_count() or 1)
                except PagefindFailed as failure:
                    pipeline.diagnostics.error(search_failed(str(failure)))
    try:
        write_cards(pipeline, output, planner, cache)
        if run is not None:
            with pipeline.stage("search index"):  # waiting for Pagefind, writing its files
                try:
                    write_shards(output, work, run.results())
                except PagefindFailed as failure:
                    pipeline.diagnostics.error(search_failed(str(failure)))
    finally:
        if run is not None:
            run.stop()


def write_cards(
    pipeline: Pipeline, output: DirOutput | InPlaceOutput, planner: Planner, cache: Cache
) -> None:
    cards = social_cards(planner)
    if not cards or not pipeline.diagnostics.ok:
        return
    config = pipeline.config
    if config.card_font and (why := unreadable(FontFile(str(config.root / config.card_font)))):
        where, line = setting_place(config.root, "card_font")
        message = f"cannot be read as a font: {why}"
        pipeline.diagnostics.error(Problem(where, line, message, field="card_font"))
        return
    with pipeline.stage("social cards"):
        for card in cards:
            if missing := card.missing():
                pipeline.diagnostics.warn(missing_glyphs_warning(card.source, card.line, missing))
        relative = {card.file_name: f"{OUTPUT_FOLDER}/{card.file_name}" for card in cards}
        wanted = [
            card for card in cards if not output.unchanged(relative[card.file_name], card.key)
        ]
        for name, data in card_images(wanted, cache, workers=pipeline.workers or 2).items():
            key = next(card.key for card in wanted if card.file_name == name)
            output.write(relative[name], data, key)


def missing_glyphs_warning(source: str, line: int | None, missing: list[str]) -> Problem:
    """A card drawn without some of its characters: no installed font has them."""
    shown = ", ".join(f"{c} (U+{ord(c):04X})" for c in missing[:10])
    return Problem(
        source,
        line,
        f"its social card leaves out {shown}: no installed font has "
        + ("it" if len(missing) == 1 else "them"),
        field="title",
        hint="install a font that has them (Debian: fonts-noto-cjk, fonts-noto-core), or set "
        "card_font in blogforge.toml",
    )

"""What is made from the written pages, after them: the search index and the social cards.

Both run after the templates: Pagefind reads the pages as written, and the cards (whose URLs the
pages already show) are drawn only for the cards this output does not already hold.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from blogforge.config import setting_place
from blogforge.errors import Problem
from blogforge.images.card_fonts import FontFile, unreadable
from blogforge.images.cards import card_images
from blogforge.images.pipeline import OUTPUT_FOLDER
from blogforge.output.search_index import index_for_search
from blogforge.site.cards import social_cards

if TYPE_CHECKING:
    from blogforge.build import Pipeline
    from blogforge.incremental.store import Cache
    from blogforge.output.writer import DirOutput, InPlaceOutput
    from blogforge.site.routes import Planner, Route
    from blogforge.templates.engine import TemplateEngine


def write_page_extras(
    pipeline: Pipeline,
    output: DirOutput | InPlaceOutput,
    routes: Sequence[Route],
    templates: TemplateEngine,
    planner: Planner,
    cache: Cache,
) -> None:
    """The search index (`build` only: in `serve` indexing would add to every save), then the
    social cards; each timed as its own stage."""
    if pipeline.config.search and not pipeline.in_place:
        with pipeline.stage("search"):
            index_for_search(output, routes, templates, pipeline.diagnostics)
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

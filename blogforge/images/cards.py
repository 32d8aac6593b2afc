"""Social cards: a 1200×630 PNG per post without a hero image, for `og:image` and Twitter cards.

A card shows the post's title (as large as fits in three lines), its date, its tags and the site's
name, drawn by Pillow with the DejaVu Sans fonts bundled in `theme/fonts/` (they cover Latin,
Greek and Cyrillic, so a title in any of them never shows empty boxes). A card is named by the
digest of what it shows, its design, the fonts and Pillow's version (`_astro/card.<digest>.png`),
and kept in the cache under that digest: each card is drawn once, and a changed title is a new
file that no browser or CDN can confuse with the old one. Cards missing from the cache are drawn
in worker processes (forked, as the image encoders are), each card ~20–50 ms of one core.
"""

from __future__ import annotations

import io
import multiprocessing
import threading
from collections.abc import Sequence
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import PIL
from PIL import Image, ImageDraw, ImageFont

from blogforge.incremental.digests import digest
from blogforge.incremental.store import Cache
from blogforge.interrupts import ignore_interrupts, interrupts_deferred

FONTS = Path(__file__).resolve().parent.parent / "theme" / "fonts"
BOLD = FONTS / "DejaVuSans-Bold.ttf"
REGULAR = FONTS / "DejaVuSans.ttf"
WIDTH, HEIGHT = 1200, 630
MARGIN = 80
DESIGN = "card-1"  # change when the drawing below changes: every card is drawn again
BACKGROUND, TEXT, MUTED, ACCENT = "#0f1115", "#e6e6e3", "#a3abb5", "#7cb7ff"
CACHE_NAMESPACE = "cards"


@dataclass(frozen=True)
class SocialCard:
    """What one card shows."""

    title: str
    date: str  # as shown: "Sep 10, 2022"
    site: str
    tags: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        return digest(repr(self), DESIGN, _fonts_digest(), PIL.__version__)

    @property
    def file_name(self) -> str:
        return f"card.{self.key[:16]}.png"


@cache
def _fonts_digest() -> str:
    return digest(*(f"{p.name}:{p.stat().st_size}" for p in (BOLD, REGULAR)))


@cache
def _font(path: Path, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(path), size)


def _wrap(draw: ImageDraw.ImageDraw, text: str, font: ImageFont.FreeTypeFont, width: int):
    """Greedy word wrap by measured width; a word wider than a line is cut by characters."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if draw.textlength(candidate, font=font) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        line = word
        while len(line) > 1 and draw.textlength(line, font=font) > width:
            cut = len(line) - 1
            while cut > 1 and draw.textlength(line[:cut], font=font) > width:
                cut -= 1
            lines.append(line[:cut])
            line = line[cut:]
    if line:
        lines.append(line)
    return lines


def _title_lines(draw: ImageDraw.ImageDraw, title: str, width: int):
    """The title at the largest size (72 down to 44 px) that fits three lines; else cut, with …."""
    for size in (72, 64, 56, 50, 44):
        font = _font(BOLD, size)
        lines = _wrap(draw, title, font, width)
        if len(lines) <= 3:
            return lines, font
    lines = lines[:3]
    while lines[2] and draw.textlength(lines[2] + "…", font=font) > width:
        lines[2] = lines[2][:-1]
    lines[2] = lines[2].rstrip() + "…"
    return lines, font


def draw_card(card: SocialCard) -> bytes:
    """The card as PNG bytes (the same bytes for the same card, Pillow and fonts)."""
    image = Image.new("RGB", (WIDTH, HEIGHT), BACKGROUND)
    draw = ImageDraw.Draw(image)
    width = WIDTH - 2 * MARGIN
    draw.rectangle((0, 0, 16, HEIGHT), fill=ACCENT)
    draw.text((MARGIN, 64), card.site, font=_font(REGULAR, 34), fill=MUTED)
    lines, font = _title_lines(draw, card.title, width)
    line_height = round(font.size * 1.2)
    top = (HEIGHT - line_height * len(lines)) // 2 - 10
    for number, line in enumerate(lines):
        draw.text((MARGIN, top + number * line_height), line, font=font, fill=TEXT)
    meta = card.date + ("   ·   " + "  ".join(f"#{t}" for t in card.tags) if card.tags else "")
    small = _font(REGULAR, 30)
    while len(meta) > 1 and draw.textlength(meta, font=small) > width:
        meta = meta[:-2].rstrip() + "…"
    draw.text((MARGIN, HEIGHT - 94), meta, font=small, fill=ACCENT)
    data = io.BytesIO()
    image.save(data, "PNG", compress_level=3)
    return data.getvalue()


def _draw_all(cards: Sequence[SocialCard]) -> list[bytes]:
    return [draw_card(card) for card in cards]


def card_images(cards: Sequence[SocialCard], store: Cache, workers: int = 2) -> dict[str, bytes]:
    """Every card's PNG by file name: from the cache, or drawn (in parallel when many)."""
    found: dict[str, bytes] = {}
    missing: list[SocialCard] = []
    for card in cards:
        data = store.get(CACHE_NAMESPACE, card.key)
        if data is None:
            missing.append(card)
        else:
            found[card.file_name] = data
    if len(missing) < 8 or workers < 2:
        drawn = _draw_all(missing)
    else:
        chunks = [missing[i::workers] for i in range(workers)]
        executor: Executor
        if threading.active_count() == 1:  # a build: fork, as the image encoders do
            context = multiprocessing.get_context("fork")
            executor = ProcessPoolExecutor(
                workers, mp_context=context, initializer=ignore_interrupts
            )
        else:  # the dev server runs threads: forking could copy a held lock
            executor = ThreadPoolExecutor(workers)
        with executor:
            with interrupts_deferred():  # the first submit forks the workers
                futures = [executor.submit(_draw_all, chunk) for chunk in chunks]
            results = [future.result() for future in futures]
        order = [card for chunk in chunks for card in chunk]
        drawn_by_card = dict(zip(order, (d for r in results for d in r), strict=True))
        drawn = [drawn_by_card[card] for card in missing]
    for card, data in zip(missing, drawn, strict=True):
        store.put(CACHE_NAMESPACE, card.key, data)
        found[card.file_name] = data
    return found

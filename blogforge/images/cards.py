"""Social cards: a 1200×630 PNG per post without a hero image, for `og:image` and Twitter cards.

A card shows the post's title (as large as fits in three lines), its date, its tags and the site's
name, drawn by Pillow with `card_font` or the DejaVu Sans fonts bundled in `theme/fonts/` (Latin,
Greek, Cyrillic), and any character they lack with an installed font that has it
(`card_fonts`): a title in Japanese never shows empty boxes. A card is named by the
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
from dataclasses import dataclass, field
from functools import cache

import PIL
from PIL import Image, ImageColor, ImageDraw

from blogforge.images.card_fonts import (
    BOLD,
    REGULAR,
    FontFile,
    font_chain,
    fonts_digest_parts,
    missing_characters,
    runs,
    unreadable,
)
from blogforge.incremental.digests import digest
from blogforge.incremental.store import Cache
from blogforge.interrupts import ignore_interrupts, interrupts_deferred

WIDTH, HEIGHT = 1200, 630
MARGIN = 80
DESIGN = "card-3"  # change when the drawing below changes: every card is drawn again
BACKGROUND, TEXT, MUTED, ACCENT = "#0f1115", "#e6e6e3", "#a3abb5", "#7cb7ff"
PALETTE_COLOURS = (TEXT, MUTED, ACCENT)  # the palette's order: the title's colour first
SHADES = 64  # palette entries per colour: 3 × 64 of PNG's 256
CACHE_NAMESPACE = "cards"


@dataclass(frozen=True)
class SocialCard:
    """What one card shows, and the font file chosen for it (`card_font`: "" for DejaVu)."""

    title: str
    date: str  # as shown: "Sep 10, 2022"
    site: str
    tags: tuple[str, ...] = ()
    font: str = ""
    source: str = field(default="", repr=False, compare=False)  # the post, for warnings
    line: int | None = field(default=None, repr=False, compare=False)  # its title's line

    def chains(self) -> tuple[tuple[FontFile, ...], tuple[FontFile, ...]]:
        """The bold (title) and regular (site, date, tags) fonts, with fallbacks for the
        characters the card's own fonts lack."""
        own = (FontFile(self.font),) if self.font else ()
        bold = font_chain((*own, FontFile(str(BOLD))), self.title)
        regular = font_chain((*own, FontFile(str(REGULAR))), self.site + self.meta)
        return bold, regular

    @property
    def meta(self) -> str:
        return self.date + ("   ·   " + "  ".join(f"#{t}" for t in self.tags) if self.tags else "")

    def missing(self) -> list[str]:
        """The characters no installed font has: left out of the card."""
        bold, regular = self.chains()
        return missing_characters(bold, self.title) + [
            c for c in missing_characters(regular, self.site + self.meta) if c not in self.title
        ]

    @property
    def key(self) -> str:
        return _key(self)

    @property
    def file_name(self) -> str:
        return f"card.{self.key[:16]}.png"


@cache
def _key(card: SocialCard) -> str:
    bold, regular = card.chains()
    fonts = [*fonts_digest_parts(bold), "|", *fonts_digest_parts(regular)]
    return digest(repr(card), DESIGN, *fonts, PIL.__version__)


class Text:
    """A line of text in a chain of fonts at one size: measured and drawn run by run."""

    def __init__(self, chain: Sequence[FontFile], size: int) -> None:
        self.chain = tuple(font for font in chain if unreadable(font) is None)
        self.size = size
        self.ascent = self.chain[0].at(size).getmetrics()[0]

    def width(self, text: str) -> float:
        return sum(font.at(self.size).getlength(run) for run, font in runs(self.chain, text))

    def draw(self, draw: ImageDraw.ImageDraw, x: float, top: float, text: str, fill: str) -> None:
        """Every run on one baseline (the first font's), so mixed scripts line up."""
        baseline = top + self.ascent
        for run, font in runs(self.chain, text):
            face = font.at(self.size)
            draw.text((x, baseline), run, font=face, fill=fill, anchor="ls")
            x += face.getlength(run)


def _wrap(text: str, font: Text, width: int) -> list[str]:
    """Greedy word wrap by measured width; a word wider than a line (or a title in a script
    without spaces) is cut by characters."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if font.width(candidate) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        line = word
        while len(line) > 1 and font.width(line) > width:
            cut = len(line) - 1
            while cut > 1 and font.width(line[:cut]) > width:
                cut -= 1
            lines.append(line[:cut])
            line = line[cut:]
    if line:
        lines.append(line)
    return lines


def _title_lines(title: str, chain: Sequence[FontFile], width: int) -> tuple[list[str], Text]:
    """The title at the largest size (72 down to 44 px) that fits three lines; else cut, with …."""
    for size in (72, 64, 56, 50, 44):
        font = Text(chain, size)
        lines = _wrap(title, font, width)
        if len(lines) <= 3:
            return lines, font
    lines = lines[:3]
    while lines[2] and font.width(lines[2] + "…") > width:
        lines[2] = lines[2][:-1]
    lines[2] = lines[2].rstrip() + "…"
    return lines, font


def draw_card(card: SocialCard) -> bytes:
    """The card as PNG bytes (the same bytes for the same card, Pillow and fonts).

    The card is drawn straight into palette indexes: SHADES entries from the background to
    each of its colours, the title's anti-aliased coverage landing on the first colour's
    entries, the site name's and the date line's mapped from their own small bands onto
    theirs. A paletted PNG is encoded in ~2 ms where an RGB one took ~11 ms (two thirds of a
    card's cost), and is half the size; 64 shades are finer than the eye tells apart."""
    image = Image.new("L", (WIDTH, HEIGHT))  # palette indexes; 0 is the background
    width = WIDTH - 2 * MARGIN
    bold, regular = card.chains()
    lines, font = _title_lines(card.title, bold, width)
    line_height = round(font.size * 1.2)
    top = (HEIGHT - line_height * len(lines)) // 2 - 10
    pen = ImageDraw.Draw(image)
    for number, line in enumerate(lines):  # coverage 0–255 scaled to the title's shades
        font.draw(pen, MARGIN, top + number * line_height, line, SHADES - 1)
    _draw_band(image, Text(regular, 34), 64, card.site, PALETTE_COLOURS.index(MUTED))
    meta, small = card.meta, Text(regular, 30)
    while len(meta) > 1 and small.width(meta) > width:
        meta = meta[:-2].rstrip() + "…"
    _draw_band(image, small, HEIGHT - 94, meta, PALETTE_COLOURS.index(ACCENT))
    full_accent = PALETTE_COLOURS.index(ACCENT) * SHADES + SHADES - 1
    pen.rectangle((0, 0, 16, HEIGHT), fill=full_accent)
    image.putpalette(_palette())
    data = io.BytesIO()
    image.save(data, "PNG", compress_level=3)
    return data.getvalue()


def _draw_band(image: Image.Image, font: Text, top: int, text: str, colour: int) -> None:
    """One line in colour number `colour`: drawn as coverage in a band of its own, from its
    top to its font size past the baseline (clear of the title), then pasted as palette
    indexes."""
    band_top, band_bottom = top - font.size // 2, top + font.ascent + font.size
    band = Image.new("L", (WIDTH, band_bottom - band_top))
    font.draw(ImageDraw.Draw(band), MARGIN, top - band_top, text, 255)
    image.paste(band.point(_shade_indexes(colour)), (0, band_top))


@cache
def _shade_indexes(colour: int) -> tuple[int, ...]:
    """Coverage 0–255 to colour number `colour`'s palette entries (0: the background)."""
    return (0, *(colour * SHADES + round(v * (SHADES - 1) / 255) for v in range(1, 256)))


@cache
def _palette() -> tuple[int, ...]:
    """SHADES entries per colour, from the background (entry 0 of each) to the colour."""
    background = ImageColor.getrgb(BACKGROUND)
    entries: list[int] = []
    for colour in PALETTE_COLOURS:
        target = ImageColor.getrgb(colour)
        pairs = list(zip(background, target, strict=True))
        for shade in range(SHADES):
            entries += [round(b + (t - b) * shade / (SHADES - 1)) for b, t in pairs]
    return tuple(entries)


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

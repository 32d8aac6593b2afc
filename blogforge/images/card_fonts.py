"""Which font draws each character of a social card: never an empty box ("tofu").

The cards' own fonts come first (`card_font` when set, then the bundled DejaVu Sans: Latin,
Greek, Cyrillic). A character none of them has (Japanese, Chinese, Korean, Arabic, ...) is looked
up with fontconfig (`fc-match :charset=XXXX`, the fonts installed on the machine: on Debian,
`fonts-noto-cjk` or `fonts-droid-fallback` for CJK), and the title is drawn run by run, each
run in the first font of the chain that has its characters. A character no font has is left
out of the card, and `missing_characters` names it for a warning.

Whether a font has a character is read from what FreeType draws: a character the font does not
map is drawn as its `.notdef` glyph, the same for every such character, so a glyph whose mask
and advance equal those of a noncharacter (U+10FFFE, which no font maps) is missing.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from PIL import ImageFont

FONTS = Path(__file__).resolve().parent.parent / "theme" / "fonts"
BOLD = FONTS / "DejaVuSans-Bold.ttf"
REGULAR = FONTS / "DejaVuSans.ttf"
UNMAPPED = "\U0010fffe"  # a noncharacter: every font draws its .notdef glyph for it
PROBE_SIZE = 24
FC_TIMEOUT = 30  # seconds for one fontconfig look-up (its first run may build a cache)


@dataclass(frozen=True, order=True)
class FontFile:
    """A font: its file and its index in a collection (`.ttc`)."""

    path: str
    index: int = 0

    def at(self, size: int) -> ImageFont.FreeTypeFont:
        return _font(self.path, self.index, size)


@cache
def _font(path: str, index: int, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(path, size, index=index)


def _signature(font: ImageFont.FreeTypeFont, character: str) -> tuple[object, ...]:
    mask = font.getmask(character)
    return mask.size, bytes(mask), font.getlength(character)


@cache
def unreadable(font: FontFile) -> str | None:
    """Why FreeType cannot open the font (not a font, a damaged file), or None."""
    try:
        font.at(PROBE_SIZE)
    except (OSError, ValueError) as error:
        return str(error) or type(error).__name__
    return None


@cache
def has_glyph(font: FontFile, character: str) -> bool:
    """Whether `font` maps `character` (it draws something other than its .notdef glyph); an
    unreadable font has none (`unreadable` says why, for an error)."""
    if unreadable(font) is not None:
        return False
    probe = font.at(PROBE_SIZE)
    return _signature(probe, character) != _signature(probe, UNMAPPED)


@cache
def installed_font_for(character: str) -> FontFile | None:
    """An installed font that has `character`, from fontconfig; None when none has it or
    fontconfig is not there."""
    command = shutil.which("fc-match")
    if command is None:
        return None
    query = f":charset={ord(character):x}"
    try:
        done = subprocess.run(
            [command, "-s", "-f", "%{file}\t%{index}\n", query],
            capture_output=True,
            timeout=FC_TIMEOUT,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    for line in done.stdout.decode("utf-8", "replace").splitlines()[:8]:  # the best matches
        path, _, index = line.partition("\t")
        if not path.lower().endswith((".ttf", ".otf", ".ttc", ".otc")):
            continue
        try:
            candidate = FontFile(path, int(index or 0))
            if has_glyph(candidate, character):
                return candidate
        except (OSError, ValueError):  # a font file FreeType cannot open
            continue
    return None


def font_chain(own: Sequence[FontFile], text: str) -> tuple[FontFile, ...]:
    """The fonts drawing `text`: `own` first, then an installed font for each character
    `own` lacks (in the order the text needs them)."""
    chain = list(own)
    for character in dict.fromkeys(text):
        if character.isspace() or any(has_glyph(font, character) for font in chain):
            continue
        found = installed_font_for(character)
        if found is not None and found not in chain:
            chain.append(found)
    return tuple(chain)


def missing_characters(chain: Sequence[FontFile], text: str) -> list[str]:
    """The characters of `text` no font of the chain has (left out of the card)."""
    return [
        character
        for character in dict.fromkeys(text)
        if not character.isspace() and not any(has_glyph(font, character) for font in chain)
    ]


def runs(chain: Sequence[FontFile], text: str) -> Iterator[tuple[str, FontFile]]:
    """`text` cut into runs, each with the first font of the chain that has its characters
    (spaces go with the run before them); characters no font has are left out."""
    current, font = "", chain[0]
    for character in text:
        if character.isspace():
            current += character
            continue
        owner = next((f for f in chain if has_glyph(f, character)), None)
        if owner is None:
            continue
        if owner != font and current:
            yield current, font
            current = ""
        font = owner
        current += character
    if current:
        yield current, font


def fonts_digest_parts(chain: Sequence[FontFile]) -> list[str]:
    """What names the fonts in a card's key: each file's name, size and index (not its
    folder: the same fonts installed elsewhere draw the same card)."""
    parts = []
    for font in chain:
        try:
            size = Path(font.path).stat().st_size
        except OSError:
            size = -1
        parts.append(f"{Path(font.path).name}:{font.index}:{size}")
    return parts

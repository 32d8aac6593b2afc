"""Social cards in scripts DejaVu Sans lacks: a Japanese title is drawn with an installed font
that has each character (checked against fontconfig's own account of the font's characters,
and against the pixels of the same card drawn with empty boxes); `card_font`; a character no
font has is left out with a warning naming the post."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image, ImageChops

from blogforge.build import build
from blogforge.config import ConfigError, load_config
from blogforge.images import card_fonts, cards
from tests.site_build.helpers import parse_html, post_text, write_site

TITLE = "日本語のタイトル：静的サイト"


def fontconfig_charset(font: card_fonts.FontFile) -> set[int]:
    """The characters fontconfig says a font has (`fc-query`): a second opinion on the
    `.notdef` comparison blogforge makes."""
    done = subprocess.run(
        ["fc-query", "-i", str(font.index), "-f", "%{charset}", font.path],
        capture_output=True,
        check=True,
        text=True,
    )
    found: set[int] = set()
    for part in done.stdout.split():
        low, _, high = part.partition("-")
        found.update(range(int(low, 16), int(high or low, 16) + 1))
    return found


@pytest.fixture(scope="module")
def japanese_font_installed() -> None:
    listed = subprocess.run(
        ["fc-list", ":lang=ja", "file"], capture_output=True, text=True, check=False
    ).stdout.strip() if shutil.which("fc-list") else ""  # fmt: skip
    if not listed:
        message = "no Japanese font installed (Debian: fonts-droid-fallback or fonts-noto-cjk)"
        if os.environ.get("CI"):
            pytest.fail(message)  # .ci/run installs one
        pytest.skip(message)


def card_png(card: cards.SocialCard) -> Image.Image:
    return Image.open(io.BytesIO(cards.draw_card(card))).convert("RGB")


@pytest.mark.usefixtures("japanese_font_installed")
def test_a_japanese_title_has_no_missing_glyph(monkeypatch: pytest.MonkeyPatch) -> None:
    card = cards.SocialCard(TITLE, "Sep 10, 2022", "Blog", ("日本語",))
    bold, _ = card.chains()
    assert card.missing() == []
    drawn = [(run, font) for run, font in card_fonts.runs(bold, TITLE)]
    assert "".join(run for run, _ in drawn) == TITLE  # every character drawn, none left out
    for run, font in drawn:
        charset = fontconfig_charset(font)
        for character in run:
            assert ord(character) in charset, (character, font)
    real = card_png(card)
    with monkeypatch.context() as patch:  # the same card as a font without them draws it
        patch.setattr(card_fonts, "has_glyph", lambda font, character: True)
        tofu = card_png(card)
    box = (cards.MARGIN, 150, cards.WIDTH - cards.MARGIN, 480)  # the title's area
    assert ImageChops.difference(real.crop(box), tofu.crop(box)).getbbox() is not None


@pytest.mark.usefixtures("japanese_font_installed")
def test_a_japanese_post_builds_its_card_without_warnings(tmp_path: Path) -> None:
    root = write_site(tmp_path, {"content/posts/ja.md": post_text(TITLE, tags='["日本語"]')})
    result = build(load_config(root))
    assert result.ok and not result.diagnostics.warnings
    page = parse_html(root / "dist/posts/ja/index.html")
    image = next(m for m in page.iter("meta") if m.attrs.get("property") == "og:image")
    name = (image.attrs.get("content") or "").rsplit("/", 1)[1]
    with Image.open(root / "dist/_astro" / name) as png:
        assert png.size == (1200, 630)


def test_a_character_no_font_has_is_left_out_with_a_warning(tmp_path: Path) -> None:
    title = "Caf\ufdd0e"  # a noncharacter: no font maps it
    root = write_site(tmp_path, {"content/posts/a.md": post_text(title)})
    result = build(load_config(root))
    assert result.ok
    assert [p.format() for p in result.diagnostics.warnings] == [
        "content/posts/a.md:2: title: its social card leaves out \ufdd0 (U+FDD0): no installed "
        "font has it (hint: install a font that has them (Debian: fonts-noto-cjk, "
        "fonts-noto-core), or set card_font in blogforge.toml)"
    ]
    card = cards.SocialCard(title, "Sep 10, 2022", "T")
    plain = cards.SocialCard("Cafe", "Sep 10, 2022", "T")
    assert cards.draw_card(card) == cards.draw_card(plain)  # left out: no box drawn


def test_card_font_draws_the_cards(tmp_path: Path) -> None:
    shutil.copy(cards.REGULAR, tmp_path / "Own.ttf")  # a font of the site's own
    card = cards.SocialCard("Bold or not", "Sep 10, 2022", "T")
    own = cards.SocialCard("Bold or not", "Sep 10, 2022", "T", font=str(tmp_path / "Own.ttf"))
    assert own.key != card.key
    assert cards.draw_card(own) != cards.draw_card(card)  # the title in the regular face
    (tmp_path / "blogforge.toml").write_text('title = "T"\ncard_font = "fonts/none.ttf"\n')
    with pytest.raises(ConfigError) as raised:
        load_config(tmp_path)
    assert str(raised.value) == (
        f"{tmp_path / 'blogforge.toml'}:2: card_font: expected a font file "
        "(relative to the blog's root), found none at fonts/none.ttf"
    )


def test_a_card_font_that_is_no_font_is_a_placed_error(tmp_path: Path) -> None:
    root = write_site(
        tmp_path,
        {"content/posts/a.md": post_text("A"), "fonts/bad.ttf": "not a font\n"},
        'title = "T"\ncard_font = "fonts/bad.ttf"\n',
    )
    result = build(load_config(root))
    assert not result.ok
    assert [(p.path, p.line, p.field) for p in result.diagnostics.errors] == [
        ("blogforge.toml", 2, "card_font")
    ]
    assert result.diagnostics.errors[0].message.startswith("cannot be read as a font")
    assert not (root / "dist").exists()

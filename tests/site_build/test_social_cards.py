"""Social cards through real builds: a 1200×630 PNG for each post without a hero, used as its
OpenGraph image; drawn once (content-addressed, cached); Latin, Greek and Cyrillic drawn with
real glyphs; `social_cards = false`."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageColor

from blogforge.build import build
from blogforge.config import load_config
from blogforge.images import cards
from blogforge.images.card_fonts import FontFile
from tests.site_build.helpers import parse_html, post_text, write_site


def png(color: str) -> bytes:
    data = io.BytesIO()
    Image.new("RGB", (800, 450), color).save(data, "PNG")
    return data.getvalue()


FILES: dict[str, str | bytes] = {
    "content/posts/plain.md": post_text("Ελληνικά и кириллица", tags='["python", "web"]'),
    "content/posts/with-hero.md": post_text("With a hero", heroImage="/hero.png"),
    "static/hero.png": png("orange"),
}


def og_image(root: Path, post: str) -> str:
    page = parse_html(root / f"dist/posts/{post}/index.html")
    return next(
        m.attrs["content"] for m in page.iter("meta") if m.attrs.get("property") == "og:image"
    )


def test_a_post_without_hero_gets_a_card_as_its_og_image(tmp_path: Path) -> None:
    root = write_site(tmp_path, FILES)
    assert build(load_config(root)).ok
    url = og_image(root, "plain")
    assert url.startswith("https://x.org/_astro/card.") and url.endswith(".png")
    with Image.open(root / "dist" / url.removeprefix("https://x.org/")) as image:
        assert (image.format, image.size) == ("PNG", (1200, 630))
        assert len(image.getcolors(1_000_000) or []) > 10  # text was drawn, not a flat fill
    assert "card." not in og_image(root, "with-hero")  # the hero is the image
    assert og_image(root, "with-hero").endswith(".webp")
    assert len(list((root / "dist/_astro").glob("card.*.png"))) == 1


def test_cards_are_drawn_once_and_renamed_when_the_title_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = write_site(tmp_path, FILES)
    config = load_config(root)
    assert build(config).ok
    first = og_image(root, "plain")
    shutil.rmtree(root / "dist")

    def no_drawing(card: cards.SocialCard) -> bytes:
        raise AssertionError(f"drawn again: {card}")

    with monkeypatch.context() as patch:
        patch.setattr(cards, "draw_card", no_drawing)
        assert build(config).ok  # from the cache
    assert og_image(root, "plain") == first
    (root / "content/posts/plain.md").write_text(post_text("A new title"))
    assert build(config).ok
    second = og_image(root, "plain")
    assert second != first
    names = [p.name for p in (root / "dist/_astro").glob("card.*.png")]
    assert names == [second.rsplit("/", 1)[1]]  # the old card is gone


def test_greek_and_cyrillic_are_drawn_with_real_glyphs() -> None:
    font = FontFile(str(cards.BOLD)).at(72)
    missing = font.getmask("\ue000")  # a private-use character: the font's empty box
    for letter in "AΩЖλя":
        mask = font.getmask(letter)
        assert mask.getbbox() is not None, letter
        same_size = mask.size == missing.size
        drawn = Image.frombytes("L", mask.size, bytes(mask))
        box = Image.frombytes("L", missing.size, bytes(missing))
        assert not same_size or ImageChops.difference(drawn, box).getbbox() is not None, letter


def test_a_card_is_a_paletted_png_with_anti_aliased_text_in_each_colour() -> None:
    card = cards.SocialCard("Drawing cards", "Sep 10, 2022", "My blog", ("python",))
    with Image.open(io.BytesIO(cards.draw_card(card))) as png_file:
        assert (png_file.format, png_file.mode, png_file.size) == ("PNG", "P", (1200, 630))
        image = png_file.convert("RGB")
    rgb = ImageColor.getrgb
    assert image.getpixel((8, 300)) == rgb(cards.ACCENT)  # the bar down the left edge
    assert image.getpixel((1190, 10)) == rgb(cards.BACKGROUND)
    areas = {  # (box, the colour of its text)
        "site": ((80, 40, 600, 120), cards.MUTED),
        "title": ((80, 200, 1120, 430), cards.TEXT),
        "date and tags": ((80, 500, 1120, 600), cards.ACCENT),
    }
    for name, (box, colour) in areas.items():
        colours = {colour for _, colour in image.crop(box).getcolors(maxcolors=4096) or []}
        assert rgb(colour) in colours, name  # the glyphs' insides, in full
        assert len(colours) > 10, name  # and their edges' shades


def test_social_cards_false_draws_none(tmp_path: Path) -> None:
    root = write_site(
        tmp_path, FILES, 'title = "T"\nsite = "https://x.org"\nsocial_cards = false\n'
    )
    assert build(load_config(root)).ok
    page = parse_html(root / "dist/posts/plain/index.html")
    assert not [m for m in page.iter("meta") if m.attrs.get("property") == "og:image"]
    assert not list((root / "dist/_astro").glob("card.*"))

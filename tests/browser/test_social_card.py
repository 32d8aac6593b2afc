"""A post's social card as a browser gets it: the page's `og:image` loads in real Chromium as a
1200×630 image whose title area holds the title's text, drawn in the card's text colour."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from PIL import ImageColor

from blogforge.images import cards
from tests.browser.conftest import serving_folder, watch_for_problems
from tests.site_build.helpers import post_text, run_build, write_site

FILES = {
    "content/posts/cards.md": post_text("Cards drawn at build time", body="No hero here."),
    "static/favicon.svg": '<svg xmlns="http://www.w3.org/2000/svg"/>',  # the theme links it
}
# The image drawn on a canvas: its size, and how many pixels of each box are in one colour.
MEASURE = """async ([url, boxes, colour]) => {
  const image = new Image();
  image.src = url;
  await image.decode();
  const canvas = document.createElement("canvas");
  canvas.width = image.naturalWidth;
  canvas.height = image.naturalHeight;
  const context = canvas.getContext("2d");
  context.drawImage(image, 0, 0);
  const counts = boxes.map(([left, top, right, bottom]) => {
    const data = context.getImageData(left, top, right - left, bottom - top).data;
    let count = 0;
    for (let i = 0; i < data.length; i += 4) {
      const near = [0, 1, 2].every((c) => Math.abs(data[i + c] - colour[c]) <= 2);
      if (near) count += 1;
    }
    return count;
  });
  return {width: image.naturalWidth, height: image.naturalHeight, counts};
}"""


def test_the_og_image_is_a_1200x630_card_showing_the_title(browser, tmp_path: Path) -> None:
    root = write_site(tmp_path, FILES, 'title = "T"\nsite = "https://blog.example"\n')
    assert run_build(root, "--quiet") == 0
    with serving_folder(root / "dist") as origin:
        page = browser.new_page()
        problems = watch_for_problems(page)
        try:
            page.goto(f"{origin}/posts/cards/")
            og_image = page.get_attribute('meta[property="og:image"]', "content")
            assert og_image is not None
            assert og_image.startswith("https://blog.example/_astro/card.")
            title_box = [cards.MARGIN, 150, cards.WIDTH - cards.MARGIN, 480]
            empty_box = [cards.MARGIN, 140, cards.WIDTH - cards.MARGIN, 150]  # above the title
            text = list(ImageColor.getrgb(cards.TEXT))
            image_url = origin + urlsplit(og_image).path
            found = page.evaluate(MEASURE, [image_url, [title_box, empty_box], text])
            assert (found["width"], found["height"]) == (1200, 630)
            title_pixels, empty_pixels = found["counts"]
            assert title_pixels > 5_000, found  # the glyphs of a two-line title, in full colour
            assert empty_pixels == 0, found
            assert problems == []
        finally:
            page.close()

"""The theme's math font in real Chromium: a 2x2 matrix's brackets stretch to the matrix's
height. Offline: the font is the one bundled in the wheel, published with the site.

Debian's Chromium has no math font of its own: without this one the brackets stay one line
high (20 px beside a 47 px matrix, 0.43 of its height, measured when this test was written)."""

from __future__ import annotations

from pathlib import Path

from tests.browser.conftest import serving_folder, watch_for_problems
from tests.site_build.helpers import post_text, run_build, write_site

MATRIX = "Inline $x^2$, and a matrix:\n\n$$\\begin{pmatrix}a&b\\\\c&d\\end{pmatrix}$$\n"
FILES = {
    "content/posts/matrix.md": post_text("Matrix", body=MATRIX),
    "static/favicon.svg": '<svg xmlns="http://www.w3.org/2000/svg"/>',  # the theme links it
}
LOADED = """() => [...document.fonts].some(
  (face) => face.family.includes("blogforge STIX Two Math") && face.status === "loaded")"""
MEASURE = """() => {
  const table = document.querySelector("mtable").getBoundingClientRect();
  const open = [...document.querySelectorAll("mo")].find((mo) => mo.textContent === "(");
  return {bracket: open.getBoundingClientRect().height, table: table.height};
}"""


def test_matrix_brackets_stretch_to_the_matrix_with_the_bundled_font(
    browser, tmp_path: Path
) -> None:
    root = write_site(tmp_path, FILES, 'title = "T"\nsite = "http://x"\n')
    assert run_build(root, "--quiet") == 0
    assert (root / "dist/_blogforge/fonts/STIXTwoMath-Regular.woff2").is_file()
    with serving_folder(root / "dist") as origin:
        page = browser.new_page()
        problems = watch_for_problems(page)
        fonts: list[str] = []
        page.on("request", lambda r: fonts.append(r.url) if r.resource_type == "font" else None)
        try:
            page.goto(f"{origin}/posts/matrix/")
            # The page asks for the font when it lays the math out: wait until it has it (a
            # hang guard, not a speed requirement), then until the layout with it is done.
            page.wait_for_function(LOADED, timeout=60_000)
            page.evaluate("() => document.fonts.ready.then(() => null)")
            sizes = page.evaluate(MEASURE)
            assert sizes["bracket"] >= 0.9 * sizes["table"], sizes
            assert [url.rsplit("/", 1)[1] for url in fonts] == ["STIXTwoMath-Regular.woff2"]
            page.goto(f"{origin}/")  # no math on the home page
            page.evaluate("() => document.fonts.ready.then(() => null)")
            assert len(fonts) == 1  # not fetched again, nor by a page without math
            assert problems == []
        finally:
            page.close()

"""The default theme's callouts in real Chromium, in every callout_style's markup.

A site per style is built by the real pipeline from one post holding the five kinds in both
syntaxes (the ones the style reads), each with a list, a code block and a formula inside. Each
page is opened with JavaScript off (callouts must read with CSS alone), at 390 and 1280 px, light
and dark, and screenshotted into the test's tmp folder. Each callout box must be visible, inside
the page's width, carry its kind's own border and background colour (five kinds, five of each),
show its title and hold its code, lists and formulas inside it; the title and the text must
stand at least 4.5:1 against the box.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from blogforge.markdown.callout_styles import CALLOUT_STYLES, FIVE
from tests.browser.conftest import sideways_overflow, watch_for_problems
from tests.browser.test_theme_screenshots import VIEWPORTS, contrast
from tests.site_build.helpers import post_text, run_build, write_site

pytestmark = pytest.mark.browser


def kind_body(kind: str) -> str:
    nested = (
        f"Text of the {kind} with a [link](https://example.com/{kind}).\n\n- first item\n- second "
        f'item\n\n```python\nprint("a {kind} code block with a long line to scroll sideways '
        'rather than overflow the page")\n```\n\n$$\na^2 + b^2 = c^2\n$$'
    )
    quoted = "".join(f"> {line}".rstrip() + "\n" for line in nested.split("\n"))
    return f":::{kind}[The {kind} title]\n{nested}\n:::\n\n> [!{kind.upper()}]\n{quoted}\n"


BODY = "An introduction.\n\n" + "".join(kind_body(kind) for kind in FIVE)
# Per style: a callout box, its kind and its title, in that markup.
MEASURE = """(style) => {
  const markup = {
    'github': ['.markdown-alert', b => b.className.match(/markdown-alert-(\\w+)/)[1],
               '.markdown-alert-title'],
    'github-blockquote-alert': ['.markdown-alert',
               b => b.className.match(/markdown-alert-(\\w+)/)[1], '.markdown-alert-title'],
    'fuwari': ['blockquote.admonition', b => b.className.match(/bdm-(\\w+)/)[1], '.bdm-title'],
    'cactus': ['aside.aside', b => b.className.match(/aside-(\\w+)/)[1], '.aside-title'],
    'rehype-callouts': ['.callout', b => b.dataset.callout, '.callout-title-text'],
  }[style];
  return [...document.querySelectorAll(markup[0])].map(box => {
    const rect = box.getBoundingClientRect();
    const style = getComputedStyle(box);
    const title = box.querySelector(markup[2]);
    const spills = [...box.querySelectorAll('pre, ul, .katex-display')].filter(part => {
      const inner = part.getBoundingClientRect();
      return inner.left < rect.left - 0.5 || inner.right > rect.right + 0.5;
    }).map(part => part.tagName);
    const text = [...box.querySelectorAll('p')].find(p => !p.matches(markup[2]) && p.textContent);
    return {kind: markup[1](box), spills, left: rect.left, right: rect.right, width: rect.width,
            height: rect.height,
            visible: style.visibility === 'visible' && style.display !== 'none',
            border: style.borderLeftColor, borderWidth: parseFloat(style.borderLeftWidth),
            background: style.backgroundColor, title: title ? title.textContent.trim() : '',
            titleColor: title ? getComputedStyle(title).color : '',
            textColor: text ? getComputedStyle(text).color : ''};
  });
}"""


@pytest.fixture(scope="module")
def callout_pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Each style's site, built with its base path the output folder, so it opens from disk."""
    pages = {}
    for style in CALLOUT_STYLES:
        root = tmp_path_factory.mktemp(style)
        dist = (root / "dist").resolve()
        config = f'title = "Callouts"\nbase = "{dist.as_posix()}/"\ncallouts = true\n'
        write_site(
            root,
            {"content/posts/callouts.md": post_text("Callouts", body=BODY)},
            config + f'callout_style = "{style}"\nsearch = false\n',
        )
        assert run_build(root) == 0
        pages[style] = dist / "posts" / "callouts" / "index.html"
        assert pages[style].is_file()
    return pages


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("viewport", list(VIEWPORTS))
@pytest.mark.parametrize("style", CALLOUT_STYLES)
def test_callouts_are_styled_per_kind_and_readable(
    browser, callout_pages: dict[str, Path], style: str, viewport: str, scheme: str
) -> None:
    width, height = VIEWPORTS[viewport]
    context = browser.new_context(
        viewport={"width": width, "height": height},
        color_scheme=scheme,
        java_script_enabled=False,
    )
    page = context.new_page()
    problems = watch_for_problems(page)
    try:
        page.goto(callout_pages[style].as_uri())
        page.wait_for_load_state("load")
        shot = callout_pages[style].parent / f"callouts-{style}-{viewport}-{scheme}.png"
        page.screenshot(path=str(shot), full_page=True)
        assert shot.stat().st_size > 10_000
        assert sideways_overflow(page) <= 0, f"{style} scrolls sideways at {width}px"
        boxes = page.evaluate(MEASURE, style)
        assert {box["kind"] for box in boxes} == set(FIVE), boxes
        for box in boxes:
            where = f"{style} {box['kind']} at {width}px, {scheme}"
            assert box["visible"] and box["height"] > 40 and box["width"] > 200, where
            assert box["left"] >= 0 and box["right"] <= width, where
            assert box["borderWidth"] >= 3, where
            assert box["spills"] == [], f"{where}: content wider than its box"
            assert box["title"], where
            for part in ("titleColor", "textColor"):
                ratio = contrast(box[part], box["background"])
                assert ratio >= 4.5, f"{where}: {part} {box[part]} on {box['background']}"
        colours = {}
        for box in boxes:  # each kind one border and one background, whichever syntax made it
            colours.setdefault(box["kind"], set()).add((box["border"], box["background"]))
        assert all(len(pairs) == 1 for pairs in colours.values()), colours
        kinds = [next(iter(pairs)) for pairs in colours.values()]
        assert len({border for border, _ in kinds}) == 5, colours
        assert len({background for _, background in kinds}) == 5, colours
        for _, background in kinds:  # a dark tint in the dark scheme, a light one in the light
            darker = contrast(background, "rgb(0, 0, 0)") < contrast(
                background, "rgb(255, 255, 255)"
            )
            assert darker == (scheme == "dark"), (style, scheme, background)
        assert problems == []
    finally:
        context.close()

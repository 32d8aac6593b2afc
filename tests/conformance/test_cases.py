"""Every Astro conformance case renders DOM-equal to what Astro 7 (and 5) rendered."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from blogforge.cli import main
from blogforge.markdown import MarkdownOptions, render_markdown
from tests.conformance.cases import Case, all_cases
from tests.conformance.dom import dom, first_difference

CASES = all_cases()
BUILDS = {
    "astro7-remark-katex": MarkdownOptions(heading_ids="astro6", math=True),
    "astro7-remark": MarkdownOptions(heading_ids="astro6", math=False),
    "astro5-remark-katex": MarkdownOptions(heading_ids="astro5", math=True),
}


def test_all_fourteen_cases_are_present() -> None:
    assert len(CASES) == 14


@pytest.mark.parametrize("build", list(BUILDS))
@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_body_is_dom_equal_to_astro(case: Case, build: str) -> None:
    rendered = render_markdown(case.body, BUILDS[build], case.resolve_image)
    expected = case.expected_html(build)
    if build.startswith("astro5"):
        # Astro 5's image service also wrote fetchpriority="auto"; Astro 7 (our target) does not.
        expected = expected.replace(' fetchpriority="auto"', "")
    difference = first_difference(dom(rendered.html), dom(expected))
    assert difference is None, difference


@pytest.mark.parametrize("build", list(BUILDS))
@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_headings_equal_astro(case: Case, build: str) -> None:
    rendered = render_markdown(case.body, BUILDS[build], case.resolve_image)
    assert [h.as_dict() for h in rendered.headings] == case.expected_headings(build)


def test_normaliser_sees_a_changed_heading_id() -> None:
    case = next(c for c in CASES if c.name == "headings")
    html = case.expected_html("astro7-remark-katex").replace('id="hello-world-1"', 'id="x"', 1)
    assert first_difference(dom(html), dom(case.expected_html("astro7-remark-katex")))


def test_normaliser_ignores_attribute_order_and_entities() -> None:
    assert dom('<p a="1" b="2">&#x26; x</p>') == dom("<p b='2' a='1'>&amp;  x</p>")


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_blogforge_render_prints_what_astro_renders(
    case: Case, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Through the CLI, in a site with math on: `render` prints what `build` publishes,
    relative images optimised (the `images` case) included."""
    (tmp_path / "blogforge.toml").write_text('title = "T"\nmath = true\n')
    folder = tmp_path / "content" / "posts" / case.folder.name
    shutil.copytree(case.folder, folder)
    capsys.readouterr()
    assert main(["render", str(folder / "input.md")]) == 0
    printed = capsys.readouterr().out
    difference = first_difference(dom(printed), dom(case.expected_html("astro7-remark-katex")))
    assert difference is None, difference

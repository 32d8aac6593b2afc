"""`blogforge render`: how a user checks one post, and how we compare with Astro."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from blogforge.cli import main

SEED = Path(__file__).resolve().parents[1] / "data" / "seed" / "seed-post.md"


def test_seed_post_renders_math_footnote_and_heading_id(capsys: pytest.CaptureFixture) -> None:
    assert main(["render", str(SEED)]) == 0
    html = capsys.readouterr().out
    assert html.count("<math") == 4
    assert html.count('display="block"') == 2
    assert '<annotation encoding="application/x-tex">M</annotation>' in html
    assert '<annotation encoding="application/x-tex">x^2</annotation>' in html
    assert 'id="2--squeeze-and-excitation-blocks-seblocks"' in html
    assert 'href="#user-content-fn-1"' in html and 'class="footnotes"' in html


def test_json_output_has_one_object_per_file(capsys: pytest.CaptureFixture) -> None:
    assert main(["render", "--json", str(SEED), str(SEED)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2
    record = json.loads(lines[0])
    assert set(record) >= {"file", "id", "html", "headings", "frontmatter", "pubDate"}
    assert record["pubDate"].startswith("2022-09-10T00:00:00")
    assert record["headings"][-1] == {"depth": 2, "slug": "footnote-label", "text": "Footnotes"}
    assert record["frontmatter"]["title"] == "Demo Post 1"


def test_a_file_with_broken_frontmatter_still_renders(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    broken = tmp_path / "broken.md"
    broken.write_text("---\ntitle: x\n\nBody *b*\n", encoding="utf-8")
    main(["render", str(broken)])
    captured = capsys.readouterr()
    assert "<em>b</em>" in captured.out
    assert "never closed" in captured.err

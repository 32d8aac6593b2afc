"""MDX posts: the Markdown is rendered, import/export statements dropped, JSX components left
out with one warning per file naming them — and no MDX input ever crashes the build."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from blogforge.content.mdx import mdx_to_markdown
from tests.astro.projects import build, write_project
from tests.site_build.helpers import parse_html

POST = """---
title: Charts in MDX
pubDate: 2024-05-01
---
import { Chart, Legend } from '../../components/Chart.astro';
import Aside from "../../components/Aside.astro";
export const data = {
  points: [1, 2, 3],
};

## Before the chart

Some **bold** text and `<Chart />` in code.

<Chart data={data} options={{ stacked: true }}>
  <Legend position="top" />
  Legend text the component places itself.
</Chart>

{/* an MDX comment */}

<Aside type="tip" />

```jsx
import Chart from './Chart';
<Chart data={data} />
```

<details><summary>Plain HTML stays</summary>It is not a component.</details>

## After the chart
"""


def test_statements_and_components_are_dropped_and_lines_kept() -> None:
    body = POST.split("---\n", 2)[2]
    result = mdx_to_markdown(body)
    assert result.components == ("Chart", "Legend", "Aside")
    assert result.first_component_line == 11
    assert result.markdown.count("\n") == body.count("\n"), "line numbers must not move"
    kept = result.markdown
    gone = ["import {", 'from "../../components', "export const", "points:", "<Legend"]
    gone += ["Legend text", "an MDX comment", "<Aside"]
    assert [text for text in gone if text in kept] == []
    stays = ["## Before the chart", "`<Chart />`", "import Chart from './Chart';"]
    stays += ["<Chart data={data} />\n```", "<details><summary>", "## After the chart"]
    assert [text for text in stays if text not in kept] == []


def test_nested_and_unclosed_components() -> None:
    result = mdx_to_markdown("<Tabs>\n<Tabs>inner</Tabs>\nstill inside\n</Tabs>\nafter\n<Open\n")
    assert result.components == ("Tabs", "Open")
    assert result.markdown.split("\n")[4] == "after"
    assert "inner" not in result.markdown and "still inside" not in result.markdown


def test_a_file_without_components_gives_no_names() -> None:
    result = mdx_to_markdown("# Title\n\nText with <em>html</em> and a < b.\n")
    assert result.components == () and result.first_component_line is None
    assert result.markdown == "# Title\n\nText with <em>html</em> and a < b.\n"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="<>/{}`'\"=\n ABCabc#*-importexportfrom;.()[]", max_size=200))
def test_never_crashes_and_keeps_line_count(text: str) -> None:
    result = mdx_to_markdown(text)
    assert result.markdown.count("\n") == text.count("\n")


def test_an_mdx_post_builds_with_one_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """In a plain blogforge site (not only in Astro projects): content/posts/x.mdx."""
    root = write_project(
        tmp_path,
        {
            "blogforge.toml": 'site = "https://example.com"\n',
            "content/posts/charts.mdx": POST,
        },
    )
    result = build(root, capsys)
    assert result.code == 0, result.err
    assert result.warnings == [
        "warning: content/posts/charts.mdx:15: MDX components left out (blogforge cannot run "
        "JavaScript): <Chart>, <Legend>, <Aside> (hint: the Markdown around them is rendered; "
        "replace them with Markdown or HTML to keep their content)"
    ]
    page = parse_html(result.dist / "posts" / "charts" / "index.html")
    body = page.find("div", **{"class": "prose e-content"})
    assert body is not None
    assert [h.attrs.get("id") for h in body.iter("h2")] == ["before-the-chart", "after-the-chart"]
    assert body.find("strong") is not None and body.find("details") is not None
    assert next(c.text() for c in body.iter("code")) == "<Chart />"
    assert "import Chart from './Chart';" in body.find("pre").text()  # type: ignore[union-attr]
    assert "Legend text" not in body.text() and "export const" not in body.text()

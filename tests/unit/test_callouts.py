"""Callouts are opt-in: off, the Markdown renders as plain Astro does; on, as GitHub's alerts."""

from __future__ import annotations

import pytest

from blogforge.config import load_config
from blogforge.markdown import MarkdownOptions, render_markdown
from tests.conformance.dom import dom

ON = MarkdownOptions(callouts=True)


def alert(kind: str, title: str, *content: tuple) -> tuple:
    return (
        "div",
        (("class", f"markdown-alert markdown-alert-{kind}"),),
        [("p", (("class", "markdown-alert-title"),), [title]), *content],
    )


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        (
            "> [!NOTE]\n> Useful *info*.",
            [alert("note", "Note", ("p", (), ["Useful ", ("em", (), ["info"]), "."]))],
        ),
        (":::tip\nx\n:::", [alert("tip", "Tip", ("p", (), ["x"]))]),
        (
            ":::note[My title]\ntext\n:::\nafter",
            [alert("note", "My title", ("p", (), ["text"])), ("p", (), ["after"])],
        ),
        (":::danger\nx", [alert("caution", "Caution", ("p", (), ["x"]))]),  # unclosed: to the end
        (
            "::::warning\n:::note\ninner\n:::\n::::",
            [alert("warning", "Warning", alert("note", "Note", ("p", (), ["inner"])))],
        ),
        (":::unknown\nx\n:::", [("p", (), [":::unknown x :::"])]),
    ],
)
def test_callouts_render_as_github_alerts(source: str, expected: list) -> None:
    assert dom(render_markdown(source, ON).html) == expected


def test_off_by_default_as_plain_astro_renders_them() -> None:
    assert dom(render_markdown("> [!NOTE]\n> x").html) == [
        ("blockquote", (), [("p", (), ["[!NOTE] x"])])
    ]
    assert dom(render_markdown(":::note\nx\n:::").html) == [("p", (), [":::note x :::"])]


def test_the_site_option_turns_them_on(tmp_path) -> None:
    (tmp_path / "blogforge.toml").write_text('title = "t"\ncallouts = true\n', encoding="utf-8")
    from blogforge.render.bodies import markdown_options

    assert markdown_options(load_config(tmp_path)).callouts is True

"""Callouts are opt-in: off, the Markdown renders as plain Astro does; on, as GitHub's alerts
(the default callout_style; the plugins' markups are in test_callout_styles.py)."""

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


def test_the_style_is_a_site_option_checked_in_place(tmp_path) -> None:
    from blogforge.config.load import ConfigError
    from blogforge.render.bodies import markdown_options

    config = tmp_path / "blogforge.toml"
    config.write_text('callouts = true\ncallout_style = "fuwari"\n', encoding="utf-8")
    options = markdown_options(load_config(tmp_path))
    assert (options.callouts, options.callout_style) == (True, "fuwari")
    config.write_text('callouts = true\ncallout_style = "docusaurus"\n', encoding="utf-8")
    with pytest.raises(ConfigError) as raised:
        load_config(tmp_path)
    assert [p.format() for p in raised.value.problems] == [
        f"{config}:2: callout_style: expected one of github, fuwari, cactus, rehype-callouts, "
        'github-blockquote-alert, got "docusaurus"'
    ]


def test_the_title_is_text_of_its_own_for_excerpts_and_word_counts() -> None:
    rendered = render_markdown("> [!TIP]\n> Useful words.", ON)
    assert rendered.text == "Tip\nUseful words."

"""Callouts in each Astro plugin's markup (callout_style), read from the syntaxes that plugin reads.

The expected HTML of remark-github-blockquote-alert and rehype-callouts is their own test
fixtures' output (v2.0.1's test/index.test.ts; rehype-callouts 2.x's test/fixtures/obsidian);
Fuwari's and Cactus's is what their plugin code builds (see blogforge/markdown/callout_styles.py
for the versions read). A syntax a plugin does not read renders as plain Astro renders it.
"""

from __future__ import annotations

import pytest

from blogforge.markdown import MarkdownOptions, render_markdown
from blogforge.markdown.callout_icons import LUCIDE, LUCIDE_SVG_OPEN, OCTICON_PATHS
from blogforge.markdown.callout_styles import CALLOUT_STYLES
from tests.conformance.dom import dom

OFF = MarkdownOptions()


def on(style: str) -> MarkdownOptions:
    return MarkdownOptions(callouts=True, callout_style=style)


def html(source: str, style: str) -> str:
    return render_markdown(source, on(style)).html


# -- remark-github-blockquote-alert ----------------------------------------------------------
NOTE_OCTICON = (  # as the plugin's own test writes it
    "M0 8a8 8 0 1 1 16 0A8 8 0 0 1 0 8Zm8-6.5a6.5 6.5 0 1 0 0 13 6.5 6.5 0 0 0 0-13ZM6.5 7.75A.75"
    ".75 0 0 1 7.25 7h1a.75.75 0 0 1 .75.75v2.75h.25a.75.75 0 0 1 0 1.5h-2a.75.75 0 0 1 0-1.5h.25"
    "v-2h-.25a.75.75 0 0 1-.75-.75ZM8 6a1 1 0 1 1 0-2 1 1 0 0 1 0 2Z"
)


def blockquote_alert(kind: str, body: str) -> str:
    return (
        f'<div class="markdown-alert markdown-alert-{kind}" dir="auto">\n'
        f'<p class="markdown-alert-title" dir="auto"><svg class="octicon" viewBox="0 0 16 16" '
        f'width="16" height="16" aria-hidden="true"><path d="{OCTICON_PATHS[kind]}"></path></svg>'
        f"{kind.upper()}</p>\n{body}\n</div>"
    )


def test_the_note_octicon_is_the_plugins() -> None:
    assert OCTICON_PATHS["note"] == NOTE_OCTICON


@pytest.mark.parametrize("kind", ["note", "tip", "important", "warning", "caution"])
def test_github_blockquote_alert_as_its_tests_expect(kind: str) -> None:
    source = f"> [!{kind.upper()}]  \n> Useful information that users should know."
    expected = blockquote_alert(kind, "<p>Useful information that users should know.</p>")
    assert dom(html(source, "github-blockquote-alert")) == dom(expected)


def test_github_blockquote_alert_keeps_the_rest_of_the_marker_line_and_empty_paragraphs() -> None:
    source = "> [!note] Not a title\n> body\n\n> [!WARNING]"
    expected = blockquote_alert("note", "<p>Not a title\nbody</p>") + blockquote_alert(
        "warning", "<p></p>"
    )
    assert dom(html(source, "github-blockquote-alert")) == dom(expected)


# -- rehype-callouts (obsidian theme) ---------------------------------------------------------
PENCIL = (  # the note icon as the plugin's fixture writes it
    '<svg xmlns="http://www.w3.org/2000/svg" width="1em" height="1em" viewBox="0 0 24 24" '
    'fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" '
    'stroke-linejoin="round"><line x1="18" y1="2" x2="22" y2="6"></line>'
    '<path d="M7.5 20.5 19 9l-4-4L3.5 16.5 2 22z"></path></svg>'
)


def lucide(name: str) -> str:
    return LUCIDE_SVG_OPEN + LUCIDE[name] + "</svg>"


def callout(kind: str, icon: str, title: str, content: str, fold: str = "") -> str:
    box, head = ("details", "summary") if fold else ("div", "div")
    opened = " open" if fold == "+" else ""
    folding = (
        f'<div class="callout-fold-icon" aria-hidden="true">{lucide("chevron")}</div>'
        if fold
        else ""
    )
    return (
        f'<{box} class="callout" data-callout="{kind}" '
        f'data-collapsible="{"true" if fold else "false"}"{opened}>'
        f'<{head} class="callout-title"><div class="callout-title-icon" aria-hidden="true">'
        f'{lucide(icon)}</div><div class="callout-title-text">{title}</div>{folding}</{head}>'
        f'<div class="callout-content">{content}</div></{box}>'
    )


def test_the_note_icon_is_the_plugins() -> None:
    assert lucide("pencil") == PENCIL


def test_rehype_callouts_as_its_obsidian_fixture_expects() -> None:
    source = (
        "> [!note]\n> Highlights information.\n\n"
        "> [!TIP] Title  \n> Optional information.\n\n"
        "> [!Important] Custom Title\n> Crucial information.\n\n"
        "> [!Warning] _Custom_ Title\n>\n> Critical content.\n\n"
        "> [!caution]+ **This** is a Title\n> Negative consequences.\n\n"
        "> [!note]- This is a nested note callout\n> This is the content!\n>\n"
        "> > [!tip]-\n> > This is the content!\n>\n> This is the content!\n\n"
        "> [!cantio] Not a type\n"
    )
    expected = "".join(
        [
            callout("note", "pencil", "Note", "<p>Highlights information.</p>"),
            callout("tip", "flame", "Title", "<p>Optional information.</p>"),
            callout("important", "flame", "Custom Title", "<p>Crucial information.</p>"),
            callout("warning", "triangle", "<em>Custom</em> Title", "<p>Critical content.</p>"),
            callout(
                "caution",
                "triangle",
                "<strong>This</strong> is a Title",
                "<p>Negative consequences.</p>",
                "+",
            ),
            callout(
                "note",
                "pencil",
                "This is a nested note callout",
                "<p>This is the content!</p>"
                + callout("tip", "flame", "Tip", "<p>This is the content!</p>", "-")
                + "<p>This is the content!</p>",
                "-",
            ),
            "<blockquote><p>[!cantio] Not a type</p></blockquote>",
        ]
    )
    assert dom(html(source, "rehype-callouts")) == dom(expected)


# -- Fuwari -----------------------------------------------------------------------------------
def admonition(kind: str, title: str, content: str) -> str:
    return (
        f'<blockquote class="admonition bdm-{kind}"><span class="bdm-title">{title}</span>'
        f"{content}</blockquote>"
    )


def test_fuwari_admonitions_as_its_component_builds_them() -> None:
    """`:::kind` with the kind in capitals as the title, a `[label]` as a <div> in the title;
    `> [!KIND]` through remark-github-admonitions-to-directives 1.0.5: IMPORTANT becomes a
    warning, CAUTION a `danger` directive with no component (a bare <danger>), and a lower-case
    marker is not read; an admonition with neither label nor content is Fuwari's hidden error."""
    source = (
        ":::note\nA *note*.\n:::\n\n:::TIP[My **title**]\nText.\n:::\n\n"
        "> [!IMPORTANT]\n> Key.\n\n> [!CAUTION]\n> Careful.\n\n> [!note]\n> Quoted.\n\n"
        ":::warning\n:::\n"
    )
    expected = (
        admonition("note", "NOTE", "<p>A <em>note</em>.</p>")
        + admonition("tip", "<div>My <strong>title</strong></div>", "<p>Text.</p>")
        + admonition("warning", "WARNING", "<p>Key.</p>")
        + "<danger><p>Careful.</p></danger>"
        + "<blockquote><p>[!note]\nQuoted.</p></blockquote>"
        + '<div class="hidden">Invalid admonition directive. (Admonition directives must be of '
        'block type ":::note{name="name"} <content> :::")</div>'
    )
    assert dom(html(source, "fuwari")) == dom(expected)


# -- Cactus -----------------------------------------------------------------------------------
def aside(kind: str, label: str, title: str, content: str) -> str:
    return (
        f'<aside aria-label="{label}" class="aside aside-{kind}">'
        f'<p class="aside-title" aria-hidden="true">{title}</p>'
        f'<div class="aside-content">{content}</div></aside>'
    )


def test_cactus_asides_as_its_remark_plugin_builds_them() -> None:
    """The kind (lower case) is the default title; a label is the title, its text the
    aria-label; names are matched exactly; `> [!NOTE]` is not read."""
    source = (
        ":::caution\nMind the `gap`.\n:::\n\n:::tip[Use **this** & `that`]\nText.\n:::\n\n"
        ":::NOTE\nx\n:::\n\n> [!NOTE]\n> Quoted.\n"
    )
    expected = (
        aside("caution", "caution", "caution", "<p>Mind the <code>gap</code>.</p>")
        + aside(
            "tip",
            "Use this &amp; that",
            "Use <strong>this</strong> &amp; <code>that</code>",
            "<p>Text.</p>",
        )
        + "<p>:::NOTE\nx\n:::</p><blockquote><p>[!NOTE]\nQuoted.</p></blockquote>"
    )
    assert dom(html(source, "cactus")) == dom(expected)


# -- every style -------------------------------------------------------------------------------
NESTED = "- one\n- two\n\n```js\nlet x = 1;\n```\n\n$$\nE = mc^2\n$$"
DIRECTIVE = f":::warning[Custom *title*]\n{NESTED}\n:::\n"
ALERT = "> [!WARNING]\n" + "".join(f"> {line}".rstrip() + "\n" for line in NESTED.split("\n"))
READS = {  # style -> (reads directives, reads alerts)
    "github": (True, True),
    "fuwari": (True, True),
    "cactus": (True, False),
    "rehype-callouts": (False, True),
    "github-blockquote-alert": (False, True),
}
BOX = {  # the element and class (or data attribute) of a warning callout in each style
    "github": ("div", ("class", "markdown-alert markdown-alert-warning")),
    "fuwari": ("blockquote", ("class", "admonition bdm-warning")),
    "cactus": ("aside", ("class", "aside aside-warning")),
    "rehype-callouts": ("div", ("data-callout", "warning")),
    "github-blockquote-alert": ("div", ("class", "markdown-alert markdown-alert-warning")),
}


def boxes(tree: list, style: str) -> list:
    tag, attr = BOX[style]
    found = []
    for node in tree:
        if isinstance(node, tuple) and len(node) == 3 and isinstance(node[2], list):
            if node[0] == tag and attr in node[1]:
                found.append(node)
            found += boxes(node[2], style)
    return found


def flatten(tree: list) -> list:
    out = []
    for node in tree:
        out.append(node)
        if isinstance(node, tuple) and len(node) == 3 and isinstance(node[2], list):
            out += flatten(node[2])
    return out


@pytest.mark.parametrize("style", CALLOUT_STYLES)
@pytest.mark.parametrize("syntax", ["directive", "alert"])
def test_nested_lists_code_and_math_in_each_style(style: str, syntax: str) -> None:
    """A syntax the style reads is one callout holding the list, the code block and the formula;
    one it does not read renders exactly as plain Astro renders it."""
    source = DIRECTIVE if syntax == "directive" else ALERT
    reads = READS[style][0 if syntax == "directive" else 1]
    tree = dom(html(source, style))
    if not reads:
        assert tree == dom(render_markdown(source, OFF).html)
        return
    [box] = boxes(tree, style)
    inside = flatten(box[2])
    assert any(n[0] == "ul" for n in inside if isinstance(n, tuple))
    assert ("code", "js", "let x = 1;") in inside
    assert ("math", "display", "E = mc^2") in inside
    words = " ".join(n for n in flatten(box[2]) if isinstance(n, str))
    if syntax == "directive":
        assert "Custom" in words and "title" in words
    else:
        assert {"Warning", "WARNING", "warning"} & set(words.split())


@pytest.mark.parametrize("style", CALLOUT_STYLES)
def test_unknown_names_stay_text_with_one_warning_per_file(style: str) -> None:
    source = "Intro.\n\n:::foo\nx\n:::\n\nMore.\n\n:::bar[t]\ny\n:::\n"
    rendered = render_markdown(source, on(style))
    assert dom(rendered.html) == dom(render_markdown(source, OFF).html)
    [warning] = rendered.warnings
    assert warning.line == 3 and '":::foo"' in warning.message, warning
    assert "one warning per file" in warning.message


def test_known_names_in_a_style_without_directives_are_named_in_the_warning() -> None:
    [warning] = render_markdown(":::note\nx\n:::\n", on("rehype-callouts")).warnings
    assert 'reads only "> [!NOTE]" blockquotes' in warning.message


def test_no_warning_when_callouts_are_off_or_in_code() -> None:
    assert render_markdown(":::foo\nx\n:::\n", OFF).warnings == []
    assert render_markdown("```\n:::foo\n```\n", on("github")).warnings == []

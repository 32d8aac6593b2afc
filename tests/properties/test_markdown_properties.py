"""Random Markdown never crashes the renderer, and rendering the same text twice gives the same.

The alphabet is weighted toward Markdown's syntax (emphasis, links, tables, fences, math, footnotes,
raw HTML, entities, nesting markers), so most examples exercise the parser's corners rather than
plain prose. `max_examples` is modest: the whole properties suite stays well under 30 s.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from blogforge.markdown import MarkdownOptions, Rendered, render_markdown

SYNTAX = [*"#*_`~[]()!<>|-+=$\\:^&;{}'\"/.\n\n\n \t", "1.", "a", "é", "🚀", "\u00a0"]
SNIPPETS = [
    "# ",
    "## Heading\n",
    "**",
    "~~",
    "```\n",
    "```python\n",
    "$$\n",
    "$x^2$",
    "\\frac{",
    "[^1]",
    "[^1]: note\n",
    "[link](http://x.org)",
    "![img](a.png)",
    "<div>",
    "</div>",
    "<script>",
    "&amp;",
    "&#0;",
    "| a | b |\n|---|:-:|\n",
    "- [ ] task\n",
    "> ",
    "    code\n",
    "<!--",
    "www.example.org",
    "a@b.co",
    "\\$",
    "--",
    "...",
]
markdown_text = st.lists(
    st.one_of(st.sampled_from(SYNTAX), st.sampled_from(SNIPPETS), st.text(max_size=8)),
    max_size=60,
).map("".join)

OPTIONS = [
    MarkdownOptions(),
    MarkdownOptions(math=False),
    MarkdownOptions(heading_ids="astro5"),
]
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def never_resolves(src: str) -> None:
    return None


@FAST
@given(text=markdown_text, which=st.sampled_from(range(len(OPTIONS))))
def test_random_markdown_renders_and_is_deterministic(text: str, which: int) -> None:
    options = OPTIONS[which]
    first = render_markdown(text, options, never_resolves)
    second = render_markdown(text, options, never_resolves)
    assert isinstance(first, Rendered)
    assert isinstance(first.html, str)
    assert first == second
    ids = [heading.slug for heading in first.headings if heading.slug != "footnote-label"]
    assert len(ids) == len(set(ids)), "heading ids are unique within a document"


@settings(max_examples=60, deadline=None)
@given(text=st.text(max_size=200))
def test_any_unicode_text_renders(text: str) -> None:
    rendered = render_markdown(text)
    assert rendered == render_markdown(text)

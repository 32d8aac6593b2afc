"""The Markdown engine: Markdown text in, `Rendered` out, the way Astro's remark pipeline does it.

`render_markdown` is a pure function of its inputs (text + `MarkdownOptions`), so its result can be
cached by a hash of them and computed in worker processes.
"""

from __future__ import annotations

from blogforge.markdown.rendered import (
    Heading,
    ImageRef,
    ImageResolver,
    MarkdownOptions,
    Rendered,
    RenderWarning,
)

__all__ = [
    "Heading",
    "ImageRef",
    "ImageResolver",
    "MarkdownOptions",
    "RenderWarning",
    "Rendered",
    "render_markdown",
]


def render_markdown(
    text: str,
    options: MarkdownOptions | None = None,
    resolve_image: ImageResolver | None = None,
) -> Rendered:
    """Render a post body (no frontmatter) to HTML plus headings, warnings and plain text."""
    # deferred: markdown-it and the plugins load on the first render
    from blogforge.markdown.engine import render

    return render(text, options or MarkdownOptions(), resolve_image)

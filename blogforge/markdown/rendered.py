"""Values that go into and come out of the Markdown engine."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class MarkdownOptions:
    """Everything that changes the HTML a body renders to (part of the render cache key).

    heading_ids: "astro6" keeps a trailing `-` in heading ids, "astro5" drops one (Astro <= 5).
    math: parse `$...$`/`$$...$$` and render MathML; off means `$` is plain text.
    math_strict_dollars: require non-digit neighbours for inline `$` (off = remark-math's rule).
    callouts: `> [!NOTE]` alerts and `:::note[Title]` directives as callouts (off = plain
      Astro, which renders neither).
    callout_style: whose markup callouts get and which syntaxes they are read from: "github"
      (GitHub's alerts) or an Astro plugin's ("fuwari", "cactus", "rehype-callouts",
      "github-blockquote-alert"); see `callout_styles`.
    """

    heading_ids: str = "astro6"
    math: bool = True
    math_strict_dollars: bool = False
    callouts: bool = False
    callout_style: str = "github"


@dataclass(frozen=True)
class Heading:
    """One entry of Astro's `headings` list: `{depth, slug, text}`."""

    depth: int
    slug: str
    text: str

    def as_dict(self) -> dict[str, object]:
        return {"depth": self.depth, "slug": self.slug, "text": self.text}


@dataclass(frozen=True)
class ImageRef:
    """An image the body references (`![alt](src "title")`), with its 1-based body line."""

    src: str
    alt: str
    line: int | None


@dataclass(frozen=True)
class RenderWarning:
    """A problem in the body that did not stop rendering (e.g. TeX the converter rejects).

    `line` is 1-based within the body; the caller adds the frontmatter's offset.
    """

    line: int | None
    message: str


# Given an image `src` as written in the Markdown, return the attributes to emit instead
# (e.g. src/width/height/loading/decoding of an optimised variant), or None to keep it as written.
ImageResolver = Callable[[str], dict[str, str] | None]


@dataclass(frozen=True)
class Rendered:
    """The result of rendering one body."""

    html: str
    headings: list[Heading] = field(default_factory=list)
    images: list[ImageRef] = field(default_factory=list)
    warnings: list[RenderWarning] = field(default_factory=list)
    text: str = ""  # plain text of the body, for excerpts and reading time
    word_count: int = 0

    @property
    def reading_minutes(self) -> int:
        """Minutes to read at 200 words a minute, at least 1."""
        return max(1, round(self.word_count / 200))

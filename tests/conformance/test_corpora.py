"""The 185 real posts of ../shared/corpora render DOM-equal to Astro's output for >= 95 %."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from PIL import Image

from blogforge.content import split_frontmatter
from blogforge.markdown import MarkdownOptions, render_markdown
from tests.conformance.corpora import corpus_posts, require_corpora
from tests.conformance.dom import dom, first_difference

BUILDS = {
    "remark-math": MarkdownOptions(math=True),
    "remark": MarkdownOptions(math=False),
}
REQUIRED_RATE = 0.95


def relative_image_resolver(post_path: Path):
    """Astro optimises relative images and writes their true size; the src is not compared."""

    def resolve(src: str) -> dict[str, str] | None:
        if src.startswith(("/", "http:", "https:", "data:")):
            return None
        try:
            with Image.open(post_path.parent / src) as image:
                width, height = image.size
        except OSError:
            return None
        return {
            "loading": "lazy",
            "decoding": "async",
            "width": str(width),
            "height": str(height),
            "src": "/_astro/image.webp",
        }

    return resolve


@pytest.mark.parametrize("build", list(BUILDS))
def test_real_posts_render_like_astro(build: str) -> None:
    require_corpora()
    posts = corpus_posts(build)
    assert len(posts) == 185
    different: list[str] = []
    kinds: Counter[str] = Counter()
    for post in posts:
        text = post.markdown_path.read_text(encoding="utf-8")
        _yaml, body, _line = split_frontmatter(text)
        html = render_markdown(
            body, BUILDS[build], relative_image_resolver(post.markdown_path)
        ).html
        difference = first_difference(dom(html), dom(post.expected_html(build)))
        if difference is not None:
            different.append(f"{post.corpus}/{post.source}: {difference}")
            kinds[difference.split(":", 2)[1] if ":" in difference else difference] += 1
    rate = 1 - len(different) / len(posts)
    report = "\n".join(different[:40])
    assert rate >= REQUIRED_RATE, f"{rate:.1%} equal; first differences:\n{report}"

"""The 185 real posts of ../shared/corpora render DOM-equal to Astro's output, every one."""

from __future__ import annotations

import pytest

from blogforge.content.frontmatter import split_frontmatter
from blogforge.markdown import MarkdownOptions, render_markdown
from tests.conformance.cases import inline_image_resolver
from tests.conformance.corpora import CORPORA, corpus_posts, require_corpora
from tests.conformance.dom import dom, first_difference

BUILDS = {
    "remark-math": MarkdownOptions(math=True),
    "remark": MarkdownOptions(math=False),
}
REQUIRED_RATE = 1.0  # 185/185 with math and without since issue 14


@pytest.mark.parametrize("build", list(BUILDS))
def test_real_posts_render_like_astro(build: str) -> None:
    require_corpora()
    posts = corpus_posts(build)
    assert len(posts) == 185
    different: list[str] = []
    for post in posts:
        text = post.markdown_path.read_text(encoding="utf-8")
        _yaml, body, _line = split_frontmatter(text)
        html = render_markdown(
            body, BUILDS[build], inline_image_resolver(post.markdown_path, CORPORA / post.corpus)
        ).html
        difference = first_difference(dom(html), dom(post.expected_html(build)))
        if difference is not None:
            different.append(f"{post.corpus}/{post.source}: {difference}")
    rate = 1 - len(different) / len(posts)
    report = "\n".join(different[:40])
    assert rate >= REQUIRED_RATE, f"{rate:.1%} equal; first differences:\n{report}"

"""DOM-equal count of the 185 real posts against Astro's output, with math on and off.

`python3 -m bench.conformance_rate [-v]` prints, per build, how many posts render DOM-equal to
what Astro rendered (the figure tests/conformance/test_corpora.py asserts a floor on) and, with
`-v`, the first difference of each unequal post: the list to work through when fixing fidelity.
"""

from __future__ import annotations

import sys

from blogforge.content.frontmatter import split_frontmatter
from blogforge.markdown import MarkdownOptions, render_markdown
from tests.conformance.cases import inline_image_resolver
from tests.conformance.corpora import CORPORA, corpus_posts
from tests.conformance.dom import dom, first_difference

BUILDS = {"remark-math": MarkdownOptions(math=True), "remark": MarkdownOptions(math=False)}


def unequal_posts(build: str) -> tuple[int, list[str]]:
    """How many posts the build has, and one line per post that differs from Astro's body."""
    posts = corpus_posts(build)
    different = []
    for post in posts:
        _yaml, body, _line = split_frontmatter(post.markdown_path.read_text(encoding="utf-8"))
        resolver = inline_image_resolver(post.markdown_path, CORPORA / post.corpus)
        html = render_markdown(body, BUILDS[build], resolver).html
        difference = first_difference(dom(html), dom(post.expected_html(build)))
        if difference is not None:
            different.append(f"{post.corpus}/{post.source}: {difference}")
    return len(posts), different


def main(argv: list[str]) -> int:
    for build in BUILDS:
        total, different = unequal_posts(build)
        print(f"{build}: {total - len(different)}/{total} DOM-equal")
        if "-v" in argv:
            for line in different:
                print("  " + line[:400])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

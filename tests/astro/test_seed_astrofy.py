"""The seed post in an Astrofy project: hero image from public/, /blog/<slug of the title>/,
/blog/tag/<tag>/, and its `layout: '../../layouts/MarkdownLayout.astro'` (an Astro layout this
project has no Jinja counterpart for) falling back to the default post layout with one warning."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.astro.projects import build, write_project
from tests.site_build.helpers import REPO, parse_html

SEED = REPO / "tests" / "data" / "seed" / "seed-post.md"
# Route files in the shape of Astrofy's (tests/data/astro/README.md): read, never run.
ROUTES = REPO / "tests" / "data" / "astro" / "corpora" / "astrofy-arthurgr"
ROUTE_FILES = (
    "src/lib/createSlug.ts",
    "src/pages/blog/[...page].astro",
    "src/pages/blog/[slug].astro",
    "src/pages/blog/tag/[tag]/[...page].astro",
)


def astrofy_project(root: Path, posts: dict[str, str]) -> Path:
    return write_project(
        root,
        {
            "astro.config.mjs": "import { defineConfig } from 'astro/config';\n"
            "export default defineConfig({ site: 'https://astrofy.example' });\n",
            "package.json": '{"dependencies": {"astro": "^4.16.0"}}',
            "src/config.ts": "export const GENERATE_SLUG_FROM_TITLE = true;\n",
            **{name: (ROUTES / name).read_text(encoding="utf-8") for name in ROUTE_FILES},
            "public/post_img.webp": (REPO / "static" / "post_img.webp").read_bytes(),
            **{f"src/content/blog/{name}": text for name, text in posts.items()},
        },
    )


def test_seed_post_in_an_astrofy_project(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = astrofy_project(tmp_path, {"post1.md": SEED.read_text(encoding="utf-8")})
    result = build(root, capsys)
    assert result.code == 0, result.err
    assert result.errors == []
    page_file = result.dist / "blog" / "demo-post-1" / "index.html"
    assert page_file.is_file()
    assert (result.dist / "blog" / "tag" / "CNN" / "index.html").is_file()
    page = parse_html(page_file)
    assert page.find("article", **{"class": "post h-entry"}) is not None, "default post layout"
    hero = page.find("img", fetchpriority="high")
    assert hero is not None and hero.attrs["src"].startswith("/_astro/post_img.")
    assert [a.attrs["href"] for a in page.find_all("a", **{"class": "tag p-category"})] == [
        "/blog/tag/CNN/"
    ]
    layout_warnings = [w for w in result.warnings if "layout:" in w]
    assert layout_warnings == [
        "warning: src/content/blog/post1.md:7: layout: "
        '"../../layouts/MarkdownLayout.astro" is an Astro layout and layouts/MarkdownLayout.html '
        "does not exist: this post uses the default post layout (hint: add "
        "layouts/MarkdownLayout.html (a Jinja template) for a layout of your own)"
    ]


def test_two_titles_with_one_slug_are_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """ "Hello, World!" and "hello world" both slug to hello-world: one page would overwrite the
    other, so the build stops and names both files instead."""
    post = '---\ntitle: "{}"\npubDate: "Sep 10 2022"\n---\nText\n'
    root = astrofy_project(
        tmp_path, {"a.md": post.format("Hello, World!"), "b.md": post.format("hello world")}
    )
    result = build(root, capsys)
    assert result.code == 1
    assert result.errors == [
        "error: src/content/blog/b.md: url: its URL /blog/hello-world/ is also the URL of "
        "src/content/blog/a.md (hint: change the slug (or title, when URLs come from titles) "
        "of one of them)"
    ]
    assert not result.dist.exists()

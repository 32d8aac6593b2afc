"""What a static reading of an Astro project gives for routes, collections and theme settings."""

from __future__ import annotations

from pathlib import Path

from blogforge.astro.project import detect
from blogforge.config import CollectionConfig, config_values, load_config
from tests.astro.projects import write_project

CONFIG = "export default defineConfig({ site: 'https://example.com' });\n"


def test_collections_without_a_post_route_are_not_built(tmp_path: Path) -> None:
    write_project(
        tmp_path,
        {
            "astro.config.mjs": CONFIG,
            "src/content/blog/a.md": "",
            "src/content/authors/me.md": "",
            "src/pages/blog/[...slug].astro": "",
            "src/pages/blog/[...page].astro": "",
        },
    )
    project = detect(tmp_path)
    assert project is not None
    assert project.skipped == {"authors": "no post route for it in src/pages"}
    assert load_config(tmp_path).collections == (
        CollectionConfig("blog", "src/content/blog", "/blog/{slug}/"),
    )
    assert "    not built: no post route for it in src/pages" in project.describe()


def test_without_src_pages_every_collection_is_built(tmp_path: Path) -> None:
    write_project(
        tmp_path,
        {"astro.config.mjs": CONFIG, "src/content/blog/a.md": "", "src/content/notes/b.md": ""},
    )
    config = load_config(tmp_path)
    assert [c.name for c in config.collections] == ["blog", "notes"]
    assert config.pages_dir == ""


def test_the_only_route_serves_the_only_collection(tmp_path: Path) -> None:
    """`src/pages/posts/[slug].astro` listing collection `blog`: the folder names differ."""
    write_project(
        tmp_path,
        {
            "astro.config.mjs": CONFIG,
            "src/content/blog/a.md": "",
            "src/pages/posts/[slug].astro": "",
        },
    )
    values = config_values(detect(tmp_path))  # type: ignore[arg-type]
    assert values["collections"] == (
        CollectionConfig("blog", "src/content/blog", "/posts/{slug}/"),
    )
    assert values["pages_dir"] == "src/pages"


def test_theme_constants_and_slug_from_title(tmp_path: Path) -> None:
    write_project(
        tmp_path,
        {
            "astro.config.mjs": CONFIG,
            "src/consts.ts": "// export const SITE_TITLE = 'commented out';\n"
            'export const SITE_TITLE = `My "quoted" blog`;\n'
            "export const SITE_DESCRIPTION = 'Notes on things';\n",
            "src/config.ts": "export const GENERATE_SLUG_FROM_TITLE = false;\n",
            "src/content/blog/a.md": "",
        },
    )
    config = load_config(tmp_path)
    assert (config.title, config.description) == ('My "quoted" blog', "Notes on things")
    assert config.collections[0].slug == "id", "GENERATE_SLUG_FROM_TITLE = false keeps the id"


def test_inferred_tag_routes_use_tag_names_as_written(tmp_path: Path) -> None:
    write_project(
        tmp_path,
        {
            "astro.config.mjs": CONFIG,
            "src/content/blog/a.md": "",
            "src/pages/blog/[slug].astro": "",
            "src/pages/tags/[tag].astro": "",
        },
    )
    config = load_config(tmp_path)
    assert (config.tag_url, config.tag_slug) == ("/tags/{tag}/", "verbatim")


def test_blogforge_toml_can_slugify_tags_again(tmp_path: Path) -> None:
    write_project(
        tmp_path,
        {
            "astro.config.mjs": CONFIG,
            "src/content/blog/a.md": "",
            "src/pages/tags/[tag].astro": "",
            "blogforge.toml": 'tag_slug = "slug"\n',
        },
    )
    assert load_config(tmp_path).tag_slug == "slug"


def test_a_root_route_serves_the_largest_collection(tmp_path: Path) -> None:
    """`src/pages/[...slug].astro` (posts at the root) with collections blog and authors."""
    write_project(
        tmp_path,
        {
            "astro.config.mjs": CONFIG,
            "src/content/blog/a.md": "",
            "src/content/blog/b.md": "",
            "src/content/authors/me.md": "",
            "src/pages/[...slug].astro": "",
        },
    )
    project = detect(tmp_path)
    assert project is not None
    assert project.collection_routes["blog"].value == "/{slug}/"
    assert project.skipped == {"authors": "no post route for it in src/pages"}


def test_several_unclaimed_routes_skip_nothing(tmp_path: Path) -> None:
    write_project(
        tmp_path,
        {
            "astro.config.mjs": CONFIG,
            "src/content/blog/a.md": "",
            "src/content/notes/b.md": "",
            "src/pages/posts/[slug].astro": "",
            "src/pages/writing/[slug].astro": "",
        },
    )
    config = load_config(tmp_path)
    assert [(c.name, c.url_pattern) for c in config.collections] == [
        ("blog", "/blog/{slug}/"),
        ("notes", "/notes/{slug}/"),
    ]


def test_a_root_page_route_paginates_the_home_page(tmp_path: Path) -> None:
    """Fuwari's `src/pages/[...page].astro`: the home page lists every post at /, /2/, ..."""
    write_project(
        tmp_path,
        {
            "astro.config.mjs": CONFIG,
            "src/content/posts/a.md": "",
            "src/pages/posts/[...slug].astro": "",
            "src/pages/[...page].astro": "",
        },
    )
    project = detect(tmp_path)
    assert project is not None
    assert load_config(tmp_path).paginate_home is True
    assert "  paginate_home = True  (from src/pages/[...page].astro)" in project.describe()
    write_project(tmp_path, {"blogforge.toml": "paginate_home = false\n"})
    assert load_config(tmp_path).paginate_home is False


def test_a_blog_list_page_route_does_not_paginate_the_home_page(tmp_path: Path) -> None:
    write_project(
        tmp_path,
        {
            "astro.config.mjs": CONFIG,
            "src/content/blog/a.md": "",
            "src/pages/blog/[...slug].astro": "",
            "src/pages/blog/[...page].astro": "",
        },
    )
    assert load_config(tmp_path).paginate_home is False

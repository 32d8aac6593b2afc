"""What a static reading of an Astro project gives: collections, routes and theme settings, from
small hand-written projects whose route files carry the getStaticPaths code themes write."""

from __future__ import annotations

from pathlib import Path

from blogforge.astro.project import detect
from blogforge.config import load_config
from tests.astro.projects import write_project

CONFIG = "export default defineConfig({ site: 'https://example.com' });\n"


def entry_route(collection: str, param: str = "slug", value: str = "post.id") -> str:
    return (
        "---\nimport { getCollection } from 'astro:content';\n"
        "export async function getStaticPaths() {\n"
        f"  const posts = await getCollection('{collection}');\n"
        f"  return posts.map((post) => ({{ params: {{ {param}: {value} }}, props: post }}));\n"
        "}\n---\n<h1>{Astro.props.data.title}</h1>\n"
    )


def list_route(collection: str, size: str = "10", head: str = "") -> str:
    return (
        f"---\nimport {{ getCollection }} from 'astro:content';\n{head}"
        "export async function getStaticPaths({ paginate }) {\n"
        f"  return paginate(await getCollection('{collection}'), {{ pageSize: {size} }});\n"
        "}\n---\n"
    )


def test_collections_no_route_renders_are_not_built(tmp_path: Path) -> None:
    write_project(
        tmp_path,
        {
            "astro.config.mjs": CONFIG,
            "src/content/blog/a.md": "",
            "src/content/authors/me.md": "",
            "src/pages/blog/[...slug].astro": entry_route("blog"),
            "src/pages/blog/[...page].astro": list_route("blog"),
        },
    )
    project = detect(tmp_path)
    assert project is not None
    assert project.skipped == {"authors": "no route in src/pages renders it"}
    config = load_config(tmp_path)
    assert [(c.name, c.url_pattern, c.list_page) for c in config.collections] == [
        ("blog", "/blog/{slug}/", True)
    ]
    assert "    not built: no route in src/pages renders it" in project.describe()


def test_without_src_pages_every_collection_is_built(tmp_path: Path) -> None:
    write_project(
        tmp_path,
        {"astro.config.mjs": CONFIG, "src/content/blog/a.md": "", "src/content/notes/b.md": ""},
    )
    config = load_config(tmp_path)
    assert [(c.name, c.url_pattern) for c in config.collections] == [
        ("blog", "/blog/{slug}/"),
        ("notes", "/notes/{slug}/"),
    ]
    assert config.pages_dir == ""


def test_the_route_names_its_collection_whatever_its_folder(tmp_path: Path) -> None:
    """`src/pages/posts/[slug].astro` reading collection `blog`, and a root `[...slug]`
    reading `notes`: each collection at its route, the one no route reads left out."""
    write_project(
        tmp_path,
        {
            "astro.config.mjs": CONFIG,
            "src/content/blog/a.md": "",
            "src/content/notes/b.md": "",
            "src/content/people/c.md": "",
            "src/pages/posts/[slug].astro": entry_route("blog"),
            "src/pages/[...slug].astro": entry_route("notes", "slug", "post.slug"),
        },
    )
    config = load_config(tmp_path)
    assert [(c.name, c.url_pattern, c.list_page) for c in config.collections] == [
        ("blog", "/posts/{slug}/", False),
        ("notes", "/{slug}/", False),
    ]


def test_theme_constants_and_a_local_slug_helper(tmp_path: Path) -> None:
    """A local helper returning `title.trim().toLowerCase()...` when a constant imported from
    src/config.ts is true is the title rule; false gives the id."""
    helper = (
        "import { FROM_TITLE } from '../config';\n"
        "export default function (title: string, fallback: string) {\n"
        "  return FROM_TITLE ? title.trim().toLowerCase().replace(/\\s+/g, '-') : fallback;\n"
        "}\n"
    )
    files = {
        "astro.config.mjs": CONFIG,
        "src/consts.ts": "// export const SITE_TITLE = 'commented out';\n"
        'export const SITE_TITLE = `My "quoted" blog`;\n'
        "export const SITE_DESCRIPTION = 'Notes on things';\n",
        "src/config.ts": "export const FROM_TITLE = true;\n",
        "src/lib/makeSlug.ts": helper,
        "src/content/blog/a.md": "",
        "src/pages/blog/[slug].astro": entry_route(
            "blog", "slug", "makeSlug(post.data.title, post.slug)"
        ).replace("import {", "import makeSlug from '../../lib/makeSlug';\nimport {"),
    }
    write_project(tmp_path, files)
    config = load_config(tmp_path)
    assert (config.title, config.description) == ('My "quoted" blog', "Notes on things")
    assert config.collections[0].slug == "title"
    write_project(tmp_path, {"src/config.ts": "export const FROM_TITLE = false;\n"})
    assert load_config(tmp_path).collections[0].slug == "id"


def test_tag_routes_verbatim_or_slugified_as_the_route_writes_them(tmp_path: Path) -> None:
    tags = (
        "---\nimport { getCollection } from 'astro:content';\n{slugger}"
        "export async function getStaticPaths() {\n"
        "  const posts = await getCollection('blog');\n"
        "  const tags = [...new Set(posts.flatMap((p) => p.data.tags))];\n"
        "  return tags.map((tag) => ({ params: { tag: {value} }, props: { tag } }));\n"
        "}\n---\n"
    )
    write_project(
        tmp_path,
        {
            "astro.config.mjs": CONFIG,
            "src/content/blog/a.md": "",
            "src/pages/blog/[slug].astro": entry_route("blog"),
            "src/pages/tags/[tag].astro": tags.replace("{slugger}", "").replace("{value}", "tag"),
        },
    )
    config = load_config(tmp_path)
    assert (config.tag_url, config.tag_slug, config.tags_index) == (
        "/tags/{tag}/",
        "verbatim",
        False,
    )
    slugged = tags.replace("{slugger}", "import { slugifyStr } from '../../utils/slugify';\n")
    write_project(
        tmp_path,
        {
            "src/pages/tags/[tag].astro": slugged.replace("{value}", "slugifyStr(tag)"),
            "src/pages/tags/index.astro": "---\n---\n",
        },
    )
    config = load_config(tmp_path)
    assert (config.tag_url, config.tag_slug, config.tags_index) == ("/tags/{tag}/", "slug", True)
    write_project(tmp_path, {"blogforge.toml": 'tag_slug = "verbatim"\n'})
    assert load_config(tmp_path).tag_slug == "verbatim"


def test_a_root_page_route_paginates_the_home_page_with_a_constant_size(tmp_path: Path) -> None:
    """Fuwari's `src/pages/[...page].astro` with `pageSize: PAGE_SIZE` imported from a
    constants module: the home page lists the collection at /, /2/, ... 8 a page."""
    write_project(
        tmp_path,
        {
            "astro.config.mjs": CONFIG,
            "src/constants/constants.ts": "export const PAGE_SIZE = 8;\n",
            "src/content/posts/a.md": "",
            "src/pages/posts/[...slug].astro": entry_route("posts"),
            "src/pages/[...page].astro": list_route(
                "posts", "PAGE_SIZE", "import { PAGE_SIZE } from '../constants/constants';\n"
            ),
        },
    )
    config = load_config(tmp_path)
    assert (config.paginate_home, config.page_size, config.feed_collection) == (True, 8, "posts")
    write_project(tmp_path, {"blogforge.toml": "paginate_home = false\n"})
    assert load_config(tmp_path).paginate_home is False


def test_a_route_without_getstaticpaths_is_a_guess_with_its_place(tmp_path: Path) -> None:
    write_project(
        tmp_path,
        {
            "astro.config.mjs": CONFIG,
            "src/content/blog/a.md": "",
            "src/pages/blog/[slug].astro": "",
        },
    )
    config = load_config(tmp_path)
    assert [(c.name, c.url_pattern) for c in config.collections] == [("blog", "/blog/{slug}/")]
    assert len(config.warnings) == 1
    assert config.warnings[0].startswith("src/pages/blog/[slug].astro:1: getStaticPaths not read")
    assert "blogforge.toml" in config.warnings[0]


def test_a_loader_and_schema_not_read_are_warned_with_their_lines(tmp_path: Path) -> None:
    write_project(
        tmp_path,
        {
            "astro.config.mjs": CONFIG,
            "src/content.config.ts": "import { makeLoader, makeSchema } from 'somewhere';\n"
            "const blog = defineCollection({\n"
            "  loader: makeLoader('blog'),\n"
            "  schema: makeSchema(),\n"
            "});\n"
            "export const collections = { blog };\n",
            "src/content/blog/a.md": "",
            "src/pages/blog/[slug].astro": entry_route("blog"),
        },
    )
    config = load_config(tmp_path)
    assert config.warnings == (
        "src/content.config.ts:3: the blog loader is not read, using src/content/blog/ "
        "(set [collections.blog] folder in blogforge.toml)",
        "src/content.config.ts:4: the blog schema is not read: its entries are held to a blog "
        "post's rules (a title and a date)",
    )
    assert config.collections[0].requires is None, "a blog post's rules"

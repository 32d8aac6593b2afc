"""Reading an Astro project's settings from its files, without running its JavaScript."""

from __future__ import annotations

from pathlib import Path

from blogforge.astro.project import detect
from blogforge.config import CollectionConfig, config_values, load_config

ASTRO_CONFIG = """// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import remarkMath from 'remark-math';
import rehypeKatex from 'rehype-katex';

export default defineConfig({
  site: 'https://example.com/',
  // base: '/commented-out',
  base: '/blog-sub',
  trailingSlash: "never",
  build: { format: 'file' },
  integrations: [mdx()],
  markdown: { remarkPlugins: [remarkMath], rehypePlugins: [rehypeKatex] },
});
"""

CONTENT_CONFIG = """import { defineCollection, z } from 'astro:content';
import { glob } from 'astro/loaders';

const blog = defineCollection({
  loader: glob({ base: './src/data/blog', pattern: '**/*.{md,mdx}' }),
  schema: z.object({ title: z.string() }),
});
const notes = defineCollection({
  loader: glob({ pattern: '**/*.md', base: "./content/notes" }),
});
export const collections = { blog, notes };
"""


ROUTE = """---
import {{ getCollection }} from 'astro:content';
export async function getStaticPaths({{ paginate }}) {{
  const posts = await getCollection('blog');
  {end}
}}
---
"""
MAP = "return posts.map((post) => ({ params: { slug: post.id }, props: post }));"
PAGES = "return paginate(posts, { pageSize: 5 });"


def make_project(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def test_a_folder_without_astro_config_is_not_astro(tmp_path: Path) -> None:
    make_project(tmp_path, {"src/content/blog/a.md": "x"})
    assert detect(tmp_path) is None
    assert load_config(tmp_path).detected == ()


def test_reads_literals_and_ignores_comments(tmp_path: Path) -> None:
    make_project(
        tmp_path,
        {
            "astro.config.mjs": ASTRO_CONFIG,
            "package.json": '{"dependencies": {"astro": "^5.18.2"}}',
            "src/content.config.ts": CONTENT_CONFIG,
            "src/pages/blog/[...slug].astro": ROUTE.format(param="slug", end=MAP),
            "src/pages/blog/[...page].astro": ROUTE.format(param="page", end=PAGES),
            "src/pages/blog/tag/[tag]/[...page].astro": ROUTE.format(param="page", end=PAGES),
        },
    )
    project = detect(tmp_path)
    assert project is not None
    values = {k: v.value for k, v in project.settings.items()}
    assert values == {
        "site": "https://example.com/",
        "base": "/blog-sub",
        "trailingSlash": "never",
        "build.format": "file",
        "math": True,
        "astro_major": 5,
        "sitemap": False,
    }
    assert [(c.name, c.folder) for c in project.collections] == [
        ("blog", "src/data/blog"),
        ("notes", "content/notes"),
    ]
    assert [(r.file, r.kind, r.collection) for r in project.routes] == [
        ("src/pages/blog/[...page].astro", "list", "blog"),
        ("src/pages/blog/[...slug].astro", "entry", "blog"),
        ("src/pages/blog/tag/[tag]/[...page].astro", "tag", "blog"),
    ]
    config = load_config(tmp_path)
    assert (config.site, config.base, config.trailing_slash, config.build_format) == (
        "https://example.com",
        "/blog-sub/",
        "never",
        "file",
    )
    assert (config.math, config.heading_ids, config.static_dir) == (True, "astro5", "public")
    assert config.collections == (
        CollectionConfig(
            "blog", "src/data/blog", "/blog/{slug}/", "id", ("title",), (), (),
            "src/content.config.ts:6", True, (("title", "string", 6),),
        ),
    )  # fmt: skip
    assert project.skipped == {"notes": "no route in src/pages renders it"}
    assert config.tag_url == "/blog/tag/{tag}/"
    assert any(
        "trailingSlash = 'never'  (from astro.config.mjs)" in line for line in config.detected
    )


def test_defaults_of_a_plain_astro_blog(tmp_path: Path) -> None:
    make_project(
        tmp_path,
        {
            "astro.config.mjs": "export default defineConfig({ site: 'https://x.org' });",
            "package.json": '{"devDependencies": {"astro": "7.3.5"}}',
            "src/content/blog/a.md": "---\ntitle: a\n---\n",
            "src/content/_drafts/b.md": "",
        },
    )
    values = config_values(detect(tmp_path))  # type: ignore[arg-type]
    assert values["math"] is False, "no remark-math: `$` is plain text, as in Astro"
    assert values["heading_ids"] == "astro6"
    assert values["collections"] == (
        CollectionConfig("blog", "src/content/blog", "/blog/{slug}/", requires=(), hide=()),
    )
    assert (values["feeds"], values["sitemap"], values["tag_url"]) == ((), False, "")


def test_blogforge_toml_overrides_what_was_detected(tmp_path: Path) -> None:
    make_project(
        tmp_path,
        {
            "astro.config.mjs": ASTRO_CONFIG,
            "src/content/blog/a.md": "",
            "blogforge.toml": 'math = false\nbase = "/"\n\n[collections.blog]\n'
            'folder = "src/content/blog"\nurl = "/posts/{slug}/"\nslug = "title"\n',
        },
    )
    config = load_config(tmp_path)
    assert (config.math, config.base, config.trailing_slash) == (False, "/", "never")
    assert config.collections == (
        CollectionConfig("blog", "src/content/blog", "/posts/{slug}/", "title", (), hide=()),
    ), "the file sets folder, url and slug; what the schema requires still comes from it"


def test_a_config_exported_through_a_constant(tmp_path: Path) -> None:
    make_project(
        tmp_path,
        {
            "astro.config.ts": "import { defineConfig } from 'astro/config';\n"
            "const SITE = 'https://const.example';\n"
            "const config = defineConfig({ site: SITE, base: `/${'docs'}` });\n"
            "export default config;\n",
            "src/content/blog/a.md": "---\ntitle: a\n---\n",
        },
    )
    config = load_config(tmp_path)
    assert (config.site, config.base) == ("https://const.example", "/docs/")

"""Small Astro projects written for these tests, each built in place with no blogforge.toml:
AstroPaper-style filters (a `hidden` post is built, a draft and a future post are not), a
frontmatter `postSlug`, tags defaulted by the schema and slugified by the route, a glob base
written as a template literal, collections without a title, `paginate` with a constant page
size, and `redirects`. The expected URLs follow from the code, as Astro would run it."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.astro.projects import build, write_project
from tests.astro.real_projects import written_urls

CONFIG = """import { defineConfig } from 'astro/config';
import sitemap from '@astrojs/sitemap';
export default defineConfig({
  site: 'https://paper.example',
  integrations: [sitemap()],
  redirects: {
    '/old-post': '/posts/a/',
    '/about-me': { status: 302, destination: '/people/me/' },
    '/old/[slug]': '/posts/[slug]',
  },
});
"""
CONSTS = "export const CONTENT = 'src/data';\nexport const SITE = { postPerPage: 2 };\n"
CONTENT_CONFIG = """import { defineCollection, z } from 'astro:content';
import { glob } from 'astro/loaders';
import { CONTENT } from './consts';

const blog = defineCollection({
  loader: glob({ base: `./${CONTENT}/blog`, pattern: '**/*.md' }),
  schema: z.object({
    title: z.string(),
    pubDatetime: z.coerce.date(),
    draft: z.boolean().optional(),
    hidden: z.boolean().optional(),
    postSlug: z.string().optional(),
    tags: z.array(z.string()).default(['others']),
  }),
});
const people = defineCollection({
  loader: glob({ base: `./${CONTENT}/people`, pattern: '*.md' }),
  schema: z.object({ name: z.string(), role: z.string() }),
});
const links = defineCollection({
  loader: glob({ base: './src/data/links', pattern: '*.md' }),
  schema: z.object({ url: z.string().url() }),
});
export const collections = { blog, people, links };
"""
POST_FILTER = """export const postFilter = ({ data }) => {
  const isPublishTimePassed = Date.now() > new Date(data.pubDatetime).getTime();
  return !data.draft && (import.meta.env.DEV || isPublishTimePassed);
};
"""
POST_ROUTE = """---
import { getCollection } from 'astro:content';
import { postFilter } from '../../utils/postFilter';
export async function getStaticPaths() {
  const posts = (await getCollection('blog')).filter(postFilter);
  return posts.map((post) => ({ params: { slug: post.data.postSlug ?? post.id }, props: post }));
}
---
"""
LIST_ROUTE = """---
import { getCollection } from 'astro:content';
import { SITE } from '../../consts';
import { postFilter } from '../../utils/postFilter';
export async function getStaticPaths({ paginate }) {
  const posts = await getCollection('blog', postFilter);
  return paginate(posts, { pageSize: SITE.postPerPage });
}
---
"""
TAG_ROUTE = """---
import { getCollection } from 'astro:content';
import { slugifyStr } from '../../../utils/slugify';
import { postFilter } from '../../../utils/postFilter';
export async function getStaticPaths({ paginate }) {
  const posts = await getCollection('blog', postFilter);
  const tags = [...new Set(posts.flatMap((post) => post.data.tags))];
  return tags.flatMap((tag) => paginate(
    posts.filter((post) => post.data.tags.includes(tag)),
    { params: { tag: slugifyStr(tag) }, pageSize: SITE.postPerPage },
  ));
}
---
"""
PEOPLE_ROUTE = """---
import { getCollection } from 'astro:content';
export async function getStaticPaths() {
  return (await getCollection('people')).map((person) => ({ params: { id: person.id } }));
}
---
"""


def post(title: str, date: str = "2024-01-02", **fields: str) -> str:
    extra = "".join(f"{key}: {value}\n" for key, value in fields.items())
    return f"---\ntitle: {title}\npubDatetime: {date}\n{extra}---\nText.\n"


def paper(root: Path, **more: str) -> Path:
    return write_project(
        root,
        {
            "astro.config.mjs": CONFIG,
            "src/consts.ts": CONSTS,
            "src/content.config.ts": CONTENT_CONFIG,
            "src/utils/postFilter.ts": POST_FILTER,
            "src/pages/posts/[slug].astro": POST_ROUTE,
            "src/pages/posts/[...page].astro": LIST_ROUTE,
            "src/pages/tags/[tag]/[...page].astro": TAG_ROUTE,
            "src/pages/people/[id].astro": PEOPLE_ROUTE,
            "src/data/blog/a.md": post("A", tags="[Deep Learning]"),
            "src/data/blog/b.md": post("B", hidden="true", tags="[Deep Learning]"),
            "src/data/blog/c.md": post("C", draft="true"),
            "src/data/blog/d.md": post("D", date="2999-01-01"),
            "src/data/blog/e.md": post("E", postSlug="custom-e"),
            "src/data/people/me.md": "---\nname: Me\nrole: writer\n---\nAbout me.\n",
            "src/data/links/x.md": "---\nurl: https://example.org\n---\n",
            **more,
        },
    )


def test_an_astropaper_style_project(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = paper(tmp_path)
    result = build(root, capsys)
    assert result.code == 0, result.err
    assert written_urls(result.dist, root / "public") == {
        "/",
        "/posts/a/",
        "/posts/b/",  # hidden: the route's filter tests draft and the publish time only
        "/posts/custom-e/",  # postSlug
        "/posts/",
        "/posts/2/",  # three posts, SITE.postPerPage = 2
        "/tags/deep-learning/",  # slugifyStr(tag)
        "/tags/others/",  # the schema's default tags
        "/people/me/",  # a collection with no title: its name stands in
        "/old-post/",
        "/about-me/",
        "/sitemap-index.xml",
        "/sitemap-0.xml",
    }
    assert "collection links: src/data/links/" in result.out
    assert "not built: no route in src/pages renders it" in result.out
    assert (
        "warning: astro.config.mjs: redirects from /old/[slug] not built "
        "(list each old path in blogforge.toml [redirects])" in result.warnings
    )
    redirect = (result.dist / "old-post" / "index.html").read_text(encoding="utf-8")
    assert '<meta http-equiv="refresh" content="0;url=/posts/a/">' in redirect
    assert "/old-post/" not in (result.dist / "sitemap-0.xml").read_text(encoding="utf-8")
    person = (result.dist / "people" / "me" / "index.html").read_text(encoding="utf-8")
    assert "<h1" in person and "Me" in person


def test_what_the_schema_requires_is_an_error_naming_both_lines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A missing required field at the entry's first line, a value of the wrong type at its
    own line, each naming the schema's line; an unknown field is accepted, as zod does."""
    root = paper(
        tmp_path,
        **{
            "src/data/people/you.md": "---\nname: You\n---\nHi.\n",
            "src/data/people/them.md": "---\nname: Them\nextra: 1\nrole: 3\n---\nHi.\n",
        },
    )
    result = build(root, capsys)
    assert result.code == 1
    assert result.errors == [
        "error: src/data/people/them.md:4: role: expected a string, got int 3 "
        "(hint: the schema at src/content.config.ts:18 says so)",
        "error: src/data/people/you.md:1: role: required, expected a string "
        "(hint: the schema at src/content.config.ts:18 says so)",
    ]


I18N_ROUTE = """---
import { getCollection } from 'astro:content';
export async function getStaticPaths() {
  const posts = await getCollection('blog');
  return posts.map((post) => {
    const [lang, ...rest] = post.id.split('/');
    return { params: { lang, slug: rest.join('/') }, props: post };
  });
}
---
"""


@pytest.mark.parametrize("prefixed", [True, False])
def test_i18n_folders(tmp_path: Path, capsys: pytest.CaptureFixture[str], prefixed: bool) -> None:
    """Posts in src/content/blog/<locale>/ and a `[lang]/posts/[...slug].astro` route:
    /en/posts/x/, not /posts/en/x/; with prefixDefaultLocale false, English (the default
    locale) has no /en prefix."""
    flag = "true" if prefixed else "false"
    config = (
        "export default defineConfig({ site: 'https://i18n.example', i18n: { "
        "defaultLocale: 'en', locales: ['en', 'es'], "
        f"routing: {{ prefixDefaultLocale: {flag} }} }} }});\n"
    )
    root = write_project(
        tmp_path,
        {
            "astro.config.mjs": config,
            "src/pages/[lang]/posts/[...slug].astro": I18N_ROUTE,
            "src/pages/[lang]/rss.xml.ts": "import rss from '@astrojs/rss';\n"
            "export async function GET() { return rss({ items: [] }); }\n",
            "src/content/blog/en/hello.md": "---\ntitle: Hello\npubDate: 2024-01-01\n---\nHi.\n",
            "src/content/blog/es/hola.md": "---\ntitle: Hola\npubDate: 2024-01-01\n---\nHola.\n",
        },
    )
    result = build(root, capsys)
    assert result.code == 0, result.err
    english = "/en/posts/hello/" if prefixed else "/posts/hello/"
    assert written_urls(result.dist, root / "public") == {"/", english, "/es/posts/hola/"}
    assert not any("not read" in w for w in result.warnings), result.warnings
    assert [w for w in result.warnings if "feed" in w] == [
        "warning: src/pages/[lang]/rss.xml.ts:2: a feed per /{lang}/rss.xml param is not built "
        '(list the files in blogforge.toml: feeds = ["en/rss.xml", ...])'
    ]
    home = (result.dist / "index.html").read_text(encoding="utf-8")
    assert "rss.xml" not in home, "no link to a feed that is not written"


def test_init_writes_the_plan(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """init --from-astro writes what the build uses, each with where it came from; a build
    with the written file gives the same URLs as one without it."""
    from blogforge.cli import main

    root = paper(tmp_path)
    before = build(root, capsys)
    assert before.code == 0, before.err
    urls = written_urls(before.dist, root / "public")
    assert main(["init", "--from-astro", str(root)]) == 0
    text = (root / "blogforge.toml").read_text(encoding="utf-8")
    assert (
        'slug = "frontmatter"  # from src/pages/posts/[slug].astro:4: the param is made of '
        "the frontmatter slug, else the id" in text
    )
    assert 'tag_slug = "slug"  # github-slugger of the tag name' in text
    assert "[redirects]  # from astro.config.mjs (a [param] source is left out)" in text
    assert '"/old-post" = "/posts/a/"' in text
    after = build(root, capsys)
    assert after.code == 0, after.err
    assert written_urls(after.dist, root / "public") == urls

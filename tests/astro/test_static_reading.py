"""The tree-sitter reader on the four real Astro projects of ../shared/astro-projects and on
small hand-written files: folded values, collections with their schemas, routes with their
collection, filter, param rule and page size. Expected values are read from each project's
code and its real Astro build (ASTRO-BUILD/urls.txt), not from blogforge."""

from __future__ import annotations

from pathlib import Path

import pytest

from blogforge.astro.collections import read_collections
from blogforge.astro.parse import UNKNOWN, Modules
from blogforge.astro.routes import read_routes
from tests.astro.projects import write_project
from tests.astro.real_projects import PROJECTS

needs_projects = pytest.mark.skipif(not PROJECTS.is_dir(), reason="../shared/astro-projects")


def routes_of(name: str) -> dict[str, tuple]:
    root = PROJECTS / name
    return {
        r.file: (r.pattern, r.kind, r.collection, r.filters, r.slug, r.page_size)
        for r in read_routes(root, Modules(root))
    }


def test_folds_literals_templates_objects_and_imported_constants(tmp_path: Path) -> None:
    root = write_project(
        tmp_path,
        {
            "tsconfig.json": '{"compilerOptions": {"paths": {"@/*": ["./src/*"]}}}',
            "src/consts.ts": "export const BASE = 'src/content';\n"
            "export const SITE = { title: 'T', postsPerPage: 4 * 2, ...{ x: true } };\n",
            "src/a.ts": "import { BASE, SITE as S } from '@/consts'\n"
            "const folder = `./${BASE}/blog`;\n"
            "const size = S.postsPerPage ?? 10;\n"
            "const prod = import.meta.env.PROD ? 'yes' : 'no';\n"
            "const computed = Math.max(1, 2);\n"
            "const missing = S.nothing || 'fallback';\n",
        },
    )
    module = Modules(root).load(root / "src" / "a.ts")
    assert module is not None
    values = {name: module.value(node) for name, node in module.bindings.items()}
    assert values == {
        "folder": "./src/content/blog",
        "size": 8,
        "prod": "yes",
        "computed": UNKNOWN,
        "missing": "fallback",
    }


def test_a_template_literal_glob_base_and_a_data_collection(tmp_path: Path) -> None:
    root = write_project(
        tmp_path,
        {
            "src/content.config.ts": "import { glob, file } from 'astro/loaders'\n"
            "const DIR = 'src/data'\n"
            "const notes = defineCollection({\n"
            "  loader: glob({ base: `./${DIR}/notes`, pattern: '**/*.md' }),\n"
            "  schema: z.object({ title: z.string(), tags: z.array(z.string()).default(['others']),"
            " hidden: z.boolean().optional(), pubDatetime: z.coerce.date() }),\n"
            "})\n"
            "const people = defineCollection({ loader: file('src/people.json'),"
            " schema: ({ image }) => z.object({ name: z.string(), avatar: image() }) })\n"
            "export const collections = { notes, people }\n",
        },
    )
    collections, source = read_collections(root, Modules(root))
    assert source == "src/content.config.ts"
    notes, people = collections
    assert (notes.name, notes.folder, notes.loader) == ("notes", "src/data/notes", "glob")
    assert notes.required == ("title", "pubDatetime")
    assert notes.defaults() == {"tags": ["others"]}
    assert [(f.name, f.kind) for f in notes.fields or ()] == [
        ("title", "string"), ("tags", "array"), ("hidden", "boolean"), ("pubDatetime", "date"),
    ]  # fmt: skip
    assert notes.schema_where == "src/content.config.ts:5"
    assert (people.folder, people.loader, people.required) == (
        "src/people.json", "file", ("name", "avatar"),
    )  # fmt: skip
    assert "title" not in people.required


@needs_projects
def test_collections_of_the_real_projects() -> None:
    found = {}
    for name in ("astrofy", "erudite-gigio", "fuwari-demo", "astro-blog-template"):
        root = PROJECTS / name
        collections, _ = read_collections(root, Modules(root))
        found[name] = {c.name: (c.folder, c.loader, c.required) for c in collections}
    assert found["astrofy"]["store"] == (
        "src/content/store", "legacy", ("title", "description", "custom_link_label", "updatedDate"),
    )  # fmt: skip
    assert found["erudite-gigio"]["authors"] == ("src/content/authors", "glob", ("name", "avatar"))
    assert found["fuwari-demo"]["spec"] == ("src/content/spec", "legacy", ())
    assert found["astro-blog-template"] == {
        "blog": ("src/content/blog", "glob", ("title", "description", "pubDate"))
    }


@needs_projects
def test_astrofy_routes() -> None:
    """createSlug(entry.data.title, entry.slug) with GENERATE_SLUG_FROM_TITLE = true: the
    title rule; rss.xml.js exports lowercase `get`, which Astro 4 does not serve."""
    routes = routes_of("astrofy")
    assert routes["src/pages/blog/[slug].astro"] == (
        "/blog/{slug}/", "entry", "blog", (), "title", None,
    )  # fmt: skip
    assert routes["src/pages/store/[slug].astro"][1:5] == ("entry", "store", (), "slug")
    assert routes["src/pages/store/[...page].astro"][1:] == ("list", "store", (), "", 10)
    assert routes["src/pages/blog/tag/[tag]/[...page].astro"][1:] == (
        "tag", "blog", (), "verbatim", 10,
    )  # fmt: skip
    assert routes["src/pages/rss.xml.js"][1] == "nothing"
    assert routes["src/pages/cv.astro"][1] == "astro_page"
    assert routes["src/pages/404.astro"][1] == "not_found"


@needs_projects
def test_erudite_and_fuwari_routes_through_local_helpers() -> None:
    """getAllPosts() in src/lib/data-utils.ts filters drafts; SITE.postsPerPage from consts;
    Fuwari's PAGE_SIZE constant (8) and its getCollection filter on import.meta.env.PROD."""
    erudite = routes_of("erudite-gigio")
    assert erudite["src/pages/blog/[...page].astro"][1:] == ("list", "blog", ("draft",), "", 6)
    assert erudite["src/pages/blog/[...id].astro"][1:5] == ("entry", "blog", ("draft",), "id")
    assert erudite["src/pages/authors/[...id].astro"][1:5] == ("entry", "authors", (), "id")
    assert erudite["src/pages/tags/[...id].astro"][1:6] == (
        "tag", "blog", ("draft",), "verbatim", None,
    )  # fmt: skip
    assert erudite["src/pages/rss.xml.ts"][:3] == ("/rss.xml", "feed", "blog")
    assert erudite["src/pages/robots.txt.ts"][1] == "robots"
    fuwari = routes_of("fuwari-demo")
    assert fuwari["src/pages/[...page].astro"] == ("/{page}/", "list", "posts", ("draft",), "", 8)
    assert fuwari["src/pages/posts/[...slug].astro"][1:5] == ("entry", "posts", ("draft",), "slug")
    template = routes_of("astro-blog-template")
    assert template["src/pages/blog/[...slug].astro"][1:5] == ("entry", "blog", (), "id")
    assert template["src/pages/rss.xml.js"][1:3] == ("feed", "blog")


def test_cycles_and_broken_code_give_unknown_not_a_crash(tmp_path: Path) -> None:
    """Two modules importing a name from each other, a constant defined by itself, a file
    that does not parse, bytes that are not UTF-8: values are UNKNOWN, nothing raises."""
    root = write_project(
        tmp_path,
        {
            "src/a.ts": "import { X } from './b';\nexport const Y = X;\nconst SELF = SELF + 1;\n",
            "src/b.ts": "import { X } from './a';\nexport function f() { return g(); }\n",
            "src/c.ts": "export const = = {{ ;\nconst OK = 'still read';\n",
            "src/d.ts": b"export const D = '\xff\xfe';\n",
        },
    )
    modules = Modules(root)
    a = modules.load(root / "src" / "a.ts")
    assert a is not None
    assert a.value(a.bindings["Y"]) is UNKNOWN
    assert a.value(a.bindings["SELF"]) is UNKNOWN
    assert a.function("X") is None
    c = modules.load(root / "src" / "c.ts")
    assert c is not None and c.value(c.bindings["OK"]) == "still read"
    d = modules.load(root / "src" / "d.ts")
    assert d is not None and d.value(d.bindings["D"]) == "\ufffd\ufffd"

"""The routes of `src/pages`, read from each file's path and its `getStaticPaths`.

A route file's path gives its URL pattern (`blog/[slug].astro` -> `/blog/{slug}/`); its
`getStaticPaths` says what fills it: which collection (`getCollection('blog')`, also inside a
local helper it calls), which entries are left out (a `draft`/`hidden` test in a filter), what
becomes the param (`post.id`, `entry.slug`, a slug helper of the title, a tag) and how many
items a page holds (`paginate(items, { pageSize })`). Endpoints (`rss.xml.js`, `robots.txt.ts`)
are files at their own path. What cannot be read is a guess, kept with its `file:line` so the
build can warn and `blogforge routes` can mark it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from tree_sitter import Node

from blogforge.astro.parse import Function, Module, Modules, arguments, calls, text, unwrap

LOCALE_PARAMS = ("lang", "locale")
TAG_FOLDERS = ("tag", "tags", "category", "categories", "topics")
SLUG_HELPERS = ("slugify", "slugifyStr", "slugifyAll", "kebabCase", "slug", "slugger")
FILTER_KEYS = ("draft", "hidden", "scheduled")
ASTRO_DEFAULT_PAGE_SIZE = 10
ENDPOINT_SUFFIXES = (".ts", ".js", ".mjs", ".mts")


@dataclass
class PageRoute:
    """One file of src/pages and what it makes."""

    file: str  # src/pages/...
    line: int
    pattern: str  # URL pattern: /blog/{slug}/, /blog/{page}/, /rss.xml
    kind: str  # entry, list, tag, feed, robots, not_found, home, astro_page, endpoint, markdown
    collection: str | None = None
    filters: tuple[str, ...] = ()
    slug: str = ""  # entry: id | slug | title; tag: slug | verbatim
    page_size: int | None = None
    guesses: list[str] = field(default_factory=list)

    @property
    def where(self) -> str:
        return f"{self.file}:{self.line}"


def route_pattern(parts: list[str]) -> tuple[str, list[str]]:
    """`["blog", "[...slug]"]` -> ("/blog/{slug}/", ["slug"])."""
    out, params = [], []
    for part in parts:
        if part.startswith("[") and part.endswith("]"):
            name = part.strip("[]").removeprefix("...")
            params.append(name)
            out.append("{" + name + "}")
        else:
            out.append(part)
    path = "/".join(out)
    return ("/" + path + "/" if path else "/"), params


def read_routes(root: Path, modules: Modules) -> list[PageRoute]:
    pages = root / "src" / "pages"
    if not pages.is_dir():
        return []
    routes = []
    for path in sorted(p for p in pages.rglob("*") if p.is_file()):
        rel = path.relative_to(pages)
        if any(part.startswith("_") for part in rel.parts):
            continue  # Astro ignores _files and _folders
        label = f"src/pages/{rel.as_posix()}"
        name = rel.name
        if path.suffix in (".md", ".mdx", ".markdown"):
            routes.append(PageRoute(label, 1, "", "markdown"))
        elif path.suffix == ".astro":
            routes.append(read_page(modules, path, rel, label))
        elif path.suffix in ENDPOINT_SUFFIXES and "." in name.removesuffix(path.suffix):
            routes.append(read_endpoint(modules, path, label))
    return routes


def read_endpoint(modules: Modules, path: Path, label: str) -> PageRoute:
    """`rss.xml.js` -> /rss.xml. Only a `GET` export is served (Astro >= 3; the old lowercase
    `get` writes nothing, as Astrofy's measured build shows)."""
    rel = label.removeprefix("src/pages/")
    pattern = route_pattern(rel.removesuffix(path.suffix).split("/"))[0].rstrip("/")
    module = modules.load(path)
    names = set(module.functions) | set(module.bindings) if module is not None else set()
    if not {"GET", "ALL"} & names:  # `get` alone: an Astro 2 handler that Astro >= 3 ignores
        return PageRoute(label, 1, pattern, "nothing" if "get" in names else "endpoint")
    handler = module.function("GET") or module.function("ALL")
    line = module.line(handler.node) if handler else 1
    uses_rss = "rss" in module.imports and handler is not None and calls(handler.node, "rss")
    if uses_rss:
        collection = collection_of(handler) if handler else None
        return PageRoute(label, line, pattern, "feed", collection=collection[0] if collection
                         else None)  # fmt: skip
    if rel.startswith("robots.txt."):
        return PageRoute(label, line, pattern, "robots")
    return PageRoute(label, line, pattern, "endpoint")


def read_page(modules: Modules, path: Path, rel: Path, label: str) -> PageRoute:
    parts = list(rel.with_suffix("").parts)
    if parts[-1] == "index":
        parts.pop()
    pattern, params = route_pattern(parts)
    if not params:
        kind = {"/": "home", "/404/": "not_found"}.get(pattern, "astro_page")
        return PageRoute(label, 1, pattern, kind)
    module = modules.load(path)
    paths = module.function("getStaticPaths") if module is not None else None
    if paths is None:
        return guessed_route(label, pattern, parts, params)
    route = PageRoute(label, module.line(paths.node), pattern, "entry")
    found = collection_of(paths)
    if found is None:
        route.guesses.append(f"{route.where}: no getCollection() found")
        route.kind = "astro_page"
        return route
    route.collection, route.filters = found
    static = [p for p in parts if not p.startswith("[")]
    paginated = params[-1] == "page" and calls_paginate(paths)
    if paginated:
        route.page_size = page_size(paths, route)
    is_tag = bool(set(static) & set(TAG_FOLDERS)) or "tag" in params
    if is_tag:
        route.kind = "tag"
        route.slug = tag_rule(paths)
    elif paginated:
        route.kind = "list" if len(params) == 1 else "astro_page"
    elif set(params) & set(LOCALE_PARAMS):  # /{lang}/posts/{slug}/: the id's locale folder,
        route.slug = "id"  # then the rest of the id, whatever code splits it
    else:
        route.slug = entry_rule(paths, params[-1], route)
    return route


def guessed_route(label: str, pattern: str, parts: list[str], params: list[str]) -> PageRoute:
    """A dynamic route whose getStaticPaths cannot be read (or is not there): its kind from
    the path as themes name them; its collection is matched later (`collection` None)."""
    static = [p for p in parts if not p.startswith("[")]
    if set(static) & set(TAG_FOLDERS) or "tag" in params:
        route = PageRoute(label, 1, pattern, "tag", slug="verbatim", page_size=None)
    elif params[-1] == "page":
        route = PageRoute(label, 1, pattern, "list", page_size=ASTRO_DEFAULT_PAGE_SIZE)
    else:
        route = PageRoute(label, 1, pattern, "entry", slug="id")
    route.guesses.append(
        f"{label}:1: getStaticPaths not read; guessed: {route.kind} route of the collection "
        "named like its folder, entry ids as params (set collections in blogforge.toml)"
    )
    return route


# -- getStaticPaths ---------------------------------------------------------------------------
def bodies(function: Function, depth: int = 0) -> list[tuple[Module, Node]]:
    """The function's body and those of the local functions it calls (two levels down)."""
    found = [(function.module, function.node)]
    if depth >= 2:
        return found
    for call in calls(function.node):
        callee = call.child_by_field_name("function")
        if callee is not None and callee.type == "identifier":
            inner = function.module.function(text(callee))
            if inner is not None and inner.node != function.node:
                found += bodies(inner, depth + 1)
    return found


def collection_of(function: Function) -> tuple[str, tuple[str, ...]] | None:
    """The collection a function reads and the frontmatter flags its filters test."""
    for module, body in bodies(function):
        for call in calls(body, "getCollection"):
            args = arguments(call)
            name = module.value(args[0]) if args else None
            if isinstance(name, str):
                return name, filters_in(bodies(function))
    return None


def filters_in(found: list[tuple[Module, Node]]) -> tuple[str, ...]:
    """Flags (`draft`, `hidden`) a filter tests: `data.draft` inside a getCollection callback
    or a `.filter(...)` callback."""
    keys: set[str] = set()
    for module, body in found:
        for call in calls(body, "getCollection") + calls(body, "filter"):
            args = arguments(call)
            for arg in args[1:] if text(call).startswith("getCollection") else args:
                named = module.function(text(arg)) if arg.type == "identifier" else None
                node = named.node if named is not None else arg  # a filter helper: its body
                keys |= {k for k in FILTER_KEYS if _mentions(node, k)}
    return tuple(sorted(keys))


def _mentions(node: Node, key: str) -> bool:
    """Whether a filter reads `key`: `data.draft`, `{ draft }`; "scheduled" is a test against
    the clock (`Date.now()`, AstroPaper's publish time), which leaves out future posts."""
    stack = [node]
    while stack:
        current = stack.pop()
        callee = current.child_by_field_name("function")
        if key == "scheduled" and text(callee) == "Date.now":
            return True
        if current.type in ("property_identifier", "shorthand_property_identifier_pattern") and (
            text(current) == key
        ):
            return True
        stack.extend(current.named_children)
    return False


def calls_paginate(function: Function) -> bool:
    return any(calls(body, "paginate") for _, body in bodies(function))


def page_size(function: Function, route: PageRoute) -> int:
    for module, body in bodies(function):
        for call in calls(body, "paginate"):
            args = arguments(call)
            options = module.value(args[1]) if len(args) > 1 else {}
            size = options.get("pageSize") if isinstance(options, dict) else None
            if isinstance(size, int) and not isinstance(size, bool) and size > 0:
                return size
            if size is None and isinstance(options, dict):
                return ASTRO_DEFAULT_PAGE_SIZE
            route.guesses.append(
                f"{module.where(call)}: pageSize not read, using {ASTRO_DEFAULT_PAGE_SIZE} "
                "(set page_size in blogforge.toml)"
            )
            return ASTRO_DEFAULT_PAGE_SIZE
    return ASTRO_DEFAULT_PAGE_SIZE


def param_values(function: Function, param: str) -> list[tuple[Module, Node]]:
    """The expressions given to a param: `params: { slug: <expr> }`, `{ tag }`."""
    found = []
    for module, body in bodies(function):
        stack = [body]
        while stack:
            node = stack.pop()
            if node.type == "pair" and text(node.child_by_field_name("key")) == "params":
                value = unwrap(node.child_by_field_name("value"))
                for item in value.named_children:
                    if item.type == "pair" and text(item.child_by_field_name("key")) == param:
                        found.append((module, unwrap(item.child_by_field_name("value"))))
                    elif item.type == "shorthand_property_identifier" and text(item) == param:
                        found.append((module, item))
            stack.extend(node.named_children)
    return found


def entry_rule(function: Function, param: str, route: PageRoute) -> str:
    """id | slug | title: what an entry's param is made of."""
    for module, value in param_values(function, param):
        rule = value_rule(module, value)
        if rule:
            return rule
    route.guesses.append(
        f"{route.where}: the {param} param is not read, using the entry id "
        "(set [collections.NAME] slug in blogforge.toml)"
    )
    return "id"


def value_rule(module: Module, value: Node) -> str:
    value = unwrap(value)
    source = text(value)
    if value.type == "member_expression":
        name = text(value.child_by_field_name("property"))
        if source.endswith(".data.slug") or source.endswith(".data.postSlug"):
            return "frontmatter"  # the entry's own slug field, else its id
        return {"id": "id", "slug": "slug"}.get(name, "")
    if value.type == "binary_expression":  # post.data.slug ?? post.id
        return value_rule(module, value.child_by_field_name("left")) or value_rule(
            module, value.child_by_field_name("right")
        )
    if value.type == "call_expression":
        callee = value.child_by_field_name("function")
        args = arguments(value)
        helper = module.function(text(callee)) if callee is not None else None
        if helper is not None and helper.body is not None:
            return helper_rule(helper, args, module)
        if text(callee) in SLUG_HELPERS and args and text(args[0]).endswith(".title"):
            return "title"
        if text(callee) in SLUG_HELPERS and args:  # slugifyStr(post.data.postSlug)
            return value_rule(module, args[0])
    return ""


def helper_rule(helper: Function, args: list[Node], caller: Module) -> str:
    """A local slug helper mapped to a known rule: fold its conditions on constants, then see
    which argument the returned value is made from (`title.trim().toLowerCase()...`)."""
    returned = returned_expression(helper.module, helper.body)
    node = unwrap(returned) if returned is not None else None
    while node is not None and node.type == "ternary_expression":
        test = helper.module.value(node.child_by_field_name("condition"))
        if not isinstance(test, bool):
            return ""
        node = unwrap(node.child_by_field_name("consequence" if test else "alternative"))
    while node is not None and node.type in ("call_expression", "member_expression"):
        inner = node.child_by_field_name("function") or node.child_by_field_name("object")
        node = unwrap(inner.child_by_field_name("object") if inner.type == "member_expression"
                      and node.type == "call_expression" else inner)  # fmt: skip
    if node is None or text(node) not in helper.params:
        return ""
    index = helper.params.index(text(node))
    if index >= len(args):
        return ""
    if text(args[index]).endswith(".title"):
        return "title"
    return value_rule(caller, args[index])


def returned_expression(module: Module, body: Node) -> Node | None:
    """What a function returns, following `if (CONSTANT) return x;` statements whose test
    folds; None when a test cannot be folded before a return is reached."""
    if body.type != "statement_block":
        return body  # an arrow's expression body
    for statement in body.named_children:
        if statement.type == "return_statement":
            return statement.named_children[0] if statement.named_children else None
        if statement.type == "if_statement":
            test = module.value(statement.child_by_field_name("condition"))
            if not isinstance(test, bool):
                return None
            branch = statement.child_by_field_name("consequence" if test else "alternative")
            if branch is not None and branch.type == "else_clause":
                branch = branch.named_children[0] if branch.named_children else None
            if branch is None:
                continue
            if branch.type == "return_statement":
                return branch.named_children[0] if branch.named_children else None
            found = returned_expression(module, branch)
            if found is not None:
                return found
    return None


def tag_rule(function: Function) -> str:
    """slug when a slug helper makes the tag param (AstroPaper), else verbatim."""
    for _, body in bodies(function):
        for call in calls(body):
            callee = call.child_by_field_name("function")
            if callee is not None and text(callee) in SLUG_HELPERS:
                return "slug"
    return "verbatim"

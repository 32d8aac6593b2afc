"""Read an Astro project statically, without running any of its JavaScript.

A folder with `astro.config.*` and `src/` is an Astro project. Its code is parsed with
tree-sitter (`astro.parse`) and only static values are folded: the config object (`site`,
`base`, `trailingSlash`, `build.format`, `redirects`, integrations), the collections and their
schemas (`astro.collections`), the routes of `src/pages` (`astro.routes`) and the site's title
constants. Each fact keeps where it came from, so `build --verbose`, `blogforge routes` and
`init --from-astro` can show it; what is computed stays at its default, with a warning.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from tree_sitter import Node

from blogforge.astro.collections import CONTENT_CONFIG_NAMES, Collection, read_collections
from blogforge.astro.parse import (
    MAX_CODE_BYTES,
    Module,
    Modules,
    arguments,
    string_value,
    text,
    unwrap,
)
from blogforge.astro.routes import LOCALE_PARAMS, PageRoute, read_routes

CONFIG_NAMES = ("astro.config.mjs", "astro.config.js", "astro.config.ts", "astro.config.mts",
                "astro.config.cjs")  # fmt: skip
MATH_PLUGINS = ("remark-math", "rehype-katex", "rehype-mathjax")
# A Markdown plugin in the config -> the callout_style that writes its markup. Local modules are
# matched by file name: Cactus keeps its plugin in src/plugins/remark-admonitions.ts.
CALLOUT_PLUGINS = {
    "rehype-components": "fuwari",  # Fuwari's admonitions are rehype-components components
    "remark-admonitions": "cactus",
    "rehype-callouts": "rehype-callouts",
    "remark-github-blockquote-alert": "github-blockquote-alert",
}
# Where themes keep their title constants (`SITE_TITLE`, or `SITE = { title }`).
THEME_SETTINGS_NAMES = ("src/consts.ts", "src/config.ts", "src/consts.js", "src/config.js",
                        "src/config.mjs", "src/site.config.ts")  # fmt: skip
__all__ = ["CONTENT_CONFIG_NAMES", "AstroProject", "Detected", "detect"]


@dataclass(frozen=True)
class Detected:
    """One fact read from the project, with the file it came from."""

    value: object
    source: str


@dataclass
class AstroProject:
    root: Path
    config_file: str
    modules: Modules
    settings: dict[str, Detected] = field(default_factory=dict)
    collections: list[Collection] = field(default_factory=list)
    content_config: str = ""
    routes: list[PageRoute] = field(default_factory=list)
    skipped: dict[str, str] = field(default_factory=dict)  # collection -> why it is not built

    def routes_of(self, *kinds: str) -> list[PageRoute]:
        return [route for route in self.routes if route.kind in kinds]

    def entry_route(self, collection: str) -> PageRoute | None:
        """The route of a collection's entries; of two (`[lang]/posts/[slug]` and the default
        locale's `posts/[slug]`), the one with the locale param, which serves them all."""
        routes = [r for r in self.routes_of("entry") if r.collection == collection]
        localised = [r for r in routes if any(f"{{{p}}}" in r.pattern for p in LOCALE_PARAMS)]
        return (localised or routes or [None])[0]

    @property
    def unread(self) -> list[str]:
        """Code files not read: larger than `parse.MAX_CODE_BYTES`."""
        return self.modules.unread

    def describe(self) -> list[str]:
        """Human-readable lines: what was detected and from where (for --verbose)."""
        lines = [f"Astro project detected ({self.config_file})"]
        lines += [f"  {name}: not read, larger than {MAX_CODE_BYTES} bytes" for name in self.unread]
        for key, fact in sorted(self.settings.items()):
            lines.append(f"  {key} = {fact.value!r}  (from {fact.source})")
        for collection in self.collections:
            lines.append(
                f"  collection {collection.name}: {collection.folder}/  (from {collection.where})"
            )
            if collection.name in self.skipped:
                lines.append(f"    not built: {self.skipped[collection.name]}")
            elif (route := self.entry_route(collection.name)) is not None:
                lines.append(f"    post URLs {route.pattern}  (from {route.where})")
        for route in self.routes_of("tag"):
            lines.append(f"  tag URLs {route.pattern} ({route.slug})  (from {route.where})")
        return lines


def find_config(root: Path) -> Path | None:
    for name in CONFIG_NAMES:
        if (root / name).is_file():
            return root / name
    return None


def is_astro_project(root: Path) -> bool:
    return find_config(root) is not None and (root / "src").is_dir()


def read_astro_config(root: Path, project: AstroProject) -> None:
    """`defineConfig({...})` folded: site, base, trailingSlash, build.format, redirects, i18n;
    the integrations and Markdown plugins by the packages their names are imported from."""
    module = project.modules.load(root / project.config_file)
    if module is None or module.default is None:
        return
    node = unwrap(module.default)
    if node.type == "identifier" and (named := module.resolve(text(node))) is not None:
        node = unwrap(named[1])  # const config = defineConfig({...}); export default config
    if node.type == "call_expression" and arguments(node):
        node = unwrap(arguments(node)[0])
    options = module.value(node)
    name = project.config_file
    if not isinstance(options, dict):
        return
    for key in ("site", "base", "trailingSlash"):
        if isinstance(options.get(key), str):
            project.settings[key] = Detected(options[key], name)
    build = options.get("build")
    if isinstance(build, dict) and isinstance(build.get("format"), str):
        project.settings["build.format"] = Detected(build["format"], name)
    i18n = options.get("i18n")
    if isinstance(i18n, dict) and isinstance(i18n.get("defaultLocale"), str):
        routing = i18n.get("routing")
        prefixed = isinstance(routing, dict) and routing.get("prefixDefaultLocale") is True
        project.settings["i18n"] = Detected(
            {"defaultLocale": i18n["defaultLocale"], "prefixDefaultLocale": prefixed}, name
        )
    if isinstance(options.get("redirects"), dict):
        project.settings["redirects"] = Detected(options["redirects"], name)
    packages = set(module.imports[n][0] for n in module.imports)
    project.settings["sitemap"] = Detected("@astrojs/sitemap" in packages, name)
    uses_math = any(plugin in packages for plugin in MATH_PLUGINS)
    if uses_math or "markdown" in options:
        project.settings["math"] = Detected(uses_math, name)
    styles = [CALLOUT_PLUGINS[p] for p in markdown_plugins(module, node) if p in CALLOUT_PLUGINS]
    if styles:
        project.settings["callout_style"] = Detected(styles[0], name)


def markdown_plugins(module: Module, config: Node) -> list[str]:
    """The packages (a local module: its file name) of `markdown.remarkPlugins` and
    `rehypePlugins`, in order; a plugin is a name, `[name, options]` or `name(options)`."""
    found = []
    lists = pairs(config, "markdown", "remarkPlugins") + pairs(config, "markdown", "rehypePlugins")
    for plugins in lists:
        for item in (unwrap(child) for child in plugins.named_children):
            if item.type == "array" and item.named_children:
                item = unwrap(item.named_children[0])
            if item.type == "call_expression":
                item = unwrap(item.child_by_field_name("function") or item)
            if item.type == "identifier" and text(item) in module.imports:
                specifier = module.imports[text(item)][0]
                local = specifier.startswith(".")
                found.append(specifier.rsplit("/", 1)[-1].split(".")[0] if local else specifier)
    return found


def pairs(node: Node, *keys: str) -> list[Node]:
    """The value of `keys[0]: { keys[1]: … }` in an object literal, if written there."""
    for key in keys:
        if node.type != "object":
            return []
        values = [
            unwrap(child.child_by_field_name("value"))
            for child in node.named_children
            if child.type == "pair" and property_name(child) == key
        ]
        if not values:
            return []
        node = values[-1]
    return [node] if node.type == "array" else []


def property_name(pair: Node) -> str:
    key = pair.child_by_field_name("key")
    return string_value(key) if key is not None and key.type == "string" else text(key)


def read_package_json(root: Path, project: AstroProject) -> None:
    path = root / "package.json"
    if not path.is_file():
        return
    try:
        package = json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError):
        return
    for section in ("dependencies", "devDependencies"):
        version = (package.get(section) or {}).get("astro")
        if isinstance(version, str):
            major = re.search(r"(\d+)", version)
            if major:
                project.settings["astro_major"] = Detected(int(major.group(1)), "package.json")
            return


def read_collections_and_routes(root: Path, project: AstroProject) -> None:
    """Collections from the content config, routes from src/pages; a collection no route
    renders is data (an authors list, tag metadata): it is read by no page, so not built."""
    collections, source = read_collections(root, project.modules)
    project.collections = collections
    project.content_config = source
    project.routes = read_routes(root, project.modules)
    names = [c.name for c in collections]
    for route in project.routes:
        if route.guesses and route.collection is None and route.kind in ("entry", "list", "tag"):
            folder = route.pattern.strip("/").split("/")[0]
            largest = max(collections, key=lambda c: _markdown_count(root / c.folder), default=None)
            route.collection = folder if folder in names else (largest.name if largest else None)
    rendered = {r.collection for r in project.routes if r.kind in ("entry", "list", "tag")}
    for collection in collections if (root / "src" / "pages").is_dir() else ():
        if collection.name not in rendered:
            project.skipped[collection.name] = "no route in src/pages renders it"


def read_theme_settings(root: Path, project: AstroProject) -> None:
    """The site's title and description from the theme's constants: `SITE_TITLE` and
    `SITE_DESCRIPTION` (the official template), or `SITE = { title, description }`."""
    for name in THEME_SETTINGS_NAMES:
        module = project.modules.load(root / name) if (root / name).is_file() else None
        if module is None:
            continue
        site = module.value(module.bindings["SITE"]) if "SITE" in module.bindings else None
        for constant, key in (("SITE_TITLE", "title"), ("SITE_DESCRIPTION", "description")):
            value = module.value(module.bindings[constant]) if constant in module.bindings else None
            if not isinstance(value, str) and isinstance(site, dict):
                value = site.get(key)
            if isinstance(value, str) and key not in project.settings:
                project.settings[key] = Detected(value, name)


def detect(root: Path) -> AstroProject | None:
    """Everything a static reading of the project gives, or None when it is not Astro."""
    config = find_config(root)
    if config is None or not (root / "src").is_dir():
        return None
    project = AstroProject(root=root, config_file=config.name, modules=Modules(root))
    read_astro_config(root, project)
    read_package_json(root, project)
    read_collections_and_routes(root, project)
    read_theme_settings(root, project)
    return project


def _markdown_count(folder: Path) -> int:
    if not folder.is_dir():
        return 0
    return sum(1 for p in folder.rglob("*") if p.suffix.lower() in (".md", ".mdx", ".markdown"))

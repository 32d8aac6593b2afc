"""Read an Astro project's settings statically, without running any of its JavaScript.

A folder with `astro.config.*` and `src/` is an Astro project. From its files we read what a
static reading can give — `site`, `base`, `trailingSlash`, `build.format`, whether remark-math /
rehype-katex are configured, the Astro major version, the collections' folders and the URL
patterns of its dynamic routes — and remember where each fact came from, so `build --verbose`
and `init --from-astro` can show it. Anything not written as a plain literal is left undetected
(and so at its default): we never guess from code we cannot evaluate.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

CONFIG_NAMES = ("astro.config.mjs", "astro.config.js", "astro.config.ts", "astro.config.mts",
                "astro.config.cjs")  # fmt: skip
CONTENT_CONFIG_NAMES = (
    "src/content.config.ts", "src/content.config.js", "src/content.config.mjs",
    "src/content/config.ts", "src/content/config.js", "src/content/config.mjs",
)  # fmt: skip
MATH_PLUGINS = ("remark-math", "remarkMath", "rehype-katex", "rehypeKatex", "rehype-mathjax")
# Theme settings files where Astrofy-like themes keep `GENERATE_SLUG_FROM_TITLE = true`.
THEME_SETTINGS_NAMES = ("src/config.ts", "src/config.js", "src/config.mjs", "src/consts.ts",
                        "src/consts.js", "src/site.config.ts")  # fmt: skip


@dataclass(frozen=True)
class Detected:
    """One fact read from the project, with the file it came from."""

    value: object
    source: str


@dataclass(frozen=True)
class AstroCollection:
    name: str
    folder: str  # relative to the project root, posix
    source: str  # where the folder was read from


@dataclass
class AstroProject:
    root: Path
    config_file: str
    settings: dict[str, Detected] = field(default_factory=dict)
    collections: list[AstroCollection] = field(default_factory=list)
    post_routes: dict[str, Detected] = field(default_factory=dict)  # route folder -> pattern
    tag_route: Detected | None = None
    # collection name -> its post route; collections left out (no route of theirs) -> why
    collection_routes: dict[str, Detected] = field(default_factory=dict)
    skipped: dict[str, str] = field(default_factory=dict)
    unread: list[str] = field(default_factory=list)  # files over MAX_CODE_BYTES

    def describe(self) -> list[str]:
        """Human-readable lines: what was detected and from where (for --verbose)."""
        lines = [f"Astro project detected ({self.config_file})"]
        lines += [f"  {name}: not read, larger than {MAX_CODE_BYTES} bytes" for name in self.unread]
        for key, fact in sorted(self.settings.items()):
            lines.append(f"  {key} = {fact.value!r}  (from {fact.source})")
        for collection in self.collections:
            lines.append(
                f"  collection {collection.name}: {collection.folder}/  (from {collection.source})"
            )
            if collection.name in self.skipped:
                lines.append(f"    not built: {self.skipped[collection.name]}")
            elif collection.name in self.collection_routes:
                fact = self.collection_routes[collection.name]
                lines.append(f"    post URLs {fact.value}  (from {fact.source})")
        if self.tag_route:
            lines.append(
                f"  tag URLs {self.tag_route.value}, tag names as written  "
                f"(from {self.tag_route.source})"
            )
        return lines


def find_config(root: Path) -> Path | None:
    for name in CONFIG_NAMES:
        if (root / name).is_file():
            return root / name
    return None


def is_astro_project(root: Path) -> bool:
    return find_config(root) is not None and (root / "src").is_dir()


def _string_option(text: str, key: str) -> str | None:
    """A top-level `key: 'literal'` in the config object (not inside a nested call)."""
    match = re.search(rf"(?<![\w.]){key}\s*:\s*(['\"`])([^'\"`$]*)\1", text)
    return match.group(2) if match else None


def strip_comments(text: str) -> str:
    """Remove JavaScript comments, leaving string literals alone (globs like '**/*.md' contain
    comment markers)."""
    out: list[str] = []
    i, n = 0, len(text)
    quote = ""
    while i < n:
        char = text[i]
        if quote:
            out.append(char)
            if char == "\\" and i + 1 < n:
                out.append(text[i + 1])
                i += 2
                continue
            if char == quote:
                quote = ""
            i += 1
        elif char in "'\"`":
            quote = char
            out.append(char)
            i += 1
        elif text.startswith("//", i):
            end = text.find("\n", i)
            i = n if end == -1 else end
        elif text.startswith("/*", i):
            end = text.find("*/", i + 2)
            i = n if end == -1 else end + 2
        else:
            out.append(char)
            i += 1
    return "".join(out)


# The regular expressions below backtrack over unclosed calls: a 320 KiB content config of
# unclosed `defineCollection(` took 20 s. Real configs are a few KiB; a bigger file is not read
# (it is named in `--verbose`'s list; blogforge.toml can say what it would have).
MAX_CODE_BYTES = 64 * 1024


def read_code(path: Path, project: AstroProject) -> str:
    """A project file's text without comments, or "" (noted) when it is over the bound."""
    with open(path, "rb") as stream:
        data = stream.read(MAX_CODE_BYTES + 1)
    if len(data) > MAX_CODE_BYTES:
        project.unread.append(path.name)
        return ""
    return strip_comments(data.decode("utf-8", errors="replace"))


def read_astro_config(root: Path, project: AstroProject) -> None:
    path = root / project.config_file
    text = read_code(path, project)
    name = project.config_file
    for key in ("site", "base", "trailingSlash"):
        value = _string_option(text, key)
        if value is not None:
            project.settings[key] = Detected(value, name)
    build_block = re.search(r"build\s*:\s*\{([^{}]*)\}", text)
    if build_block:
        fmt = _string_option(build_block.group(1), "format")
        if fmt is not None:
            project.settings["build.format"] = Detected(fmt, name)
    markdown_block = re.search(r"markdown\s*:\s*\{", text)
    uses_math = any(plugin in text for plugin in MATH_PLUGINS)
    if markdown_block or uses_math:
        project.settings["math"] = Detected(uses_math, name)


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


def read_collections(root: Path, project: AstroProject) -> None:
    """Collections from the content config's glob `base` literals, else src/content/<name>/."""
    for name in CONTENT_CONFIG_NAMES:
        path = root / name
        if not path.is_file():
            continue
        text = read_code(path, project)
        for match in re.finditer(
            r"(?:const|let)\s+(\w+)\s*=\s*defineCollection\(\s*\{(.*?)\}\s*\)\s*;?",
            text,
            flags=re.DOTALL,
        ):
            base = re.search(r"base\s*:\s*(['\"])([^'\"]+)\1", match.group(2))
            if base:
                folder = base.group(2).removeprefix("./").rstrip("/")
                project.collections.append(AstroCollection(match.group(1), folder, name))
        if project.collections:
            return
    content = root / "src" / "content"
    if content.is_dir():
        for folder in sorted(p for p in content.iterdir() if p.is_dir()):
            if not folder.name.startswith(("_", ".")):
                project.collections.append(
                    AstroCollection(folder.name, f"src/content/{folder.name}", "src/content/")
                )


ROUTE_PARAM = re.compile(r"^\[(\.\.\.)?(\w+)\]$")


def read_routes(root: Path, project: AstroProject) -> None:
    """Post and tag URL patterns from conventional dynamic routes under src/pages."""
    pages = root / "src" / "pages"
    if not pages.is_dir():
        return
    for path in sorted(pages.rglob("*.astro")):
        rel = path.relative_to(pages).with_suffix("")
        parts = list(rel.parts)
        if parts and parts[-1] == "index":
            parts = parts[:-1]
        params = [ROUTE_PARAM.match(p) for p in parts]
        if len(params) == 1 and params[0] is not None and params[0].group(2) == "page":
            source = f"src/pages/{path.relative_to(pages).as_posix()}"
            project.settings.setdefault("paginate_home", Detected(True, source))  # `/`, `/2/`
            continue
        if params and params[-1] is not None and params[-1].group(2) == "page":
            parts, params = parts[:-1], params[:-1]  # `tag/[tag]/[...page]`: pages of a tag
        if not parts or params[-1] is None:
            continue  # a static page, or a paginated list of all posts
        name = params[-1].group(2)
        static_parts = [p for p, m in zip(parts, params, strict=True) if m is None]
        source = f"src/pages/{path.relative_to(pages).as_posix()}"
        prefix = "/" + "/".join(static_parts) + "/" if static_parts else "/"
        if any(p in ("tag", "tags", "category", "categories") for p in static_parts):
            if project.tag_route is None and name in ("tag", "id", "slug"):
                project.tag_route = Detected(f"{prefix}{{tag}}/", source)
            continue
        if name in ("slug", "id", "post"):
            project.post_routes.setdefault(
                "/".join(static_parts), Detected(f"{prefix}{{slug}}/", source)
            )


def read_theme_settings(root: Path, project: AstroProject) -> None:
    """What themes keep in src/consts.ts or src/config.ts as literals: the site's title and
    description (`SITE_TITLE`, `SITE_DESCRIPTION`, as the official blog template names them) and
    Astrofy's `GENERATE_SLUG_FROM_TITLE = true` (posts at a slug of the title, not the id)."""
    for name in THEME_SETTINGS_NAMES:
        path = root / name
        if not path.is_file():
            continue
        text = read_code(path, project)
        match = re.search(r"\bGENERATE_SLUG_FROM_TITLE\s*=\s*(true|false)\b", text)
        if match and "slug_from_title" not in project.settings:
            project.settings["slug_from_title"] = Detected(match.group(1) == "true", name)
        for constant, key in (("SITE_TITLE", "title"), ("SITE_DESCRIPTION", "description")):
            literal = re.search(
                rf"""\b{constant}\s*=\s*(?:'([^'\n]*)'|"([^"\n]*)"|`([^`$]*)`)""", text
            )
            if literal and key not in project.settings:
                value = next(group for group in literal.groups() if group is not None)
                project.settings[key] = Detected(value, name)


def match_routes(project: AstroProject) -> None:
    """Give each collection its post route: the route in the folder of its name
    (`src/pages/blog/[slug].astro` for `blog`). A single route left over (`posts/[slug].astro`
    for collection `blog`, `[...slug].astro` at the root) goes to the largest collection left.
    When src/pages has post routes, a collection without one has no pages in the Astro site
    (authors, an about entry) and is not built as posts — unless several routes are left over,
    where we cannot tell which serves it, and it keeps the default URL."""
    routes = project.post_routes
    unmatched = []
    for collection in project.collections:
        route = routes.get(collection.name)
        if route is not None:
            project.collection_routes[collection.name] = route
        else:
            unmatched.append(collection)
    used = {routes[c.name].source for c in project.collections if c.name in routes}
    leftover = [route for route in routes.values() if route.source not in used]
    if unmatched and len(leftover) == 1:
        largest = max(unmatched, key=lambda c: (_markdown_count(project.root / c.folder), c.name))
        project.collection_routes[largest.name] = leftover[0]
        unmatched.remove(largest)
    if not routes or len(leftover) > 1:
        return
    for collection in unmatched:
        project.skipped[collection.name] = "no post route for it in src/pages"


def _markdown_count(folder: Path) -> int:
    if not folder.is_dir():
        return 0
    return sum(1 for p in folder.rglob("*") if p.suffix.lower() in (".md", ".mdx", ".markdown"))


def detect(root: Path) -> AstroProject | None:
    """Everything a static reading of the project gives, or None when it is not Astro."""
    config = find_config(root)
    if config is None or not (root / "src").is_dir():
        return None
    project = AstroProject(root=root, config_file=config.name)
    read_astro_config(root, project)
    read_package_json(root, project)
    read_collections(root, project)
    read_routes(root, project)
    read_theme_settings(root, project)
    match_routes(project)
    return project

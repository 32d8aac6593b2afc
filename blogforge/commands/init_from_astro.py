"""`blogforge init --from-astro DIR`: write DIR/blogforge.toml from what the Astro project says.

Detection already happens on every build; writing it down lets the user review it, fix what a
static reading got wrong (a theme that slugifies tags, a route we could not infer) and keep the
site building the same way if the Astro files go away. Every setting is written explicitly —
detected or Astro's default — with a comment saying where it came from, so the file alone
reproduces the build. An existing blogforge.toml is never overwritten.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path

from blogforge.astro.project import CONFIG_NAMES, AstroProject, detect
from blogforge.commands.requirements_file import write_requirements
from blogforge.config import CONFIG_FILE, CollectionConfig, Config, config_values

HEADER = """\
# blogforge settings for this Astro project, written by `blogforge init --from-astro`.
# Each value was read from the project's files (without running them) or is Astro's default;
# the comment after it says which. Edit freely: this file overrides what blogforge detects.
# `blogforge build -v` prints what was detected on each build.
"""


def toml_value(value: object) -> str:
    """A TOML literal for a string, bool or int (JSON's string escapes are valid TOML)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(toml_value(item) for item in value) + "]"
    if isinstance(value, int):
        return str(value)
    return json.dumps(str(value), ensure_ascii=False)


class TomlWriter:
    """Lines of the file: `key = value  # where it came from`."""

    def __init__(self) -> None:
        self.lines: list[str] = [HEADER]

    def setting(self, key: str, value: object, origin: str) -> None:
        self.lines.append(f"{key} = {toml_value(value)}  # {origin}")

    def comment(self, text: str) -> None:
        self.lines.append(f"# {text}")

    def blank(self) -> None:
        self.lines.append("")

    def text(self) -> str:
        return "\n".join(self.lines).rstrip("\n") + "\n"


def origin(project: AstroProject, key: str, default: str = "Astro's default") -> str:
    """Where a setting came from, for the comment after it."""
    fact = project.settings.get(key)
    if fact is None:
        return default
    if key == "math":
        plugins = "remark-math / rehype-katex" if fact.value else "no math plugin"
        return f"from {fact.source}: {plugins} in markdown settings"
    if key == "astro_major":
        return f"from {fact.source}: astro {fact.value} (its heading-id rule)"
    return f"from {fact.source}: {key} = {fact.value!r}"


def render_toml(project: AstroProject) -> str:
    """The blogforge.toml text capturing everything detected in `project`."""
    values = config_values(project)
    defaults = Config()
    out = TomlWriter()

    def get(key: str) -> object:
        return values.get(key, getattr(defaults, key))

    out.comment("The site")
    for key in ("title", "description"):
        if key in values:
            out.setting(key, values[key], origin(project, key))
        else:
            out.comment(f"{key} = {toml_value(getattr(defaults, key))}  # not found in src/")
    if "site" in values:
        out.setting("site", values["site"], origin(project, "site"))
    else:
        out.comment('site = "https://example.com"  # not in astro.config: feeds need it')
    out.setting("base", get("base"), origin(project, "base"))
    out.setting(
        "trailing_slash",
        get("trailing_slash"),
        origin(project, "trailingSlash", "Astro's default ('ignore'): links end with /"),
    )
    out.setting("build_format", get("build_format"), origin(project, "build.format"))
    home = next((r for r in project.routes_of("list") if r.pattern == "/{page}/"), None)
    out.setting(
        "paginate_home",
        get("paginate_home"),
        f"from {home.where}" if home else "no src/pages/[...page].astro: latest posts only",
    )
    sized = [r for r in project.routes_of("list", "tag") if r.page_size]
    out.setting(
        "page_size",
        get("page_size"),
        f"from {sized[0].where}: paginate pageSize" if sized else "no paginate() in src/pages",
    )
    write_outputs(out, project, get)
    out.blank()
    out.comment("Markdown")
    major = "astro_major"
    out.setting("heading_ids", get("heading_ids"), origin(project, major, "Astro >= 6 rule"))
    out.setting("math", get("math"), origin(project, "math", "no remark-math in astro.config: off"))
    callouts = project.settings.get("callout_style")
    out.setting(
        "callouts",
        get("callouts"),
        f"from {callouts.source}: a callout plugin" if callouts else "no callout plugin: off",
    )
    if callouts:
        out.setting("callout_style", get("callout_style"), origin(project, "callout_style"))
    out.blank()
    out.comment("Folders (relative to this file)")
    out.setting("content_dir", get("content_dir"), "Astro's content folder")
    out.setting("static_dir", get("static_dir"), "Astro's public/, copied as it is")
    if "pages_dir" in values:
        out.setting("pages_dir", values["pages_dir"], "Markdown pages routed by file path")
    out.blank()
    out.comment("Tags")
    tags = project.routes_of("tag")
    tag_origin = f"from {tags[0].where}" if tags else "no tag route in src/pages: no tag pages"
    out.setting("tag_url", get("tag_url"), tag_origin)
    index = "a page at" if get("tags_index") else "no page at"
    out.setting("tags_index", get("tags_index"), f"{index} the tag route's folder")
    paginates = "calls" if get("paginate_tags") else "does not call"
    out.setting("paginate_tags", get("paginate_tags"), f"the tag route {paginates} paginate()")
    tag_slug = get("tag_slug")
    slug_note = (
        'the route\'s param is the tag name; use "slug" if the theme slugifies tags'
        if tag_slug == "verbatim"
        else "github-slugger of the tag name"
    )
    out.setting("tag_slug", tag_slug, slug_note)
    if values.get("unprefixed_locale"):
        out.setting("unprefixed_locale", values["unprefixed_locale"], origin(project, "i18n"))
    for page in values.get("astro_pages", ()):
        out.comment(f"not built, it needs Astro: {page}")
    collections: tuple[CollectionConfig, ...] = values.get("collections", ())  # type: ignore[assignment]
    for collection in collections:
        write_collection(out, project, collection)
    for name, reason in project.skipped.items():
        out.blank()
        out.comment(f"collection {name!r} is not built: {reason}")
    if values.get("redirects"):
        out.blank()
        source = project.settings["redirects"].source
        out.lines.append(f"[redirects]  # from {source} (a [param] source is left out)")
        for source, target in values["redirects"]:
            out.lines.append(f"{json.dumps(source)} = {json.dumps(target)}")
    return out.text()


def write_outputs(out: TomlWriter, project: AstroProject, get: Callable[[str], object]) -> None:
    """Feeds, sitemap, robots.txt and 404: written where the project has a route for them."""
    feeds = project.routes_of("feed")
    silent = [r.file for r in project.routes_of("nothing")]
    where = ", ".join(r.where for r in feeds) or "no feed endpoint in src/pages"
    if silent:
        where += f"; no GET export (Astro writes nothing): {', '.join(silent)}"
    out.setting("feeds", list(get("feeds")), where)  # type: ignore[call-overload]
    feed = str(get("feed_collection"))
    note = "the collection the feed (or paginated home) lists" if feed else "every built post"
    out.setting("feed_collection", feed, note)
    sitemap = project.settings.get("sitemap")
    note = f"from {sitemap.source}: @astrojs/sitemap" if sitemap else "no astro.config"
    out.setting("sitemap", get("sitemap"), note)
    robots = project.routes_of("robots")
    note = robots[0].where if robots else "no robots.txt endpoint (a public/ copy stays)"
    out.setting("robots_txt", get("robots_txt"), note)
    missing = project.routes_of("not_found")
    out.setting("not_found_page", get("not_found_page"), "src/pages/404.astro" if missing
                else "no src/pages/404.*")  # fmt: skip
    feed_note = "as @astrojs/rss writes them: descriptions (true: each new post's full HTML)"
    out.setting("feed_content", get("feed_content"), feed_note)
    ours = "not an Astro page of the project; set to true to add blogforge's"
    out.setting("archive", get("archive"), ours)
    out.setting("search", get("search"), ours)


def write_collection(out: TomlWriter, project: AstroProject, collection: CollectionConfig) -> None:
    found = next(c for c in project.collections if c.name == collection.name)
    route = project.entry_route(collection.name)
    out.blank()
    out.lines.append(f"[collections.{toml_key(collection.name)}]")
    out.setting("folder", collection.folder, f"from {found.where}")
    out.setting(
        "url",
        collection.url_pattern,
        f"from {route.where}" if route else "no route found in src/pages: /<collection>/<id>/",
    )
    rule = f"from {route.where}: the param is made of the " if route else ""
    made_of = {"title": "title (a slug helper)", "frontmatter": "frontmatter slug, else the id"}
    note = rule + made_of.get(collection.slug, "entry id")
    out.setting("slug", collection.slug, note)
    if collection.requires is not None:
        required = ", ".join(collection.requires) or "nothing"
        out.comment(f"schema ({collection.schema or 'none'}) requires: {required}")


def toml_key(name: str) -> str:
    bare = name.replace("-", "").replace("_", "")
    return name if bare.isascii() and bare.isalnum() else json.dumps(name)


def init_from_astro(project_dir: Path) -> int:
    """Write DIR/blogforge.toml; 0 on success, 1 (with a message on stderr) otherwise."""
    root = project_dir.resolve()
    if not root.is_dir():
        print(
            f"error: {project_dir}: expected an Astro project folder, found none", file=sys.stderr
        )
        return 1
    project = detect(root)
    if project is None:
        names = ", ".join(CONFIG_NAMES)
        print(
            f"error: {project_dir}: not an Astro project: expected one of {names} and a src/ "
            "folder",
            file=sys.stderr,
        )
        return 1
    target = root / CONFIG_FILE
    if target.exists():
        print(
            f"error: {target}: already exists; left as it is (rename or delete it to write a "
            "new one from the Astro project)",
            file=sys.stderr,
        )
        return 1
    target.write_text(render_toml(project), encoding="utf-8")
    print(f"wrote {target}")
    requirements = write_requirements(root)
    if requirements is not None:
        print(f"wrote {requirements} (the blogforge release to build with, for deploys)")
    for line in project.describe():
        print(line)
    print(f"review it, then run: blogforge build --root {project_dir}")
    return 0

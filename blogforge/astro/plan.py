"""From what was read of an Astro project to blogforge's settings: the build plan.

Each collection that a route renders becomes a collection of pages at that route's pattern,
with its schema's rules; a collection no route renders is data and is not built. Lists, tag
pages, the tags index, feeds, the sitemap, robots.txt and 404 exist when the project has a
route (or integration) for them, so a build writes no page Astro would not. `.astro` pages
with nothing behind them that we could build are listed, for one warning.
"""

from __future__ import annotations

from typing import Any

from blogforge.astro.collections import Collection
from blogforge.astro.project import AstroProject
from blogforge.astro.routes import LOCALE_PARAMS, PageRoute

DATE_KEYS = ("pubDate", "date", "pubDatetime", "published", "publishDate", "createdAt")


def astro_settings(project: AstroProject) -> dict[str, Any]:
    settings = project.settings
    values: dict[str, Any] = {
        "content_dir": "src/content",
        "static_dir": "public",
        "math": bool(settings["math"].value) if "math" in settings else False,
        # The project's own pages are the URL set: none of ours that Astro would not write,
        # and feeds as @astrojs/rss writes them (descriptions, no full content).
        "search": False,
        "archive": False,
        "feed_content": False,
    }
    if (project.root / "src" / "pages").is_dir():
        values["pages_dir"] = "src/pages"
    if "callout_style" in settings:  # the config names a callout plugin: its syntax and markup
        values["callouts"] = True
        values["callout_style"] = str(settings["callout_style"].value)
    for key in ("title", "description"):
        if key in settings:
            values[key] = str(settings[key].value)
    if "site" in settings:
        values["site"] = str(settings["site"].value).rstrip("/")
    if "base" in settings:
        values["base"] = str(settings["base"].value)
    if "trailingSlash" in settings and settings["trailingSlash"].value in ("always", "never"):
        values["trailing_slash"] = settings["trailingSlash"].value
    if "build.format" in settings and settings["build.format"].value == "file":
        values["build_format"] = "file"
    if "astro_major" in settings:
        values["heading_ids"] = "astro5" if int(str(settings["astro_major"].value)) <= 5 else (
            "astro6"
        )  # fmt: skip
    i18n = settings.get("i18n")
    if i18n is not None and isinstance(i18n.value, dict) and not i18n.value["prefixDefaultLocale"]:
        values["unprefixed_locale"] = i18n.value["defaultLocale"]
    values.update(route_settings(project))
    return values


def route_settings(project: AstroProject) -> dict[str, Any]:
    values: dict[str, Any] = {}
    guesses: list[str] = []
    routes = project.routes
    lists = project.routes_of("list")
    static_paths = {r.pattern for r in project.routes_of("astro_page", "home")}
    built: set[str] = set()
    collections = []
    no_pages = not (project.root / "src" / "pages").is_dir()
    for collection in project.collections:
        entry = project.entry_route(collection.name)
        if entry is None and no_pages:  # nothing to read: each collection at /<name>/<id>/
            entry = PageRoute("", 1, f"/{collection.name}/{{slug}}/", "entry", slug="id")
        if entry is None:
            continue
        built.add(entry.pattern)
        prefix = entry.pattern.split("{", 1)[0]
        has_list = no_pages or any(r.collection == collection.name and r.pattern.startswith(prefix)
                       for r in lists) or (prefix != "/" and prefix in static_paths)  # fmt: skip
        if has_list:
            built.add(prefix)
        collections.append(collection_values(collection, entry, has_list))
    values["collections"] = collections
    home_list = next((r for r in lists if r.pattern == "/{page}/"), None)
    sized = [r.page_size for r in lists + project.routes_of("tag") if r.page_size]
    if sized:
        values["page_size"] = sized[0]
    if home_list is not None:
        values["paginate_home"] = True
        values["feed_collection"] = home_list.collection
    tags = project.routes_of("tag")
    if tags:
        tag = tags[0]
        pattern = tag.pattern.replace("{page}/", "")
        name = pattern[pattern.index("{") + 1 : pattern.index("}")]
        values["tag_url"] = pattern.replace("{" + name + "}", "{tag}")
        values["tag_slug"] = "slug" if tag.slug == "slug" else "verbatim"
        index = pattern.split("{", 1)[0]
        values["tags_index"] = index in static_paths
        values["paginate_tags"] = tag.page_size is not None
        built.add(index)
    else:
        values["tag_url"] = ""
        values["tags_index"] = False
    feeds = project.routes_of("feed")
    for feed in (r for r in feeds if "{" in r.pattern):  # one feed per param value
        feed.guesses.append(
            f"{feed.where}: a feed per {feed.pattern} param is not built "
            '(list the files in blogforge.toml: feeds = ["en/rss.xml", ...])'
        )
    values["feeds"] = tuple(r.pattern.lstrip("/") for r in feeds if "{" not in r.pattern)
    if feeds and feeds[0].collection and "feed_collection" not in values:
        values["feed_collection"] = feeds[0].collection
    sitemap = project.settings.get("sitemap")
    values["sitemap"] = bool(sitemap.value) if sitemap else False
    redirects = project.settings.get("redirects")
    pairs = sorted(redirect_pairs(redirects.value)) if redirects else []
    values["redirects"] = tuple((s, t) for s, t in pairs if "[" not in s)
    dynamic = [s for s, _ in pairs if "[" in s]
    if redirects and dynamic:  # the pages a `[param]` source matches are Astro's to know
        guesses.append(f"{redirects.source}: redirects from {', '.join(dynamic)} not built "
                       "(list each old path in blogforge.toml [redirects])")  # fmt: skip
    values["robots_txt"] = bool(project.routes_of("robots")) or no_pages
    values["not_found_page"] = bool(project.routes_of("not_found")) or no_pages
    built.add("/")
    values["astro_pages"] = tuple(
        r.file for r in routes if r.kind in ("astro_page", "endpoint") and r.pattern not in built
    )
    rendered = {c["name"] for c in collections}
    guesses += [n for c in project.collections if c.name in rendered for n in c.notes]
    values["warnings"] = tuple(g for r in routes for g in r.guesses) + tuple(guesses)
    return values


def collection_values(collection: Collection, entry: PageRoute, has_list: bool) -> dict[str, Any]:
    fields = collection.fields
    names = [part.split("}")[0] for part in entry.pattern.split("{")[1:]]
    param = next((n for n in reversed(names) if n not in LOCALE_PARAMS), names[-1])
    pattern = entry.pattern
    for locale in LOCALE_PARAMS:
        pattern = pattern.replace("{" + locale + "}", "{lang}")
    return {
        "name": collection.name,
        "folder": collection.folder,
        "url": pattern.replace("{" + param + "}", "{slug}"),
        "slug": entry.slug if entry.slug in ("title", "frontmatter") else "id",
        # no schema: nothing required; a schema we cannot read: a blog post's rules (None)
        "requires": collection.required
        if fields is not None
        else (None if collection.schema_where else ()),
        "defaults": tuple(
            (k, tuple(v) if isinstance(v, list) else v)
            for k, v in sorted(collection.defaults().items())
            if not isinstance(v, dict)
        ),
        "hide": entry.filters,
        "schema": collection.schema_where,
        "list_page": has_list,
        "fields": tuple((f.name, f.kind, f.line) for f in fields or ()),
    }


def redirect_pairs(redirects: object) -> list[tuple[str, str]]:
    """`redirects: { '/old': '/new', '/x': { status: 302, destination: '/y' } }` as pairs."""
    pairs = []
    for source, target in redirects.items() if isinstance(redirects, dict) else ():
        if isinstance(target, dict):
            target = target.get("destination")
        if isinstance(source, str) and isinstance(target, str):
            pairs.append((source, target))
    return pairs

"""Redirect pages: a small HTML page at each old address that sends the browser on (a meta
refresh) and tells crawlers where the page went, as Astro's `redirects` do in a static build.

Old addresses come from the settings (`[redirects]`, or an Astro project's `redirects`) and
from posts' and pages' frontmatter (`aliases`, `redirect_from`: see `content.aliases`). An old
address must not be a page the site has: the redirect would replace it, so it is an error placed
at the frontmatter line or the settings line that declares it, as is an address declared twice.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any

from blogforge.config import setting_place
from blogforge.content.aliases import alias_site_path
from blogforge.content.model import Post
from blogforge.content.source import site_label
from blogforge.errors import ContentError
from blogforge.site.model import RenderedPost

if TYPE_CHECKING:
    from blogforge.site.routes import Planner, Route

REDIRECT_TEMPLATE = "redirect.html"
REDIRECTS_SOURCE = "redirects"  # Route.source of every redirect page


@dataclass(frozen=True)
class Redirect:
    """One old address: where it leads and where it was declared (for placed errors)."""

    path: str  # the old site path: "/old/" (a page) or "/old.html" (a file of that name)
    target: str  # a site path ("/posts/x/") or an absolute URL
    origin: str  # "content/posts/x.md", "blogforge.toml", "astro.config.mjs"
    line: int | None
    field: str  # "aliases", "redirect_from", "redirects"


def declared_redirects(planner: Planner, pages: Sequence[RenderedPost]) -> list[Redirect]:
    """Every redirect the site declares: the settings' first, then each post's and page's."""
    config = planner.config
    found = []
    for source, target in config.redirects:
        origin, line = setting_place(config.root, "redirects", source)
        found.append(Redirect(alias_site_path(source), target, origin, line, "redirects"))
    for post in [item.post for item in (*planner.site.posts, *pages)]:
        found += [_alias(planner, post, alias) for alias in post.aliases]
    return found


def _alias(planner: Planner, post: Post, alias: str) -> Redirect:
    key = next((k for k in ("aliases", "redirect_from") if k in post.field_lines), "aliases")
    origin = site_label(post.source.path, planner.config.root)
    return Redirect(alias, planner.post_path(post), origin, post.field_lines.get(key), key)


def redirect_file(planner: Planner, path: str) -> str:
    """The file of a redirect page: `/old/` as any page, `/old.html` as that very file."""
    return planner.urls.file_for(path) if path.endswith("/") else path.lstrip("/")


def redirect_routes(
    planner: Planner, taken: Sequence[Route], pages: Sequence[RenderedPost], route: type[Route]
) -> list[Route]:
    """A page per redirect whose old address is free; each other one is an error in
    `planner.errors`, placed where it was declared (`astro.plan` leaves out, with a warning,
    a `[param]` source: the pages it matches are only Astro's routes to know)."""
    urls = planner.urls
    files: dict[str, Route | Redirect] = {r.file: r for r in taken}
    routes = []
    for redirect in declared_redirects(planner, pages):
        file = redirect_file(planner, redirect.path)
        other = files.setdefault(file, redirect)
        if other is not redirect:
            planner.errors.append(_clash(redirect, other))
            continue
        link = redirect.target if "://" in redirect.target else urls.link(redirect.target)
        context = {"source": urls.link(redirect.path), "target": link}
        inputs = planner.inputs(REDIRECTS_SOURCE, f"{redirect.path}->{link}")
        make = partial(_context, context)
        routes.append(route(redirect.path, file, REDIRECT_TEMPLATE, make, REDIRECTS_SOURCE, inputs))
    return routes


def _context(context: dict[str, Any]) -> dict[str, Any]:
    return context


def _clash(redirect: Redirect, other: Route | Redirect) -> ContentError:
    if isinstance(other, Redirect):
        message = f"the old address {redirect.path} is already redirected by {other.origin}"
        hint = "declare each old address once"
    else:
        message = f"the old address {redirect.path} is already a page ({other.source}): "
        message += "a redirect there would replace it"
        hint = "remove this old address, or give that page another URL"
    return ContentError(redirect.origin, redirect.line, message, field=redirect.field, hint=hint)


def redirect_pairs(routes: Sequence[Route]) -> list[tuple[str, str]]:
    """(old link, target link) of every redirect page, in order: the `_redirects` file's lines."""
    pairs = []
    for route in routes:
        if route.source == REDIRECTS_SOURCE:
            context = route.context
            pairs.append((context["source"], context["target"]))
    return pairs

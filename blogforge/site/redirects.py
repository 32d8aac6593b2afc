"""Redirect pages: Astro's `redirects` in a static build are small HTML pages at the old path
that send the browser on (a meta refresh) and tell crawlers where the page went."""

from __future__ import annotations

from typing import TYPE_CHECKING

from blogforge.site.urls import UrlRules

if TYPE_CHECKING:
    from blogforge.site.routes import Route

REDIRECT_TEMPLATE = "redirect.html"


def redirect_routes(urls: UrlRules, make_route: type[Route], inputs: str) -> list[Route]:
    """A page per redirect (`astro.plan` leaves out, with a warning, a `[param]` source: the
    pages it matches are only Astro's routes to know)."""
    routes = []
    for source, target in urls.config.redirects:
        path = "/" + source.strip("/") + "/" if source.strip("/") else "/"
        link = target if "://" in target else urls.link(target)
        context = {"source": urls.link(path), "target": link}
        routes.append(
            make_route(path, urls.file_for(path), REDIRECT_TEMPLATE, lambda c=context: c,
                       "redirects", f"{inputs}:{source}->{target}")
        )  # fmt: skip
    return routes

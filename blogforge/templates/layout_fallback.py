"""Posts naming an Astro layout blogforge has no Jinja counterpart for get the default layout.

An Astro layout (`layout: '../../layouts/BlogPost.astro'`) is code we cannot run. An Astro blog
whose hundred posts name the same `BlogPost.astro` should still build, and say ONCE how to give
those posts a layout of their own (`layouts/BlogPost.html`). A missing `.html` layout stays an
error (the template engine reports it): that one is a typo in a blogforge site.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from blogforge.content.source import site_label
from blogforge.errors import Diagnostics, Problem
from blogforge.templates.engine import THEME_LAYOUTS

if TYPE_CHECKING:
    from blogforge.config import Config
    from blogforge.content.model import Post


def layout_template_name(layout: str) -> str:
    """The Jinja template a `layout:` value names: `../../layouts/Post.astro` -> `Post.html`
    (the template engine's rule)."""
    stem = layout.replace("\\", "/").rstrip("/").rsplit("/", 1)[-1]
    for suffix in (".astro", ".html", ".md"):
        stem = stem.removesuffix(suffix)
    return f"{stem}.html"


def with_default_for_astro_layouts(
    posts: list[Post], config: Config, diagnostics: Diagnostics
) -> list[Post]:
    """The posts, those naming a missing `.astro` layout switched to the default post layout;
    one warning per such layout, placed at the first post naming it."""
    folders = (config.layouts_path, THEME_LAYOUTS)
    users: dict[str, list[Post]] = {}
    for post in posts:
        if post.layout and post.layout.strip().lower().endswith(".astro"):
            name = layout_template_name(post.layout)
            if not any((folder / name).is_file() for folder in folders):
                users.setdefault(post.layout, []).append(post)
    if not users:
        return posts
    for layout, group in users.items():
        first = group[0]
        name = layout_template_name(layout)
        others = len(group) - 1
        plural = "s" if others > 1 else ""
        who = f"this post and {others} other post{plural} use" if others else "this post uses"
        diagnostics.warn(
            Problem(
                site_label(first.source.path, config.root),
                first.field_lines.get("layout"),
                f'"{layout}" is an Astro layout and {config.layouts_dir}/{name} does not exist: '
                f"{who} the default post layout",
                field="layout",
                hint=f"add {config.layouts_dir}/{name} (a Jinja template) for a layout of your own",
            )
        )
    fallback = {post.source.path for group in users.values() for post in group}
    return [replace(p, layout=None) if p.source.path in fallback else p for p in posts]

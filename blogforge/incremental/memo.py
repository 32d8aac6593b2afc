"""What the dev server keeps in memory between rebuilds, so a one-post edit costs one post.

Everything here is a shortcut to a result the build would compute anyway: files are re-parsed
when their size or mtime changes, a body is re-rendered when its text changes (or an image it
uses resolves differently), a post's digest is recomputed when its post, body or hero object
changes. A different configuration starts from empty.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import TYPE_CHECKING, Any

from blogforge.config import Config
from blogforge.content.model import Post
from blogforge.incremental.digests import digest
from blogforge.markdown import Rendered

if TYPE_CHECKING:  # the memo holds these; the render stage makes them
    from blogforge.render.pool import Resolved
    from blogforge.render.service import RenderService


@dataclass(frozen=True)
class PostVersion:
    """A post's digest as pages show it, kept with the values it was computed from: it stands
    while a rebuild hands over the very same post and body objects (re-made only when their
    file changed) and an equal hero."""

    post: Post
    rendered: Rendered
    hero: object
    digest: str
    # The post's view as other pages show it, and its digest, for the site-wide settings
    # (digest) it was made under: the view also shows tag counts and URL rules.
    view: dict[str, tuple[object, str]] = field(default_factory=dict, compare=False)

    def describes(self, item: Any) -> bool:
        """`item`: a site.model.RenderedPost (a layer above this one)."""
        return item.post is self.post and item.rendered is self.rendered and item.hero == self.hero


# Every field of a post but its Markdown, which pages show only rendered (as the HTML's digest).
# repr-ing ~9 KB of Markdown a post was three quarters of the cost of these digests.
_SHOWN_FIELDS = tuple(f.name for f in fields(Post) if f.name != "body")


def post_digest(post: Post, html_digest: str, hero: object) -> str:
    """A digest of one post as its own page shows it: its fields, rendered body and hero."""
    shown = repr([getattr(post, name) for name in _SHOWN_FIELDS])
    return digest(shown, html_digest, repr(hero))


@dataclass
class BuildMemo:
    config_key: str = ""
    readings: dict[Any, Any] = field(default_factory=dict)  # content.load_posts' memo
    bodies: dict[str, tuple[Rendered, Resolved]] = field(default_factory=dict)  # by body text
    versions: dict[Path, PostVersion] = field(default_factory=dict)  # by source path
    dated: dict[Path, Any] = field(default_factory=dict)  # content.git_dates' memo
    templates: Any = None  # the TemplateEngine, kept so Jinja compiles only changed layouts
    renderer: RenderService | None = None  # the process rendering a save's bodies

    def for_config(self, config: Config) -> BuildMemo:
        """This memo, emptied first if the settings changed since it was filled."""
        key = repr(config)
        if key != self.config_key:
            self.config_key = key
            self.readings.clear()
            self.bodies.clear()
            self.versions.clear()
            self.dated.clear()
            self.templates = None
            self.close()  # its worker knows the old settings
        return self

    def close(self) -> None:
        """Stop the renderer process (the dev server is stopping, or the settings changed)."""
        if self.renderer is not None:
            self.renderer.close()
        self.renderer = None

    def keep_only(self, bodies: set[str]) -> None:
        """Forget bodies no post has any more (the memo must not grow with every edit)."""
        for body in [b for b in self.bodies if b not in bodies]:
            del self.bodies[body]

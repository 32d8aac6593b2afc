"""What the dev server keeps in memory between rebuilds, so a one-post edit costs one post.

Everything here is a shortcut to a result the build would compute anyway: files are re-parsed
when their size or mtime changes, a body is re-rendered when its text changes (or an image it
uses resolves differently), a post's digest is recomputed when its post, body or hero object
changes. A different configuration starts from empty.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from blogforge.config import Config

if TYPE_CHECKING:  # the memo holds these; the render stage makes them
    from blogforge.markdown import Rendered
    from blogforge.render.pool import Resolved
    from blogforge.render.service import RenderService


@dataclass
class BuildMemo:
    config_key: str = ""
    readings: dict[Any, Any] = field(default_factory=dict)  # content.load_posts' memo
    bodies: dict[str, tuple[Rendered, Resolved]] = field(default_factory=dict)  # by body text
    versions: dict[Any, tuple[object, ...]] = field(default_factory=dict)  # routes.Planner's
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

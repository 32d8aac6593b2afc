"""blogforge: an Astro-compatible static blog generator in Python.

The public API is small on purpose: load a config, render Markdown, build a site.
Imports are lazy so that `blogforge --help` starts fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.2.0"

__all__ = ["__version__", "load_config", "render_markdown"]

if TYPE_CHECKING:  # pragma: no cover
    from blogforge.config import load_config
    from blogforge.markdown import render_markdown


def __getattr__(name: str) -> Any:
    if name == "load_config":
        # deferred: the package's API loads only what is asked for
        from blogforge.config import load_config

        return load_config
    if name == "render_markdown":
        # deferred: the package's API loads only what is asked for
        from blogforge.markdown import render_markdown

        return render_markdown
    raise AttributeError(name)

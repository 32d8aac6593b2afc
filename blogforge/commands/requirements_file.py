"""The blog's `requirements.txt`: the blogforge release it is built with, as one pinned line.

A blog's dependencies live in a file, not in its deploy workflow, so that every host installs
the same thing the same way (`python -m pip install -r requirements.txt` on GitHub Actions,
Netlify and Cloudflare Pages alike), so that GitHub's pip cache has a file to key on, and so
that pointing a blog at another blogforge (a fork, a git tag before a PyPI release) is a
one-line edit that no workflow needs to know about.
"""

from __future__ import annotations

from pathlib import Path

from blogforge import __version__

REQUIREMENTS = Path("requirements.txt")
GIT_INSTALL = f"blogforge @ git+https://github.com/<owner>/blogforge@v{__version__}"


def requirements_text() -> str:
    """The file's text: a pin on the running blogforge, and the line to use instead of it."""
    return (
        "# The Python packages this blog is built with. The deploy workflow installs them with\n"
        "# `python -m pip install -r requirements.txt` (and caches pip's downloads keyed on this\n"
        f"# file). blogforge {__version__} made this blog. To install blogforge from its git\n"
        "# repository instead of the package index, replace the line below with:\n"
        f"#   {GIT_INSTALL}\n"
        f"blogforge=={__version__}\n"
    )


def write_requirements(folder: Path) -> Path | None:
    """Write `folder/requirements.txt` unless one exists (it is the user's); the path or None."""
    target = folder / REQUIREMENTS
    if target.exists():
        return None
    target.write_text(requirements_text(), encoding="utf-8")
    return target

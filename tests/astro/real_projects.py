"""The four complete Astro projects of ../shared/astro-projects, built in place, and the URL sets
a real Astro build wrote for them (`ASTRO-BUILD/urls.txt`), to compare with ours."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.site_build.helpers import REPO

PROJECTS = REPO.parent / "shared" / "astro-projects"
NAMES = ("astro-blog-template", "astrofy", "erudite-gigio", "fuwari-demo")
NOT_THE_PROJECT = ("ASTRO-BUILD", "node_modules", "dist", ".astro")


def copy_project(name: str, target: Path) -> Path:
    """A copy of the project without Astro's output, so the build runs in place on it."""
    shutil.copytree(PROJECTS / name, target, ignore=shutil.ignore_patterns(*NOT_THE_PROJECT))
    return target


def astro_urls(name: str) -> set[str]:
    """The URLs a real Astro build wrote (pages, feeds, sitemaps, public text files)."""
    text = (PROJECTS / name / "ASTRO-BUILD" / "urls.txt").read_text(encoding="utf-8")
    return {line.strip() for line in text.splitlines() if line.strip()}


def written_urls(dist: Path, public: Path) -> set[str]:
    """Our output as URLs in urls.txt's spelling: `x/index.html` -> `/x/`, `404.html` ->
    `/404`, other non-asset files by path. Files copied from public/ are left out unless
    they are text files urls.txt lists (robots.txt, ads.txt), as Astro's list does, and so
    are the theme's assets in `_blogforge/`, as Astro's `_astro/` are."""
    urls = set()
    for path in dist.rglob("*"):
        if not path.is_file():
            continue
        rel = path.relative_to(dist).as_posix()
        if rel.startswith("_blogforge/"):  # the theme's own assets (its math font's licence)
            continue
        if rel.endswith("index.html"):
            urls.add("/" + rel.removesuffix("index.html"))
        elif rel.endswith(".html"):
            urls.add("/" + rel.removesuffix(".html"))
        elif rel.endswith((".xml", ".txt", ".json", ".webmanifest")):
            urls.add("/" + rel)
    return urls

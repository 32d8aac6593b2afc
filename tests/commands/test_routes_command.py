"""`blogforge routes` on the real Astrofy project and on a hand-made one with a guessed route."""

from __future__ import annotations

from pathlib import Path

import pytest

from blogforge.cli import main
from tests.astro.projects import write_project
from tests.astro.real_projects import PROJECTS, copy_project


def routes(root: Path, capsys: pytest.CaptureFixture[str]) -> list[str]:
    capsys.readouterr()
    assert main(["routes", "--root", str(root)]) == 0
    return [" ".join(line.split()) for line in capsys.readouterr().out.splitlines()]


@pytest.mark.skipif(not PROJECTS.is_dir(), reason="needs ../shared/astro-projects")
def test_astrofy_routes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lines = routes(copy_project("astrofy", tmp_path / "astrofy"), capsys)
    assert lines == [
        "/404/ src/pages/404.astro:1 404 1 page",
        "/blog/{page}/ src/pages/blog/[...page].astro:7 list of blog, 10 a page 1 page",
        "/blog/{slug}/ src/pages/blog/[slug].astro:7 entries of blog, title 3 pages",
        "/blog/tag/{tag}/{page}/ src/pages/blog/tag/[tag]/[...page].astro:7 tags of blog, "
        "verbatim, 10 a page 2 pages (2 tags)",
        "/cv/ src/pages/cv.astro:1 needs Astro (its code makes it): not built",
        "/ src/pages/index.astro:1 home 1 page",
        "/projects/ src/pages/projects.astro:1 needs Astro (its code makes it): not built",
        "/rss.xml src/pages/rss.xml.js:1 exports `get`, not GET: Astro >= 3 writes nothing",
        "/services/ src/pages/services.astro:1 needs Astro (its code makes it): not built",
        "/store/{page}/ src/pages/store/[...page].astro:6 list of store, 10 a page 1 page",
        "/store/{slug}/ src/pages/store/[slug].astro:6 entries of store, slug 3 pages",
    ]


def test_a_guessed_route_is_marked(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = write_project(
        tmp_path,
        {
            "astro.config.mjs": "export default defineConfig({ site: 'https://x.org' });\n",
            "src/content/notes/a.md": "---\ntitle: A\npubDate: 2024-01-01\n---\nText\n",
            "src/pages/notes/[slug].astro": "---\nconst { entry } = Astro.props;\n---\n",
        },
    )
    lines = routes(root, capsys)
    assert lines[0] == "/notes/{slug}/ src/pages/notes/[slug].astro:1 entries of notes, id 1 page"
    assert lines[1].startswith("guess: getStaticPaths not read; guessed: entry route")
    assert lines[-1] == "1 route guessed: set them in blogforge.toml"

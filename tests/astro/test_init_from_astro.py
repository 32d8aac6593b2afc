"""`blogforge init --from-astro DIR` writes a reviewable blogforge.toml that, on its own,
reproduces the build blogforge would make from the Astro project's files."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from blogforge.cli import main
from tests.astro.projects import build, lay_out_corpus, write_project
from tests.conformance.corpora import require_corpora

ASTRO_FILES = ("astro.config.mjs", "package.json", "src/config.ts")


def built_pages(dist: Path) -> set[str]:
    return {p.relative_to(dist).as_posix() for p in dist.rglob("*.html")}


@pytest.mark.corpora
def test_the_written_file_alone_rebuilds_the_same_site(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Astrofy (slug from the title, tags as written, /blog/tag/<tag>/): build from the Astro
    files, write blogforge.toml, delete the Astro files, build again: the same pages."""
    require_corpora()
    root = lay_out_corpus("astrofy-arthurgr", tmp_path / "blog")
    for post in ("post12", "post7", "post8", "post9"):  # heroes the snapshot left out
        text = (root / f"src/content/blog/{post}.md").read_text(encoding="utf-8")
        lines = [line for line in text.splitlines() if not line.startswith("heroImage:")]
        (root / f"src/content/blog/{post}.md").write_text("\n".join(lines) + "\n", "utf-8")
    first = build(root, capsys)
    assert first.code == 0, first.err
    detected_pages = built_pages(first.dist)
    assert "blog/ojo-caliente/index.html" in detected_pages

    capsys.readouterr()
    assert main(["init", "--from-astro", str(root)]) == 0
    printed = capsys.readouterr().out
    assert f"wrote {root / 'blogforge.toml'}" in printed
    text = (root / "blogforge.toml").read_text(encoding="utf-8")
    settings = tomllib.loads(text)
    assert settings["site"] == "https://www.arthur-revelski.com"
    assert settings["tag_url"] == "/blog/tag/{tag}/"
    assert settings["tag_slug"] == "verbatim"
    assert settings["collections"]["blog"] == {
        "folder": "src/content/blog",
        "url": "/blog/{slug}/",
        "slug": "title",
    }
    assert (
        'slug = "title"  # from src/pages/blog/[slug].astro:6: the param is made of the title '
        "(a slug helper)" in text
    )
    assert 'url = "/blog/{slug}/"  # from src/pages/blog/[slug].astro:6' in text
    assert "page_size = 10  # from src/pages/blog/[...page].astro:5: paginate pageSize" in text
    assert (settings["feeds"], settings["sitemap"], settings["robots_txt"]) == ([], True, False)

    for name in ASTRO_FILES:
        (root / name).unlink()
    second = build(root, capsys)
    assert second.code == 0, second.err
    assert "Astro project detected" not in second.out
    assert built_pages(second.dist) == detected_pages


def test_an_existing_blogforge_toml_is_never_overwritten(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = write_project(
        tmp_path,
        {
            "astro.config.mjs": "export default defineConfig({ site: 'https://x.org' });\n",
            "src/content/blog/a.md": "---\ntitle: A\npubDate: 2024-01-01\n---\nText\n",
            "blogforge.toml": "# mine\n",
        },
    )
    capsys.readouterr()
    assert main(["init", "--from-astro", str(root)]) == 1
    err = capsys.readouterr().err
    assert f"error: {root / 'blogforge.toml'}: already exists; left as it is" in err
    assert "Traceback" not in err
    assert (root / "blogforge.toml").read_text(encoding="utf-8") == "# mine\n"


def test_a_folder_that_is_not_an_astro_project(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_project(tmp_path, {"content/posts/a.md": "---\ntitle: A\n---\n"})
    capsys.readouterr()
    assert main(["init", "--from-astro", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert "not an Astro project: expected one of astro.config.mjs" in err
    assert not (tmp_path / "blogforge.toml").exists()


def test_settings_not_detected_are_written_as_astro_defaults(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = write_project(
        tmp_path,
        {
            "astro.config.mjs": "export default defineConfig({ trailingSlash: 'never' });\n",
            "src/consts.ts": "export const SITE_TITLE = 'Notes \"and\" more';\n",
            "src/content/posts/a.md": "---\ntitle: A\npubDate: 2024-01-01\n---\nText\n",
        },
    )
    assert main(["init", "--from-astro", str(root)]) == 0
    text = (root / "blogforge.toml").read_text(encoding="utf-8")
    settings = tomllib.loads(text)
    assert settings["title"] == 'Notes "and" more'
    assert settings["trailing_slash"] == "never"
    assert (settings["base"], settings["build_format"], settings["math"]) == (
        "/",
        "directory",
        False,
    )
    assert settings["collections"]["posts"]["url"] == "/posts/{slug}/"
    assert '# site = "https://example.com"  # not in astro.config: feeds need it' in text
    result = build(root, capsys)
    assert result.code == 0, result.err
    assert (result.dist / "posts" / "a" / "index.html").is_file()

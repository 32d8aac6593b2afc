"""Caches and incremental builds change how much work a build does, never what it writes.

Every rebuild here is compared, file for file, with a clean build of the same inputs made
serially with no cache at all (`workers=1, use_cache=False`), and its counters say exactly what
was redone: bodies rendered, pages templated, images encoded.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image

import blogforge
import blogforge.incremental.store
from blogforge.build import BuildResult, build
from blogforge.config import load_config
from blogforge.incremental.fingerprints import code_fingerprint, toolchain
from blogforge.render.pool import PARALLEL_MINIMUM
from tests.site_build.helpers import copy_example_site, snapshot


def clean_build(root: Path, tmp_path: Path) -> dict[str, bytes]:
    """The reference: the same site built serially, with no cache, into a fresh copy."""
    reference = tmp_path / "reference"
    if reference.exists():
        shutil.rmtree(reference)
    shutil.copytree(root, reference, ignore=shutil.ignore_patterns("dist", ".blogforge-cache"))
    result = build(load_config(reference), workers=1, use_cache=False)
    assert result.ok, result.diagnostics.errors
    assert not (reference / ".blogforge-cache").exists(), "a clean build must not write a cache"
    return snapshot(reference / "dist")


def rebuild(root: Path) -> BuildResult:
    result = build(load_config(root))
    assert result.ok, result.diagnostics.errors
    return result


def many_posts_site(target: Path, copies: int) -> Path:
    """The example blog with each post copied `copies` times (enough to use the worker pool)."""
    root = copy_example_site(target)
    posts = root / "content" / "posts"
    for post in sorted(posts.glob("*.md")):
        text = post.read_text("utf-8")
        for number in range(copies):
            body = text.replace("title:", f"title: Copy {number} of", 1)
            (posts / f"{post.stem}-copy-{number}.md").write_text(body, "utf-8")
    return root


def test_parallel_cached_builds_equal_a_serial_uncached_build(tmp_path: Path) -> None:
    root = many_posts_site(tmp_path / "site", copies=6)
    first = build(load_config(root), workers=2)
    assert first.ok and first.bodies_rendered >= PARALLEL_MINIMUM, "the worker pool was used"
    reference = clean_build(root, tmp_path)
    assert snapshot(root / "dist") == reference
    second = build(load_config(root), workers=2)
    assert second.up_to_date and second.pages == first.pages
    assert snapshot(root / "dist") == reference
    # Cached bodies, fresh templates: force every page to be made again from the caches.
    shutil.rmtree(root / "dist")
    third = build(load_config(root), workers=2)
    assert third.bodies_rendered == 0 and third.bodies_cached == first.posts
    assert third.pages_rendered == first.pages
    assert snapshot(root / "dist") == reference


def test_nothing_changed_means_nothing_done_and_nothing_touched(tmp_path: Path) -> None:
    root = copy_example_site(tmp_path / "site")
    first = rebuild(root)
    before = {p: p.stat().st_mtime_ns for p in (root / "dist").rglob("*") if p.is_file()}
    again = rebuild(root)
    assert again.up_to_date and (again.pages, again.posts) == (first.pages, first.posts)
    assert list(again.timings) == ["check"]
    after = {p: p.stat().st_mtime_ns for p in (root / "dist").rglob("*") if p.is_file()}
    assert after == before


def test_a_hand_edited_output_file_is_rebuilt_not_trusted(tmp_path: Path) -> None:
    root = copy_example_site(tmp_path / "site")
    rebuild(root)
    reference = snapshot(root / "dist")
    page = root / "dist/posts/writing-math/index.html"
    page.write_text("defaced", "utf-8")
    result = rebuild(root)
    assert not result.up_to_date and result.pages_rendered == 1
    assert snapshot(root / "dist") == reference


def test_editing_a_post_redoes_only_what_shows_it(tmp_path: Path) -> None:
    root = copy_example_site(tmp_path / "site")
    first = rebuild(root)
    post = root / "content/posts/writing-math.md"
    post.write_text(post.read_text("utf-8") + "\nA new closing line.\n", "utf-8")
    result = rebuild(root)
    assert (result.bodies_rendered, result.bodies_cached) == (1, result.posts - 1)
    assert result.images_encoded == 0
    # Only its page: the lists, tag pages, archive and its neighbours show its title, date,
    # excerpt and reading time, and a closing line changed none of them.
    assert result.pages_rendered == 1
    assert result.pages_kept == first.pages - 1
    assert snapshot(root / "dist") == clean_build(root, tmp_path)
    assert "A new closing line." in (root / "dist/posts/writing-math/index.html").read_text()
    # A new title shows everywhere the post is listed: its page, its neighbours' pages, the
    # lists, the tag pages and the archive are made again.
    post.write_text(post.read_text("utf-8").replace("title:", "title: Renamed,", 1), "utf-8")
    retitled = rebuild(root)
    assert 4 < retitled.pages_rendered < first.pages
    assert snapshot(root / "dist") == clean_build(root, tmp_path)
    assert "Renamed," in (root / "dist/archive/index.html").read_text()


def test_a_rebuild_reads_each_post_file_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The up-to-date check reads every post to fingerprint it; the load takes those bytes
    rather than reading each post again."""
    root = copy_example_site(tmp_path / "site")
    rebuild(root)
    post = root / "content/posts/writing-math.md"
    post.write_text(post.read_text("utf-8") + "\nA new closing line.\n", "utf-8")
    reads: list[Path] = []
    read_bytes = Path.read_bytes

    def counted(path: Path) -> bytes:
        if path.suffix == ".md":
            reads.append(path)
        return read_bytes(path)

    monkeypatch.setattr(Path, "read_bytes", counted)
    result = rebuild(root)
    assert result.ok and result.bodies_rendered == 1
    assert result.posts > 1 and reads and len(reads) == len(set(reads)), sorted(reads)
    assert snapshot(root / "dist") == clean_build(root, tmp_path)


def test_editing_a_layout_re_renders_the_pages_using_it(tmp_path: Path) -> None:
    root = copy_example_site(tmp_path / "site")
    first = rebuild(root)
    layout = root / "layouts/MarkdownLayout.html"
    users = [
        p.name
        for p in (root / "content/posts").rglob("*.md")
        if "MarkdownLayout" in p.read_text("utf-8")
    ]
    assert users, "the example site has posts with the Markdown layout"
    layout.write_text(layout.read_text("utf-8") + "\n{# edited #}\n", "utf-8")
    result = rebuild(root)
    assert result.bodies_rendered == 0
    assert result.pages_rendered == len(users) < first.pages
    assert snapshot(root / "dist") == clean_build(root, tmp_path)


def test_editing_a_theme_layout_the_site_shadows_re_renders_pages_using_it(
    tmp_path: Path,
) -> None:
    root = copy_example_site(tmp_path / "site")
    first = rebuild(root)
    theme_list = Path(blogforge.__file__).parent / "theme/layouts/list.html"
    (root / "layouts/list.html").write_text(
        theme_list.read_text("utf-8").replace("{% endblock %}", "<p>shadowed</p>{% endblock %}"),
        "utf-8",
    )
    result = rebuild(root)
    lists = [p for p in (root / "dist").rglob("*.html") if "<p>shadowed</p>" in p.read_text()]
    assert result.pages_rendered == len(lists) > 0 and result.pages_rendered < first.pages
    assert snapshot(root / "dist") == clean_build(root, tmp_path)


def test_a_config_value_change_re_renders_every_page(tmp_path: Path) -> None:
    root = copy_example_site(tmp_path / "site")
    first = rebuild(root)
    config = root / "blogforge.toml"
    text = config.read_text("utf-8")
    assert 'title = "' in text
    config.write_text(text.replace('title = "', 'title = "Renamed ', 1), "utf-8")
    result = rebuild(root)
    assert result.bodies_rendered == 0, "a title does not change how Markdown renders"
    assert result.pages_rendered == first.pages
    assert snapshot(root / "dist") == clean_build(root, tmp_path)


def test_a_math_option_change_re_renders_every_body(tmp_path: Path) -> None:
    root = copy_example_site(tmp_path / "site")
    first = rebuild(root)
    config = root / "blogforge.toml"
    config.write_text(config.read_text("utf-8").replace("math = true", "math = false"), "utf-8")
    result = rebuild(root)
    assert result.bodies_rendered == first.posts
    assert "<math" not in (root / "dist/posts/writing-math/index.html").read_text("utf-8")
    assert snapshot(root / "dist") == clean_build(root, tmp_path)


def test_changing_an_inline_image_redoes_its_post_and_its_variant(tmp_path: Path) -> None:
    root = copy_example_site(tmp_path / "site")
    rebuild(root)
    figure = root / "content/posts/images-in-posts/figure.png"
    Image.new("RGB", (640, 320), (200, 30, 30)).save(figure)
    result = rebuild(root)
    assert result.bodies_rendered == 1 and result.images_encoded == 1
    page = (root / "dist/posts/images-in-posts/index.html").read_text("utf-8")
    assert 'width="640"' in page and 'height="320"' in page
    assert snapshot(root / "dist") == clean_build(root, tmp_path)


def test_changing_a_hero_image_re_encodes_its_variants_only(tmp_path: Path) -> None:
    root = copy_example_site(tmp_path / "site")
    first = rebuild(root)
    hero = root / "static/post_img.webp"
    Image.new("RGB", (1200, 600), (10, 120, 200)).save(hero, "WEBP")
    result = rebuild(root)
    assert result.bodies_rendered == 0
    assert 0 < result.images_encoded < first.images_encoded + first.images_cached
    assert snapshot(root / "dist") == clean_build(root, tmp_path)


def upgrade_blogforge(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(blogforge, "__version__", "99.0.0")
    monkeypatch.setattr(blogforge.incremental.store, "__version__", "99.0.0")


def upgrade_pygments(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pygments 99.0 as installed: its dist-info folder is where its version is read from."""
    real = os.listdir

    def listing(folder: str) -> list[str]:
        return [re.sub(r"(?i)^pygments-[^-]+\.dist-info$", "pygments-99.0.dist-info", entry)
                for entry in real(folder)]  # fmt: skip

    monkeypatch.setattr(os, "listdir", listing)


@pytest.mark.parametrize("upgrade", [upgrade_blogforge, upgrade_pygments])
def test_an_upgrade_redoes_everything(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, upgrade: Callable[[pytest.MonkeyPatch], None]
) -> None:
    root = copy_example_site(tmp_path / "site")
    first = rebuild(root)
    upgrade(monkeypatch)
    code_fingerprint.cache_clear()
    toolchain.cache_clear()
    try:
        result = rebuild(root)
    finally:
        monkeypatch.undo()
        code_fingerprint.cache_clear()
        toolchain.cache_clear()
    assert result.bodies_rendered == first.posts
    assert result.pages_rendered == first.pages
    if upgrade is upgrade_blogforge:  # image variants are keyed by blogforge's and Pillow's
        assert result.images_encoded == first.images_encoded + first.images_cached
    assert snapshot(root / "dist") == clean_build(root, tmp_path)


def test_deleting_the_cache_rebuilds_the_same_site(tmp_path: Path) -> None:
    root = copy_example_site(tmp_path / "site")
    first = rebuild(root)
    cold = snapshot(root / "dist")
    shutil.rmtree(root / ".blogforge-cache")
    again = rebuild(root)
    assert again.bodies_rendered == first.posts
    assert snapshot(root / "dist") == cold


def test_deleting_a_post_removes_its_page_and_updates_the_lists(tmp_path: Path) -> None:
    root = copy_example_site(tmp_path / "site")
    first = rebuild(root)
    (root / "content/posts/footnotes-and-citations.md").unlink()
    result = rebuild(root)
    assert result.posts == first.posts - 1
    assert not (root / "dist/posts/footnotes-and-citations").exists()
    assert snapshot(root / "dist") == clean_build(root, tmp_path)


def test_a_failed_rebuild_keeps_the_previous_site_and_the_next_good_one_matches(
    tmp_path: Path,
) -> None:
    root = copy_example_site(tmp_path / "site")
    rebuild(root)
    before = snapshot(root / "dist")
    post = root / "content/posts/writing-math.md"
    good = post.read_text("utf-8")
    post.write_text(good.replace("title:", "title: [unclosed", 1), "utf-8")
    assert not build(load_config(root)).ok
    assert snapshot(root / "dist") == before
    post.write_text(good + "\nFixed.\n", "utf-8")
    rebuild(root)
    assert snapshot(root / "dist") == clean_build(root, tmp_path)

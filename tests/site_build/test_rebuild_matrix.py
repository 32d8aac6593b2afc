"""Every skip-work rule at once: each change, rebuilt by `build` (cached) and by `serve` (in
memory, in place), gives the very files a clean, serial, uncached build of the same sources gives.

The rules live in `blogforge/incremental/` (and the template engine's refresh); this matrix is
their proof. A serve case waits for the dev server's output to settle on the clean build's
files: it fails (with the difference) if it never does within a generous time.
"""

from __future__ import annotations

import io
import os
import shutil
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image

from blogforge.build import build
from blogforge.config import load_config
from blogforge.serve.server import SERVE_OUT_DIR
from tests.serve.conftest import RunningServer, serving
from tests.site_build.helpers import copy_example_site, snapshot
from tests.site_build.test_incremental import clean_build

SETTLE_SECONDS = 60  # a hang guard, never a speed requirement

POST = "content/posts/tables-and-task-lists.md"
FIGURE = "content/posts/images-in-posts/figure.png"
SHADOW = '{% extends "base.html" %}\n{% block main %}<p id="shadow">{{ page.title }}</p>\n'
SHADOW += "{% endblock %}\n"


def example_site(tmp_path: Path) -> Path:
    root = copy_example_site(tmp_path / "site")
    settings = root / "blogforge.toml"
    settings.write_text(
        settings.read_text().replace('image_formats = ["webp", "avif"]', 'image_formats = ["webp"]')
    )
    return root


def edit_a_post(root: Path) -> None:
    post = root / POST
    post.write_text(post.read_text() + "\nOne more paragraph.\n")


def add_a_layout_shadowing_the_theme(root: Path) -> None:
    (root / "layouts/post.html").write_text(SHADOW)


def remove_the_shadowing_layout(root: Path) -> None:
    (root / "layouts/post.html").unlink()


def add_a_static_file(root: Path) -> None:
    (root / "static/notes.txt").write_text("new\n")


def remove_a_static_file(root: Path) -> None:
    (root / "static/notes.txt").unlink()


def rename_a_static_file(root: Path) -> None:
    (root / "static/notes.txt").rename(root / "static/renamed.txt")


def change_the_config(root: Path) -> None:
    settings = root / "blogforge.toml"
    settings.write_text(settings.read_text().replace('title = "blogforge"', 'title = "Renamed"'))


def write_callouts_in_githubs_markup(root: Path) -> None:
    settings = root / "blogforge.toml"
    settings.write_text(settings.read_text() + 'callouts = true\ncallout_style = "github"\n')
    post = root / POST
    post.write_text(post.read_text() + "\n:::tip[A tip]\nTipped.\n:::\n\n> [!NOTE]\n> Noted.\n")


def switch_the_callout_style(root: Path) -> None:
    settings = root / "blogforge.toml"
    text = settings.read_text().replace('callout_style = "github"', 'callout_style = "fuwari"')
    settings.write_text(text)


def move_a_post_to_another_collection(root: Path) -> None:
    (root / "content/notes").mkdir()
    (root / POST).rename(root / "content/notes" / Path(POST).name)


def delete_a_post(root: Path) -> None:
    (root / POST).unlink()


def add_an_alias(root: Path) -> None:
    post = root / POST
    post.write_text(post.read_text().replace("---\n", '---\naliases: ["/old-tables/"]\n', 1))


def add_hand_written_redirects(root: Path) -> None:
    (root / "static/_redirects").write_text("/shop https://shop.example.org 302\n")


def turn_on_tag_feeds(root: Path) -> None:
    settings = root / "blogforge.toml"
    settings.write_text("tag_feeds = true\n" + settings.read_text())


def rewrite_keeping_size_and_mtime(path: Path, data: bytes) -> None:
    """What `cp -p`, `rsync -t` or a restored backup do: new bytes, the old size and mtime."""
    before = path.stat()
    assert len(data) == before.st_size
    path.write_bytes(data)
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))


def restore_a_static_file_with_its_old_mtime(root: Path) -> None:
    favicon = root / "static/favicon.svg"
    data = favicon.read_bytes()
    assert b'fill="#0b5cad"' in data
    rewrite_keeping_size_and_mtime(favicon, data.replace(b'fill="#0b5cad"', b'fill="#ad0b5c"'))


def uncompressed_figure(colour: str) -> bytes:
    """The post's figure as a PNG whose size in bytes depends only on its dimensions."""
    buffer = io.BytesIO()
    Image.new("RGB", (1200, 675), colour).save(buffer, "PNG", compress_level=0)
    return buffer.getvalue()


def draw_the_figure_uncompressed(root: Path) -> None:
    (root / FIGURE).write_bytes(uncompressed_figure("red"))


def restore_the_figure_with_its_old_mtime(root: Path) -> None:
    rewrite_keeping_size_and_mtime(root / FIGURE, uncompressed_figure("blue"))


# Each case: the changes made before the change under test (built first), then that change.
CASES: dict[str, tuple[list[Callable[[Path], None]], Callable[[Path], None]]] = {
    "edit-post": ([], edit_a_post),
    "add-shadowing-layout": ([], add_a_layout_shadowing_the_theme),
    "remove-shadowing-layout": ([add_a_layout_shadowing_the_theme], remove_the_shadowing_layout),
    "add-static": ([], add_a_static_file),
    "remove-static": ([add_a_static_file], remove_a_static_file),
    "rename-static": ([add_a_static_file], rename_a_static_file),
    "config": ([], change_the_config),
    "callout-style": ([write_callouts_in_githubs_markup], switch_the_callout_style),
    "move-post-between-collections": ([], move_a_post_to_another_collection),
    "delete-post": ([], delete_a_post),
    "add-alias": ([], add_an_alias),
    "add-static-redirects": ([add_an_alias], add_hand_written_redirects),
    "turn-on-tag-feeds": ([], turn_on_tag_feeds),
    "edit-post-with-tag-feeds": ([turn_on_tag_feeds], edit_a_post),
    "restore-static-with-old-mtime": ([], restore_a_static_file_with_its_old_mtime),
    "restore-image-with-old-mtime": (
        [draw_the_figure_uncompressed],
        restore_the_figure_with_its_old_mtime,
    ),
}


def settled(server: RunningServer, expected: dict[str, bytes]) -> dict[str, bytes]:
    """The dev server's output once it equals `expected`, or as it is after the guard time."""
    out = server.root / SERVE_OUT_DIR
    deadline = time.monotonic() + SETTLE_SECONDS
    current = read_while_serving(out)
    while current != expected and time.monotonic() < deadline:
        time.sleep(0.05)
        current = read_while_serving(out)
    return current


def read_while_serving(out: Path) -> dict[str, bytes]:
    """A snapshot of a folder the dev server may be updating: a file it removes between the
    listing and the read means "not settled yet", so the listing is read again."""
    while True:
        try:
            return snapshot(out)
        except FileNotFoundError:
            time.sleep(0.01)


@pytest.mark.parametrize("case", list(CASES))
def test_a_cached_build_equals_a_clean_build(case: str, tmp_path: Path) -> None:
    root = example_site(tmp_path)
    before, change = CASES[case]
    for step in before:
        step(root)
    assert build(load_config(root)).ok
    change(root)
    result = build(load_config(root))
    assert result.ok, result.diagnostics.errors
    assert snapshot(root / "dist") == clean_build(root, tmp_path)


def clean_build_as_served(root: Path, tmp_path: Path) -> dict[str, bytes]:
    """A clean build, search index included: the dev server indexes the shards a rebuild
    changed in the background, and its output settles on the very same files."""
    return clean_build(root, tmp_path)


@pytest.mark.slow
@pytest.mark.parametrize("case", list(CASES))
def test_a_serve_rebuild_equals_a_clean_build(case: str, tmp_path: Path) -> None:
    root = example_site(tmp_path)
    before, change = CASES[case]
    for step in before:
        step(root)
    with serving(root) as server:
        first = clean_build_as_served(root, tmp_path)
        assert settled(server, first) == first
        change(root)
        expected = clean_build_as_served(root, tmp_path)
        assert settled(server, expected) == expected


@pytest.mark.slow
def test_serve_reports_a_layout_syntax_error_then_serves_the_fix(tmp_path: Path) -> None:
    """A new site layout with a syntax error is reported (the last good site stays served),
    and once fixed the site equals a clean build with that layout."""
    root = example_site(tmp_path)
    with serving(root) as server:
        good = settled(server, clean_build_as_served(root, tmp_path))
        epoch = server.state.epoch
        (root / "layouts/post.html").write_text('{% extends "base.html" %}\n{% block content %}\n')
        deadline = time.monotonic() + SETTLE_SECONDS
        while server.state.error is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert server.state.epoch > epoch
        assert server.state.error is not None
        assert any(p.path == "layouts/post.html" for p in server.state.error.problems)
        assert read_while_serving(root / SERVE_OUT_DIR) == good, (
            "a failed rebuild must change nothing"
        )
        add_a_layout_shadowing_the_theme(root)
        expected = clean_build_as_served(root, tmp_path)
        assert b'id="shadow"' in expected["posts/tables-and-task-lists/index.html"]
        assert settled(server, expected) == expected


def test_the_clean_reference_differs_when_a_layout_shadows_the_theme(tmp_path: Path) -> None:
    """The matrix can fail: the shadowing layout changes the clean build's post pages."""
    root = example_site(tmp_path)
    plain = clean_build(root, tmp_path)
    add_a_layout_shadowing_the_theme(root)
    shadowed = clean_build(root, tmp_path)
    page = "posts/tables-and-task-lists/index.html"
    assert plain[page] != shadowed[page]
    shutil.rmtree(tmp_path / "reference")

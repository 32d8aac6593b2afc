"""The spare tree (`output.spare`): each build after the second starts from the site before last
instead of a new folder. Every build of a chain of changes must still equal a clean build, file
for file, whatever happened to `dist/` and the spare in between."""

from __future__ import annotations

import shutil
from pathlib import Path

from blogforge.build import build
from blogforge.config import load_config
from blogforge.incremental.manifest import Manifest
from blogforge.incremental.store import CACHE_DIR_NAME
from blogforge.output.spare import spare_folder
from tests.site_build.helpers import snapshot
from tests.site_build.test_incremental import clean_build
from tests.site_build.test_rebuild_matrix import CASES, POST, edit_a_post, example_site

PAGE = "posts/tables-and-task-lists/index.html"


def built(root: Path) -> None:
    result = build(load_config(root))
    assert result.ok, result.diagnostics.errors


def spare_of(root: Path) -> Path:
    manifest = Manifest.for_output(root / CACHE_DIR_NAME, root / "dist")
    folder = spare_folder(manifest, root / "dist")
    assert folder is not None
    return folder


def test_every_build_of_a_chain_of_changes_equals_a_clean_build(tmp_path: Path) -> None:
    root = example_site(tmp_path)
    original = (root / POST).read_bytes()
    built(root)
    last = None
    for name, (before, change) in CASES.items():
        for step in (*[s for s in before if s is not last], change):  # `last` is in place
            step(root)
            built(root)
            assert snapshot(root / "dist") == clean_build(root, tmp_path), name
        if not (root / POST).exists():  # moved or deleted: back for the cases after it
            shutil.rmtree(root / "content/notes", ignore_errors=True)
            (root / POST).write_bytes(original)
            built(root)
        last = change
    assert spare_of(root).is_dir()
    assert not list(tmp_path.glob("site/.dist.*")), "no working folder left beside dist/"


def test_an_unchanged_page_is_the_same_file_in_the_site_and_its_spare(tmp_path: Path) -> None:
    """What makes the spare cheap: a page unchanged over two builds is not linked again."""
    root = example_site(tmp_path)
    built(root)
    for _ in range(3):
        edit_a_post(root)
        built(root)
    unchanged = "404.html"
    assert (root / "dist" / unchanged).stat().st_ino == (spare_of(root) / unchanged).stat().st_ino
    assert (root / "dist" / PAGE).stat().st_ino != (spare_of(root) / PAGE).stat().st_ino


def test_files_added_or_edited_by_hand_never_come_back_from_the_spare(tmp_path: Path) -> None:
    root = example_site(tmp_path)
    built(root)
    edit_a_post(root)
    built(root)  # the first site is now the spare; most pages are hard links shared by both
    (root / "dist/CNAME").write_text("blog.example.org\n")
    with (root / "dist/404.html").open("a") as page:  # writes through the shared link
        page.write("<p>hand edit</p>")
    (spare_of(root) / "stray.html").write_text("left by someone")
    edit_a_post(root)
    built(root)  # the CNAME site becomes the spare
    edit_a_post(root)
    built(root)  # and is recycled here
    output = snapshot(root / "dist")
    assert "CNAME" not in output and "stray.html" not in output
    assert b"hand edit" not in output["404.html"]
    assert output == clean_build(root, tmp_path)


def test_a_lost_or_damaged_spare_only_means_a_new_folder(tmp_path: Path) -> None:
    root = example_site(tmp_path)
    built(root)
    edit_a_post(root)
    built(root)
    spare = spare_of(root)
    (spare / "404.html").unlink()
    (spare / "posts").rename(spare / "moved-posts")
    edit_a_post(root)
    built(root)
    assert snapshot(root / "dist") == clean_build(root, tmp_path)
    shutil.rmtree(spare_of(root))
    edit_a_post(root)
    built(root)
    assert snapshot(root / "dist") == clean_build(root, tmp_path)


def test_without_a_cache_the_replaced_site_is_removed(tmp_path: Path) -> None:
    root = example_site(tmp_path)
    assert build(load_config(root), use_cache=False).ok
    edit_a_post(root)
    assert build(load_config(root), use_cache=False).ok
    assert not (root / CACHE_DIR_NAME).exists()
    assert sorted(p.name for p in root.iterdir() if p.name.startswith(".dist")) == []

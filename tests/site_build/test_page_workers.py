"""Pages made on two cores (`output.page_writer`): a forked child makes every other page. The
site must be the same, file for file, as one made in order by one process, and every error
the child meets must reach the build."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest

from blogforge.build import build
from blogforge.config import load_config
from blogforge.output import page_writer
from blogforge.output.writer import DirOutput
from tests.site_build.helpers import post_text, snapshot, write_site
from tests.site_build.test_incremental import clean_build

POSTS = 90  # with lists and tag pages, well over page_writer.FORK_MINIMUM pages
# Bodies long enough that a closing line changes no excerpt or reading time (only the post's page)


def many_posts(root: Path) -> Path:
    files = {
        f"content/posts/post-{n:03}.md": post_text(
            f"Post {n}",
            f"2023-{n % 12 + 1:02}-{n % 28 + 1:02}",
            f"Body of post {n}. " + "Words to read. " * 150,
            tags=f"[t{n % 7}]",
        )
        for n in range(POSTS)
    }
    return write_site(root, files)


@pytest.fixture
def forks(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many pages each forked child was given (proves the two-core path ran)."""
    given: list[int] = []
    real = page_writer.fork_maker

    def counting(output, templates, todo):  # type: ignore[no-untyped-def]
        given.append(len(todo))
        return real(output, templates, todo)

    monkeypatch.setattr(page_writer, "fork_maker", counting)
    return given


def test_pages_made_on_two_cores_equal_pages_made_in_order(
    tmp_path: Path, forks: list[int]
) -> None:
    root = many_posts(tmp_path / "site")
    result = build(load_config(root), workers=2)
    assert result.ok, result.diagnostics.errors
    assert forks and forks[0] >= page_writer.FORK_MINIMUM // 2
    assert result.pages_rendered == result.pages
    assert snapshot(root / "dist") == clean_build(root, tmp_path)
    # The child's files are in the build's records: the next build keeps them.
    post = root / "content/posts/post-041.md"
    post.write_text(post.read_text() + "\nA closing line.\n")
    edited = build(load_config(root), workers=2)
    assert (edited.pages_rendered, edited.pages_kept) == (1, result.pages - 1)
    assert snapshot(root / "dist") == clean_build(root, tmp_path)


def test_a_rebuild_of_every_page_into_the_spare_tree_equals_a_clean_build(
    tmp_path: Path, forks: list[int]
) -> None:
    root = many_posts(tmp_path / "site")
    layout = root / "layouts/post.html"
    layout.parent.mkdir(parents=True, exist_ok=True)
    for number in range(3):  # the third build recycles the first one's folder
        layout.write_text(f'{{% extends "base.html" %}}{{% block main %}}<p>v{number}</p>'
                          "{{ content }}{% endblock %}")  # fmt: skip
        result = build(load_config(root), workers=2)
        assert result.ok, result.diagnostics.errors
        assert snapshot(root / "dist") == clean_build(root, tmp_path)
    assert len(forks) == 3


def test_a_layout_error_met_by_both_processes_is_one_error_naming_every_page(
    tmp_path: Path, forks: list[int]
) -> None:
    root = many_posts(tmp_path / "site")
    (root / "layouts").mkdir()
    (root / "layouts/post.html").write_text(
        '{% extends "base.html" %}{% block main %}{{ nope() }}{% endblock %}\n'
    )
    parallel = build(load_config(root), workers=2)
    serial = build(load_config(root), workers=1)
    assert forks
    assert [p.format() for p in parallel.diagnostics.errors] == [
        p.format() for p in serial.diagnostics.errors
    ]
    (error,) = parallel.diagnostics.errors
    assert f"({POSTS} in all)" in error.format()
    assert not (root / "dist").exists()


def test_a_write_failing_in_the_child_fails_the_build_and_keeps_the_last_site(
    tmp_path: Path, forks: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = many_posts(tmp_path / "site")
    assert build(load_config(root), workers=2).ok
    before = snapshot(root / "dist")
    (root / "layouts").mkdir()
    (root / "layouts/post.html").write_text(
        '{% extends "base.html" %}{% block main %}changed{% endblock %}\n'
    )
    real = DirOutput._store
    parent = __import__("os").getpid()

    def full_disk_in_the_child(self, relative, key, *, data=None, source=None):  # type: ignore[no-untyped-def]
        if __import__("os").getpid() != parent:
            raise OSError(errno.ENOSPC, "No space left on device", relative)
        return real(self, relative, key, data=data, source=source)

    monkeypatch.setattr(DirOutput, "_store", full_disk_in_the_child)
    result = build(load_config(root), workers=2)
    assert len(forks) == 2
    assert not result.ok
    assert any("No space left on device" in p.format() for p in result.diagnostics.errors)
    assert snapshot(root / "dist") == before

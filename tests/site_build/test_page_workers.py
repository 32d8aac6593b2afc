"""Pages made on two cores (`output.page_writer`): a forked child makes every other page. The
site must be the same, file for file, as one made in order by one process, and every error
the child meets must reach the build.

A build forks only from a process running no other thread, and the test process may run some
(a dev server's, a browser driver's), so each build here runs in a fresh process (`fresh`),
which also counts the forks to prove the two-core path ran.
"""

from __future__ import annotations

import errno
import multiprocessing
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from blogforge.build import build
from blogforge.config import load_config
from blogforge.output import page_writer
from blogforge.output.writer import DirOutput
from tests.site_build.helpers import post_text, snapshot, write_site
from tests.site_build.test_incremental import clean_build

POSTS = 90  # with lists and tag pages, well over page_writer.FORK_MINIMUM pages
# Bodies long enough that a closing line changes no excerpt or reading time (only the post's page)
BODY = "Words to read. " * 150


def many_posts(root: Path) -> Path:
    files = {
        f"content/posts/post-{n:03}.md": post_text(
            f"Post {n}",
            f"2023-{n % 12 + 1:02}-{n % 28 + 1:02}",
            f"Post {n}. {BODY}",
            tags=f"[t{n % 7}]",
        )
        for n in range(POSTS)
    }
    return write_site(root, files)


def counted_build(root: str, disk_full_in_child: bool = False) -> dict[str, Any]:
    """One build with two workers, in this (fresh) process; what it did and how many forks."""
    given: list[int] = []
    real_fork, real_store = page_writer.fork_maker, DirOutput._store
    parent = os.getpid()

    def counting(output, templates, todo):  # type: ignore[no-untyped-def]
        given.append(len(todo))
        return real_fork(output, templates, todo)

    def store(self, relative, key, *, data=None, source=None):  # type: ignore[no-untyped-def]
        if disk_full_in_child and os.getpid() != parent:
            raise OSError(errno.ENOSPC, "No space left on device", relative)
        return real_store(self, relative, key, data=data, source=source)

    page_writer.fork_maker = counting  # type: ignore[assignment]
    DirOutput._store = store  # type: ignore[method-assign]
    result = build(load_config(Path(root)), workers=2)
    return {
        "forks": given,
        "ok": result.ok,
        "errors": [problem.format() for problem in result.diagnostics.errors],
        "pages": result.pages,
        "rendered": result.pages_rendered,
        "kept": result.pages_kept,
    }


def answer(sending: Any, function: Callable[..., dict[str, Any]], args: tuple[object, ...]) -> None:
    sending.send(function(*args))


def fresh(function: Callable[..., dict[str, Any]], *args: object) -> dict[str, Any]:
    """`function(*args)` in a new Python process (spawned: it runs one thread; not a pool's
    daemon, which could not start the build's own worker processes)."""
    context = multiprocessing.get_context("spawn")
    receiving, sending = context.Pipe(duplex=False)
    process = context.Process(target=answer, args=(sending, function, args))
    process.start()
    try:
        assert receiving.poll(HANG_GUARD), "the build in a fresh process never answered"
        return receiving.recv()
    finally:
        process.join(HANG_GUARD)


HANG_GUARD = 300  # seconds; never a speed requirement


def test_pages_made_on_two_cores_equal_pages_made_in_order(tmp_path: Path) -> None:
    root = many_posts(tmp_path / "site")
    result = fresh(counted_build, str(root))
    assert result["ok"], result["errors"]
    assert result["forks"] and result["forks"][0] >= page_writer.FORK_MINIMUM // 2
    assert result["rendered"] == result["pages"]
    assert snapshot(root / "dist") == clean_build(root, tmp_path)
    # The child's files are in the build's records: the next build keeps them.
    post = root / "content/posts/post-041.md"
    post.write_text(post.read_text() + "\nA closing line.\n")
    edited = fresh(counted_build, str(root))
    assert (edited["rendered"], edited["kept"]) == (1, result["pages"] - 1)
    assert snapshot(root / "dist") == clean_build(root, tmp_path)


def test_a_rebuild_of_every_page_into_the_spare_tree_equals_a_clean_build(tmp_path: Path) -> None:
    root = many_posts(tmp_path / "site")
    layout = root / "layouts/post.html"
    layout.parent.mkdir(parents=True, exist_ok=True)
    for number in range(3):  # the third build recycles the first one's folder
        layout.write_text(f'{{% extends "base.html" %}}{{% block main %}}<p>v{number}</p>'
                          "{{ content }}{% endblock %}")  # fmt: skip
        result = fresh(counted_build, str(root))
        assert result["ok"], result["errors"]
        assert result["forks"]
        assert snapshot(root / "dist") == clean_build(root, tmp_path)


def test_a_layout_error_met_by_both_processes_is_one_error_naming_every_page(
    tmp_path: Path,
) -> None:
    root = many_posts(tmp_path / "site")
    (root / "layouts").mkdir()
    (root / "layouts/post.html").write_text(
        '{% extends "base.html" %}{% block main %}{{ nope() }}{% endblock %}\n'
    )
    parallel = fresh(counted_build, str(root))
    serial = build(load_config(root), workers=1)
    assert parallel["forks"]
    assert parallel["errors"] == [p.format() for p in serial.diagnostics.errors]
    (error,) = parallel["errors"]
    assert f"({POSTS} in all)" in error
    assert not (root / "dist").exists()


def test_a_write_failing_in_the_child_fails_the_build_and_keeps_the_last_site(
    tmp_path: Path,
) -> None:
    root = many_posts(tmp_path / "site")
    assert fresh(counted_build, str(root))["ok"]
    before = snapshot(root / "dist")
    (root / "layouts").mkdir()
    (root / "layouts/post.html").write_text(
        '{% extends "base.html" %}{% block main %}changed{% endblock %}\n'
    )
    result = fresh(counted_build, str(root), True)
    assert result["forks"]
    assert not result["ok"]
    assert any("No space left on device" in error for error in result["errors"])
    assert snapshot(root / "dist") == before


def interrupted_build(root: str) -> dict[str, Any]:
    """A build interrupted (Ctrl-C) just after the child is forked, as the image encoders start."""
    from blogforge.images.pipeline import ImagePipeline

    children: list[int] = []
    real_fork = page_writer.fork_maker

    def recording(output, templates, todo):  # type: ignore[no-untyped-def]
        pid, reading = real_fork(output, templates, todo)
        children.append(pid)
        return pid, reading

    def interrupt(self, workers=None):  # type: ignore[no-untyped-def]
        raise KeyboardInterrupt

    page_writer.fork_maker = recording  # type: ignore[assignment]
    ImagePipeline.start_encoding = interrupt  # type: ignore[method-assign]
    try:
        build(load_config(Path(root)), workers=2)
    except KeyboardInterrupt:
        pass
    else:
        raise AssertionError("the build was not interrupted")
    try:
        os.kill(children[0], 0)
        alive = True
    except ProcessLookupError:
        alive = False
    return {"forks": len(children), "child_alive": alive}


def test_an_interrupt_as_the_child_starts_stops_it_and_leaves_no_working_folder(
    tmp_path: Path,
) -> None:
    root = many_posts(tmp_path / "site")
    result = fresh(interrupted_build, str(root))
    assert result == {"forks": 1, "child_alive": False}
    assert sorted(p.name for p in root.iterdir() if p.name.startswith(".dist")) == []
    assert not (root / "dist").exists()

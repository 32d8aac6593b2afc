"""Atomic output: the previous dist/ survives a failed build; nothing is written outside it."""

from __future__ import annotations

from pathlib import Path

import pytest

from blogforge.output.writer import DirOutput, OutsideOutputError, _write_new_file


def test_commit_replaces_the_old_output_whole(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    dist.mkdir()
    (dist / "stale.html").write_text("old")
    output = DirOutput(dist)
    output.write("posts/x/index.html", b"<p>new</p>")
    assert (dist / "stale.html").exists(), "the old site stays until the swap"
    output.commit()
    assert (dist / "posts/x/index.html").read_bytes() == b"<p>new</p>"
    assert not (dist / "stale.html").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dist"], "no temp folders left behind"


def test_abort_leaves_the_previous_output_untouched(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    dist.mkdir()
    (dist / "index.html").write_text("previous")
    output = DirOutput(dist)
    output.write("index.html", b"half")
    output.abort()
    assert (dist / "index.html").read_text() == "previous"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dist"]


@pytest.mark.parametrize("bad", ["../escape.html", "a/../../escape.html", "/etc/passwd"])
def test_refuses_paths_outside_the_output(tmp_path: Path, bad: str) -> None:
    output = DirOutput(tmp_path / "dist")
    with pytest.raises(OutsideOutputError):
        output.write(bad, b"x")
    output.abort()
    assert not (tmp_path / "escape.html").exists()


def test_copy_tree_copies_files_verbatim(tmp_path: Path) -> None:
    static = tmp_path / "static"
    (static / "img").mkdir(parents=True)
    (static / "img" / "a.bin").write_bytes(b"\x00\x01")
    (static / "robots.txt").write_text("hi")
    output = DirOutput(tmp_path / "dist")
    assert output.copy_tree(static) == 2
    assert output.copy_tree(static, "_theme") == 2
    output.commit()
    assert (tmp_path / "dist/img/a.bin").read_bytes() == b"\x00\x01"
    assert (tmp_path / "dist/_theme/robots.txt").read_text() == "hi"


def test_a_file_written_over_a_shared_link_leaves_the_other_name_alone(tmp_path: Path) -> None:
    """A page written where the build already put a file (a hard link to the previous site's
    copy) replaces that name only; its record is the new file's size and mtime."""
    previous = tmp_path / "previous.html"
    previous.write_bytes(b"the previous site's page")
    target = tmp_path / "index.html"
    target.hardlink_to(previous)
    record = _write_new_file(target, b"the new page", "key")
    assert previous.read_bytes() == b"the previous site's page"
    assert target.read_bytes() == b"the new page"
    status = target.stat()
    assert (record.key, record.size, record.mtime_ns) == ("key", 12, status.st_mtime_ns)
    assert status.st_nlink == 1

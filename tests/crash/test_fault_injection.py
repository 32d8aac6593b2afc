"""Fault injection: the disk fills up, permission is refused, the device fails, mid-build.

`open`, `io.open` and `os.open` are patched to raise ENOSPC, EACCES or EIO for files opened for
writing under the output folder's side or the cache, and the real build command runs in this
process (`-j 1`: no worker process escapes the patch). Each time: exit code 1, one placed
`error: file: why` line and no traceback, the previous `dist/` byte for byte, and the next
build (no fault) equals a clean build. Before issue 16 each of these printed a traceback.
"""

from __future__ import annotations

import builtins
import errno
import io
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from blogforge.cli import main
from tests.site_build.helpers import copy_example_site

FAULTS = {
    "ENOSPC": "No space left on device",
    "EACCES": "Permission denied",
    "EIO": "Input/output error",
}


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def refused_opens(
    monkeypatch: pytest.MonkeyPatch, refuse: Callable[[str, bool], bool], code: int
) -> list[str]:
    """Make every open of a path `refuse(path, for_writing)` accepts raise OSError(code), through
    `open`, `io.open` and `os.open`; returns the paths refused."""
    refused: list[str] = []
    real_open, real_os_open = builtins.open, os.open

    def check(path: Any, writing: bool) -> None:
        if isinstance(path, (str, bytes, os.PathLike)):
            name = os.fsdecode(path)
            if refuse(name, writing):
                refused.append(name)
                raise OSError(code, os.strerror(code), name)

    def patched_open(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        check(file, any(flag in mode for flag in "wax+"))
        return real_open(file, mode, *args, **kwargs)

    def patched_os_open(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        check(path, bool(flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT)))
        return real_os_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", patched_open)
    monkeypatch.setattr(io, "open", patched_open)
    monkeypatch.setattr(os, "open", patched_os_open)
    return refused


def failing_opens(
    monkeypatch: pytest.MonkeyPatch, hit: Callable[[str], bool], code: int
) -> list[str]:
    """Every open for writing of a path `hit` accepts raises OSError(code)."""
    return refused_opens(monkeypatch, lambda name, writing: writing and hit(name), code)


@pytest.mark.parametrize("where", ["output", "cache"])
@pytest.mark.parametrize("fault", sorted(FAULTS))
def test_a_failing_disk_loses_nothing_and_is_reported_in_place(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    fault: str,
    where: str,
) -> None:
    site = copy_example_site(tmp_path / "site")
    build = ["build", "--root", str(site), "-j", "1", "--quiet"]
    assert main(build) == 0
    before = snapshot(site / "dist")
    post = next((site / "content/posts").glob("*.md"))
    post.write_text(post.read_text("utf-8") + "\nA new paragraph.\n", "utf-8")
    capsys.readouterr()
    cache = f"{os.sep}.blogforge-cache{os.sep}"
    marker = f"{os.sep}.dist.building-" if where == "output" else cache
    with monkeypatch.context() as patch:
        refused = failing_opens(patch, lambda name: marker in name, getattr(errno, fault))
        code = main(build)
    out, err = capsys.readouterr()
    assert refused, "the fault was never injected: the test would prove nothing"
    assert code == 1, err
    assert "Traceback" not in out + err
    errors = [line for line in err.splitlines() if line.startswith("error: ")]
    assert len(errors) == 1, err
    assert FAULTS[fault] in errors[0]
    place = errors[0].removeprefix("error: ").split(": ", 1)[0]
    assert place.startswith(("dist/", ".blogforge-cache/")), errors[0]
    assert snapshot(site / "dist") == before, "a failed build changed dist/"
    assert not list(site.glob(".dist.building-*")), "the failed build's folder was left"
    assert main(build) == 0
    clean = copy_example_site(tmp_path / "clean")
    post_clean = clean / "content/posts" / post.name
    post_clean.write_text(post.read_text("utf-8"), "utf-8")
    assert main(["build", "--root", str(clean), "-j", "1", "--quiet", "--no-cache"]) == 0
    assert snapshot(site / "dist") == snapshot(clean / "dist")


def failing_reads(monkeypatch: pytest.MonkeyPatch, target: Path) -> list[str]:
    """Every open of `target` (for reading too) raises EACCES, as an unreadable file does for a
    user other than root (the tests run as root, where `chmod 000` changes nothing)."""
    wanted = os.fspath(target)
    return refused_opens(monkeypatch, lambda name, _writing: name == wanted, errno.EACCES)


@pytest.mark.parametrize(
    "unreadable",
    ["content/posts/tables-and-task-lists.md", "static/favicon.svg", "static/post_img.webp"],
    ids=["post", "static-file", "hero-image"],
)
def test_an_unreadable_file_is_one_placed_error_and_nothing_is_lost(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    unreadable: str,
) -> None:
    site = copy_example_site(tmp_path / "site")
    build = ["build", "--root", str(site), "-j", "1", "--quiet", "--no-cache"]
    assert main(build) == 0
    before = snapshot(site / "dist")
    capsys.readouterr()
    with monkeypatch.context() as patch:
        refused = failing_reads(patch, site / unreadable)
        code = main(build)
    out, err = capsys.readouterr()
    assert refused, "the file was never opened: the test would prove nothing"
    assert code == 1, err
    assert "Traceback" not in out + err
    errors = [line for line in err.splitlines() if line.startswith("error: ")]
    assert errors, err
    assert any(unreadable in line and "ermission denied" in line for line in errors), errors
    assert snapshot(site / "dist") == before, "a failed build changed dist/"

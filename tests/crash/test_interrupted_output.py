"""What a killed build leaves beside dist/ is repaired by the next one (output/writer.py)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from blogforge.output.swap import exchange, recover_interrupted
from blogforge.output.writer import DirOutput


def dead_pid() -> int:
    """The PID of a process that has exited."""
    process = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], stdout=-1)
    return int(process.stdout)


def site_folder(path: Path, marker: str) -> Path:
    path.mkdir()
    (path / "index.html").write_text(marker, encoding="utf-8")
    return path


def test_exchange_swaps_two_folders_in_one_step(tmp_path: Path) -> None:
    new = site_folder(tmp_path / "new", "new")
    dist = site_folder(tmp_path / "dist", "old")
    assert exchange(new, dist)  # Linux with renameat2, as on the CI machines
    assert (dist / "index.html").read_text() == "new"
    assert (new / "index.html").read_text() == "old"


def test_a_site_left_aside_between_two_renames_is_moved_back(tmp_path: Path) -> None:
    site_folder(tmp_path / f".dist.old-{dead_pid()}", "the last good site")
    recover_interrupted(tmp_path / "dist")
    assert (tmp_path / "dist/index.html").read_text() == "the last good site"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dist"]


def test_temp_folders_of_killed_builds_are_removed_running_ones_kept(tmp_path: Path) -> None:
    site_folder(tmp_path / "dist", "current")
    site_folder(tmp_path / f".dist.building-{dead_pid()}", "half a build")
    site_folder(tmp_path / f".dist.old-{dead_pid()}", "swapped out, not yet removed")
    running = site_folder(tmp_path / f".dist.building-{os.getppid()}", "a build still running")
    DirOutput(tmp_path / "dist")
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == sorted([running.name, "dist", f".dist.building-{os.getpid()}"])
    assert (tmp_path / "dist/index.html").read_text() == "current"

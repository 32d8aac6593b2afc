"""Writing the built site: into a temporary folder beside `dist/`, swapped in at the very end.

A failed or interrupted build therefore never leaves a half-written `dist/`: either the previous
site is still there, untouched, or the new one is complete.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path


class OutsideOutputError(ValueError):
    """A file was asked to be written outside the output folder."""


class DirOutput:
    """Collects the files of one build in a temp dir, then atomically replaces the output folder."""

    def __init__(self, out_path: Path) -> None:
        self.out_path = out_path.resolve()
        self.out_path.parent.mkdir(parents=True, exist_ok=True)
        self.temp_path = self.out_path.parent / f".{self.out_path.name}.building-{os.getpid()}"
        if self.temp_path.exists():
            shutil.rmtree(self.temp_path)
        self.temp_path.mkdir()
        self.files_written = 0

    def _target(self, relative: str) -> Path:
        target = (self.temp_path / relative).resolve()
        if not target.is_relative_to(self.temp_path):
            raise OutsideOutputError(f"refusing to write outside the output folder: {relative!r}")
        return target

    def write(self, relative: str, data: bytes) -> None:
        target = self._target(relative)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        self.files_written += 1

    def copy_tree(self, source: Path, relative: str = "") -> int:
        """Copy a folder's files verbatim (static assets); returns how many were copied."""
        if not source.is_dir():
            return 0
        destination = self._target(relative) if relative else self.temp_path
        count = 0
        for dirpath, dirnames, filenames in os.walk(source):
            dirnames.sort()
            rel_dir = Path(dirpath).relative_to(source)
            for name in sorted(filenames):
                target = destination / rel_dir / name
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(Path(dirpath) / name, target)
                count += 1
        self.files_written += count
        return count

    @property
    def root(self) -> Path:
        """Where files are being written now (the temp folder)."""
        return self.temp_path

    def commit(self) -> None:
        """Swap the finished build in: the old output is moved aside, then removed."""
        old = self.out_path.parent / f".{self.out_path.name}.old-{os.getpid()}"
        if self.out_path.exists():
            os.replace(self.out_path, old)
        os.replace(self.temp_path, self.out_path)
        if old.exists():
            shutil.rmtree(old, ignore_errors=True)

    def abort(self) -> None:
        """Throw the unfinished build away; the previous output stays as it was."""
        shutil.rmtree(self.temp_path, ignore_errors=True)

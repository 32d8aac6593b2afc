"""The spare tree: the site before last, kept so the next build updates it instead of a new tree.

`DirOutput` builds each site in a folder beside `dist/` and swaps it in whole (a failed build
never leaves a half-written `dist/`). Making that folder from nothing means a hard link and a
folder per page, and throwing the replaced site away afterwards means unlinking them all again:
at 1 000 posts, ~2 800 entries each way, which cost more than rendering a one-post edit. So the
replaced site is not deleted: it is moved into the cache folder (the same file system, so a
rename) with its manifest records, and the next build renames it back as its working folder and
changes only the files that differ: pages it rewrites, files whose inode is not the current
site's, files the site no longer has. What the spare holds is verified before any of it is
trusted: every file is checked against its record (size and mtime), and anything unrecorded (a
file added by hand to `dist/`, a leftover of a crash) is deleted, so a recycled tree ends
exactly like a fresh one.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from blogforge.incremental.manifest import Manifest, Record


def spare_folder(manifest: Manifest, out_path: Path) -> Path | None:
    """Where the spare tree of this output lives, or None when it cannot be kept.

    It must sit on the output's file system (moving it in and out is a rename); without a
    cache folder (`--no-cache`) there is nowhere to keep it.
    """
    if manifest.path is None:
        return None
    folder = manifest.path.with_name(manifest.path.stem + ".spare")
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        if folder.parent.stat().st_dev != out_path.parent.stat().st_dev:
            return None
    except OSError:
        return None
    return folder


def scan(folder: Path, records: dict[str, Record]) -> tuple[dict[str, os.stat_result], set[Path]]:
    """The spare's files still exactly as recorded, and its folders; every other file deleted.

    A file is kept only when its record says the last-but-one build wrote it and its size and
    mtime are the recorded ones (a hand edit through a hard link shared with `dist/` changes
    both); symbolic links and anything unrecorded go.
    """
    intact: dict[str, os.stat_result] = {}
    folders: set[Path] = {folder}
    for current, names, files in os.walk(folder):
        base = Path(current)
        folders.update(base / name for name in names)
        for name in files:
            path = base / name
            relative = path.relative_to(folder).as_posix()
            record = records.get(relative)
            status = path.lstat()
            if record is not None and (status.st_size, status.st_mtime_ns) == (
                record.size,
                record.mtime_ns,
            ):
                intact[relative] = status
            else:
                path.unlink()
    return intact, folders


def prune(folder: Path, leftovers: list[str]) -> None:
    """Delete the spare's files the new site does not have, and the folders they leave empty."""
    for relative in leftovers:
        path = folder / relative
        path.unlink(missing_ok=True)
        for parent in path.parents:
            if parent == folder:
                break
            try:
                parent.rmdir()  # fails, and stops the climb, while the folder still has entries
            except OSError:
                break


def keep_as_spare(old_site: Path, spare: Path | None) -> bool:
    """Move the site just replaced into the spare's place; False (nothing moved) if it cannot."""
    if spare is None:
        return False
    try:
        if spare.exists():
            shutil.rmtree(spare)
        os.replace(old_site, spare)
    except OSError:
        return False
    return True

"""Writing the built site, so that a build never leaves a half-written `dist/` and never rewrites
a file whose bytes did not change.

`DirOutput` (the `build` command) writes into a temporary folder beside `dist/` and swaps it in at
the very end: a failed or interrupted build leaves the previous site as it was. Files that are
the same as in the previous build are hard-linked from it rather than written again (same inode,
same mtime, so rsync-style deploys and browser caches see them unchanged); when every file is
the same, nothing is touched at all. What the previous build wrote is remembered in a manifest in
the cache folder: per file a key (a digest of what it was made from, when the caller has one),
its size and mtime; a previous file is only reused when its size and mtime are still the ones
recorded, so a hand-edited `dist/` file is rebuilt, never trusted.

`InPlaceOutput` (the dev server) writes changed files straight into its folder and removes
files the site no longer has: the server holds page requests while a build runs, so no request
sees the folder half-updated, and a one-post edit costs a few writes instead of a new tree.
"""

from __future__ import annotations

import os
import posixpath
import shutil
import threading
from collections.abc import Sequence
from pathlib import Path

from blogforge.incremental.fingerprints import files_under, stamp_of
from blogforge.incremental.manifest import Manifest, Record, file_record
from blogforge.output.safety import looks_like_a_project
from blogforge.output.spare import keep_as_spare, prune, scan, spare_folder
from blogforge.output.swap import exchange, recover_interrupted


class OutsideOutputError(ValueError):
    """A file was asked to be written outside the output folder."""


class UnsafeOutputError(ValueError):
    """The output folder holds a project, not a built site: replacing it would delete sources."""


def _inside(root: Path, relative: str) -> Path:
    """`root / relative`, refused when `relative` would climb out of `root` (`..`, absolute).

    Checked on the text: the output folder holds only what the build wrote (no symbolic
    links: static files are copied, not linked), so resolving each of its files against the
    disk, as this once did, only cost two system calls a page.
    """
    normal = posixpath.normpath(relative.replace("\\", "/"))
    if normal.startswith(("/", "../")) or normal == ".." or "\x00" in normal:
        raise OutsideOutputError(f"refusing to write outside the output folder: {relative!r}")
    return root / normal


def _write_new_file(target: Path, data: bytes, key: str) -> Record:
    """Write `data` as a new file in a folder no one reads before the swap, and its record.

    Most of a cold build's files are pages, each in a folder of its own that `_folder_for`
    just made: creating the file exclusively replaces the "is something there?" checks and the
    second stat that `_put` and `file_record` cost (five system calls a page instead of
    eight). Something there after all (a page written twice) is removed first, never written
    through: it may be a hard link shared with `dist/`."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
    try:
        handle = os.open(target, flags, 0o666)
    except FileExistsError:
        target.unlink()
        handle = os.open(target, flags, 0o666)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(handle, view) :]
        status = os.fstat(handle)
    finally:
        os.close(handle)
    return Record(key, status.st_size, status.st_mtime_ns)


def _copy_new_file(target: Path, source: Path, key: str) -> Record:
    """Copy `source` to `target` in a folder no one reads before the swap, and its record;
    something already there is removed first, never written through (see `_write_new_file`)."""
    if target.exists() or target.is_symlink():
        target.unlink()
    shutil.copy2(source, target)
    return file_record(target, key)


class _Output:
    """What both outputs share: the previous build's records and the rules for reusing a file."""

    def __init__(self, out_path: Path, manifest: Manifest | None) -> None:
        self.out_path = out_path.resolve()
        self.out_folder = str(self.out_path)
        self.manifest = manifest or Manifest(None)
        self.previous = self.manifest.records
        self.records: dict[str, Record] = {}
        self.files_written = 0
        self.files_kept = 0
        self.previous_inodes: dict[str, int] = {}  # of previous files found intact

    def _previous_file(self, relative: str, key: str | None = None) -> str | None:
        """The previous build's file, if it is still exactly as that build wrote it.

        A string path: this runs for every page of every build, and making a `Path` of each
        cost more than the `stat`."""
        record = self.previous.get(relative)
        if record is None or (key is not None and record.key != key):
            return None
        path = f"{self.out_folder}/{relative}"
        try:
            status = os.stat(path)
        except OSError:
            return None
        if (status.st_size, status.st_mtime_ns) != (record.size, record.mtime_ns):
            return None
        self.previous_inodes[relative] = status.st_ino
        return path

    def unchanged(self, relative: str, key: str) -> bool:
        """Keep the previous build's file when it was made from the same `key` (and is intact)."""
        previous = self._previous_file(relative, key)
        if previous is None:
            return False
        self._keep(relative, previous, self.previous[relative])
        return True

    def intact(self, relative: str, key: str) -> bool:
        """Whether the previous build's file was made from `key` and is as it wrote it."""
        return self._previous_file(relative, key) is not None

    def keep_as_is(self, relative: str) -> bool:
        """Keep the previous build's file, whatever it was made from, if it is intact (the dev
        server's search shards, until their new files are installed)."""
        previous = self._previous_file(relative)
        if previous is None:
            return False
        self._keep(relative, previous, self.previous[relative])
        return True

    def write(self, relative: str, data: bytes, key: str = "") -> None:
        """Write a file, unless the previous build wrote exactly these bytes (then keep it).

        A `relative` leaving the folder is refused by `_store` (the previous build recorded
        only paths inside it, so nothing outside is read first).
        """
        previous = self._previous_file(relative)
        same_size = previous is not None and self.previous[relative].size == len(data)
        if same_size and previous is not None and Path(previous).read_bytes() == data:
            self._keep(relative, previous, Record(key, *self._size_mtime(previous)))
            return
        self._store(relative, key, data=data)
        self.files_written += 1

    def copy_file(self, source: Path, relative: str) -> None:
        """Copy a static file verbatim; kept from the previous build when its stamp (size,
        mtime, ctime: `fingerprints.stamp_of`) is the same."""
        key = "copy:" + ":".join(map(str, stamp_of(source.stat())))
        if self.unchanged(relative, key):
            return
        self._store(relative, key, source=source)
        self.files_written += 1

    def copy_tree(self, source: Path, relative: str = "", skip: Sequence[str] = ()) -> int:
        """Copy a folder's files verbatim (static assets), less those in `skip` (files the
        build wrote itself from them); returns how many there are."""
        prefix = f"{relative.strip('/')}/" if relative.strip("/") else ""
        files = [inner for inner in files_under(source) if inner not in skip]
        for inner in files:
            self.copy_file(source / inner, prefix + inner)
        return len(files)

    @staticmethod
    def _size_mtime(path: str) -> tuple[int, int]:
        status = os.stat(path)
        return status.st_size, status.st_mtime_ns

    @staticmethod
    def _put(target: Path, data: bytes | None, source: Path | None) -> None:
        """Write `data` (or copy `source`) to `target` as a new file, in one step.

        The bytes go to a temporary file beside `target`, renamed over it: a reader (the dev
        server answering a request during a build) sees the old file or the new one, never a
        missing or half-written one, and an existing `target` that is a hard link shared with
        the previous build is replaced, never written through. (`DirOutput`'s folder is read
        by no one before it is swapped in whole: it writes its files directly, see
        `_write_new_file` and `_copy_new_file`.)
        """
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_name(f".{target.name}.tmp-{os.getpid()}-{threading.get_ident()}")
        try:
            if source is not None:
                shutil.copy2(source, temporary)
            else:
                temporary.write_bytes(data or b"")
            os.replace(temporary, target)
        except BaseException:
            temporary.unlink(missing_ok=True)
            raise

    # Implemented by each output.
    def _store(
        self, relative: str, key: str, *, data: bytes | None = None, source: Path | None = None
    ) -> None:
        raise NotImplementedError

    def _keep(self, relative: str, previous: str, record: Record) -> None:
        raise NotImplementedError


class DirOutput(_Output):
    """Builds the new site beside the old one and swaps it in; reuses unchanged files by link.

    The temporary folder is only made once a file differs from the previous build (or the
    previous build is unknown), so a build that changes nothing touches nothing. It starts as
    the spare tree (`output.spare`: the site before last) when there is one, so only the files
    that differ from it are touched; the site it replaces becomes the next spare.
    """

    def __init__(self, out_path: Path, manifest: Manifest | None = None) -> None:
        super().__init__(out_path, manifest)
        self.out_path.parent.mkdir(parents=True, exist_ok=True)
        self.temp_path = self.out_path.parent / f".{self.out_path.name}.building-{os.getpid()}"
        if self.out_path.exists() and not self.out_path.is_dir():  # a user's file: keep it
            raise UnsafeOutputError(f"refusing to replace {self.out_path}: it is a file")
        if (marker := looks_like_a_project(self.out_path)) is not None:
            raise UnsafeOutputError(
                f"refusing to replace {self.out_path}: it is not a built site ({marker})"
            )
        recover_interrupted(self.out_path)
        self.spare_path = spare_folder(self.manifest, self.out_path)
        self.spare_files: dict[str, os.stat_result] = {}  # the recycled spare's files not yet used
        self.folders: set[Path] = set()  # folders known to exist in the temporary folder
        self.started = False
        self.kept: dict[str, str] = {}  # kept before the temp folder existed
        if not self.previous or not self.out_path.is_dir():
            self._start()

    def _start(self) -> None:
        """Make the temporary folder and link into it what was kept so far."""
        if self.temp_path.exists():
            shutil.rmtree(self.temp_path)
        if not self._recycle_spare():
            self.temp_path.mkdir()
            self.folders = {self.temp_path}
        self.started = True
        kept, self.kept = self.kept, {}
        for relative, previous in kept.items():
            self._link(previous, relative)

    def _recycle_spare(self) -> bool:
        """Start from the spare tree, its unrecorded or changed files deleted (output.spare)."""
        spare = self.spare_path
        if spare is None or not self.manifest.spare or not spare.is_dir():
            return False
        try:
            os.replace(spare, self.temp_path)
            self.spare_files, self.folders = scan(self.temp_path, self.manifest.spare)
        except OSError:
            shutil.rmtree(self.temp_path, ignore_errors=True)
            self.spare_files, self.folders = {}, set()
            return False
        return True

    def _folder_for(self, target: Path) -> None:
        """Make `target`'s folder unless this build already knows it exists."""
        if target.parent not in self.folders:
            target.parent.mkdir(parents=True, exist_ok=True)
            self.folders.update((target.parent, *target.parent.parents))

    def _store(
        self, relative: str, key: str, *, data: bytes | None = None, source: Path | None = None
    ) -> None:
        if not self.started:
            self._start()
        target = _inside(self.temp_path, relative)
        self._folder_for(target)
        if self.spare_files.pop(relative, None) is not None:
            target.unlink()  # the spare's file may be a hard link shared with `dist/`
        if source is not None:
            self.records[relative] = _copy_new_file(target, source, key)
        else:
            self.records[relative] = _write_new_file(target, data or b"", key)

    def _keep(self, relative: str, previous: str, record: Record) -> None:
        self.records[relative] = record
        self.files_kept += 1
        if self.started:
            self._link(previous, relative)
        else:
            self.kept[relative] = previous

    def adopt(self, relative: str, record: Record) -> None:
        """A file another process wrote into the temporary folder (`output.page_writer`)."""
        self.spare_files.pop(relative, None)  # it replaced the spare's file, if there was one
        self.records[relative] = record

    def _link(self, previous: str, relative: str) -> None:
        """Put the previous build's file in the new tree; nothing to do when the spare's file
        already is that file (the same inode: a page unchanged over the last two builds)."""
        target = _inside(self.temp_path, relative)
        spare = self.spare_files.pop(relative, None)
        if spare is not None:
            if spare.st_ino == self.previous_inodes.get(relative):
                return
            target.unlink()
        self._folder_for(target)
        try:
            os.link(previous, target)
        except OSError:  # a file system without hard links
            shutil.copy2(previous, target)

    @property
    def root(self) -> Path:
        """Where new files are being written (the temporary folder)."""
        if not self.started:
            self._start()
        return self.temp_path

    @property
    def changed(self) -> bool:
        """Whether the new site differs from the previous one in any file (or in the file list)."""
        return self.started or set(self.records) != set(self.previous)

    def commit(self) -> None:
        """Swap the finished build in; the replaced site is kept as the next build's spare tree
        (removed instead when there is no cache folder to keep it in)."""
        if self.changed:
            if not self.started:
                self._start()  # only files went away: the new tree is the kept ones
            prune(self.temp_path, sorted(self.spare_files))  # the spare's files the site lost
            self.spare_files = {}
            if self.out_path.exists() and exchange(self.temp_path, self.out_path):
                old = self.temp_path  # now the previous output
            else:  # no atomic exchange here: two renames, repaired by recover_interrupted()
                old = self.out_path.parent / f".{self.out_path.name}.old-{os.getpid()}"
                if self.out_path.exists():
                    os.replace(self.out_path, old)
                os.replace(self.temp_path, self.out_path)
            kept = old.exists() and keep_as_spare(old, self.spare_path)
            self.manifest.spare = self.previous if kept else {}
            shutil.rmtree(old, ignore_errors=True)  # gone already when kept as the spare
        self.manifest.save(self.records)  # an unchanged site leaves the spare as it was

    def abort(self) -> None:
        """Throw the unfinished build away; the previous output stays as it was."""
        if self.started:
            shutil.rmtree(self.temp_path, ignore_errors=True)


class InPlaceOutput(_Output):
    """Updates a folder in place at commit: changed files rewritten, vanished files removed.

    Changed files are held in memory until `commit`, so a build that fails half-way (a template
    error on one page) leaves the folder as the last good build made it.
    """

    def __init__(self, out_path: Path, manifest: Manifest | None = None) -> None:
        super().__init__(out_path, manifest)
        self.out_path.mkdir(parents=True, exist_ok=True)
        self.pending: dict[str, tuple[str, bytes | None, Path | None]] = {}

    def _store(
        self, relative: str, key: str, *, data: bytes | None = None, source: Path | None = None
    ) -> None:
        _inside(self.out_path, relative)
        self.pending[relative] = (key, data, source)

    def _keep(self, relative: str, previous: str, record: Record) -> None:
        self.records[relative] = record
        self.files_kept += 1

    def commit(self) -> None:
        """Write the changed files, remove what the site no longer has, remember this build."""
        for relative, (key, data, source) in self.pending.items():
            target = _inside(self.out_path, relative)
            self._put(target, data, source)
            self.records[relative] = file_record(target, key)
        self.pending.clear()
        for relative in set(self.previous) - set(self.records):
            path = self.out_path / relative
            path.unlink(missing_ok=True)
            for parent in path.parents:
                if parent == self.out_path or any(parent.iterdir()):
                    break
                parent.rmdir()
        self.manifest.save(self.records)

    def keep_recorded(self, prefix: str) -> None:
        """Keep every previous file under `prefix` as recorded, unchecked: files only this
        output's owner writes (the dev server's search shards), checked when next used."""
        for relative, record in self.previous.items():
            if relative.startswith(prefix):
                self._keep(relative, self.out_path / relative, record)

    def abort(self) -> None:
        """Forget the changes: the folder stays as the last good build left it."""
        self.pending.clear()

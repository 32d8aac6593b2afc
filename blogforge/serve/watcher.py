"""Watching the site's folders with inotify, re-armed when a folder is deleted and recreated.

An inotify watch belongs to a folder's inode, not its name: `git checkout` of another branch,
`rm -rf content && cp -r backup content` or `mv content old && mv new content` leave the name
with a new folder the watch never sees, and the dev server stopped rebuilding for good. The
watcher remembers the inode each folder had when it was scheduled and, in the rebuild loop's
check (before each rebuild and once a second when idle), schedules the folder again when it
came back as another inode (or its watch reported the folder gone).

Events can still be lost in ways no check of the folders themselves shows: a subfolder made
while its parent's watch was being set up, a full inotify queue. The soak test found the dev
server silent for good after `rm -rf content && cp -r backup content` under load: every folder
was the inode it was scheduled as, every emitter alive, and no save was ever seen again. So the
idle check also compares what the folders hold (each file's size, mtime and inode; each
folder's inode) with what they held when the last rebuild began: a difference no event
announced re-arms every folder from scratch and rebuilds. The comparison stats every file, so
it runs at most once a second and spends at most 2 % of the time (a large blog waits longer).

Only the rebuild thread schedules and unschedules watches. watchdog calls `on_event` from its
dispatch thread while holding the observer's lock, which `schedule` takes too: when `on_event`
re-armed the folders itself (under the watcher's own lock), a folder event and the rebuild
loop's check at the same moment each held the lock the other waited for, and the dev server
never rebuilt again (found by the soak test, once in five runs under a CPU burner). Now
`on_event` only notes what it saw and wakes the rebuild loop.
"""

from __future__ import annotations

import contextlib
import os
import threading
import time
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from watchdog.observers.api import BaseObserver, ObservedWatch


VERIFY_EVERY_SECONDS = 1.0
VERIFY_SHARE = 0.02  # of the time, at most, spent comparing the folders' files


# (path, size, mtime, ctime, inode). The ctime too: a file put back by a copy that keeps its
# mtime (`cp -p`, `rsync -t`, shutil.copy2) has its old size and mtime, and ext4 may give it the
# inode number just freed; its ctime is new, as nothing can set a ctime back.
FileState = tuple[str, int, int, int, int]


def files_state(top: str) -> list[FileState]:
    """Each file and folder under `top` (see FileState); [] when it is gone."""
    found: list[FileState] = []
    pending = [top]
    while pending:
        folder = pending.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            try:
                status = entry.stat(follow_symlinks=False)
            except OSError:
                continue
            if entry.is_dir(follow_symlinks=False):
                pending.append(entry.path)
                found.append((entry.path, 0, 0, 0, status.st_ino))
            else:
                found.append((entry.path, *_stamp(status)))
    return sorted(found)


def _stamp(status: os.stat_result) -> tuple[int, int, int, int]:
    return (status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino)


def inode_of(folder: Path) -> tuple[int, int] | None:
    """The folder's (device, inode), or None when it is missing or not a folder."""
    try:
        status = os.stat(folder)
    except OSError:
        return None
    return (status.st_dev, status.st_ino) if os.path.isdir(folder) else None


class Watcher:
    """Watches `folders` recursively and the `settings` files; `notify(path)` on every change."""

    def __init__(
        self, folders: list[Path], settings: list[str], notify: Callable[[str], None]
    ) -> None:
        # deferred: watchdog loads only when serve watches
        from watchdog.observers import Observer

        # Re-arming a folder watchdog still half-knows makes it warn on stderr from its own
        # thread ("Callback with id ... already exists ... It will be Overwritten"): harmless,
        # and not the user's to act on.
        warnings.filterwarnings("ignore", "Callback with id", RuntimeWarning, "watchdog")
        self.folders = folders
        self.settings = settings
        self.notify = notify
        self.prefixes = (*(str(f) + "/" for f in folders), *settings)
        self.observer: BaseObserver = Observer()
        self.handler = self._handler()
        self.watches: dict[Path, tuple[ObservedWatch, tuple[int, int]]] = {}
        self.gone: set[Path] = set()  # folders whose watch saw them deleted or moved away
        self.gone_lock = threading.Lock()  # `gone` only: never held while calling the observer
        self.read_state: list[FileState] | None = None  # as the rebuild began
        self.next_verify = 0.0
        self.lock = threading.Lock()  # one re-arm at a time
        # The settings files' folders (the site root) are watched flat: a watched folder's
        # own deletion, creation or move shows there as a folder event.
        self.parents = sorted({str(Path(path).parent) for path in settings})
        for parent in self.parents:
            if Path(parent).is_dir():
                self.observer.schedule(self.handler, parent, recursive=False)
        self.rearm()

    def _handler(self) -> Any:
        # deferred: watchdog loads only when serve watches
        from watchdog.events import FileSystemEvent, FileSystemEventHandler

        watcher = self

        class Forward(FileSystemEventHandler):
            def on_any_event(self, event: FileSystemEvent) -> None:
                watcher.on_event(event)

        return Forward()

    def on_event(self, event: Any) -> None:
        """watchdog's dispatch thread, holding the observer's lock: note and notify, never
        schedule (see the module's docstring)."""
        if event.event_type in ("opened", "closed_no_write"):
            return
        paths = [os.fsdecode(p) for p in (event.src_path, getattr(event, "dest_path", "")) if p]
        if event.is_directory:
            folders = {str(f) for f in self.folders}
            touched = [
                p for p in paths if p in folders or any(f.startswith(p + "/") for f in folders)
            ]
            if event.event_type in ("deleted", "moved"):
                with self.gone_lock:
                    self.gone.update(Path(p) for p in touched)
            for path in touched:  # the rebuild loop re-arms before it rebuilds
                self.notify(path)
            return
        for path in paths:
            if path.startswith(self.prefixes):
                self.notify(path)

    def rearm(self, *, anew: bool = False) -> bool:
        """Schedule every folder that exists and is not watched as the inode it now is (every
        folder, `anew`); True when one was (re)scheduled or went away (a rebuild is due)."""
        changed = False
        with self.lock:
            emitters = list(self.observer.emitters)
            alive = {emitter.watch for emitter in emitters if emitter.is_alive()}
            with self.gone_lock:
                gone, self.gone = self.gone, set()
            for folder in self.folders:
                now = inode_of(folder)
                known = self.watches.get(folder)
                # A watch whose emitter stopped (it saw its folder deleted) is dead even when
                # the folder came back with the same inode number (ext4 reuses a freed one at
                # once) and the deletion event was lost (a full inotify queue, under load).
                if (
                    not anew
                    and known is not None
                    and known[1] == now
                    and folder not in gone
                    and (known[0] in alive or not self.observer.is_alive())
                ):
                    continue
                if known is not None:
                    with contextlib.suppress(Exception):  # its emitter may have stopped itself
                        self.observer.unschedule(known[0])
                    del self.watches[folder]
                    changed = True
                if now is not None:
                    try:
                        watch = self.observer.schedule(self.handler, str(folder), recursive=True)
                    except OSError:  # deleted again in between: the next check retries
                        continue
                    self.watches[folder] = (watch, now)
                    changed = True
        return changed

    def state(self) -> list[FileState]:
        """What the watched folders and settings files hold now, file by file."""
        found = [item for folder in self.folders for item in files_state(str(folder))]
        for path in self.settings:
            with contextlib.suppress(OSError):
                status = os.stat(path)
                found.append((path, *_stamp(status)))
        return found

    def check(self) -> None:
        """The rebuild loop's check before each rebuild: re-arm, and rebuild when a folder came
        or went; then note what the folders hold as the rebuild begins."""
        if self.rearm():
            self.notify_all()
        self.read_state = self.state()
        self.next_verify = time.monotonic() + VERIFY_EVERY_SECONDS

    def idle_check(self) -> None:
        """The rebuild loop's check once a second when idle: re-arm as `check` does, and, when
        the folders hold something else than when the last rebuild began though no event said
        so, re-arm every folder from scratch and rebuild."""
        if self.rearm():
            self.notify_all()
            return
        if self.read_state is None or time.monotonic() < self.next_verify:
            return
        started = time.perf_counter()
        now = self.state()
        spent = time.perf_counter() - started
        self.next_verify = time.monotonic() + max(VERIFY_EVERY_SECONDS, spent / VERIFY_SHARE)
        if now != self.read_state:  # changed, and no event brought a rebuild: events were lost
            self.rearm(anew=True)
            self.notify_all()

    def notify_all(self) -> None:
        for folder in self.folders:
            self.notify(str(folder))

    def start(self) -> None:
        self.read_state = self.state()  # what the first build read, as near as can be
        self.observer.start()

    def stop(self) -> None:
        self.observer.stop()
        self.observer.join(timeout=2)

"""The watcher re-arms a folder whose watch died, even when nothing says it did: the folder was
deleted and recreated with the same inode number (ext4 reuses a freed inode at once) and the
deletion event was lost (a full inotify queue on a loaded machine). Found by the soak test
under a CPU burner: a last save was never served."""

from __future__ import annotations

import shutil
import threading
import time
from pathlib import Path

import pytest

from blogforge.serve import watcher as watcher_module
from blogforge.serve.watcher import Watcher

HANG_GUARD = 30  # seconds; never a speed requirement


def wait_for(condition, what: str) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + HANG_GUARD
    while not condition():
        assert time.monotonic() < deadline, what
        time.sleep(0.02)


def test_a_dead_watch_on_a_folder_with_its_old_inode_number_is_rearmed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    content = tmp_path / "content"
    content.mkdir()
    old_inode = watcher_module.inode_of(content)
    seen: list[str] = []
    lock = threading.Lock()

    def notify(path: str) -> None:
        with lock:
            seen.append(path)

    watcher = Watcher([content], [], notify)
    watcher.start()
    try:
        (content / "a.md").write_text("one")
        wait_for(lambda: any(p.endswith("a.md") for p in seen), "the first save is seen")
        handle, lost = watcher.on_event, threading.Event()
        monkeypatch.setattr(watcher, "on_event", lambda e: None if lost.is_set() else handle(e))
        lost.set()  # the events of the deletion and the new folder never arrive
        watch = watcher.watches[content][0]
        shutil.rmtree(content)
        wait_for(
            lambda: not any(e.watch == watch and e.is_alive() for e in watcher.observer.emitters),
            "the watch stops when its folder is deleted",
        )
        content.mkdir()
        monkeypatch.setattr(watcher_module, "inode_of", lambda folder: old_inode)
        lost.clear()
        watcher.check()  # the rebuild loop's periodic check
        with lock:
            seen.clear()
        # The new watch is added by its emitter's own thread: a save before that thread runs
        # (a loaded machine) is not seen by it (the dev server rebuilds on the re-arm anyway),
        # so the save is made again until seen.
        saves = iter(range(10**6))

        def saved_and_seen() -> bool:
            (content / "b.md").write_text(f"save {next(saves)}")
            time.sleep(0.2)
            return any(p.endswith("b.md") for p in seen)

        wait_for(saved_and_seen, "a save in the new folder")
    finally:
        watcher.stop()


def test_a_folder_event_never_waits_for_a_rearm(tmp_path: Path) -> None:
    """watchdog dispatches events holding the observer's lock, which a re-arm (on the rebuild
    thread, holding the watcher's lock) needs for `schedule`: an event handler that waited for
    the watcher's lock deadlocked the two, and the dev server never rebuilt again."""
    from watchdog.events import DirDeletedEvent

    content = tmp_path / "content"
    content.mkdir()
    seen: list[str] = []
    watcher = Watcher([content], [], seen.append)
    watcher.start()
    handled = threading.Event()

    def dispatch() -> None:  # as watchdog's thread does, with the observer's lock held
        watcher.on_event(DirDeletedEvent(str(content)))
        handled.set()

    try:
        with watcher.lock:  # a re-arm in progress, waiting for the observer's lock
            threading.Thread(target=dispatch, daemon=True).start()
            assert handled.wait(HANG_GUARD), "the event handler waited for the re-arm"
        assert seen == [str(content)]  # the rebuild loop is woken; it re-arms first
        assert watcher.gone == {content}
        assert watcher.rearm()  # the rebuild loop's check schedules the folder again
        assert watcher.gone == set()
    finally:
        watcher.stop()


def test_a_change_no_event_announced_is_found_by_the_idle_check(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every watch looks healthy (same inodes, emitters alive) but events are lost: the idle
    check sees that the folder holds something else than when the last rebuild began, re-arms
    every folder from scratch and asks for a rebuild."""
    content = tmp_path / "content"
    (content / "posts").mkdir(parents=True)
    (content / "posts" / "a.md").write_text("one")
    seen: list[str] = []
    watcher = Watcher([content], [], seen.append)
    watcher.start()
    try:
        watcher.check()  # a rebuild begins: what the folder holds is noted
        monkeypatch.setattr(watcher, "on_event", lambda event: None)  # every event lost
        watch = watcher.watches[content][0]
        watcher.next_verify = 0.0
        watcher.idle_check()  # nothing changed: nothing to do
        assert seen == [] and watcher.watches[content][0] is watch
        (content / "posts" / "a.md").write_text("two, longer")
        watcher.next_verify = 0.0  # its time has come (it waits a second between looks)
        watcher.idle_check()
        assert seen == [str(content)]  # a rebuild is asked for
        assert watcher.watches[content][0] is not watch  # and the folder watched anew
    finally:
        watcher.stop()

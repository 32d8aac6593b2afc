"""The dev server's search index: the shards a rebuild changed, indexed again in the background.

A rebuild only plans the search index (`output/search_index.py`: the changed shards keep their
previous files, their new pages are handed back), so a save is served as fast as without
search. This thread then waits for the saves to pause, runs Pagefind on those shards at a low
priority, and hands the new files to the rebuild thread, which installs them between rebuilds
(page requests wait meanwhile, as during a rebuild): the output folder only ever changes on that
one thread. Each rebuild's work names every shard whose files are not yet its pages' (earlier
work not installed yet included), so only the newest work need be indexed.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path

from blogforge.incremental.manifest import Manifest
from blogforge.output.pagefind_run import PagefindFailed, PagefindRun
from blogforge.output.search_index import SearchWork, install_shards

# Saves this close together are indexed once, after the last.
QUIET_SECONDS = 0.3
# Pagefind's priority: below the rebuilds', so a save landing during an index is not slowed.
NICE = 10

# What the rebuild thread is handed: install the files, or report why there are none.
Install = Callable[[], None]


class SearchRefresher:
    """Indexes the newest rebuild's search work on its own thread; `deliver(install, failure)`
    is called with a step that installs the result, or with why Pagefind failed."""

    def __init__(self, deliver: Callable[[Install | None, str | None], None]) -> None:
        self.deliver = deliver
        self.lock = threading.Lock()
        self.work: tuple[SearchWork, Path, Path] | None = None
        self.last_submit = 0.0
        self.wake = threading.Event()
        self.stopped = threading.Event()
        self.run: PagefindRun | None = None
        self.thread: threading.Thread | None = None

    def submit(self, work: SearchWork, out_path: Path, cache_dir: Path) -> None:
        """The newest rebuild's shards to index (replacing any not started yet)."""
        with self.lock:
            self.work = (work, out_path, cache_dir)
            self.last_submit = time.monotonic()
            if self.thread is None:
                self.thread = threading.Thread(
                    target=self.loop, name="blogforge-search", daemon=True
                )
                self.thread.start()
        self.wake.set()

    def loop(self) -> None:
        while not self.stopped.is_set():
            self.wake.wait()
            while not self.stopped.is_set() and time.monotonic() - self.last_submit < QUIET_SECONDS:
                time.sleep(QUIET_SECONDS / 4)
            with self.lock:
                self.wake.clear()
                taken, self.work = self.work, None
            if taken is None or self.stopped.is_set():
                continue
            try:
                self.index(*taken)
            except BaseException as error:  # never end this thread: the next save tries again
                if not self.stopped.is_set():
                    self.deliver(None, f"{type(error).__name__}: {error}")

    def index(self, work: SearchWork, out_path: Path, cache_dir: Path) -> None:
        try:
            with self.lock:
                if self.stopped.is_set():
                    return
                self.run = PagefindRun(work.shards, parallel=1, nice=NICE)
            results = self.run.results()
        except PagefindFailed as failure:
            if not self.stopped.is_set():
                self.deliver(None, str(failure))
            return
        finally:
            self.run = None

        def install() -> None:
            install_shards(out_path, Manifest.for_output(cache_dir, out_path), work, results)

        self.deliver(install, None)

    def stop(self) -> None:
        """End the thread's work: a running Pagefind is killed."""
        with self.lock:
            self.stopped.set()
            run = self.run
        self.wake.set()
        if run is not None:
            run.stop()

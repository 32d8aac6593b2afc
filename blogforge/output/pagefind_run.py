"""Pagefind run on the search index's shards, in parallel processes, while the build goes on.

Pagefind (the binary of the `pagefind[bin]` package) indexes a folder of pages; it cannot add
to an index, so each shard that changed (`site/search_page.py`) is indexed whole, in its own
process, its pages written to a temporary folder at their output paths. The runs start as soon
as the pages are made and are waited for only when their files are needed, so the social cards
are drawn meanwhile. Its Python API is not used: it answers one message per ~0.1 s (a polling
loop), far too slow for a page each.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import tempfile
import threading
from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from blogforge.output.search_input import search_input

# Pagefind's own ready-made interfaces: the theme's search page uses pagefind.js directly.
UNUSED = ("pagefind-ui.", "pagefind-component-ui.", "pagefind-modular-ui.", "pagefind-highlight.")
# What only the first shard needs: the browser merges the others into its instance, which
# keeps its one WebAssembly module and worker.
SHARED = ("pagefind.js", "pagefind-worker.js", "wasm.")


@dataclass(frozen=True)
class ShardWork:
    """One shard to index: its number, the key its files are recorded with, and its pages
    (output file, HTML) as the build made them."""

    shard: int
    key: str
    pages: tuple[tuple[str, bytes], ...]
    primary: bool  # the shard whose pagefind.js the browser loads


class PagefindFailed(Exception):
    """Pagefind could not run or failed; the message says why."""


def pagefind_executable() -> Path:
    try:
        # deferred: Pagefind's package loads only with search on
        from pagefind.service import get_executable
    except ImportError:
        raise PagefindFailed("the pagefind package is not installed") from None
    executable = get_executable()
    if executable is None:
        raise PagefindFailed("no pagefind binary found")
    return executable


def bundle_files(bundle: Path, primary: bool) -> dict[str, bytes]:
    """The bundle's files worth publishing, by their path inside it."""
    files = {}
    for path in sorted(bundle.rglob("*")):
        name = path.name
        if not path.is_file() or name.startswith(UNUSED):
            continue
        if not primary and name.startswith(SHARED):
            continue
        files[path.relative_to(bundle).as_posix()] = path.read_bytes()
    return files


class PagefindRun:
    """Index `work`'s shards, `parallel` Pagefind processes at a time, from now on; `results()`
    waits for them, `stop()` ends them (a failed or interrupted build leaves none running).
    `nice` lowers their priority (the dev server's background refresh)."""

    def __init__(self, work: Sequence[ShardWork], parallel: int, nice: int = 0) -> None:
        self.executable = pagefind_executable()
        self.nice = nice
        self.folder = Path(tempfile.mkdtemp(prefix="blogforge-search-"))
        self.lock = threading.Lock()
        self.processes: list[subprocess.Popen[str]] = []
        self.stopped = False
        self.pool = ThreadPoolExecutor(max(1, parallel), thread_name_prefix="blogforge-pagefind")
        # With a shard for every process and more, each core already runs a Pagefind: its own
        # worker threads (one a core, Rayon's) would only take turns with the other processes'.
        # One thread each leaves the index the same bytes and costs less CPU.
        self.environment = (
            {**os.environ, "RAYON_NUM_THREADS": "1"} if len(work) > max(1, parallel) else None
        )
        self.futures: list[tuple[int, Future[dict[str, bytes]]]] = [
            (item.shard, self.pool.submit(self.index, item)) for item in work
        ]

    def index(self, work: ShardWork) -> dict[str, bytes]:
        """One shard: its pages written at their output paths (pagefind.js puts the site's base
        path in front of each result's URL), indexed, its bundle read back."""
        site, bundle = self.folder / str(work.shard) / "site", self.folder / str(work.shard) / "b"
        site.mkdir(parents=True)
        for file, html in work.pages:
            target = site / file
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(search_input(html))
        command = [
            str(self.executable),
            "--site",
            str(site),
            "--output-path",
            str(bundle),
            "--silent",
        ]
        with self.lock:
            if self.stopped:
                raise PagefindFailed("stopped")
            try:
                process = subprocess.Popen(
                    command,
                    stdout=subprocess.PIPE,
                    stderr=subprocess.PIPE,
                    text=True,
                    env=self.environment,
                )
            except OSError as error:
                raise PagefindFailed(str(error)) from error
            self.processes.append(process)
        if self.nice:
            # ended already, or not allowed: then it runs at the normal priority
            with contextlib.suppress(OSError):
                os.setpriority(os.PRIO_PROCESS, process.pid, self.nice)
        out, err = process.communicate()
        if process.returncode != 0:
            raise PagefindFailed((err or out).strip() or f"exit code {process.returncode}")
        return bundle_files(bundle, work.primary)

    def results(self) -> dict[int, dict[str, bytes]]:
        """Each shard's bundle files; PagefindFailed if any shard failed."""
        try:
            return {shard: future.result() for shard, future in self.futures}
        finally:
            self.stop()

    def stop(self) -> None:
        with self.lock:
            self.stopped = True
            for process in self.processes:
                if process.poll() is None:
                    process.kill()
        self.pool.shutdown(wait=True, cancel_futures=True)
        shutil.rmtree(self.folder, ignore_errors=True)

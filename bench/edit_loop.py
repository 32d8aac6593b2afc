"""The writing loop of `blogforge serve` on the generated blog: save a post, see it served.

Figures (medians): time from writing a post's file to the page with the new text fetched once
the dev server's event stream announces the build (what a tab's script does); the same save
seen in an open tab of headless Chromium (the event, the new body swapped in or the page
reloaded, the next frame: what a writer waits for); and the dev server's rebuild with nothing
changed (what every save costs at least). The dev server runs in a process of its own, as a
writer runs it: nothing the bench does shares its interpreter.
"""

from __future__ import annotations

import contextlib
import re
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from bench.site_build import generate, with_search

SEARCH_ENTRIES = ".blogforge-cache/serve/pagefind"  # the dev server's index, a folder a shard


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.read().decode("utf-8")


@contextmanager
def dev_server(site: Path) -> Iterator[str]:
    """`blogforge serve` in a process of its own, as a writer runs it: nothing the bench does
    (its requests, Playwright's driver) runs on the dev server's interpreter. Its address."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [sys.executable, "-m", "blogforge", "serve", "--root", str(site), "--port", str(port)]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        assert process.stdout is not None
        for line in process.stdout:  # the first build, then the address it serves
            found = re.search(r" at (http://\S+?)/? \(Ctrl-C", line)
            if found:
                break
        else:
            raise SystemExit("bench edit: the dev server stopped before serving")
        threading.Thread(target=process.stdout.read, daemon=True).start()  # never blocks it
        yield found.group(1)
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


class EventStream:
    """The dev server's event stream, read as a tab's script reads it: each `status` event
    (one a finished build) is counted as it arrives."""

    def __init__(self, base: str) -> None:
        self.response = urllib.request.urlopen(f"{base}/__blogforge/events", timeout=300)
        self.events = 0
        self.arrived = threading.Condition()
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        with contextlib.suppress(OSError, ValueError):
            for line in self.response:
                if line.startswith(b"event: status"):
                    with self.arrived:
                        self.events += 1
                        self.arrived.notify_all()

    def count(self) -> int:
        with self.arrived:
            return self.events

    def wait_after(self, seen: int, timeout: float = 60) -> int:
        """Wait for an event beyond the first `seen`; the count now."""
        with self.arrived:
            if not self.arrived.wait_for(lambda: self.events > seen, timeout):
                raise SystemExit("bench edit: no build finished within a minute of a save")
            return self.events

    def __enter__(self) -> EventStream:
        return self

    def __exit__(self, *exc: object) -> None:
        self.response.close()


def search_entries(site: Path) -> dict[str, bytes]:
    """Each search shard's entry file, which changes when the shard is indexed again."""
    return {str(p): p.read_bytes() for p in (site / SEARCH_ENTRIES).glob("*/pagefind-entry.json")}


def run(posts: int = 1000, runs: int = 5, search: bool = False) -> None:
    site = generate(posts)
    with_search(site, search)
    try:
        measure(site, posts, runs, search)
    finally:
        with_search(site, False)


def measure(site: Path, posts: int, runs: int, search: bool) -> None:
    from blogforge.serve.server import Rebuilder, ServeOptions
    from blogforge.serve.state import ServeState

    options = ServeOptions(root=site.resolve(), port=0, quiet=True)
    # The dev server's own rebuild path (in place, with its in-memory memo), warmed once.
    rebuilder = Rebuilder(options, ServeState(out_path=site / ".blogforge-cache" / "serve"))
    rebuilder.rebuild([])
    rebuilder.warm_up()
    if search:  # the whole index, made and installed as the dev server's threads do
        deadline = time.monotonic() + 300
        while not rebuilder.handed:
            assert time.monotonic() < deadline, "bench edit: the search index was never made"
            time.sleep(0.05)
        rebuilder.install_search()
    no_change = []
    for _ in range(runs):
        start = time.perf_counter()
        rebuilder.rebuild([])
        no_change.append(time.perf_counter() - start)
    rebuilder.stop()

    candidates = posts_of(site)
    post = candidates[len(candidates) // 2]
    original = post.read_text("utf-8")
    latencies, indexed = [], []
    with dev_server(site) as base, EventStream(base) as events:
        url = f"{base}/posts/{post.stem}/"
        try:
            for number in range(runs):
                marker = f"edit-marker-{number}-{time.time_ns()}"
                entries = search_entries(site)
                seen = events.count()
                start = time.perf_counter()
                post.write_text(original + f"\n{marker}\n", "utf-8")
                while True:  # what a tab does: on each finished build, fetch the page
                    seen = events.wait_after(seen)
                    if marker in fetch(url):
                        break
                latencies.append(time.perf_counter() - start)
                while search and search_entries(site) == entries:
                    assert time.perf_counter() - start < 120, "the search index never followed"
                    time.sleep(0.005)
                indexed.append(time.perf_counter() - start)
            visible = seen_in_browser(post, original, url, runs)
        finally:
            post.write_text(original, "utf-8")
    setting = ", search = true" if search else ""
    print(f"Edit loop on a generated {posts}-post blog{setting} (median of {runs})")
    print(f"  dev server rebuild, nothing changed  {statistics.median(no_change) * 1000:7.0f} ms")
    print(f"  save -> new page served              {statistics.median(latencies) * 1000:7.0f} ms")
    if search:
        print(f"  save -> search index updated         {statistics.median(indexed) * 1000:7.0f} ms")
    if visible:
        print(f"  save -> new text visible in Chromium {statistics.median(visible) * 1000:7.0f} ms")
    else:
        print("  save -> visible in a browser: skipped (no /usr/bin/chromium or playwright)")


CHROMIUM = Path("/usr/bin/chromium")
# Swapped in place (the dev server's client fires "blogforge:swapped"): the next frame after the
# swap, as the page recorded it. Reloaded: the new page's first paint.
WATCH_SWAPS = """() => {
  window.__paintedAt = 0;
  if (window.__watching) return;
  window.__watching = true;
  document.addEventListener("blogforge:swapped", () => requestAnimationFrame(() => {
    window.__paintedAt = performance.timeOrigin + performance.now();
  }));
}"""
PAINTED_AT = """() => {
  if (window.__paintedAt) return window.__paintedAt;
  const paint = performance.getEntriesByName("first-contentful-paint")[0];
  const navigation = performance.getEntriesByType("navigation")[0];
  return performance.timeOrigin + (paint ? paint.startTime : navigation.domContentLoadedEventEnd);
}"""
HAS_TEXT = "m => !!document.body && document.body.innerText.includes(m)"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--no-first-run",
]


def seen_in_browser(post: Path, original: str, url: str, runs: int) -> list[float]:
    """Seconds from each save to the tab's first frame with the new text (swapped in place,
    or reloaded)."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return []
    if not CHROMIUM.exists():
        return []
    times = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.goto(url)
        page.wait_for_load_state("load")
        for number in range(runs):
            marker = f"browser-marker-{number}-{time.time_ns()}"
            time.sleep(0.3)  # the reload script is connected again after the last reload
            page.evaluate(WATCH_SWAPS)
            saved = time.time() * 1000  # wall clock: the page's own timings are on it too
            post.write_text(original + f"\n{marker}\n", "utf-8")
            # Waiting on a flag, not on the text: reading innerText every frame forces a layout
            # of the whole page each time, on the thread that swaps the new body in.
            while True:
                page.wait_for_function(
                    "() => !!window.__paintedAt || !window.__watching",
                    polling="raf",
                    timeout=60_000,
                )
                if page.evaluate(HAS_TEXT, marker):
                    break
                page.evaluate(WATCH_SWAPS)  # an earlier build's swap or reload: the next one
            # When the page first showed it, by its own clock (Playwright's polling would add its
            # own delay).
            painted = page.evaluate(PAINTED_AT)
            times.append((painted - saved) / 1000)
        browser.close()
    return times


def posts_of(site: Path) -> list[Path]:
    return sorted((site / "content" / "posts").glob("*.md"))

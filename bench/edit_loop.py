"""The writing loop of `blogforge serve` on the generated blog: save a post, see it served.

Figures (medians): time from writing a post's file to the dev server serving the page with the
new text; the same save seen in an open tab of headless Chromium (the page's reload script gets
the event, reloads, and the new text is in the DOM: what a writer waits for); and the dev
server's rebuild with nothing changed (what every save costs at least).
"""

from __future__ import annotations

import statistics
import threading
import time
import urllib.request
from pathlib import Path

from bench.site_build import generate, with_search

SEARCH_ENTRIES = ".blogforge-cache/serve/pagefind"  # the dev server's index, a folder a shard


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.read().decode("utf-8")


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
    from blogforge.serve.server import Rebuilder, ServeOptions, serve
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

    ready = threading.Event()
    started: list = []

    def on_ready(server, state) -> None:  # type: ignore[no-untyped-def]
        started.append(server)
        ready.set()

    threading.Thread(target=serve, args=(options, on_ready), daemon=True).start()
    if not ready.wait(300):
        raise SystemExit("bench edit: the dev server did not start")
    server = started[0]
    base = f"http://127.0.0.1:{server.server_address[1]}"
    candidates = posts_of(site)
    post = candidates[len(candidates) // 2]
    url = f"{base}/posts/{post.stem}/"
    original = post.read_text("utf-8")
    latencies, indexed = [], []
    try:
        for number in range(runs):
            marker = f"edit-marker-{number}-{time.time_ns()}"
            entries = search_entries(site)
            start = time.perf_counter()
            post.write_text(original + f"\n{marker}\n", "utf-8")
            while marker not in fetch(url):
                time.sleep(0.005)
            latencies.append(time.perf_counter() - start)
            while search and search_entries(site) == entries:
                assert time.perf_counter() - start < 120, "the search index never followed"
                time.sleep(0.005)
            indexed.append(time.perf_counter() - start)
        visible = seen_in_browser(post, original, url, runs)
    finally:
        post.write_text(original, "utf-8")
        server.shutdown()
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
            page.wait_for_function(
                "m => document.body && document.body.innerText.includes(m)",
                arg=marker,
                polling="raf",
                timeout=60_000,
            )
            # When the page first showed it, by its own clock (Playwright's polling would add its
            # own delay).
            page.wait_for_function(
                "() => !!window.__paintedAt || !window.__watching", polling="raf"
            )
            painted = page.evaluate(PAINTED_AT)
            times.append((painted - saved) / 1000)
        browser.close()
    return times


def posts_of(site: Path) -> list[Path]:
    return sorted((site / "content" / "posts").glob("*.md"))

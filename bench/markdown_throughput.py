"""Markdown throughput on the real Astro corpora: MB/s and posts/s on one core.

Bodies are rendered with the build's settings (math, footnotes, highlighting on); the timing
excludes file reading and frontmatter parsing. The Markdown engine instance is built before timing,
as a build builds it once.
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def corpus_bodies() -> list[str]:
    from blogforge.content.frontmatter import split_frontmatter

    folder = SHARED / "corpora"
    if not folder.is_dir():
        raise SystemExit(f"bench markdown: {folder} not found (the corpora live in ../shared)")
    bodies = []
    for path in sorted(folder.rglob("*.md")):
        if path.name in ("SOURCE.md", "README.md") and path.parent in (folder, *folder.iterdir()):
            continue
        _, body, _ = split_frontmatter(path.read_text(encoding="utf-8"))
        bodies.append(body)
    return bodies


def time_render(bodies: list[str], math: bool, runs: int) -> tuple[float, float]:
    """Median wall seconds and fastest CPU seconds of a pass over all bodies.

    The CPU figure is the one to compare between two versions on a shared machine: wall time
    there moves with the other users' load (measured here: 0.8 to 1.4 MB/s for the same code
    within minutes), CPU time much less.
    """
    from blogforge.markdown import MarkdownOptions, render_markdown

    options = MarkdownOptions(math=math)
    render_markdown("warm *up* $x$\n\n```python\nx = 1\n```\n", options)
    seconds, cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        for body in bodies:
            render_markdown(body, options)
        seconds.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return statistics.median(seconds), min(cpu)


def run(runs: int = 3) -> None:
    bodies = corpus_bodies()
    megabytes = sum(len(b.encode("utf-8")) for b in bodies) / 1e6
    print(f"Markdown throughput, {len(bodies)} real posts, {megabytes:.2f} MB, one core")
    for math in (True, False):
        seconds, cpu = time_render(bodies, math, runs)
        print(
            f"  math {'on ' if math else 'off'}: {megabytes / seconds:6.2f} MB/s  "
            f"{len(bodies) / seconds:7.1f} posts/s  ({seconds * 1000:.0f} ms, median of {runs}; "
            f"CPU {megabytes / cpu:.2f} MB/s, fastest)"
        )

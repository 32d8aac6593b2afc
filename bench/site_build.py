"""Whole-site build times: the example blog and a generated N-post blog (cold and warm).

Each build runs in a fresh `python3 -m blogforge build` process, so start-up and imports count as
a user would feel them, and peak memory (max RSS) is measured per process.
"""

from __future__ import annotations

import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"

CONFIG = """title = "Benchmark blog"
site = "https://bench.example.com"
"""


def generate(posts: int) -> Path:
    """The benchmark blog of ../shared/bench/gen_corpus.py ("plain" layout), cached by size."""
    site = OUT / f"site-{posts}"
    marker = site / ".generated"
    if not marker.exists():
        if site.exists():
            shutil.rmtree(site)
        subprocess.run(
            [
                sys.executable,
                str(ROOT / "bench" / "gen_corpus.py"),
                "--n",
                str(posts),
                "--engine",
                "plain",
                "--out",
                str(site),
            ],
            check=True,
        )
        (site / "blogforge.toml").write_text(CONFIG, encoding="utf-8")
        marker.write_text("ok")
    return site


def timed_build(site: Path) -> tuple[float, float]:
    """Seconds and peak RSS (MiB) of one `blogforge build` process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    process = subprocess.run(
        [sys.executable, "-m", "blogforge", "build", "--quiet", "--root", str(site)],
        capture_output=True,
        text=True,
    )
    seconds = time.perf_counter() - start
    if process.returncode != 0:
        raise SystemExit(f"build of {site} failed:\n{process.stderr[-3000:]}")
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return seconds, max(peak, before) / 1024


def clean(site: Path) -> None:
    for name in ("dist", ".blogforge-cache"):
        shutil.rmtree(site / name, ignore_errors=True)


def measure(label: str, site: Path, runs: int, pages: int | None = None) -> None:
    cold, warm, peaks = [], [], []
    for _ in range(runs):
        clean(site)
        seconds, peak = timed_build(site)
        cold.append(seconds)
        peaks.append(peak)
        seconds, peak = timed_build(site)
        warm.append(seconds)
        peaks.append(peak)
    cold_s, warm_s = statistics.median(cold), statistics.median(warm)
    rate = f"  {pages / cold_s:7.0f} posts/s cold" if pages else ""
    print(
        f"  {label:<22} cold {cold_s:6.2f} s   warm {warm_s:6.2f} s{rate}   "
        f"peak RSS {max(peaks):5.0f} MiB (median of {runs})"
    )


def run(posts: int = 1000, runs: int = 3) -> None:
    print(f"Whole-site builds on {os.cpu_count()} cores")
    example = OUT / "example-site"
    if example.exists():
        shutil.rmtree(example)
    example.mkdir(parents=True)
    for name in ("content", "layouts", "static", "blogforge.toml"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, example / name)
        elif source.exists():
            shutil.copy2(source, example / name)
    measure("example site", example, runs)
    measure(f"generated, {posts} posts", generate(posts), runs, pages=posts)

"""Whole-site build figures: the example blog and a generated N-post blog.

Each build runs in a fresh `python3 -m blogforge build` process, so start-up and imports count as
a user would feel them. Per build: wall time, CPU seconds (user + system, the build process and
its worker processes), and the peak memory (max RSS) of the largest process of the build.

- cold: no `dist/`, no `.blogforge-cache/` (a fresh clone);
- no change: the same build again;
- one edit: one post's body changed, then built.

Below the generated blog's figures, the cold build's CPU a post is split: Markdown (every post of
the blog rendered alone in one process, one core, measured right after) and the rest (templates,
feeds, images, writing, start-up, worker processes): issue 12's goal is under 2 ms a post.

`--search` measures the generated blog again with `search = true` (the Pagefind index), back to
back with the figures without it, since this shared machine's speed drifts from hour to hour.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"

CONFIG = """title = "Benchmark blog"
site = "https://bench.example.com"
"""


def generated_corpus(
    site: Path, posts: int, engine: str, finish: Callable[[Path], None], *, quiet: bool = False
) -> Path:
    """../shared/bench/gen_corpus.py's blog of `posts` posts in `engine`'s layout at `site`,
    made (then `finish`ed) unless its `.generated` marker, written last, says it is there."""
    marker = site / ".generated"
    if not marker.exists():
        if site.exists():
            shutil.rmtree(site)
        generator = ROOT / "bench" / "gen_corpus.py"
        command = [sys.executable, str(generator), "--n", str(posts), "--engine", engine]
        output = subprocess.DEVNULL if quiet else None
        subprocess.run([*command, "--out", str(site)], check=True, stdout=output)
        finish(site)
        marker.write_text("ok")
    return site


def generate(posts: int) -> Path:
    """The benchmark blog of ../shared/bench/gen_corpus.py ("plain" layout), cached by size."""

    def settings(site: Path) -> None:
        (site / "blogforge.toml").write_text(CONFIG, encoding="utf-8")

    return generated_corpus(OUT / f"site-{posts}", posts, "plain", settings)


@dataclass(frozen=True)
class Run:
    seconds: float
    cpu: float  # user + system seconds of the build and its workers
    peak_mib: float  # max RSS of the largest process of the build


def timed_command(command: list[str], failure: str) -> Run:
    """One process, measured with wait4 (its own and its children's usage). Its errors go to a
    file, not a pipe, which a chatty process could fill while nothing reads it."""
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=errors)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        if os.waitstatus_to_exitcode(status) != 0:
            errors.seek(0)
            raise SystemExit(f"{failure}:\n{errors.read().decode()[-3000:]}")
    # Linux folds the largest waited-for descendant's max RSS into the child's.
    return Run(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


def timed_build(site: Path) -> Run:
    """One `blogforge build` process."""
    command = [sys.executable, "-m", "blogforge", "build", "--quiet", "--root", str(site)]
    return timed_command(command, f"build of {site} failed")


def clean(site: Path) -> None:
    for name in ("dist", ".blogforge-cache"):
        shutil.rmtree(site / name, ignore_errors=True)


def one_post(site: Path) -> Path:
    posts = sorted((site / "content").rglob("*.md"))
    return posts[len(posts) // 2]


def measure(label: str, site: Path, runs: int, posts: int | None = None) -> float:
    """Print the three figures; return the cold builds' median CPU seconds."""
    cold: list[Run] = []
    same: list[Run] = []
    edit: list[Run] = []
    post = one_post(site)
    original = post.read_bytes()
    try:
        for number in range(runs):
            clean(site)
            cold.append(timed_build(site))
            same.append(timed_build(site))
            post.write_bytes(original + f"\nEdited in run {number}.\n".encode())
            edit.append(timed_build(site))
            post.write_bytes(original)
    finally:
        post.write_bytes(original)
    print(f"  {label}  (median of {runs})")
    for name, figures in (("cold", cold), ("no change", same), ("one edit", edit)):
        seconds = statistics.median(r.seconds for r in figures)
        cpu = statistics.median(r.cpu for r in figures)
        peak = max(r.peak_mib for r in figures)
        rate = f"{posts / seconds:7.0f} posts/s" if posts and name == "cold" else " " * 15
        per_post = f"{cpu / posts * 1000:5.1f} ms CPU/post" if posts and name == "cold" else ""
        print(
            f"    {name:<10} {seconds:7.2f} s   CPU {cpu:6.2f} s   {rate}   "
            f"peak RSS {peak:5.0f} MiB   {per_post}"
        )
    return statistics.median(r.cpu for r in cold)


def speed_in_a_child(site: Path, sample: int = 200) -> float:
    """`machine_speed`, measured in another process: the builds are started by forking this
    one, and Linux counts a child's size before its exec in the peak memory it reports, so this
    process must not hold the Markdown libraries (~35 MiB) the measure loads."""
    code = (
        "import sys; from bench.site_build import machine_speed; "
        "print(machine_speed(sys.argv[1], int(sys.argv[2])))"
    )
    command = [sys.executable, "-c", code, str(site), str(sample)]
    output = subprocess.run(command, cwd=ROOT, capture_output=True, check=True)
    return float(output.stdout)


def machine_speed(site: Path | str, sample: int = 200) -> float:
    """Milliseconds of CPU to render one generated post on one core, measured now.

    This machine's speed varies by half again from hour to hour (a shared host): the figure
    printed beside the build times says which kind of hour they were measured in.
    """
    from blogforge.content.frontmatter import split_frontmatter
    from blogforge.markdown import MarkdownOptions, render_markdown

    files = sorted((Path(site) / "content").rglob("*.md"))[:sample]
    bodies = [split_frontmatter(f.read_text("utf-8"))[1] for f in files]
    render_markdown(bodies[0], MarkdownOptions())  # build the parser first, as a build does
    start = time.process_time()
    for body in bodies:
        render_markdown(body, MarkdownOptions())
    return (time.process_time() - start) / len(bodies) * 1000


def with_search(site: Path, on: bool) -> None:
    """Turn the site's search index on or off (the benchmark's settings, otherwise as made)."""
    settings, wanted = site / "blogforge.toml", CONFIG + ("search = true\n" if on else "")
    if settings.read_text("utf-8") != wanted:  # unchanged, it is not written again
        settings.write_text(wanted, "utf-8")


def run(posts: int = 1000, runs: int = 3, search: bool = False) -> None:
    print(f"Whole-site builds on {os.cpu_count()} cores (python3 -m blogforge build, new process)")
    site = generate(posts)
    print(
        f"  machine speed now: {speed_in_a_child(site):.1f} ms CPU to render one post on one core"
    )
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
    with_search(site, False)
    cold_cpu = measure(f"generated blog, {posts} posts", site, runs, posts=posts)
    markdown = speed_in_a_child(site, sample=posts)
    rest = cold_cpu / posts * 1000 - markdown
    print(
        f"    of the cold CPU a post: Markdown {markdown:.1f} ms (every post rendered alone, "
        f"one core), the rest {rest:.1f} ms (goal: under 2)"
    )
    if search:
        try:
            with_search(site, True)
            measure(f"generated blog, {posts} posts, search = true", site, runs, posts=posts)
        finally:
            with_search(site, False)

"""What social cards cost: the generated blog with its hero images taken out (so every post gets
a card), built cold with `social_cards = true` and with `false`, back to back.

`python3 -m bench build --posts 1000` builds posts that all have a hero image, so it draws no
card; `python3 -m bench cards --posts 1000` prints this figure instead. Each build is a new
`python3 -m blogforge build` process with no `dist/` and no cache; wall and CPU seconds (the
build and its worker processes: on a loaded machine CPU is the steadier figure), medians.
"""

from __future__ import annotations

import re
import shutil
import statistics
from pathlib import Path

from bench.site_build import OUT, Run, clean, generate, timed_build

CONFIG = 'title = "Benchmark blog"\nsite = "https://bench.example.com"\nsocial_cards = {}\n'


def without_heroes(posts: int) -> Path:
    """A copy of the generated blog whose posts have no `heroImage` line."""
    site = OUT / f"site-{posts}-no-heroes"
    if not (site / ".generated").exists():
        source = generate(posts)
        if site.exists():
            shutil.rmtree(site)
        shutil.copytree(source, site, ignore=shutil.ignore_patterns("dist", ".blogforge-cache"))
        for post in (site / "content").rglob("*.md"):
            text = post.read_text("utf-8")
            post.write_text(re.sub(r"(?m)^heroImage:.*\n", "", text, count=1), "utf-8")
        (site / ".generated").write_text("ok")
    return site


def run(posts: int = 1000, runs: int = 3) -> None:
    site = without_heroes(posts)
    figures: dict[bool, list[Run]] = {True: [], False: []}
    for _ in range(runs):
        for cards in (True, False):  # interleaved: a machine's slow minutes hit both alike
            (site / "blogforge.toml").write_text(CONFIG.format(str(cards).lower()), "utf-8")
            clean(site)
            figures[cards].append(timed_build(site))
    (site / "blogforge.toml").write_text(CONFIG.format("true"), "utf-8")
    print(f"Social cards: {posts} posts without hero images, cold builds (median of {runs})")
    for cards, label in ((True, "cards on"), (False, "cards off")):
        seconds = statistics.median(r.seconds for r in figures[cards])
        cpu = statistics.median(r.cpu for r in figures[cards])
        peak = max(r.peak_mib for r in figures[cards])
        print(f"  {label:<10} {seconds:7.2f} s   CPU {cpu:6.2f} s   peak RSS {peak:5.0f} MiB")
    wall = statistics.median(r.seconds for r in figures[True]) - statistics.median(
        r.seconds for r in figures[False]
    )
    cpu = statistics.median(r.cpu for r in figures[True]) - statistics.median(
        r.cpu for r in figures[False]
    )
    per_card = cpu / posts * 1000
    print(f"  cards cost {wall:+.2f} s wall, {cpu:+.2f} s CPU: {per_card:.1f} ms CPU a card")

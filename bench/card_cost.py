"""What social cards and search cost: the generated blog with its hero images taken out (so every
post gets a card), built cold with cards off, cards on, and cards and search on, back to back.
Issue 17's budget: with both on, a cold build takes at most 1.5× the time of one with neither.

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

CONFIG = (
    'title = "Benchmark blog"\nsite = "https://bench.example.com"\n'
    "social_cards = {cards}\nsearch = {search}\n"
)
# (label, social_cards, search), each built in turn
SETTINGS = (("neither", False, False), ("cards on", True, False), ("cards+search", True, True))


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
    figures: dict[str, list[Run]] = {label: [] for label, _, _ in SETTINGS}

    def configure(cards: bool, search: bool) -> None:
        text = CONFIG.format(cards=str(cards).lower(), search=str(search).lower())
        (site / "blogforge.toml").write_text(text, "utf-8")

    for _ in range(runs):
        for label, cards, search in SETTINGS:  # interleaved: slow minutes hit all alike
            configure(cards, search)
            clean(site)
            figures[label].append(timed_build(site))
    configure(True, False)
    print(f"Social cards and search: {posts} posts without hero images, cold (median of {runs})")
    wall = {label: statistics.median(r.seconds for r in taken) for label, taken in figures.items()}
    cpu = {label: statistics.median(r.cpu for r in taken) for label, taken in figures.items()}
    for label, _, _ in SETTINGS:
        peak = max(r.peak_mib for r in figures[label])
        ratio = wall[label] / wall["neither"]
        print(
            f"  {label:<13} {wall[label]:7.2f} s  {ratio:4.2f}x   CPU {cpu[label]:6.2f} s"
            f"   peak RSS {peak:5.0f} MiB"
        )
    card_cpu = cpu["cards on"] - cpu["neither"]
    print(
        f"  cards cost {wall['cards on'] - wall['neither']:+.2f} s wall, {card_cpu:+.2f} s CPU: "
        f"{card_cpu / posts * 1000:.1f} ms CPU a card"
    )

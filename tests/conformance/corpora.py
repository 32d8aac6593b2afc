"""The four real Astro blogs in ../shared/corpora and what Astro rendered from their posts.

They live beside the checkout, not in it (27 MB of other people's writing): tests that need them
skip with a reason when absent, and fail instead when BLOGFORGE_REQUIRE_CORPORA=1 (set by CI).
"""

from __future__ import annotations

import csv
import os
from dataclasses import dataclass
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
CORPORA = SHARED / "corpora"
ASTRO_BODIES = SHARED / "conformance" / "corpora-astro"


def require_corpora() -> None:
    """Skip (or, under CI, fail) when the corpora are not beside the checkout."""
    if CORPORA.is_dir() and ASTRO_BODIES.is_dir():
        return
    reason = f"the real Astro corpora are not at {CORPORA} (they are not part of the repository)"
    if os.environ.get("BLOGFORGE_REQUIRE_CORPORA") == "1":
        pytest.fail(reason + "; BLOGFORGE_REQUIRE_CORPORA=1 requires them")
    pytest.skip(reason)


@dataclass(frozen=True)
class CorpusPost:
    corpus: str
    source: str  # path relative to the corpus folder

    @property
    def markdown_path(self) -> Path:
        return CORPORA / self.corpus / self.source

    def expected_html(self, build: str) -> str:
        stem = self.source.removesuffix(".md")
        path = ASTRO_BODIES / build / "bodies" / self.corpus / f"{stem}.html"
        return path.read_text(encoding="utf-8")


def corpus_posts(build: str) -> list[CorpusPost]:
    with (ASTRO_BODIES / build / "index.tsv").open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(handle, delimiter="\t")
        return [CorpusPost(row["corpus"], row["source"]) for row in rows]

"""Loading the copied Astro conformance cases (tests/data/conformance/cases)."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from blogforge.config import Config
from blogforge.images.pipeline import ImagePipeline
from blogforge.incremental.store import Cache

CASES = Path(__file__).resolve().parent.parent / "data" / "conformance" / "cases"
FRONTMATTER = re.compile(r"\A---\r?\n.*?\r?\n---\r?\n", re.S)


@dataclass(frozen=True)
class Case:
    folder: Path

    @property
    def name(self) -> str:
        return self.folder.relative_to(CASES).as_posix()

    @property
    def body(self) -> str:
        text = (self.folder / "input.md").read_text(encoding="utf-8")
        return FRONTMATTER.sub("", text, count=1)

    def expected_html(self, build: str) -> str:
        return (self.folder / f"expected.{build}.html").read_text(encoding="utf-8")

    def expected_headings(self, build: str) -> list[dict[str, object]]:
        return json.loads((self.folder / f"expected.{build}.headings.json").read_text("utf-8"))

    def resolve_image(self, src: str) -> dict[str, str] | None:
        return inline_image_resolver(self.folder / "input.md", self.folder)(src)


def inline_image_resolver(post_path: Path, site_root: Path) -> Callable[[str], dict | None]:
    """The real image pipeline's answer for a post's images (planned only: nothing encoded)."""
    images = ImagePipeline(Config(root=site_root), Cache.disabled())

    def resolve(src: str) -> dict[str, str] | None:
        return images.request_inline(src, post_path=post_path, post_rel=post_path.name, line=None)

    return resolve


def all_cases() -> list[Case]:
    return [Case(path.parent) for path in sorted(CASES.rglob("input.md"))]

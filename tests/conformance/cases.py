"""Loading the copied Astro conformance cases (tests/data/conformance/cases)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

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
        """What the image pipeline gives a relative image: its true size and an /_astro/ URL."""
        if src.startswith(("/", "http:", "https:", "data:")):
            return None
        with Image.open(self.folder / src) as image:
            width, height = image.size
        return {
            "loading": "lazy",
            "decoding": "async",
            "width": str(width),
            "height": str(height),
            "src": f"/_astro/{Path(src).stem}.test.webp",
        }


def all_cases() -> list[Case]:
    return [Case(path.parent) for path in sorted(CASES.rglob("input.md"))]

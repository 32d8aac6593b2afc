"""Collection ids match what Astro derived for the conformance cases (INDEX.tsv)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from blogforge.content.ids import collection_id

INDEX = Path(__file__).resolve().parents[1] / "data" / "conformance" / "cases" / "INDEX.tsv"
ROWS = list(csv.DictReader(INDEX.open(encoding="utf-8"), delimiter="\t"))


@pytest.mark.parametrize(
    "row", [r for r in ROWS if r["file"] != "custom.md"], ids=lambda r: r["file"]
)
def test_ids_equal_astro(row: dict[str, str]) -> None:
    assert collection_id(row["file"]) == row["astro_id"]


def test_index_files_take_their_folder_name() -> None:
    assert collection_id("a/b/index.md") == "a/b"
    assert collection_id("index.md") == "index"

"""Whether a build may do nothing at all, and what such a build reports.

A build is up to date when the fingerprint of everything it reads equals the last build's, every
image file it read is as it was, and the output folder is exactly as that build left it. It then
reports the last build's counts and warnings again: the same output, the same messages.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from blogforge.errors import Problem
from blogforge.incremental.fingerprints import file_stat
from blogforge.incremental.manifest import Manifest


def last_summary(manifest: Manifest, inputs: str, out_path: Path) -> dict[str, Any] | None:
    """The last build's summary when nothing changed since it, else None (build again)."""
    if not manifest.inputs or manifest.inputs != inputs:
        return None
    if any(file_stat(path) != stat for path, stat in manifest.images.items()):
        return None
    if not manifest.output_intact(out_path):
        return None
    return manifest.summary


def summary_of(posts: int, pages: int, files: int, warnings: list[Problem]) -> dict[str, Any]:
    """What an up-to-date build reports again: counts and the warnings."""
    kept = [[p.path, p.line, p.message, p.field, p.hint] for p in warnings]
    return {"posts": posts, "pages": pages, "files": files, "warnings": kept}


def summary_warnings(summary: dict[str, Any]) -> list[Problem]:
    return [Problem(*fields) for fields in summary.get("warnings", [])]

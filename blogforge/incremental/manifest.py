"""What the last build wrote into an output folder, kept in the cache folder between builds.

Per file: the key it was made from (a digest of its inputs, when the writer has one), its size
and mtime as written; and for the whole build: the fingerprint of its inputs, the image files
it read from elsewhere, and what it reported (counts, warnings). A build reuses a previous file
only when its size and mtime are still as recorded, and does nothing at all when the inputs'
fingerprint and every file are unchanged. A missing or damaged manifest means "write all".
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from blogforge.incremental.fingerprints import Stamp

MANIFEST_VERSION = 3


@dataclass(frozen=True)
class Record:
    """What a build wrote to one file: the key it was made from ("" if none), size, mtime."""

    key: str
    size: int
    mtime_ns: int


class Manifest:
    """The files of the last build into one output folder, stored in the cache folder."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.records: dict[str, Record] = {}
        self.inputs = ""  # fingerprint of the inputs (incremental.fingerprints)
        self.images: dict[str, Stamp] = {}  # image files read, as fingerprints.stamp_of
        self.summary: dict[str, Any] = {}  # counts and warnings, to report an up-to-date build
        self.spare: dict[str, Record] = {}  # the files of the site before last (output.spare)
        if path is not None:
            self._read(path)

    @classmethod
    def for_output(cls, cache_dir: Path, out_path: Path) -> Manifest:
        name = hashlib.blake2b(str(out_path.resolve()).encode(), digest_size=12).hexdigest()
        return cls(cache_dir / "outputs" / f"{name}.json")

    def _read(self, path: Path) -> None:
        try:
            data = json.loads(path.read_text("utf-8"))
            if data.get("version") != MANIFEST_VERSION:
                return
            records = {name: Record(*fields) for name, fields in data["files"].items()}
            # A stamp of another length (an older manifest's) never equals a file's: read again.
            images = {name: tuple(map(int, stamp)) for name, stamp in data["images"].items()}
            inputs, summary = str(data["inputs"]), dict(data["summary"])
            spare = {name: Record(*fields) for name, fields in data["spare"].items()}
        except (OSError, ValueError, TypeError, KeyError, AttributeError):
            return  # missing or damaged: everything is simply written again
        self.records, self.images, self.inputs, self.summary = records, images, inputs, summary
        self.spare = spare

    def output_intact(self, out_path: Path) -> bool:
        """Whether every file of the last build is still in `out_path` as it was written."""
        if not self.records:
            return False
        for name, record in self.records.items():
            try:
                status = (out_path / name).stat()
            except OSError:
                return False
            if (status.st_size, status.st_mtime_ns) != (record.size, record.mtime_ns):
                return False
        return True

    def save(self, records: dict[str, Record]) -> None:
        if self.path is None:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        payload = {
            "version": MANIFEST_VERSION,
            "inputs": self.inputs,
            "images": self.images,
            "summary": self.summary,
            "files": {name: [r.key, r.size, r.mtime_ns] for name, r in sorted(records.items())},
            "spare": {name: [r.key, r.size, r.mtime_ns] for name, r in sorted(self.spare.items())},
        }
        temporary = self.path.with_name(self.path.name + f".tmp-{os.getpid()}")
        temporary.write_text(json.dumps(payload, separators=(",", ":")), "utf-8")
        os.replace(temporary, self.path)


def file_record(path: Path, key: str) -> Record:
    """The record of a file just written (or kept): its key, size and mtime."""
    status = path.stat()
    return Record(key, status.st_size, status.st_mtime_ns)

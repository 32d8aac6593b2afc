"""A file is replaced in one step: a reader (the dev server) sees the old bytes or the new ones.

`blogforge serve` updates its folder in place (InPlaceOutput) and a request can read a page while
a build commits. Writing over the file (unlink, then write) let a reader find it missing or cut
short; each file is now written beside its target and renamed over it.
"""

from __future__ import annotations

import threading
from pathlib import Path

from blogforge.output.writer import InPlaceOutput

SIZE = 4 * 1024 * 1024


def test_a_reader_never_sees_a_missing_or_partial_file(tmp_path: Path) -> None:
    versions = [bytes([65 + n]) * SIZE for n in range(2)]
    out = tmp_path / "site"
    first = InPlaceOutput(out)
    first.write("page/index.html", versions[0])
    first.commit()
    target = out / "page/index.html"
    stop = threading.Event()
    seen: list[str] = []

    def read() -> None:
        while not stop.is_set():
            try:
                data = target.read_bytes()
            except FileNotFoundError:
                seen.append("missing")
                continue
            if data not in versions:
                seen.append(f"{len(data)} bytes")

    reader = threading.Thread(target=read)
    reader.start()
    try:
        for round_number in range(30):
            output = InPlaceOutput(out)  # no manifest: every file is written again
            output.write("page/index.html", versions[(round_number + 1) % 2])
            output.commit()
    finally:
        stop.set()
        reader.join()
    assert seen == []
    assert [p.name for p in target.parent.iterdir()] == ["index.html"], "no temporary files left"

"""A damaged `.blogforge-cache/` is detected and rebuilt, never trusted.

Cache entries carry their length and sha256; a flipped byte, a truncated entry, an entry replaced
by garbage, a checksummed entry that is not a valid pickle, and a damaged output manifest must each
be noticed: the affected bodies and image variants are computed again, the output is identical to
a build without any cache, and the damaged entries are whole again afterwards.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

from blogforge.build import build
from blogforge.config import load_config
from blogforge.incremental.store import CACHE_DIR_NAME, Cache
from tests.site_build.helpers import copy_example_site, snapshot

HEADER = 4 + 8 + 32  # magic, length, sha256 (blogforge/incremental/store.py)


def entries(root: Path, namespace: str) -> list[Path]:
    return sorted(p for p in (root / CACHE_DIR_NAME / namespace).rglob("*") if p.is_file())


def flip_a_payload_byte(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[HEADER + len(data[HEADER:]) // 2] ^= 0xFF
    path.write_bytes(bytes(data))


def truncate(path: Path) -> None:
    path.write_bytes(path.read_bytes()[: HEADER + 3])


def checksummed(path: Path, payload: bytes) -> None:
    """A well-formed entry (right length and sha256) holding `payload`."""
    path.write_bytes(
        b"BFC1" + len(payload).to_bytes(8, "big") + hashlib.sha256(payload).digest() + payload
    )


def checksummed_garbage(path: Path) -> None:
    """A well-formed entry whose payload is not what the reader wants."""
    checksummed(path, b"not a pickle of a rendered post")


def test_damaged_cache_entries_are_rebuilt_and_the_output_is_unchanged(tmp_path: Path) -> None:
    root = copy_example_site(tmp_path / "site")
    config = load_config(root)
    assert build(config).ok
    expected = snapshot(root / "dist")
    renders, images = entries(root, "render"), entries(root, "images")
    assert len(renders) >= 5 and len(images) >= 2, (renders, images)
    # An entry whose JSON part stays intact but whose HTML part is not the HTML it names any
    # more (checksummed again): its HTML is read only when its page is made.
    damaged_html = renders[4]
    planted = damaged_html.read_bytes()[HEADER:] + b"<p>planted</p>"

    flip_a_payload_byte(renders[0])
    truncate(renders[1])
    renders[2].write_bytes(b"garbage")
    checksummed_garbage(renders[3])
    flip_a_payload_byte(images[0])
    truncate(images[1])
    checksummed(damaged_html, planted)
    for manifest in (root / CACHE_DIR_NAME / "outputs").glob("*.json"):
        manifest.write_text('{"version": 2, "files": [', encoding="utf-8")
    shutil.rmtree(root / "dist")  # so the build has to read the cache again

    result = build(config)
    assert result.ok, [p.format() for p in result.diagnostics.errors]
    assert result.bodies_rendered == 4, "exactly the four damaged bodies are rendered again"
    assert result.images_encoded == 2, "exactly the two damaged variants are encoded again"
    assert snapshot(root / "dist") == expected

    cache = Cache.for_site(root)
    for path in (*renders[:4], *images[:2], damaged_html):
        namespace = path.parent.parent.name
        assert cache.get(namespace, path.name) is not None, f"{path.name} was not rewritten"
    assert cache.get("render", damaged_html.name) != planted, "the planted HTML was kept"

    shutil.rmtree(root / "dist")
    shutil.rmtree(root / CACHE_DIR_NAME)
    assert build(config, use_cache=False).ok
    assert snapshot(root / "dist") == expected, "identical to a build without any cache"


class _Plant:
    """Unpickling this runs `open(marker, "w")`: what a crafted cache entry could do."""

    def __init__(self, marker: str) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, ...]:
        return (open, (self.marker, "w"))


def test_a_crafted_pickle_in_the_render_cache_runs_nothing(tmp_path: Path) -> None:
    """Entries are JSON data: a checksummed pickle planted in place of every render entry is
    an entry of the wrong shape (rendered again), never code run by the build."""
    import pickle

    root = copy_example_site(tmp_path / "site")
    config = load_config(root)
    assert build(config).ok
    expected = snapshot(root / "dist")
    marker = tmp_path / "pwned"
    payload = pickle.dumps(_Plant(str(marker)))
    renders = entries(root, "render")
    assert renders
    for path in renders:
        path.write_bytes(
            b"BFC1" + len(payload).to_bytes(8, "big") + hashlib.sha256(payload).digest() + payload
        )
    shutil.rmtree(root / "dist")  # so the build is not up to date and reads the cache
    result = build(config)
    assert result.ok
    assert not marker.exists(), "a cache entry ran code"
    assert result.bodies_rendered > 0, "the planted entries were not trusted"
    assert snapshot(root / "dist") == expected

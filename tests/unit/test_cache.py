"""The content-addressed cache: hits, misses, corruption, atomic writes, disabled mode."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

import blogforge
from blogforge.incremental import store
from blogforge.incremental.store import CACHE_DIR_NAME, Cache


def test_put_then_get_returns_the_same_bytes(tmp_path: Path) -> None:
    cache = Cache(tmp_path / "c")
    key = cache.key("image", b"\x00\x01")
    cache.put("images", key, b"payload bytes")
    assert cache.get("images", key) == b"payload bytes"
    assert cache.get("other", key) is None
    assert cache.get("images", cache.key("different")) is None


def test_empty_payload_is_a_hit_not_a_miss(tmp_path: Path) -> None:
    cache = Cache(tmp_path)
    cache.put("n", cache.key("e"), b"")
    assert cache.get("n", cache.key("e")) == b""


def test_key_depends_on_every_part_and_their_boundaries() -> None:
    assert Cache.key("ab", "c") != Cache.key("a", "bc")
    assert Cache.key("a") == Cache.key(b"a")
    assert Cache.key("a") != Cache.key("a", "")
    assert len(Cache.key("x")) == 64


def test_key_changes_with_the_blogforge_version(monkeypatch: pytest.MonkeyPatch) -> None:
    import blogforge.incremental.store as cache_module

    before = Cache.key("same input")
    monkeypatch.setattr(cache_module, "__version__", blogforge.__version__ + ".1")
    assert Cache.key("same input") != before


def test_truncated_entry_is_a_miss(tmp_path: Path) -> None:
    cache = Cache(tmp_path)
    key = cache.key("k")
    cache.put("n", key, b"0123456789" * 100)
    path = cache.path("n", key)
    path.write_bytes(path.read_bytes()[:-10])
    assert cache.get("n", key) is None


def test_corrupted_entry_of_the_right_length_is_a_miss(tmp_path: Path) -> None:
    cache = Cache(tmp_path)
    key = cache.key("k")
    cache.put("n", key, b"0123456789")
    path = cache.path("n", key)
    raw = bytearray(path.read_bytes())
    raw[-1] ^= 0xFF
    path.write_bytes(bytes(raw))
    assert cache.get("n", key) is None


def test_file_without_header_is_a_miss(tmp_path: Path) -> None:
    cache = Cache(tmp_path)
    key = cache.key("k")
    path = cache.path("n", key)
    path.parent.mkdir(parents=True)
    path.write_bytes(b"not a cache entry")
    assert cache.get("n", key) is None
    cache.put("n", key, b"fixed")
    assert cache.get("n", key) == b"fixed"


def test_put_leaves_no_temporary_files(tmp_path: Path) -> None:
    cache = Cache(tmp_path)
    for i in range(5):
        cache.put("n", cache.key(str(i)), b"x" * i)
    leftovers = [p for p in tmp_path.rglob(".tmp-*")]
    assert leftovers == []


def test_put_makes_a_folder_deleted_between_entries(tmp_path: Path) -> None:
    cache = Cache(tmp_path)
    cache.put("n", cache.key("first"), b"1")
    shutil.rmtree(tmp_path / "n")
    cache.put("n", cache.key("second"), b"2")
    assert cache.get("n", cache.key("second")) == b"2"


def test_put_replaces_a_temporary_file_left_by_a_dead_process(tmp_path: Path) -> None:
    """Process ids come back: a crashed build's `.tmp-<pid>-<n>` may carry the next name."""
    cache = Cache(tmp_path)
    key = cache.key("k")
    folder = cache.path("n", key).parent
    folder.mkdir(parents=True)
    number = next(store._temporary_numbers) + 1  # the name the next put will take
    leftover = folder / f".tmp-{os.getpid()}-{number}"
    leftover.write_bytes(b"half an entry")
    cache.put("n", key, b"whole")
    assert cache.get("n", key) == b"whole"
    assert not leftover.exists()


def test_disabled_cache_never_stores(tmp_path: Path) -> None:
    cache = Cache.disabled()
    assert not cache.enabled
    cache.put("n", cache.key("k"), b"data")
    assert cache.get("n", cache.key("k")) is None
    assert list(tmp_path.iterdir()) == []


def test_site_cache_lives_in_the_dot_folder(tmp_path: Path) -> None:
    cache = Cache.for_site(tmp_path)
    cache.put("n", cache.key("k"), b"d")
    assert (tmp_path / CACHE_DIR_NAME).is_dir()


@pytest.mark.parametrize("name", ["../escape", "a/b", "", ".."])
def test_unsafe_names_are_refused(tmp_path: Path, name: str) -> None:
    cache = Cache(tmp_path)
    with pytest.raises(ValueError):
        cache.path(name, cache.key("k"))
    with pytest.raises(ValueError):
        cache.path("n", name)

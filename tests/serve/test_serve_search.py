"""Search in the dev server without a browser: the index follows a save, and a Pagefind that
fails is shown like a build error while the pages keep being served."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from blogforge.serve.server import SERVE_OUT_DIR
from tests.serve.conftest import serving
from tests.site_build.helpers import post_text, write_site

HANG_GUARD_SECONDS = 120  # never a speed requirement: Pagefind runs at a low priority

FILES = {
    "content/posts/gardening.md": post_text("Gardening", body="Tomatoes need sunshine."),
    "content/posts/kites.md": post_text("Kites", "2023-05-01", body="Wind lifts the kite."),
}
SETTINGS = 'title = "T"\nsite = "http://x"\nsearch = true\n'


def wait_for(condition, what: str):  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + HANG_GUARD_SECONDS
    while not (value := condition()) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert value, f"{what} did not happen within {HANG_GUARD_SECONDS} s"
    return value


def indexed_words(out: Path) -> bytes:
    """Every index file's bytes (compressed: a word is found by the browser, not here)."""
    return b"".join(p.read_bytes() for p in sorted(out.glob("pagefind/*/index/*")))


def test_the_index_is_made_after_the_first_build_and_follows_a_save(tmp_path: Path) -> None:
    root = write_site(tmp_path, FILES, SETTINGS)
    out = root / SERVE_OUT_DIR
    with serving(root) as running:
        entry = out / "pagefind/0/pagefind-entry.json"
        wait_for(entry.is_file, "the first index")
        languages = json.loads(entry.read_text())["languages"]
        assert [language["page_count"] for language in languages.values()] == [2]
        before, epoch = indexed_words(out), running.state.epoch
        (root / "content/posts/kites.md").write_text(
            post_text("Kites", "2023-05-01", body="Wind lifts the kite and a zeppelin.")
        )
        wait_for(lambda: indexed_words(out) != before, "the index following the save")
        assert running.state.error is None
        assert running.state.epoch == epoch + 1  # the save's rebuild; the index reloads no tab


def test_a_failing_pagefind_is_shown_like_a_build_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(tmp_path / "no-such-pagefind"))
    root = write_site(tmp_path / "site", FILES, SETTINGS)
    with serving(root) as running:
        error = wait_for(lambda: running.state.error, "the search error")
        (problem,) = error.problems
        assert problem.field == "search"
        assert "the search index could not be made: Pagefind failed" in problem.message
        assert (root / SERVE_OUT_DIR / "posts/kites/index.html").is_file()  # pages still served

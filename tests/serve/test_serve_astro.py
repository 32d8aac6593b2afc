"""`blogforge serve` in an Astro project: it watches the folders the build reads there
(src/content/<collection>, src/pages, public) and the Astro settings files."""

from __future__ import annotations

import time
import urllib.request
from pathlib import Path

from tests.astro.projects import write_project
from tests.serve.conftest import RunningServer, serving

POST = """---
title: "In place"
pubDate: 2024-05-01
---
The first words.
"""


def astro_blog(root: Path) -> Path:
    return write_project(
        root,
        {
            "astro.config.mjs": "import { defineConfig } from 'astro/config';\n"
            "export default defineConfig({ site: 'https://astro.example' });\n",
            "package.json": '{"dependencies": {"astro": "^5.18.0"}}',
            "src/content/blog/in-place.md": POST,
            "src/pages/blog/[...slug].astro": "",
            "public/favicon.svg": "<svg xmlns='http://www.w3.org/2000/svg'/>",
        },
    )


def fetch(running: RunningServer, path: str) -> str:
    with urllib.request.urlopen(running.url + path, timeout=30) as response:
        return response.read().decode("utf-8")


def wait_for_rebuild(running: RunningServer, epoch: int) -> None:
    deadline = time.monotonic() + 30
    while running.state.epoch == epoch and time.monotonic() < deadline:
        time.sleep(0.02)
    assert running.state.epoch > epoch, "no rebuild after the change"


def test_editing_a_post_under_src_content_rebuilds(tmp_path: Path) -> None:
    with serving(astro_blog(tmp_path / "project")) as running:
        assert "The first words." in fetch(running, "/blog/in-place/")
        post = running.root / "src/content/blog/in-place.md"
        epoch = running.state.epoch
        post.write_text(POST.replace("first words", "second words"), "utf-8")
        wait_for_rebuild(running, epoch)
        assert "The second words." in fetch(running, "/blog/in-place/")


def test_editing_astro_config_rebuilds_with_the_new_settings(tmp_path: Path) -> None:
    with serving(astro_blog(tmp_path / "project")) as running:
        config = running.root / "astro.config.mjs"
        epoch = running.state.epoch
        config.write_text(config.read_text("utf-8").replace("astro.example", "new.example"))
        wait_for_rebuild(running, epoch)
        assert "https://new.example/blog/in-place/" in fetch(running, "/blog/in-place/")

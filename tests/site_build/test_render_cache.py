"""The render cache changes how much work a rebuild does, never what it writes."""

from __future__ import annotations

import shutil
from pathlib import Path

from PIL import Image

from blogforge.build import build
from blogforge.config import load_config
from tests.site_build.helpers import copy_example_site, snapshot


def test_cached_rebuild_writes_identical_output_and_renders_nothing(tmp_path: Path) -> None:
    root = copy_example_site(tmp_path / "site")
    first = build(load_config(root))
    assert first.ok and first.bodies_cached == 0 and first.bodies_rendered == first.posts
    cold = snapshot(root / "dist")
    second = build(load_config(root))
    assert second.ok and second.bodies_rendered == 0 and second.bodies_cached == first.posts
    assert snapshot(root / "dist") == cold
    shutil.rmtree(root / ".blogforge-cache")
    third = build(load_config(root))
    assert third.bodies_rendered == first.posts
    assert snapshot(root / "dist") == cold


def test_editing_one_post_re_renders_only_that_post(tmp_path: Path) -> None:
    root = copy_example_site(tmp_path / "site")
    build(load_config(root))
    post = root / "content/posts/writing-math.md"
    post.write_text(post.read_text("utf-8") + "\nA new closing line.\n", "utf-8")
    result = build(load_config(root))
    assert (result.bodies_rendered, result.bodies_cached) == (1, result.posts - 1)
    assert "A new closing line." in (root / "dist/posts/writing-math/index.html").read_text()


def test_changing_an_inline_image_invalidates_the_cached_body(tmp_path: Path) -> None:
    root = copy_example_site(tmp_path / "site")
    build(load_config(root))
    figure = root / "content/posts/images-in-posts/figure.png"
    Image.new("RGB", (640, 320), (200, 30, 30)).save(figure)
    result = build(load_config(root))
    assert result.bodies_rendered == 1
    page = (root / "dist/posts/images-in-posts/index.html").read_text("utf-8")
    assert 'width="640"' in page and 'height="320"' in page


def test_a_math_option_change_re_renders_everything(tmp_path: Path) -> None:
    root = copy_example_site(tmp_path / "site")
    first = build(load_config(root))
    config = root / "blogforge.toml"
    config.write_text(config.read_text("utf-8").replace("math = true", "math = false"), "utf-8")
    result = build(load_config(root))
    assert result.bodies_rendered == first.posts
    assert "<math" not in (root / "dist/posts/writing-math/index.html").read_text("utf-8")

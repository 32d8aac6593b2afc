"""In-process rendering keeps each build's own state: two builds in one process (the dev
server's thread and another) once shared a module-level renderer, so one build's posts resolved
their images against the other site's folder ("image path points outside the site folder")."""

from __future__ import annotations

from pathlib import Path

from PIL import Image

from blogforge.config import Config
from blogforge.markdown import MarkdownOptions
from blogforge.render.pool import RenderJob, render_all


def site_with_image(root: Path) -> RenderJob:
    post = root / "content/posts/p.md"
    post.parent.mkdir(parents=True)
    Image.new("RGB", (40, 20), "red").save(post.parent / "figure.png")
    return RenderJob("![a figure](./figure.png)\n", str(post), "content/posts/p.md")


def test_interleaved_in_process_renders_keep_their_own_site(tmp_path: Path) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    jobs_first = [site_with_image(first)] * 2
    job_second = site_with_image(second)
    options = MarkdownOptions()
    outcomes = render_all(jobs_first, Config(root=first), options, workers=1)
    before = next(outcomes)  # the first build is under way...
    (other,) = render_all([job_second], Config(root=second), options, workers=1)  # ...another runs
    after = next(outcomes)  # ...and the first goes on
    for outcome in (before, other, after):
        assert outcome.error is None, outcome.error
        assert outcome.rendered is not None and 'width="40"' in outcome.rendered.html

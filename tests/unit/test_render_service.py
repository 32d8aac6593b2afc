"""The dev server's renderer process: bodies rendered under the time budget, a dead or stuck
worker replaced, the next save rendered as usual."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from blogforge.config import Config
from blogforge.markdown import MarkdownOptions
from blogforge.render.pool import RenderJob
from blogforge.render.service import RenderService

LONG = "".join(f"Paragraph {n} with *emphasis*, `code` and $x^{n}$.\n\n" for n in range(4000))


def job(body: str, name: str = "post") -> RenderJob:
    return RenderJob(body, f"/blog/content/posts/{name}.md", f"content/posts/{name}.md", 5)


def test_bodies_render_in_the_worker_in_order(tmp_path: Path) -> None:
    service = RenderService(Config(root=tmp_path), MarkdownOptions())
    try:
        service.start()
        first, second = service.render([job("# One\n"), job("Two $x$\n")])
        assert first.rendered is not None and '<h1 id="one">One</h1>' in first.rendered.html
        assert second.rendered is not None and "<math" in second.rendered.html
    finally:
        service.close()


def test_a_body_over_its_budget_fails_alone(tmp_path: Path) -> None:
    """The budget is far from both bodies (a one-line body in well under 1 s even on a busy
    machine; 40 000 paragraphs of math in several seconds on a fast one): no timing flake."""
    service = RenderService(Config(root=tmp_path), MarkdownOptions(), budget=1.0)
    try:
        slow, quick = service.render([job(LONG * 10, "slow"), job("Quick.\n", "quick")])
        assert slow.rendered is None and slow.error is not None
        assert str(slow.error) == (
            "content/posts/slow.md:5: rendering the Markdown took longer than 1 s (the "
            "per-post time budget); the body may be pathological (e.g. thousands of nested "
            "lists or brackets)"
        )
        assert quick.rendered is not None and "<p>Quick.</p>" in quick.rendered.html
    finally:
        service.close()


def test_a_worker_that_dies_is_replaced(tmp_path: Path) -> None:
    service = RenderService(Config(root=tmp_path), MarkdownOptions())
    try:
        service.start()
        assert service.pool is not None
        (worker,) = service.pool._processes.values()  # the executor's only worker

        def kill_soon() -> None:
            time.sleep(0.2)
            worker.kill()

        threading.Thread(target=kill_soon).start()
        died, after = service.render([job(LONG * 3, "long"), job("After.\n", "after")])
        assert died.error is not None and "process died while rendering this post" in str(
            died.error
        )
        assert after.rendered is not None and "<p>After.</p>" in after.rendered.html
    finally:
        service.close()

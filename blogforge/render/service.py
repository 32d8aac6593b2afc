"""The dev server's renderer: one long-lived process for the few bodies a save changes.

`blogforge serve` rebuilds on a background thread, where no timer can interrupt a render, and a
process that runs a web server and a file watcher cannot safely fork. So the bodies of a rebuild
are rendered in one worker started once from a fork server and kept between rebuilds (its
markdown-it parser stays built): there the per-post time budget applies as in `build`, and a
render stuck past it (in C code, deaf to the timer) gets its worker killed and replaced. A save
costs a pickle of the body each way, about a millisecond.
"""

from __future__ import annotations

import multiprocessing
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool

from blogforge.config import Config
from blogforge.errors import ContentError
from blogforge.incremental.memo import BuildMemo
from blogforge.interrupts import ignore_interrupts
from blogforge.markdown import MarkdownOptions
from blogforge.render.pool import (
    RENDER_BUDGET_SECONDS,
    RenderJob,
    RenderOutcome,
    render_job,
    start_worker,
)

GRACE_SECONDS = 5.0  # past the budget, the worker is taken for stuck and killed


class RenderService:
    """Renders jobs in its worker process, replacing the worker when it dies or hangs."""

    def __init__(
        self, config: Config, options: MarkdownOptions, budget: float = RENDER_BUDGET_SECONDS
    ) -> None:
        self.config = config
        self.options = options
        self.budget = budget
        self.pool: ProcessPoolExecutor | None = None

    def start(self) -> None:
        """Start the worker now (and build its parser), so the first save does not wait."""
        self.render([RenderJob("*warm* $x$\n", str(self.config.root / "warm-up.md"), "warm-up")])

    def render(self, jobs: list[RenderJob]) -> list[RenderOutcome]:
        """One outcome per job, in order; a job that outlives its budget fails alone."""
        outcomes: list[RenderOutcome] = []
        pending = list(jobs)
        while pending:
            pool = self._pool()
            futures = [pool.submit(render_job, job) for job in pending]
            for index, (job, future) in enumerate(zip(pending, futures, strict=True)):
                outcome = self._wait(job, future)
                outcomes.append(outcome)
                if self.pool is None:  # the worker was replaced: resubmit the rest
                    pending = pending[index + 1 :]
                    break
            else:
                pending = []
        return outcomes

    def close(self) -> None:
        """Stop the worker and wait for the pool's manager thread to end. A pool left running
        is shut down by the interpreter's exit hook instead, which races the manager thread
        closing its wake-up pipe: `serve` stopped by SIGTERM printed "Exception ignored ...
        Bad file descriptor" about once in fifty stops under load."""
        self._kill()

    def _pool(self) -> ProcessPoolExecutor:
        if self.pool is None:
            self.pool = ProcessPoolExecutor(
                max_workers=1,
                mp_context=multiprocessing.get_context("forkserver"),
                initializer=ignore_interrupts,
                initargs=(start_worker, self.config, self.options, None, self.budget),
            )
        return self.pool

    def _wait(self, job: RenderJob, future: Future[RenderOutcome]) -> RenderOutcome:
        try:
            return future.result(timeout=self.budget + GRACE_SECONDS)
        except FutureTimeout:
            self._kill()
            message = (
                f"rendering the Markdown took longer than {self.budget:g} s (the per-post time "
                "budget) and could not be interrupted; the body may be pathological"
            )
        except BrokenProcessPool:
            self._kill()
            message = "the Markdown rendering process died while rendering this post"
        return RenderOutcome(None, {}, ContentError(job.label, job.body_line, message))

    def _kill(self) -> None:
        """Stop a stuck, dead or no longer wanted worker for good; the next render starts a
        fresh one. Killed first, so waiting for the pool to end cannot wait for a render."""
        pool, self.pool = self.pool, None
        if pool is None:
            return
        for process in list(getattr(pool, "_processes", {}).values()):
            process.kill()  # the executor has no public way to stop a running task
        pool.shutdown(wait=True, cancel_futures=True)


def kept_renderer(memo: BuildMemo, config: Config, options: MarkdownOptions) -> RenderService:
    """The dev server's renderer process, started once and kept in its memo between saves."""
    if memo.renderer is None:
        memo.renderer = RenderService(config, options)
    return memo.renderer

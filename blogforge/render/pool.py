"""Rendering post bodies on every core, each within a time budget.

Markdown is pure CPU work in Python, so threads would not help: the bodies that missed the render
cache are spread over worker processes (`ProcessPoolExecutor.map`, chunked), each worker building
its markdown-it parser once (`build_parser` is cached per options) and answering inline-image
questions with its own planning-only `ImagePipeline`. The main process re-asks its own pipeline
for every image a worker resolved, which plans the variant there and proves the worker saw the
same file. A handful of bodies (an edit in `serve`, a small blog) render in-process: starting
workers would cost more than it saves.

Worker processes are forked when the calling process runs no other thread (fast: nothing to
import again); otherwise (the dev server's rebuild thread) they start from a fork server, since
forking a process with running threads can copy a held lock.

Every render runs under a time budget (`RENDER_BUDGET_SECONDS`): a pathological body is reported
as an error naming its file instead of hanging the build. The budget is a SIGALRM timer, so it
applies in workers and in the main thread; an in-process render on another thread has none.
"""

from __future__ import annotations

import dataclasses
import multiprocessing
import os
import signal
import threading
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from blogforge.config import Config
from blogforge.errors import ContentError
from blogforge.interrupts import ignore_interrupts, interrupts_deferred
from blogforge.markdown import MarkdownOptions, Rendered, render_markdown
from blogforge.render.cache import RenderCache

RENDER_BUDGET_SECONDS = 20.0
PARALLEL_MINIMUM = 24  # fewer cache misses than this render in-process
CHUNK_SIZE = 8

Resolved = dict[str, dict[str, str] | None]


@dataclass(frozen=True)
class RenderJob:
    """One body to render, with what its inline images are resolved against."""

    body: str
    post_path: str  # absolute path of the post file (relative images are next to it)
    label: str  # the post as named in messages
    body_line: int = 1  # the file line where the body starts


@dataclass
class RenderOutcome:
    """A rendered body and what each of its inline images resolved to, or the error it raised."""

    rendered: Rendered | None
    resolved: Resolved = field(default_factory=dict)
    error: ContentError | None = None
    html_digest: str = ""  # set when the HTML was left in the render cache (see render_all)


class RenderBudgetExceeded(Exception):
    """Raised by the SIGALRM handler inside a render that ran out of time."""


def default_workers() -> int:
    """The cores this process may use (its CPU affinity, not the machine's count)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def render_all(
    jobs: list[RenderJob],
    config: Config,
    options: MarkdownOptions,
    workers: int,
    store_in: Path | None = None,
) -> Iterator[RenderOutcome]:
    """Outcomes in the order of `jobs`, rendered in worker processes when it pays.

    `store_in` (a cache folder): each renderer stores its bodies in the render cache itself
    and sends back the result without its HTML, only the HTML's digest: the build reads a
    body's HTML back when its page is made, and the main process neither pickles, receives
    nor stores 45 KB a post.
    """
    if workers <= 1 or len(jobs) < PARALLEL_MINIMUM:
        state = worker_state(config, options, store_in)
        yield from (render_job(job, state) for job in jobs)
        return
    count = min(workers, -(-len(jobs) // CHUNK_SIZE))
    context = multiprocessing.get_context("fork" if threading.active_count() == 1 else "forkserver")
    pool = ProcessPoolExecutor(
        max_workers=count,
        mp_context=context,
        initializer=ignore_interrupts,
        initargs=(start_worker, config, options, store_in),
    )
    try:
        with interrupts_deferred():  # map forks the workers and submits every chunk now
            results = pool.map(render_job, jobs, chunksize=CHUNK_SIZE)
        yield from results
    except BaseException:  # Ctrl-C (or the caller gave up): drop the bodies not yet started
        # and wait for the chunks being rendered (each post is under its time budget): a pool
        # left to the interpreter's exit hook can print "Exception ignored ... Bad file
        # descriptor" as the process exits.
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    pool.shutdown()


# -- worker side ----------------------------------------------------------------------------
_worker: dict[str, object] = {}


def worker_state(
    config: Config,
    options: MarkdownOptions,
    store_in: Path | None,
    budget: float = RENDER_BUDGET_SECONDS,
) -> dict[str, object]:
    """What a renderer needs: its image pipeline, options, render cache and time budget."""
    # deferred: a worker process imports Pillow and the engine when it starts
    from blogforge.images.pipeline import ImagePipeline
    from blogforge.incremental.store import Cache
    from blogforge.markdown.engine import build_parser
    from blogforge.render.cache import RenderCache

    build_parser(options)  # the engine's imports and parser, outside any post's time budget
    store = RenderCache(Cache(store_in), options) if store_in is not None else None
    images = ImagePipeline(config, Cache.disabled())
    return {"images": images, "options": options, "store": store, "budget": budget}


def start_worker(
    config: Config,
    options: MarkdownOptions,
    store_in: Path | None,
    budget: float = RENDER_BUDGET_SECONDS,
) -> None:
    """A worker process's state, set once when it starts (one build's settings per process)."""
    _worker.update(worker_state(config, options, store_in, budget))


def render_job(job: RenderJob, state: dict[str, object] | None = None) -> RenderOutcome:
    """Render one body, recording its image answers. `state`: the in-process renderer's own
    (two builds in one process, the dev server's and another, must not share one); a worker
    process uses the state it started with."""
    worker = _worker if state is None else state
    # deferred: a worker process imports Pillow and the engine when it starts
    from blogforge.images.pipeline import ImagePipeline

    images = worker["images"]
    options = worker["options"]
    assert isinstance(images, ImagePipeline) and isinstance(options, MarkdownOptions)
    resolved: Resolved = {}
    asking: list[str] = []

    def resolve(src: str) -> dict[str, str] | None:
        asking.append(src)
        resolved[src] = images.request_inline(
            src, post_path=Path(job.post_path), post_rel=job.label, line=None
        )
        return resolved[src]

    try:
        with TimeBudget(float(worker["budget"])):  # type: ignore[arg-type]
            rendered = render_markdown(job.body, options, resolve)
    except ContentError as error:
        if error.line is None and asking:  # an image failed: name the line that has it
            line = body_line_of(job.body, asking[-1])
            if line is not None:
                p = error.problem
                error = ContentError(
                    p.path, job.body_line + line - 1, p.message, field=p.field, hint=p.hint
                )
        return RenderOutcome(None, resolved, error)
    except RenderBudgetExceeded:
        message = (
            f"rendering the Markdown took longer than {worker['budget']:g} s "
            "(the per-post time budget); the body may be pathological (e.g. thousands of "
            "nested lists or brackets)"
        )
        return RenderOutcome(None, resolved, ContentError(job.label, job.body_line, message))
    except RecursionError:
        message = "the Markdown is nested too deeply to render (lists or quotes inside each other)"
        return RenderOutcome(None, resolved, ContentError(job.label, job.body_line, message))
    except Exception as error:  # a bug of ours or of a plugin: this post fails, not the build
        message = (
            f"blogforge could not render this post ({type(error).__name__}: {error}); "
            "please report it with the post's text"
        )
        return RenderOutcome(None, resolved, ContentError(job.label, job.body_line, message))
    store = worker["store"]
    if store is None:
        return RenderOutcome(rendered, resolved)
    assert isinstance(store, RenderCache)
    html_digest = store.store(job.body, rendered, resolved)
    return RenderOutcome(dataclasses.replace(rendered, html=""), resolved, html_digest=html_digest)


def body_line_of(body: str, src: str) -> int | None:
    """The 1-based body line where an image's `src` is written (its first mention)."""
    at = body.find(src)
    return None if at < 0 else body.count("\n", 0, at) + 1


class TimeBudget:
    """Raise RenderBudgetExceeded in the block after `seconds` (main thread only; else no-op)."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.armed = threading.current_thread() is threading.main_thread()

    def __enter__(self) -> None:
        if self.armed:
            self.previous = signal.signal(signal.SIGALRM, _out_of_time)
            signal.setitimer(signal.ITIMER_REAL, self.seconds)

    def __exit__(self, *exc: object) -> None:
        if self.armed:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, self.previous)


def _out_of_time(signum: int, frame: object) -> None:
    raise RenderBudgetExceeded

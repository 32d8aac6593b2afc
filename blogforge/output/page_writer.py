"""Making the pages whose inputs changed, on two cores when there are many.

Templating is pure Python: a cold 1 000-post build spends over a second of one core in Jinja
and in writing files while the other core has nothing left to do (the bodies are rendered, the
few images encode in the background). So when a `build` has many pages to make, it forks once:
the child makes every other page and writes it straight into the new output folder, the parent
makes the rest, and the child sends back only what it wrote (each file's record) and the
layout errors it met. Forking copies the planned site, the compiled templates and the output's
bookkeeping for free; it is done only from a process running no other thread (a forked lock
held by another thread would never be released), before the image encoders start.

The result is the same as making every page in order: each page is made from the same context,
each file written once, and the errors are gathered by (file, line, message) as before.
"""

from __future__ import annotations

import os
import pickle
import signal
import threading
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from blogforge.errors import ContentError
from blogforge.output.writer import DirOutput, InPlaceOutput
from blogforge.render.pool import default_workers

if TYPE_CHECKING:
    from blogforge.site.routes import Route
    from blogforge.templates.engine import TemplateEngine

FORK_MINIMUM = 64  # fewer pages than this are made in one process: a fork costs ~10 ms
Failures = dict[tuple[str, int | None, str], list[str]]  # one layout error -> its pages


class PagesInFlight:
    """Pages being made: this process's share is done, the child's may not be yet. `finish`
    waits for the child and gives every page written and every error; `abandon` (a build
    that stops early) kills it. The parent can write other files (feeds, static files) in
    between: the child writes only its pages."""

    def __init__(
        self, output: DirOutput | InPlaceOutput | None, made: int, failures: Failures
    ) -> None:
        self.output = output
        self.made = made
        self.failures = failures
        self.child: tuple[int, int] | None = None

    def finish(self) -> tuple[int, Failures]:
        if self.child is not None:
            pid, reading = self.child
            self.child = None
            self.made += collect(pid, reading, self.output, self.failures)  # type: ignore[arg-type]
        return self.made, self.failures

    def abandon(self) -> None:
        if self.child is None:
            return
        pid, reading = self.child
        self.child = None
        os.close(reading)
        try:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass


def start_pages(
    output: DirOutput | InPlaceOutput | None,
    templates: TemplateEngine,
    todo: Sequence[tuple[Route, str]],
    *,
    workers: int | None,
    then_start: Callable[[], None] = lambda: None,
) -> PagesInFlight:
    """Render and write each (route, key) of `todo`: this process's share now, the rest in a
    forked child when there are many (`workers`: the cores to use, None: every core this
    process may use). `then_start` runs once the child is forked: background work that starts
    threads (the image encoders) must come after the fork.
    """
    in_flight = PagesInFlight(output, 0, {})
    mine = list(todo)
    cores = workers if workers is not None else default_workers()
    if (
        isinstance(output, DirOutput)
        and cores > 1
        and len(todo) >= FORK_MINIMUM
        and hasattr(os, "fork")
        and threading.active_count() == 1
    ):
        output.root  # noqa: B018 - the folder exists before the fork: both write into it
        # The child takes a little more: this process also writes the feeds meanwhile.
        theirs = [item for number, item in enumerate(mine) if number % 9 in (1, 3, 5, 7, 8)]
        mine = [item for number, item in enumerate(mine) if number % 9 in (0, 2, 4, 6)]
        templates.compile_ahead(route.template for route, _ in todo)  # once, for both
        in_flight.child = fork_maker(output, templates, theirs)
    try:
        then_start()
        for route, key in mine:
            in_flight.made += make_page(output, templates, route, key, in_flight.failures)
    except BaseException:  # interrupted (Ctrl-C) or failed: the child goes too
        in_flight.abandon()
        raise
    return in_flight


def make_page(
    output: DirOutput | InPlaceOutput | None,
    templates: TemplateEngine,
    route: Route,
    key: str,
    failures: Failures,
) -> int:
    """One page rendered and written (1), or its layout error noted (0). Without an output
    (the build already failed) the page is only rendered, to find its layout's errors."""
    try:
        html = templates.render(route.template, route.context, for_path=route.source)
    except ContentError as error:
        where = (error.problem.path, error.problem.line, error.problem.message)
        failures.setdefault(where, []).append(route.source)
        return 0
    if output is None:
        return 0
    output.write(route.file, html.encode("utf-8"), key)
    return 1


def fork_maker(
    output: DirOutput, templates: TemplateEngine, todo: Sequence[tuple[Route, str]]
) -> tuple[int, int]:
    """Fork a child that makes `todo`'s pages; its pid and the pipe its report comes on."""
    reading, writing = os.pipe()
    written, kept = output.files_written, output.files_kept
    pid = os.fork()
    if pid != 0:
        os.close(writing)
        return pid, reading
    try:  # the child: never returns, never runs the parent's cleanup
        os.close(reading)
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
        failures: Failures = {}
        records = []
        report: tuple[object, ...]
        try:
            for route, key in todo:
                if make_page(output, templates, route, key, failures):
                    records.append((route.file, output.records[route.file]))
            counts = (len(records), output.files_written - written, output.files_kept - kept)
            report = ("made", records, failures, counts)
        except OSError as error:
            report = ("os", error.errno, error.strerror, error.filename)
        except BaseException as error:
            report = ("bug", f"{type(error).__name__}: {error}")
        data = pickle.dumps(report)
        with os.fdopen(writing, "wb") as stream:
            stream.write(data)
    finally:
        os._exit(0)


def collect(pid: int, reading: int, output: DirOutput, failures: Failures) -> int:
    """The child's report taken in: its files join the output's records, its errors the
    build's. A child that died or failed is an error of the build, never a silent loss."""
    with os.fdopen(reading, "rb") as stream:
        data = stream.read()
    _, status = os.waitpid(pid, 0)
    try:
        report = pickle.loads(data) if data else ("died", status)
    except (pickle.UnpicklingError, EOFError, ValueError):
        report = ("died", status)
    if report[0] == "made":
        _, records, child_failures, (made, written, kept) = report
        for file, record in records:
            output.adopt(file, record)
        output.files_written += written
        output.files_kept += kept
        for where, pages in child_failures.items():
            failures.setdefault(where, []).extend(pages)
        return made
    if report[0] == "os":
        raise OSError(report[1], report[2], report[3])
    what = report[1] if report[0] == "bug" else f"it died (status {report[1]})"
    failures.setdefault(("", None, f"a page-making process failed: {what}"), []).append("pages")
    return 0

"""Stopping `build` and `serve` cleanly: Ctrl-C, SIGTERM and SIGHUP.

A terminal's Ctrl-C sends SIGINT to the whole foreground process group: the command and every
worker process it started (Markdown renderers, image encoders, the dev server's renderer). Each
worker used to die with its own KeyboardInterrupt traceback while the parent printed a 30-line
one. Workers now ignore SIGINT (`ignore_interrupts`, their pools' initializer) and finish or
drop their current task when the parent shuts their pool down; the parent alone reports, in one
line, and exits 130 as shells expect of an interrupted command. The build writes into a folder
beside `dist/` and swaps it in atomically, so an interrupted build leaves `dist/` as it was.

SIGTERM and SIGHUP (a closed terminal, `kill`, a service manager) killed `serve` outright, with
no cleanup: its fork server, renderer and resource tracker were left running. `serve` turns
them into SystemExit (`stop_on_termination`), so its `finally` blocks and the interpreter's
exit handlers stop every process it started.
"""

from __future__ import annotations

import signal
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

EXIT_INTERRUPTED = 130  # 128 + SIGINT
INTERRUPTED = "interrupted; dist/ left as it was"
TERMINATING = (signal.SIGTERM, signal.SIGHUP)


def ignore_interrupts(initializer: Callable[..., object] | None = None, *args: Any) -> None:
    """A pool worker's initializer: ignore Ctrl-C (the parent handles it), then run its own."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})  # see interrupts_deferred
    if initializer is not None:
        initializer(*args)


@contextmanager
def interrupts_deferred() -> Iterator[None]:
    """Hold back SIGINT while worker processes are forked: a child inherits the blocked signal
    and drops it once its initializer ignores SIGINT, instead of dying with a traceback before
    the initializer runs; the parent gets its KeyboardInterrupt when the block ends. (A fork
    server's children are forked by the server, where this cannot reach.)"""
    blocked = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, blocked)


def until_interrupted(command: Callable[[], int]) -> int:
    """Run a command; on Ctrl-C print one line instead of a traceback and return 130."""
    try:
        return command()
    except KeyboardInterrupt:
        start = "\n" if sys.stderr.isatty() else ""  # after the terminal's ^C or progress line
        print(f"{start}{INTERRUPTED}", file=sys.stderr, flush=True)
        return EXIT_INTERRUPTED


def stop_on_termination() -> Callable[[], None]:
    """Make SIGTERM and SIGHUP raise SystemExit(128 + signal) in the main thread, so cleanup
    runs; returns what restores the previous handlers. Off the main thread (a test running
    `serve` on a thread) signals cannot be handled: nothing is changed."""
    if threading.current_thread() is not threading.main_thread():
        return lambda: None

    def exit_on(signum: int, frame: object) -> None:
        raise SystemExit(128 + signum)

    previous = {signum: signal.signal(signum, exit_on) for signum in TERMINATING}

    def restore() -> None:
        for signum, handler in previous.items():
            signal.signal(signum, handler)

    return restore

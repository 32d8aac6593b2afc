"""What the dev server knows about the site between builds: the last good output, the last error.

Requests and rebuilds meet here. A page request made while a build runs waits for it (MkDocs'
build-epoch idea), so a browser never sees a half-written site; when a build fails, the last good
output keeps being served and the error is kept to be shown in every tab.
"""

from __future__ import annotations

import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from blogforge.errors import Problem


@dataclass(frozen=True)
class BuildError:
    """A failed build, as the browser overlay shows it: each problem with its source lines."""

    problems: tuple[Problem, ...]
    snippets: tuple[str, ...]  # the offending lines of each problem's file ("" when unknown)


def source_snippet(root: Path, problem: Problem, context: int = 2) -> str:
    """The lines around `problem.line` in its file, numbered, the offending one marked with `>`."""
    if problem.line is None:
        return ""
    path = Path(problem.path)
    if not path.is_absolute():
        path = root / path
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return ""
    start = max(1, problem.line - context)
    end = min(len(lines), problem.line + context)
    width = len(str(end))
    return "\n".join(
        f"{'>' if n == problem.line else ' '} {n:>{width}} | {lines[n - 1]}"
        for n in range(start, end + 1)
    )


@dataclass
class ServeState:
    """Shared between the HTTP threads and the rebuild thread; all access under `lock`."""

    out_path: Path
    server_id: str = field(default_factory=lambda: uuid.uuid4().hex[:12])
    epoch: int = 0  # increases after every finished build, good or bad
    building: bool = False
    error: BuildError | None = None
    last_change: str = ""  # "css:<path>" when only stylesheets changed, else "reload"
    condition: threading.Condition = field(default_factory=threading.Condition)

    def start_build(self) -> None:
        with self.condition:
            self.building = True

    def finish_build(self, error: BuildError | None, change: str) -> None:
        with self.condition:
            self.building = False
            self.error = error
            self.last_change = change
            self.epoch += 1
            self.condition.notify_all()

    def finish_quietly(self) -> None:
        """End a change that is no new build (the search index installed): requests go on,
        open tabs are not reloaded."""
        with self.condition:
            self.building = False
            self.condition.notify_all()

    def wait_until_idle(self, timeout: float = 30.0) -> None:
        """Hold a page request while a build runs, so it gets the new site, never a half one."""
        deadline = time.monotonic() + timeout
        with self.condition:
            while self.building and time.monotonic() < deadline:
                self.condition.wait(timeout=deadline - time.monotonic())

    def wait_for_epoch_after(self, epoch: int, timeout: float) -> int:
        """Block an event stream until a build newer than `epoch` finished (or timeout)."""
        with self.condition:
            self.condition.wait_for(lambda: self.epoch > epoch, timeout=timeout)
            return self.epoch

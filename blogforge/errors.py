"""Errors that carry a place.

Every problem with a user's input becomes a `ContentError` naming the file, the line, the field,
what was expected and what was found. They are collected in `Diagnostics` so one bad post never
hides the errors of the others, and printed as `path:line: field: message`.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import sys
import tempfile
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

import blogforge

# C0 and C1 control characters and DEL: a value quoted in a message must not move the cursor,
# clear the terminal or start a new `file:line:` line of its own.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    """`text` with control characters shown as `\\xNN`, so a message stays one inert line; so
    are the bytes of a file name that is not UTF-8 (printing them would raise)."""
    try:
        text = text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:  # a surrogate no file name decoding made
        text = text.encode("utf-8", "backslashreplace").decode("utf-8")
    return _CONTROL.sub(lambda found: f"\\x{ord(found.group()):02x}", text)


@dataclass(frozen=True)
class Problem:
    """One error or warning about a file, printable as `path:line: field: message`."""

    path: str
    line: int | None
    message: str
    field: str | None = None
    hint: str | None = None

    def format(self) -> str:
        place = self.path if self.line is None else f"{self.path}:{self.line}"
        what = f"{self.field}: {self.message}" if self.field else self.message
        text = f"{place}: {what}"
        if self.hint:
            text += f" (hint: {self.hint})"
        return printable(text)

    def __str__(self) -> str:
        return self.format()


class ContentError(Exception):
    """A problem with the user's input that stops the build, with its place."""

    def __init__(
        self,
        path: str | Path,
        line: int | None,
        message: str,
        *,
        field: str | None = None,
        hint: str | None = None,
    ) -> None:
        self.problem = Problem(str(path), line, message, field, hint)
        super().__init__(self.problem.format())

    def __reduce__(self) -> tuple[object, ...]:
        """Rebuild from the problem, so errors raised in worker processes cross back intact."""
        p = self.problem
        return (_content_error, (p.path, p.line, p.message, p.field, p.hint))

    @property
    def path(self) -> str:
        return self.problem.path

    @property
    def line(self) -> int | None:
        return self.problem.line


def _content_error(
    path: str, line: int | None, message: str, field: str | None, hint: str | None
) -> ContentError:
    return ContentError(path, line, message, field=field, hint=hint)


def describe(value: object) -> str:
    """Show a found value the way an error message should quote it: short and typed."""
    if isinstance(value, str):
        text = value if len(value) <= 60 else value[:57] + "..."
        return f'"{text}"'
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return f"a list ({len(value)} items)"
    if isinstance(value, dict):
        return "a mapping"
    return f"{type(value).__name__} {value!r}"


@dataclass
class Diagnostics:
    """Collects every error and warning of a build, so all are reported at once."""

    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    def error(self, problem: Problem | ContentError) -> None:
        self.errors.append(problem.problem if isinstance(problem, ContentError) else problem)

    def warn(self, problem: Problem) -> None:
        self.warnings.append(problem)

    def extend(self, other: Diagnostics) -> None:
        self.errors.extend(other.errors)
        self.warnings.extend(other.warnings)

    @property
    def ok(self) -> bool:
        return not self.errors


def place_of(path: str | bytes | os.PathLike[str] | None, root: Path | None = None) -> str:
    """How a file is named in a message: relative to the site's root when inside it."""
    if path is None:
        return "(unknown file)"
    text = os.fsdecode(path)
    if root is not None:
        with contextlib.suppress(ValueError):
            text = Path(text).relative_to(root).as_posix()
    # A file of the build being assembled beside the output folder (`.dist.building-PID/x`)
    # is shown where it was going: `dist/x`.
    return _BUILDING.sub(r"\1\2", text)


_BUILDING = re.compile(r"(^|/)\.([^/]+)\.building-\d+(?=/|$)")


def os_problem(error: OSError, root: Path | None = None, doing: str = "") -> Problem:
    """An OS error on a user's file as `file: what: why` (`doing`: "reading", "writing"...).

    `shutil.SpecialFileError` and friends carry their file in the message, not in `filename`:
    the message is kept whole then. ENOSPC and EACCES get a hint, since the fix is not in the
    file itself.
    """
    why = error.strerror or str(error) or type(error).__name__
    hint = _OS_HINTS.get(error.errno or 0)
    where = place_of(error.filename, root) if error.filename is not None else "(file system)"
    what = f"{doing}: {why}" if doing else why
    if error.filename2 is not None:
        what += f" (and {place_of(error.filename2, root)})"
    return Problem(where, None, what, hint=hint)


_OS_HINTS = {
    errno.ENOSPC: "the disk is full: free some space and build again",
    errno.EDQUOT: "the disk quota is used up: free some space and build again",
    errno.EACCES: "check the file's and its folders' permissions",
    errno.EPERM: "check the file's and its folders' permissions",
    errno.EROFS: "the file system is read-only",
    errno.ENAMETOOLONG: "use a shorter name (file systems allow 255 bytes per name)",
}

LOG_NAME = "blogforge-crash.log"


def report_unexpected(error: BaseException, *, verbose: bool = False) -> str:
    """Log an unexpected exception's traceback to a file and return the one line to print.

    The traceback is for us, not for the user: it goes to `<tmp>/blogforge-crash.log`
    (appended, with the time and version) and `-v` prints it too. The line says what
    happened, asks for a report and names the log.
    """
    trace = "".join(traceback.format_exception(error))
    log = Path(tempfile.gettempdir()) / LOG_NAME
    try:
        with open(log, "a", encoding="utf-8") as stream:
            stamp = time.strftime("%Y-%m-%d %H:%M:%S")
            stream.write(f"--- {stamp} blogforge {blogforge.__version__} {sys.argv!r}\n{trace}\n")
        where = f"details in {log}"
    except OSError:
        where = "no log could be written"
    if verbose:
        sys.stderr.write(trace)
    summary = printable(f"{type(error).__name__}: {error}")[:300]
    return (
        f"internal error: {summary} -- this is a bug in blogforge {blogforge.__version__}, "
        f"please report it ({where})"
    )

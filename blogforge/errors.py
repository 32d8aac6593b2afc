"""Errors that carry a place.

Every problem with a user's input becomes a `ContentError` naming the file, the line, the field,
what was expected and what was found. They are collected in `Diagnostics` so one bad post never
hides the errors of the others, and printed as `path:line: field: message`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

# C0 and C1 control characters and DEL: a value quoted in a message must not move the cursor,
# clear the terminal or start a new `file:line:` line of its own.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    """`text` with control characters shown as `\\xNN`, so a message stays one inert line."""
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

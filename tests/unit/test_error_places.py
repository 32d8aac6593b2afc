"""`os_problem`: an OS error on a user's file as one placed, printable line."""

from __future__ import annotations

import errno
import os
from pathlib import Path

from blogforge.errors import os_problem, printable


def test_an_os_error_is_placed_relative_to_the_site_with_a_hint() -> None:
    error = OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), "/site/.dist.building-42/a/index.html")
    assert os_problem(error, Path("/site"), "writing").format() == (
        "dist/a/index.html: writing: No space left on device "
        "(hint: the disk is full: free some space and build again)"
    )


def test_an_error_without_a_file_still_says_what_happened() -> None:
    error = OSError("`/site/static/f` is a named pipe")
    assert os_problem(error, Path("/site")).format() == (
        "(file system): `/site/static/f` is a named pipe"
    )


def test_a_file_name_that_is_not_utf8_prints_as_escapes() -> None:
    name = os.fsdecode(b"/site/content/caf\xe9.md")
    error = OSError(errno.EACCES, os.strerror(errno.EACCES), name)
    line = os_problem(error, Path("/site")).format()
    assert line.startswith("content/caf\\xe9.md: Permission denied")
    line.encode("utf-8")  # printable: no lone surrogate left to crash print()
    assert printable("\ud800x") == "\\ud800x"

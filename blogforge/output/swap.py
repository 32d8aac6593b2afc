"""Swapping a finished build in for the old one in one step, and tidying up after a build that
was killed half-way: the last good site is never lost."""

from __future__ import annotations

import ctypes
import os
import shutil
from pathlib import Path

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def exchange(first: Path, second: Path) -> bool:
    """Swap two folders in one atomic step (Linux `renameat2(RENAME_EXCHANGE)`).

    With two renames (`dist` -> old, new -> `dist`), a build killed between them leaves no
    `dist/` at all. False when the platform or file system cannot exchange: callers fall back.
    """
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [
        ctypes.c_int,
        ctypes.c_char_p,
        ctypes.c_int,
        ctypes.c_char_p,
        ctypes.c_uint,
    ]
    result = renameat2(
        _AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE
    )
    return result == 0


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def recover_interrupted(out_path: Path) -> None:
    """Tidy up after builds that were killed: never lose the last good output.

    A killed build leaves its `.dist.building-PID` folder, and (without an atomic exchange) one
    killed between its two renames leaves the previous site in `.dist.old-PID` and no `dist/`:
    that site is moved back. Folders of builds still running (their PID is alive) are left alone.
    """
    leftovers = []
    for kind in ("old", "building"):
        for path in out_path.parent.glob(f".{out_path.name}.{kind}-*"):
            pid = path.name.rsplit("-", 1)[-1]
            if pid.isdigit() and int(pid) != os.getpid() and not _process_alive(int(pid)):
                leftovers.append((kind, path))
    for kind, path in leftovers:
        if kind == "old" and not out_path.exists():
            os.replace(path, out_path)
        else:
            shutil.rmtree(path, ignore_errors=True)

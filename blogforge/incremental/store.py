"""A content-addressed store for the pure, slow stages of a build (image variants, renders).

Entries live under `<root>/.blogforge-cache/<namespace>/<key[:2]>/<key>`; the folder is safe to
delete at any time. Keys hash the inputs together with blogforge's version, so upgrading blogforge
never serves an entry produced by older code. Every entry starts with a header carrying the length
and sha256 of its payload: an entry cut short by a crash or corrupted on disk is reported as a miss
(and recomputed) instead of being trusted. Writes go to a temporary file first and are renamed into
place with `os.replace`, so a reader never sees a half-written entry.
"""

from __future__ import annotations

import hashlib
import itertools
import os
import re
from pathlib import Path

from blogforge import __version__

CACHE_DIR_NAME = ".blogforge-cache"
_MAGIC = b"BFC1"
_HEADER_LENGTH = len(_MAGIC) + 8 + 32  # magic, payload length (8 bytes), sha256 digest
_SAFE_NAME = re.compile(r"^[A-Za-z0-9_.-]+$")
_NEW_FILE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
# Temporary names unique within a process (with its pid, across processes); a forked worker
# inherits the counter but not the pid.
_temporary_numbers = itertools.count()


class Cache:
    """Bytes stored by (namespace, key); `Cache.disabled()` stores nothing."""

    def __init__(self, directory: Path | None) -> None:
        self.directory = Path(directory) if directory is not None else None

    @classmethod
    def disabled(cls) -> Cache:
        """A cache that never hits and never writes, for `--no-cache` builds and tests."""
        return cls(None)

    @classmethod
    def for_site(cls, root: Path) -> Cache:
        """The cache of a site: `<root>/.blogforge-cache/`."""
        return cls(Path(root) / CACHE_DIR_NAME)

    @property
    def enabled(self) -> bool:
        return self.directory is not None

    @staticmethod
    def key(*parts: bytes | str) -> str:
        """sha256 of the version and the parts, length-prefixed so ("ab", "c") != ("a", "bc")."""
        digest = hashlib.sha256()
        for part in (__version__, *parts):
            data = part.encode("utf-8") if isinstance(part, str) else bytes(part)
            digest.update(len(data).to_bytes(8, "big"))
            digest.update(data)
        return digest.hexdigest()

    def path(self, namespace: str, key: str) -> Path:
        """Where an entry lives (whether or not it exists)."""
        if self.directory is None:
            raise ValueError("a disabled cache has no paths")
        for name in (namespace, key):
            if not _SAFE_NAME.match(name) or name in (".", ".."):
                raise ValueError(f"unsafe cache name: {name!r}")
        return self.directory / namespace / key[:2] / key

    def get(self, namespace: str, key: str) -> bytes | None:
        """The stored bytes, or None when missing, truncated or corrupted."""
        if self.directory is None:
            return None
        try:
            raw = self.path(namespace, key).read_bytes()
        except OSError:
            return None
        if len(raw) < _HEADER_LENGTH or not raw.startswith(_MAGIC):
            return None
        length = int.from_bytes(raw[len(_MAGIC) : len(_MAGIC) + 8], "big")
        checksum = raw[len(_MAGIC) + 8 : _HEADER_LENGTH]
        payload = raw[_HEADER_LENGTH:]
        if len(payload) != length or hashlib.sha256(payload).digest() != checksum:
            return None
        return payload

    def has(self, namespace: str, key: str) -> bool:
        """Whether an entry exists (it may still fail its checksum when read)."""
        return self.directory is not None and self.path(namespace, key).is_file()

    def put(self, namespace: str, key: str, data: bytes) -> None:
        """Store atomically: a temporary file in the same folder, then `os.replace`.

        A cold build stores an entry a post, so this is kept to four system calls: the
        temporary name is this process's own (pid and a counter, created exclusively) rather
        than `tempfile.mkstemp`'s random tries, and the folder is made only when opening the
        file finds it missing (the folder deleted meanwhile, too)."""
        if self.directory is None:
            return
        target = self.path(namespace, key)
        header = _MAGIC + len(data).to_bytes(8, "big") + hashlib.sha256(data).digest()
        temporary = f"{target.parent}/.tmp-{os.getpid()}-{next(_temporary_numbers)}"
        handle = _create(temporary)
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(header)
                stream.write(data)
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise


def _create(temporary: str) -> int:
    """Open a new temporary file for writing. Its folder is made when missing; a file of that
    name can only be a leftover of a process that is gone (a live one has another pid), so it
    is replaced."""
    try:
        return os.open(temporary, _NEW_FILE, 0o644)
    except FileNotFoundError:
        Path(temporary).parent.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        Path(temporary).unlink()
    return os.open(temporary, _NEW_FILE, 0o644)

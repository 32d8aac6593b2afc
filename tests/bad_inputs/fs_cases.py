"""Bad-input cases the file system makes: special files and links in `static/`, a post file
name that is not UTF-8, images cut short, a hero path holding NUL.

Each printed a traceback before issue 16 (shutil.SpecialFileError, RuntimeError "Symlink loop",
UnicodeEncodeError in the slugger, PIL "image file is truncated" with no file named, ValueError
"embedded null byte"); now each is one placed error, or (an editor's lock file) is skipped.
"""

from __future__ import annotations

import io
import os
import socket
from pathlib import Path

from PIL import Image

from tests.bad_inputs.cases import OK, POST, Case, front

HINT_MOVE = " (hint: move it out of static/)"


def fifo(site: Path) -> None:
    os.mkfifo(site / "static/pipe")


def unix_socket(site: Path) -> None:
    (site / "static").mkdir(exist_ok=True)
    listener = socket.socket(socket.AF_UNIX)
    listener.bind(str(site / "static/sock"))
    listener.close()  # the socket file stays


def link(name: str, target: str) -> object:
    def make(site: Path) -> None:
        (site / "static").mkdir(exist_ok=True)
        (site / "static" / name).symlink_to(target)

    return make


def not_utf8_name(site: Path) -> None:
    name = os.fsencode(site / "content/posts") + b"/caf\xe9.md"
    with open(name, "wb") as stream:
        stream.write(front(*OK).encode())


def truncated(kind: str) -> bytes:
    """A deterministic 64x48 image in `kind`, cut to half its bytes."""
    image = Image.new("RGB", (64, 48))
    image.putdata([(x * 4 % 256, y * 5 % 256, (x * y) % 256) for y in range(48) for x in range(64)])
    buffer = io.BytesIO()
    image.save(buffer, kind)
    data = buffer.getvalue()
    return data[: len(data) // 2]


def static_dir(site: Path) -> None:
    (site / "static").mkdir(exist_ok=True)


FS_CASES: list[Case] = [
    Case(
        "static-named-pipe",  # was shutil.SpecialFileError; a serve rebuild thread died of it
        "filesystem",
        front(*OK),
        prepare=lambda site: (static_dir(site), fifo(site))[0],
        error="static/pipe: expected a regular file, found a named pipe: it cannot be published"
        + HINT_MOVE,
        stray_ok=("site/static", "site/static/pipe"),
    ),
    Case(
        "static-socket",  # was OSError ENXIO with a traceback
        "filesystem",
        front(*OK),
        prepare=unix_socket,
        error="static/sock: expected a regular file, found a socket: it cannot be published"
        + HINT_MOVE,
        stray_ok=("site/static", "site/static/sock"),
    ),
    Case(
        "static-symlink-loop",  # was RuntimeError: Symlink loop
        "filesystem",
        front(*OK),
        prepare=link("loop", "loop"),  # type: ignore[arg-type]
        error="static/loop: a symbolic link that loops back on itself (hint: remove the link)",
        stray_ok=("site/static", "site/static/loop"),
    ),
    Case(
        "static-dangling-symlink",
        "filesystem",
        front(*OK),
        prepare=link("gone.css", "nothing-here.css"),  # type: ignore[arg-type]
        error="static/gone.css: a symbolic link to nothing (its target is missing) "
        "(hint: remove the link)",
        stray_ok=("site/static", "site/static/gone.css"),
    ),
    Case(
        "static-editor-lock-file",  # Emacs's .#name: a dangling link that comes and goes
        "filesystem",
        front(*OK),
        prepare=link(".#site.css", "user@host.1234:1700000000"),  # type: ignore[arg-type]
        contains=(("posts/case/index.html", '<h1 class="p-name">Case</h1>'),),
        stray_ok=("site/static", "site/static/.#site.css"),
    ),
    Case(
        "post-file-name-not-utf8",  # was UnicodeEncodeError in github-slugger
        "filesystem",
        front(*OK),
        prepare=not_utf8_name,
        error="content/posts/caf\\xe9.md: expected a UTF-8 file name, found other bytes "
        "(hint: rename the file (its id and URL are made from its name))",
        stray_ok=("site/content/posts/caf\udce9.md",),
    ),
    Case(
        "hero-truncated-jpeg",  # was PIL's OSError with no file named
        "filesystem",
        front(*OK, "heroImage: ./hero.jpg"),
        files={"content/posts/hero.jpg": truncated("JPEG")},
        error="content/posts/hero.jpg: cannot decode the image: image file is truncated "
        "(20 bytes not processed)",
    ),
    Case(
        "inline-truncated-png",
        "filesystem",
        front(*OK, body="![a chart](./chart.png)\n"),
        files={"content/posts/chart.png": truncated("PNG")},
        error="content/posts/chart.png: cannot decode the image: image file is truncated",
    ),
    Case(
        "hero-path-with-nul",  # was ValueError: embedded null byte
        "filesystem",
        front(*OK, 'heroImage: "./hero\\0.jpg"'),
        error=f"{POST}:4: heroImage: image path holds a NUL byte",
    ),
    Case(
        "hero-name-too-long",  # was OSError ENAMETOOLONG from pathlib with a traceback
        "filesystem",
        front(*OK, f"heroImage: ./{'h' * 300}.jpg"),
        error=f"content/posts/{'h' * 300}.jpg: File name too long "
        "(hint: use a shorter name (file systems allow 255 bytes per name))",
    ),
]

"""Ctrl-C, SIGTERM and SIGHUP stop `build` and `serve` cleanly: one line, the right exit code,
no process left behind.

The real CLI runs in its own session (as a terminal runs a command in its own process group),
so every process it starts — Markdown workers, the dev server's fork server and renderer,
multiprocessing's resource tracker — can be found in /proc by session id, even after they are
orphaned. Ctrl-C is sent the way a terminal sends it: SIGINT to the whole process group.
"""

from __future__ import annotations

import os
import signal
import socket
import struct
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

import pytest

from blogforge.cli import main
from blogforge.interrupts import EXIT_INTERRUPTED, INTERRUPTED
from tests.site_build.helpers import REPO

HANG_GUARD = 60.0  # seconds; each wait below normally ends in well under one
POST = """---
title: "Post {n}"
pubDate: 2024-01-{day:02d}
tags: ["t{tag}"]
---

{body}
"""
PARAGRAPH = (
    "Some *emphasis*, a [link](https://example.com/{n}), `code`, and math $x^{n} + y_{n}$.\n\n"
)


def session_processes(session: int) -> list[int]:
    """Every live process of a session (field 6 of /proc/PID/stat), orphans included."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2 :].split()
        if fields[0] != "Z" and int(fields[3]) == session:
            found.append(int(entry))
    return found


def wait_for(condition: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + HANG_GUARD
    while not condition():
        assert time.monotonic() < deadline, f"gave up waiting: {what}"
        time.sleep(0.01)


def start(argv: list[str], cwd: Path) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.Popen(
        [sys.executable, "-m", "blogforge", *argv],
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )


def finish(process: subprocess.Popen[str]) -> tuple[str, str]:
    """Its output once it exits and every process of its session is gone."""
    try:
        out, err = process.communicate(timeout=HANG_GUARD)
    except subprocess.TimeoutExpired:  # a child holding the pipes open keeps it from ending
        left = session_processes(process.pid)
        for pid in left:
            os.kill(pid, signal.SIGKILL)
        pytest.fail(f"did not finish; processes of its session still running: {left}")
    wait_for(lambda: not session_processes(process.pid), "the processes it started to exit")
    return out, err


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_ctrl_c_in_build_prints_one_line_and_leaves_dist(tmp_path: Path) -> None:
    blog = tmp_path / "blog"
    assert main(["init", str(blog)]) == 0
    assert main(["build", "--root", str(blog), "--quiet", "-j", "1"]) == 0
    before = snapshot(blog / "dist")
    posts = blog / "content" / "posts"
    for n in range(1000):  # enough rendering that the workers are busy when Ctrl-C comes
        body = "".join(PARAGRAPH.format(n=n + k) for k in range(30))
        text = POST.format(n=n, day=n % 28 + 1, tag=n % 20, body=body)
        (posts / f"post-{n}.md").write_text(text, encoding="utf-8")

    build = start(["build", "-j", "2", "--no-cache"], blog)
    try:
        wait_for(lambda: len(session_processes(build.pid)) > 1, "the render workers to start")
        os.killpg(build.pid, signal.SIGINT)
    finally:
        out, err = finish(build)
    assert build.returncode == EXIT_INTERRUPTED, out + err
    assert (out, err) == ("", f"{INTERRUPTED}\n")
    assert snapshot(blog / "dist") == before


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_serving(
    tmp_path: Path, blog: Path | None = None
) -> tuple[subprocess.Popen[str], Path, int]:
    """`blogforge serve` on a new blog (or `blog`), answering, with its helpers running."""
    if blog is None:
        blog = tmp_path / "blog"
        assert main(["init", str(blog)]) == 0
    port = free_port()
    server = start(["serve", "--port", str(port)], blog)

    def answers() -> bool:
        assert server.poll() is None, server.communicate()
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as response:
                return b"Welcome to your blog" in response.read()  # all of it: no broken pipe
        except OSError:
            return False

    wait_for(answers, "serve to answer")
    # itself, multiprocessing's resource tracker and fork server, and the renderer it forked
    assert len(session_processes(server.pid)) >= 4
    return server, blog, port


def test_ctrl_c_in_serve_prints_one_line_and_stops_everything(tmp_path: Path) -> None:
    server, blog, port = start_serving(tmp_path)
    os.killpg(server.pid, signal.SIGINT)  # as a terminal's Ctrl-C: the whole process group
    out, err = finish(server)
    assert server.returncode == EXIT_INTERRUPTED
    assert "Traceback" not in out + err, out + err
    assert err == f"{INTERRUPTED}\n"
    assert f"serving {blog} at http://127.0.0.1:{port}/ (Ctrl-C to stop)\n" in out


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP], ids=["SIGTERM", "SIGHUP"])
def test_sigterm_and_sighup_stop_every_process_serve_started(
    tmp_path: Path, signum: signal.Signals
) -> None:
    server, _, _ = start_serving(tmp_path)
    os.kill(server.pid, signum)  # to serve alone, as `kill` or a service manager sends it
    out, err = finish(server)
    assert server.returncode == 128 + signum, out + err
    assert "Traceback" not in out + err, out + err


def test_a_client_hanging_up_mid_page_prints_nothing(tmp_path: Path) -> None:
    """A tab closed while a page loads resets the connection: serve goes on, silently."""
    blog = tmp_path / "blog"
    assert main(["init", str(blog)]) == 0
    (blog / "static" / "big.txt").write_bytes(b"x" * 32_000_000)  # more than socket buffers
    server, blog, port = start_serving(tmp_path, blog)
    for _ in range(3):
        with socket.create_connection(("127.0.0.1", port), timeout=5) as client:
            client.sendall(b"GET /big.txt HTTP/1.1\r\nHost: x\r\n\r\n")
            client.recv(1024)  # the response has started
            client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as response:
        assert b"Welcome to your blog" in response.read()  # still serving
    os.killpg(server.pid, signal.SIGINT)
    out, err = finish(server)
    assert "Traceback" not in out + err, out + err
    assert err == f"{INTERRUPTED}\n"

"""The dev server cannot wedge: a rebuild that raises, a watched folder deleted and made again,
hundreds of simultaneous connections, a too-long path, a foreign `Host`.

Each of these was measured on the previous server: the rebuild thread died (every request then
waited 30 s and no save was rebuilt), the watch was lost for good, 30-49 of 500 connections
timed out (listen backlog 5), the long path got no reply and a traceback, any Host was served.
"""

from __future__ import annotations

import http.client
import os
import shutil
import socket
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

import blogforge.build
from blogforge.serve.http import host_allowed
from blogforge.serve.server import LISTEN_BACKLOG, ServeOptions, allowed_hosts
from tests.serve.conftest import POST, RunningServer, make_blog, serving


def get(
    server: RunningServer, path: str, host: str | None = None, timeout: float = 30
) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=timeout)
    headers = {"Host": host} if host is not None else {}
    connection.request("GET", path, headers=headers)
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response.status, body


def save_and_wait(server: RunningServer, path: Path, text: str) -> None:
    """Write a source file and wait (hang guard only) for the build it starts to finish."""
    epoch = server.state.epoch
    path.write_text(text, encoding="utf-8")
    newer = server.state.wait_for_epoch_after(epoch, timeout=30)
    assert newer > epoch, "the save was never rebuilt: the rebuild loop is wedged"
    with server.state.condition:
        server.state.condition.wait_for(lambda: not server.state.building, timeout=30)


def edited(server: RunningServer, version: str) -> str:
    return POST.replace("first version", version)


def test_a_rebuild_that_raises_is_shown_and_the_next_save_rebuilds(
    running_server: RunningServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An exception no stage turns into a message (here: a bug injected in the pipeline) is on
    the overlay, the last good site is still served at once, and the next save rebuilds."""
    real_run = blogforge.build.Pipeline.run

    def broken(self: blogforge.build.Pipeline) -> blogforge.build.BuildResult:
        raise RuntimeError("injected failure")

    monkeypatch.setattr(blogforge.build.Pipeline, "run", broken)
    post = running_server.root / "content/posts/live.md"
    save_and_wait(running_server, post, edited(running_server, "second version"))
    status, body = get(running_server, "/__blogforge/status")
    assert b"injected failure" in body and b"please report" in body
    started = time.monotonic()
    status, body = get(running_server, "/posts/live/", timeout=10)
    assert status == 200 and b"The first version" in body, "the last good build is served"
    assert time.monotonic() - started < 10  # not held by a build that never ended
    monkeypatch.setattr(blogforge.build.Pipeline, "run", real_run)
    save_and_wait(running_server, post, edited(running_server, "third version"))
    status, body = get(running_server, "/posts/live/")
    assert b"The third version" in body
    assert get(running_server, "/__blogforge/status")[1].count(b'"error": null') == 1


def test_a_named_pipe_in_static_is_an_overlay_error_not_a_dead_server(
    running_server: RunningServer,
) -> None:
    """A FIFO in static/ made the copy raise (shutil.SpecialFileError) and killed the thread."""
    fifo = running_server.root / "static/pipe"
    epoch = running_server.state.epoch
    os.mkfifo(fifo)
    assert running_server.state.wait_for_epoch_after(epoch, timeout=30) > epoch
    with running_server.state.condition:
        running_server.state.condition.wait_for(lambda: not running_server.state.building, 30)
    _, body = get(running_server, "/__blogforge/status")
    assert b"static/pipe: expected a regular file, found a named pipe" in body
    fifo.unlink()
    post = running_server.root / "content/posts/live.md"
    save_and_wait(running_server, post, edited(running_server, "fourth version"))
    assert b"The fourth version" in get(running_server, "/posts/live/")[1]


@pytest.mark.parametrize("how", ["rm-and-copy", "move-away-and-back"])
def test_watching_survives_the_content_folder_being_replaced(tmp_path: Path, how: str) -> None:
    root = make_blog(tmp_path / "blog")
    with serving(root) as server:
        content = root / "content"
        backup = tmp_path / "backup"
        shutil.copytree(content, backup)
        epoch = server.state.epoch
        if how == "rm-and-copy":  # git checkout, rsync --delete, rm -rf + cp
            shutil.rmtree(content)
            shutil.copytree(backup, content)
        else:
            content.rename(tmp_path / "away")
            backup.rename(content)
        assert server.state.wait_for_epoch_after(epoch, timeout=30) > epoch
        time.sleep(0.3)  # let the folder's own events settle (no assertion on timing)
        post = content / "posts/live.md"
        save_and_wait(server, post, post.read_text().replace("first", "restored"))
        assert b"The restored version" in get(server, "/posts/live/")[1]


def test_five_hundred_simultaneous_connections_are_all_answered(
    running_server: RunningServer,
) -> None:
    """Connect 500 sockets at once before any is read: the listen queue must hold them."""
    assert LISTEN_BACKLOG >= 1024

    def one(_: int) -> int:
        return get(running_server, "/hello.txt", timeout=60)[0]

    with ThreadPoolExecutor(max_workers=500) as pool:
        statuses = list(pool.map(one, range(500)))
    assert statuses == [200] * 500


def test_a_path_segment_too_long_for_the_file_system_is_a_404(
    running_server: RunningServer,
) -> None:
    status, _ = get(running_server, "/" + "a" * 300 + "/")
    assert status == 404
    status, _ = get(running_server, "/posts/" + "%C3%A9" * 200 + ".css")
    assert status == 404


def test_a_client_that_hangs_up_leaves_no_trace(
    running_server: RunningServer, capfd: pytest.CaptureFixture[str]
) -> None:
    for _ in range(20):
        with socket.create_connection(("127.0.0.1", running_server.port)) as raw:
            raw.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
            raw.sendall(b"GET /posts/live/ HTTP/1.1\r\nHost: localhost\r\n")
    assert get(running_server, "/hello.txt")[0] == 200
    out, err = capfd.readouterr()
    assert "Traceback" not in out + err


def test_an_unknown_host_is_refused(running_server: RunningServer) -> None:
    """DNS rebinding: a page on another name resolving to 127.0.0.1 must not read the site."""
    port = running_server.port
    assert get(running_server, "/hello.txt", host="evil.example")[0] == 421
    assert get(running_server, "/hello.txt", host=f"evil.example:{port}")[0] == 421
    for host in (f"localhost:{port}", f"127.0.0.1:{port}", "localhost", f"[::1]:{port}"):
        assert get(running_server, "/hello.txt", host=host) == (200, b"hello from static\n")


def test_host_allow_list_follows_the_bound_address() -> None:
    local = allowed_hosts(ServeOptions(root=Path("."), host="127.0.0.1"))
    assert host_allowed("localhost:4321", local) and host_allowed("127.0.0.1", local)
    assert not host_allowed("192.168.1.5:4321", local)
    named = allowed_hosts(ServeOptions(root=Path("."), host="blog.lan"))
    assert host_allowed("blog.lan:4321", named) and not host_allowed("other.lan", named)
    everywhere = allowed_hosts(ServeOptions(root=Path("."), host="0.0.0.0"))
    assert host_allowed("192.168.1.5:4321", everywhere)
    assert host_allowed("[fe80::1]:4321", everywhere)
    assert not host_allowed("evil.example", everywhere)

"""A running `blogforge serve` on a free loopback port, for the dev-server tests."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest

from blogforge.serve.server import ServeOptions, serve
from blogforge.serve.state import ServeState
from tests.site_build.helpers import write_site

POST = """---
title: "Live post"
pubDate: "2024-05-01"
tags: ["live"]
---
The first version of this post.
"""


@dataclass
class RunningServer:
    root: Path
    url: str
    port: int
    server: ThreadingHTTPServer
    state: ServeState


def make_blog(root: Path) -> Path:
    files = {
        "content/posts/live.md": POST,
        "static/hello.txt": "hello from static\n",
        "static/site.css": "body { color: black; }\n",
    }
    return write_site(root, files, config='title = "Live"\nsite = "https://live.example"\n')


@contextmanager
def serving(root: Path, start_timeout: float = 60) -> Iterator[RunningServer]:
    """`blogforge serve` for `root` on a free loopback port, shut down on exit."""
    ready = threading.Event()
    started: list[tuple[ThreadingHTTPServer, ServeState]] = []

    def on_ready(server: ThreadingHTTPServer, state: ServeState) -> None:
        started.append((server, state))
        ready.set()

    options = ServeOptions(root=root.resolve(), port=0, quiet=True)
    thread = threading.Thread(target=serve, args=(options, on_ready), daemon=True)
    thread.start()
    assert ready.wait(start_timeout), "the dev server did not start"
    server, state = started[0]
    port = server.server_address[1]
    try:
        yield RunningServer(root, f"http://127.0.0.1:{port}", port, server, state)
    finally:
        server.shutdown()
        thread.join(timeout=10)


@pytest.fixture
def running_server(tmp_path: Path) -> Iterator[RunningServer]:
    with serving(make_blog(tmp_path / "blog")) as running:
        yield running

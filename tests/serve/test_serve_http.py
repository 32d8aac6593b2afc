"""The dev server over real HTTP: pages, content types, 404, and no way out of the site folder."""

from __future__ import annotations

import http.client
import os
import time
from pathlib import Path

import pytest

from blogforge.serve.http import Forbidden, resolve_request
from tests.serve.conftest import RunningServer


def get(server: RunningServer, raw_path: str) -> tuple[int, dict[str, str], bytes]:
    """Send the path exactly as given (no client-side normalisation of `..` or `%2e`)."""
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    connection.request("GET", raw_path)
    response = connection.getresponse()
    body = response.read()
    headers = {k.lower(): v for k, v in response.getheaders()}
    connection.close()
    return response.status, headers, body


def test_serves_pages_with_the_reload_script_and_right_types(running_server: RunningServer) -> None:
    status, headers, body = get(running_server, "/posts/live/")
    assert status == 200
    assert headers["content-type"] == "text/html; charset=utf-8"
    assert b"The first version of this post." in body
    assert b"/__blogforge/client.js" in body
    status, headers, body = get(running_server, "/hello.txt")
    assert (status, body) == (200, b"hello from static\n")
    status, headers, _ = get(running_server, "/rss.xml")
    assert (status, headers["content-type"]) == (200, "application/xml; charset=utf-8")
    out = running_server.state.out_path
    assert b"/__blogforge/client.js" not in (out / "posts/live/index.html").read_bytes(), (
        "the reload script is injected into responses, never into the built files"
    )


def test_missing_page_gets_the_404_page_with_status_404(running_server: RunningServer) -> None:
    status, headers, body = get(running_server, "/no/such/page/")
    assert status == 404
    assert headers["content-type"].startswith("text/html")
    assert body.startswith(b"<!") or b"<html" in body


@pytest.mark.parametrize(
    "attack",
    [
        "/../../../../etc/passwd",
        "/..%2f..%2f..%2f..%2fetc%2fpasswd",
        "/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "/posts/%2E%2E/%2E%2E/%2E%2E/%2E%2E/etc/passwd",
        "/..\\..\\etc\\passwd",
        "/%00/etc/passwd",
    ],
)
def test_path_traversal_never_reads_outside(running_server: RunningServer, attack: str) -> None:
    status, _, body = get(running_server, attack)
    assert status in (403, 404)
    assert b"root:" not in body


def test_symlink_pointing_out_of_the_site_is_refused(running_server: RunningServer) -> None:
    secret = running_server.root.parent / "secret.txt"
    secret.write_text("TOP SECRET")
    # The server serves its last build: place the link in it, as a static file symlink would be.
    os.symlink(secret, running_server.state.out_path / "leak.txt")
    status, _, body = get(running_server, "/leak.txt")
    assert status == 403
    assert b"TOP SECRET" not in body


def test_resolve_request_unit(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a/index.html").write_text("x")
    (tmp_path / "b.html").write_text("y")
    assert resolve_request(tmp_path, "/a/", "/") == (tmp_path / "a/index.html").resolve()
    assert resolve_request(tmp_path, "/a", "/") == (tmp_path / "a/index.html").resolve()
    assert resolve_request(tmp_path, "/b", "/") == (tmp_path / "b.html").resolve()
    assert resolve_request(tmp_path, "/sub/a/", "/sub/") == (tmp_path / "a/index.html").resolve()
    assert resolve_request(tmp_path, "/a/", "/sub/") is None
    with pytest.raises(Forbidden):
        resolve_request(tmp_path, "/a/%2e%2e/%2e%2e/x", "/")


def test_an_edit_is_served_after_the_rebuild(running_server: RunningServer) -> None:
    post = running_server.root / "content/posts/live.md"
    epoch = running_server.state.epoch
    post.write_text(post.read_text().replace("first version", "second version"))
    deadline = time.monotonic() + 30
    while running_server.state.epoch == epoch and time.monotonic() < deadline:
        time.sleep(0.02)
    _, _, body = get(running_server, "/posts/live/")
    assert b"The second version of this post." in body


def test_a_broken_post_keeps_the_last_good_site(running_server: RunningServer) -> None:
    post = running_server.root / "content/posts/live.md"
    epoch = running_server.state.epoch
    post.write_text('---\ntitle: "Live post\npubDate: 2024-05-01\n---\nbroken\n')
    deadline = time.monotonic() + 30
    while running_server.state.epoch == epoch and time.monotonic() < deadline:
        time.sleep(0.02)
    status, _, body = get(running_server, "/posts/live/")
    assert status == 200 and b"The first version of this post." in body
    status, _, body = get(running_server, "/__blogforge/status")
    assert b"content/posts/live.md" in body

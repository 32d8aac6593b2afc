"""The dev server's HTTP side: safe file lookup, live-reload injection, Server-Sent Events.

Only files inside the output folder are ever served: the request path is decoded once, `..`
segments are refused, and the resolved path (symlinks followed) must still lie inside the folder.
"""

from __future__ import annotations

import contextlib
import ipaddress
import json
import mimetypes
import posixpath
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from urllib.parse import unquote, urlsplit

from blogforge.serve.state import ServeState

CLIENT_SCRIPT = Path(__file__).with_name("client.js")
EVENTS_PATH = "/__blogforge/events"
STATUS_PATH = "/__blogforge/status"
CLIENT_PATH = "/__blogforge/client.js"
KEEPALIVE_SECONDS = 15.0

CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".json": "application/json",
    ".xml": "application/xml; charset=utf-8",
    ".svg": "image/svg+xml",
    ".webp": "image/webp",
    ".avif": "image/avif",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".ico": "image/x-icon",
    ".txt": "text/plain; charset=utf-8",
    ".woff2": "font/woff2",
}


class Forbidden(Exception):
    """The request tried to reach outside the output folder."""


def resolve_request(out_root: Path, raw_path: str, base: str) -> Path | None:
    """Map a URL path to a file inside `out_root`, or None (404); raise Forbidden on escapes."""
    path = unquote(urlsplit(raw_path).path)
    if "\x00" in path or "\\" in path:
        raise Forbidden(path)
    if not path.startswith(base):
        return None
    relative = path[len(base) :]
    if any(part == ".." for part in relative.split("/")):
        raise Forbidden(path)
    relative = posixpath.normpath("/" + relative).lstrip("/")
    root = out_root.resolve()
    candidate = root / relative if relative else root
    if candidate.is_dir():
        candidate = candidate / "index.html"
    elif not candidate.exists() and not candidate.suffix:
        candidate = candidate.with_name(candidate.name + ".html")
    try:
        resolved = candidate.resolve(strict=True)
    except (FileNotFoundError, NotADirectoryError, RuntimeError):
        return None
    if not resolved.is_relative_to(root):
        raise Forbidden(path)
    return resolved if resolved.is_file() else None


def content_type(path: Path) -> str:
    suffix = path.suffix.lower()
    return (
        CONTENT_TYPES.get(suffix)
        or mimetypes.guess_type(path.name)[0]
        or "application/octet-stream"
    )


def inject_client(html: bytes, state: ServeState) -> bytes:
    """Add the live-reload script to a served page (never to the files in the output folder)."""
    tag = (
        f'<script src="{CLIENT_PATH}" data-server="{state.server_id}" '
        f'data-epoch="{state.epoch}" defer></script>'
    ).encode()
    marker = html.rfind(b"</body>")
    if marker == -1:
        return html + tag
    return html[:marker] + tag + html[marker:]


def status_payload(state: ServeState) -> dict[str, object]:
    error = None
    if state.error is not None:
        error = [
            {"where": p.format().split(": ", 1)[0], "message": p.format(), "snippet": s}
            for p, s in zip(state.error.problems, state.error.snippets, strict=True)
        ]
    return {
        "server": state.server_id,
        "epoch": state.epoch,
        "change": state.last_change,
        "error": error,
    }


class DevRequestHandler(BaseHTTPRequestHandler):
    """Serves the last good build; holds requests while a build runs."""

    state: ServeState  # set on the subclass made by make_handler()
    base: str = "/"
    allowed_hosts: frozenset[str] = frozenset()  # empty: any Host (tests of the handler alone)
    quiet: bool = True
    server_version = "blogforge-dev"
    # Headers and body go out as two writes: with Nagle's algorithm the second waits for the
    # browser's delayed ACK, ~40 ms on every stylesheet, script and image of a reloaded page.
    disable_nagle_algorithm = True

    def log_message(self, format: str, *args: object) -> None:
        if not self.quiet:
            super().log_message(format, *args)

    def do_HEAD(self) -> None:
        self.handle_get(send_body=False)

    def do_GET(self) -> None:
        self.handle_get(send_body=True)

    def handle_get(self, send_body: bool) -> None:
        if not host_allowed(self.headers.get("Host"), self.allowed_hosts):
            # DNS rebinding: a page on evil.example resolving to 127.0.0.1 must not read drafts
            self.respond(
                HTTPStatus.MISDIRECTED_REQUEST,
                CONTENT_TYPES[".txt"],
                b"421 unknown Host: open the address blogforge serve printed\n",
                send_body,
            )
            return
        route = urlsplit(self.path).path
        if route == EVENTS_PATH:
            self.stream_events()
            return
        if route == STATUS_PATH:
            with self.state.condition:
                body = json.dumps(status_payload(self.state)).encode()
            self.respond(HTTPStatus.OK, "application/json", body, send_body)
            return
        if route == CLIENT_PATH:
            self.respond(HTTPStatus.OK, CONTENT_TYPES[".js"], CLIENT_SCRIPT.read_bytes(), send_body)
            return
        if self.base != "/" and route in ("/", ""):
            self.send_response(HTTPStatus.FOUND)
            self.send_header("Location", self.base)
            self.end_headers()
            return
        self.state.wait_until_idle()
        try:
            file = resolve_request(self.state.out_path, self.path, self.base)
            body = file.read_bytes() if file is not None else None
        except Forbidden:
            self.respond(HTTPStatus.FORBIDDEN, CONTENT_TYPES[".txt"], b"403 forbidden\n", send_body)
            return
        except OSError:  # a name too long for the file system, a file gone: not found
            file = body = None
        if file is None or body is None:
            self.not_found(send_body)
            return
        kind = content_type(file)
        if kind.startswith("text/html"):
            body = inject_client(body, self.state)
        self.respond(HTTPStatus.OK, kind, body, send_body)

    def not_found(self, send_body: bool) -> None:
        page = self.state.out_path / "404.html"
        body = page.read_bytes() if page.is_file() else b"<!doctype html><h1>404 Not found</h1>"
        self.respond(
            HTTPStatus.NOT_FOUND, CONTENT_TYPES[".html"], inject_client(body, self.state), send_body
        )

    def respond(self, status: HTTPStatus, kind: str, body: bytes, send_body: bool) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        if send_body:
            try:
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                return  # the tab was closed or moved on mid-page: nothing to report

    def stream_events(self) -> None:
        """Server-Sent Events: a `status` event now, then one after every finished build."""
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.send_header("Connection", "keep-alive")
        self.end_headers()
        state = self.state
        try:
            with state.condition:
                epoch = state.epoch
                payload = status_payload(state)
            self.send_event(payload)
            while True:
                newer = state.wait_for_epoch_after(epoch, KEEPALIVE_SECONDS)
                if newer == epoch:
                    self.wfile.write(b": keep-alive\n\n")
                    self.wfile.flush()
                    continue
                with state.condition:
                    epoch = state.epoch
                    payload = status_payload(state)
                self.send_event(payload)
        except (BrokenPipeError, ConnectionResetError, ConnectionAbortedError, OSError):
            return

    def send_event(self, payload: dict[str, object]) -> None:
        self.wfile.write(f"event: status\ndata: {json.dumps(payload)}\n\n".encode())
        self.wfile.flush()


def host_allowed(header: str | None, allowed: frozenset[str]) -> bool:
    """Whether a request's `Host` names this server: no header (HTTP/1.0) or an allowed name,
    with or without its port. With "*" in `allowed` (bound to every interface), any IP
    address is allowed too, since the machine's own addresses are not known in advance."""
    if not allowed or header is None:
        return True
    host = header.strip().lower()
    if host.startswith("["):  # [::1]:4321
        host = host[: host.find("]") + 1] if "]" in host else host
    elif host.count(":") == 1:
        host = host.split(":", 1)[0]
    if host in allowed:
        return True
    if "*" in allowed:
        with contextlib.suppress(ValueError):
            ipaddress.ip_address(host.strip("[]"))
            return True
    return False


def make_handler(
    state: ServeState, base: str, quiet: bool, allowed_hosts: frozenset[str] = frozenset()
) -> type[DevRequestHandler]:
    return type(
        "BoundDevRequestHandler",
        (DevRequestHandler,),
        {"state": state, "base": base, "quiet": quiet, "allowed_hosts": allowed_hosts},
    )

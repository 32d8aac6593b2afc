"""`blogforge serve` under load: 50 clients requesting pages while 20 edits land.

Every request must succeed (200, the whole body); no page may ever be served half-written or
mixed from two builds (each post page carries its version in its title and its body, and both
must agree); after the last edit the page shows it; and the server's memory stays roughly flat
over the run (it serves from the same process as this test, so /proc/self is the server).
"""

from __future__ import annotations

import random
import re
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from pathlib import Path

import pytest

from tests.serve.conftest import RunningServer, make_blog, serving

CLIENTS = 50
EDITS = 20
POSTS = 30
VERSION = re.compile(rb"Version (\d+) of post (\d+)")
EDITED = 0  # the post whose file the edits rewrite


def post_text(number: int, version: int) -> str:
    day = 1 + number % 28
    return (
        f'---\ntitle: "Version {version} of post {number}"\npubDate: "2024-05-{day:02d}"\n'
        f'tags: ["load", "group-{number % 3}"]\n---\n'
        f"Version {version} of post {number}.\n\n" + f"A paragraph of post {number}.\n\n" * 40
    )


def make_loaded_blog(root: Path) -> Path:
    make_blog(root)
    for number in range(POSTS):
        (root / f"content/posts/p{number}.md").write_text(post_text(number, 0), encoding="utf-8")
    return root


def rss_kib() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise AssertionError("no VmRSS in /proc/self/status")


class Clients:
    """Threads requesting random pages until stopped; every problem is recorded."""

    def __init__(self, base_url: str, paths: list[str]) -> None:
        self.base_url = base_url
        self.paths = paths
        self.stop = threading.Event()
        self.failures: list[str] = []
        self.counts: Counter[str] = Counter()
        self.lock = threading.Lock()
        self.threads = [
            threading.Thread(target=self.run, args=(seed,), daemon=True) for seed in range(CLIENTS)
        ]

    def start(self) -> None:
        for thread in self.threads:
            thread.start()

    def finish(self) -> None:
        self.stop.set()
        for thread in self.threads:
            thread.join(timeout=60)
        assert not any(thread.is_alive() for thread in self.threads), "a client hung"

    def run(self, seed: int) -> None:
        rng = random.Random(seed)
        while not self.stop.is_set():
            path = rng.choice(self.paths)
            problem = self.fetch(path)
            with self.lock:
                self.counts["requests"] += 1
                if problem:
                    self.failures.append(f"{path}: {problem}")
            time.sleep(rng.uniform(0, 0.02))

    def fetch(self, path: str) -> str | None:
        try:
            with urllib.request.urlopen(self.base_url + path, timeout=60) as response:
                status, body = response.status, response.read()
                length = int(response.headers["Content-Length"])
        except (urllib.error.URLError, OSError, ValueError) as error:
            return f"{type(error).__name__}: {error}"
        if status != 200:
            return f"status {status}"
        if len(body) != length:
            return f"{len(body)} bytes of {length}"
        if path.endswith("/"):
            if not body.lstrip().startswith(b"<!doctype html>") or b"</html>" not in body[-200:]:
                return "a half-written page"
            if path.startswith("/posts/p"):  # its own title and body (neighbours' titles differ)
                number = path.strip("/").removeprefix("posts/p").encode()
                versions = {v for v, n in VERSION.findall(body) if n == number}
                if len(versions) != 1:
                    return f"a page mixing versions {sorted(versions)}"
        return None


def wait_for_build_after(server: RunningServer, epoch: int) -> int:
    newer = server.state.wait_for_epoch_after(epoch, timeout=30)
    assert newer > epoch, "an edit was not rebuilt within 30 s"
    return newer


def edit(server: RunningServer, version: int) -> None:
    epoch = server.state.epoch
    path = server.root / f"content/posts/p{EDITED}.md"
    path.write_text(post_text(EDITED, version), encoding="utf-8")
    wait_for_build_after(server, epoch)
    with server.state.condition:  # a burst may have been split in two builds: wait for idle
        server.state.condition.wait_for(lambda: not server.state.building, timeout=30)


@pytest.mark.slow
def test_fifty_clients_while_twenty_edits_land(tmp_path: Path) -> None:
    root = make_loaded_blog(tmp_path / "blog")
    paths = [f"/posts/p{n}/" for n in range(POSTS)]
    paths += ["/", "/posts/", "/tags/", "/tags/load/", "/rss.xml", "/hello.txt"]
    with serving(root) as server:
        clients = Clients(server.url, paths)
        clients.start()
        for version in range(1, 4):  # warm up: caches, parser, thread stacks
            edit(server, version)
        baseline = rss_kib()
        for version in range(4, 4 + EDITS):
            edit(server, version)
            time.sleep(0.05)
        grown = rss_kib() - baseline
        clients.finish()
        last = 3 + EDITS
        with urllib.request.urlopen(f"{server.url}/posts/p{EDITED}/", timeout=30) as response:
            assert f"Version {last} of post {EDITED}".encode() in response.read()
    assert clients.failures == [], clients.failures[:10]
    assert clients.counts["requests"] >= 500, clients.counts
    assert grown < 40 * 1024, f"the server grew by {grown / 1024:.0f} MiB over {EDITS} edits"

"""`pip install blogforge` (the wheel built from this tree) is a working tool, outside the clone.

The wheel is installed in a fresh virtual environment under tmp_path and every command runs
there, with no PYTHONPATH: what the tool finds is what the wheel carries (the theme, the scaffold
`init` copies — symlinks in the repository, real files in the wheel — and the serve page's
client script). A new blog goes through the whole first session: init, new, build, check and
serve answering a request. `twine check` is what PyPI would reject before an upload.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
import zipfile
from pathlib import Path

import pytest

from blogforge import __version__
from tests.packaging.dist import Dist, fresh_venv, offline_pip_env, run_checked
from tests.site_build.helpers import REPO, parse_html

pytestmark = pytest.mark.slow
HANG_GUARD = 60  # seconds; serve answers in about one build's time


@pytest.fixture(scope="module")
def installed(dist: Dist, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    """The venv's bin folder, and an environment running it, with the wheel installed."""
    bin_dir = fresh_venv(tmp_path_factory.mktemp("wheel-venv") / "venv")
    env = offline_pip_env(dist, bin_dir)
    run_checked([str(bin_dir / "python"), "-m", "pip", "install", str(dist.wheel)], env=env)
    return bin_dir, env


def test_twine_check_passes(dist: Dist) -> None:
    run_checked(
        [sys.executable, "-m", "twine", "check", "--strict", str(dist.sdist), str(dist.wheel)]
    )


def test_the_wheel_carries_theme_scaffold_and_client_script(dist: Dist) -> None:
    with zipfile.ZipFile(dist.wheel) as wheel:
        names = set(wheel.namelist())
        workflow = wheel.read("blogforge/scaffold/deploy.yml")
    for needed in (
        "blogforge/serve/client.js",
        "blogforge/theme/static/theme.css",
        "blogforge/theme/layouts/post.html",
        "blogforge/scaffold/blogforge.toml",
        "blogforge/scaffold/welcome.md",
        "blogforge/scaffold/layouts/MarkdownLayout.html",
        "blogforge/scaffold/static/favicon.svg",
    ):
        assert needed in names, needed
    assert workflow == (REPO / ".github/workflows/deploy.yml").read_bytes()
    assert not any(name.startswith(("tests/", "bench/", "content/")) for name in names)


def blogforge(installed: tuple[Path, dict], cwd: Path, *argv: str) -> str:
    bin_dir, env = installed
    return run_checked([str(bin_dir / "blogforge"), *argv], cwd=cwd, env=env).stdout


def test_init_new_build_check_from_the_installed_wheel(
    installed: tuple[Path, dict], tmp_path: Path
) -> None:
    bin_dir, env = installed
    where = run_checked(
        [str(bin_dir / "python"), "-c", "import blogforge; print(blogforge.__file__)"],
        cwd=tmp_path,
        env=env,
    ).stdout
    assert Path(where.strip()).is_relative_to(bin_dir.parent), (
        "blogforge from the clone, not the wheel"
    )
    assert blogforge(installed, tmp_path, "--version").strip() == f"blogforge {__version__}"

    blogforge(installed, tmp_path, "init", "my-blog")
    blog = tmp_path / "my-blog"
    assert (
        (blog / "requirements.txt")
        .read_text(encoding="utf-8")
        .endswith(f"\nblogforge=={__version__}\n")
    )
    blogforge(installed, blog, "new", "Hello from the wheel", "--tags", "intro")
    blogforge(installed, blog, "build", "--quiet")
    assert "no problems" in blogforge(installed, blog, "check")
    page = parse_html(blog / "dist/posts/hello-from-the-wheel/index.html")
    h1 = page.find("h1")
    assert h1 is not None and h1.text() == "Hello from the wheel"
    assert (blog / "dist/_blogforge/theme.css").is_file()
    assert (blog / "dist/favicon.svg").is_file()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def test_serve_from_the_installed_wheel_answers(
    installed: tuple[Path, dict], tmp_path: Path
) -> None:
    bin_dir, env = installed
    blogforge(installed, tmp_path, "init", "blog")
    port = free_port()
    server = subprocess.Popen(
        [str(bin_dir / "blogforge"), "serve", "--port", str(port)],
        cwd=tmp_path / "blog",
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + HANG_GUARD
        while True:
            try:
                home = get(f"http://127.0.0.1:{port}/")
                break
            except OSError:
                assert server.poll() is None, server.communicate()[0]
                assert time.monotonic() < deadline, "serve did not answer"
                time.sleep(0.1)
        assert "Welcome to your blog" in home
        assert "/__blogforge/client.js" in home  # the live-reload script is injected
        client = get(f"http://127.0.0.1:{port}/__blogforge/client.js")
        assert client.startswith("// blogforge dev server client")  # serve/client.js, shipped
        server.send_signal(signal.SIGINT)
        output = server.communicate(timeout=HANG_GUARD)[0]
        assert f"at http://127.0.0.1:{port}/ (Ctrl-C to stop)" in output
        assert output.endswith("interrupted; dist/ left as it was\n")
        assert server.returncode == 130
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()

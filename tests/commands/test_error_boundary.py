"""The one error boundary: whatever a command raises is one placed line or one "please report"
line with a log file, never a traceback (`-v` prints it); and the settings, cache and output
folder problems that printed tracebacks or lost a file before issue 16."""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

import blogforge.build
from blogforge.cli import main
from blogforge.errors import LOG_NAME
from tests.site_build.helpers import REPO, write_site

POST = '---\ntitle: "A post"\npubDate: 2024-01-02\n---\nHello.\n'


def site(tmp_path: Path, config: str = 'title = "T"\n') -> Path:
    return write_site(tmp_path / "site", {"content/posts/a.md": POST}, config)


def build(root: Path, *more: str) -> subprocess.CompletedProcess[str]:
    """The real CLI in a subprocess (a hang guard only: nothing here waits on speed)."""
    return subprocess.run(
        [sys.executable, "-m", "blogforge", "build", "--root", str(root), *more],
        capture_output=True,
        text=True,
        timeout=120,
        env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin", "TMPDIR": str(root.parent)},
    )


def test_an_unexpected_exception_is_one_line_with_a_log(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(self: object) -> None:
        raise KeyError("a bug")

    monkeypatch.setattr(blogforge.build.Pipeline, "run", broken)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    root = site(tmp_path)
    assert main(["build", "--root", str(root)]) == 1
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    lines = err.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("internal error: KeyError: 'a bug'")
    assert "please report it" in lines[0] and str(tmp_path / LOG_NAME) in lines[0]
    assert "raise KeyError" in (tmp_path / LOG_NAME).read_text("utf-8")
    assert main(["build", "--root", str(root), "-v"]) == 1
    assert "Traceback" in capsys.readouterr().err, "-v shows the traceback"


@pytest.mark.parametrize(
    ("name", "make", "expected"),
    [
        (
            "latin-1",
            lambda p: p.write_bytes(b'title = "Caf\xe9"\n'),
            "blogforge.toml:1: expected UTF-8 text, found the byte 0xe9 (hint: save it as UTF-8)",
        ),
        (
            "a-folder",
            lambda p: (p.unlink(), p.mkdir()),
            "blogforge.toml: cannot read the settings: Is a directory",
        ),
        (
            "nested-100000-deep",
            lambda p: p.write_text("x = " + "[" * 100_000 + "]" * 100_000 + "\n"),
            "blogforge.toml: invalid TOML: nested too deeply",
        ),
    ],
)
def test_unreadable_settings_are_one_placed_error(
    tmp_path: Path, name: str, make: object, expected: str
) -> None:
    root = site(tmp_path)
    make(root / "blogforge.toml")  # type: ignore[operator]
    done = build(root)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert done.stderr.startswith("error: ") and done.stderr.rstrip().endswith(expected)


def test_settings_with_a_bom_build(tmp_path: Path) -> None:
    """Notepad writes a BOM: it was "invalid TOML: Invalid statement"."""
    root = site(tmp_path)
    (root / "blogforge.toml").write_bytes(b'\xef\xbb\xbftitle = "With a BOM"\n')
    done = build(root)
    assert done.returncode == 0, done.stderr
    assert "With a BOM" in (root / "dist/index.html").read_text("utf-8")


def test_an_output_folder_that_is_a_file_is_kept(tmp_path: Path) -> None:
    """It was swapped into a hidden `.dist.building-PID`, exit 0, no message."""
    root = site(tmp_path)
    (root / "dist").write_text("my notes\n")
    done = build(root)
    assert done.returncode == 1
    assert "the output folder 'dist' is a file, not a folder" in done.stderr
    assert (root / "dist").read_text() == "my notes\n"
    assert not list(root.glob(".dist.*"))


def test_an_output_folder_of_user_files_is_refused(tmp_path: Path) -> None:
    root = site(tmp_path)
    (root / "papers").mkdir()
    (root / "papers/thesis.tex").write_text("\\begin{document}\n")
    done = build(root, "--out", "papers")
    assert done.returncode == 1
    assert "the output folder 'papers' is not a built site" in done.stderr
    assert (root / "papers/thesis.tex").is_file()
    assert build(root).returncode == 0, "a new dist/ is fine"
    assert build(root).returncode == 0, "and so is the dist/ a build wrote"


def test_a_hand_added_cname_is_warned_about(tmp_path: Path) -> None:
    root = site(tmp_path)
    assert build(root).returncode == 0
    (root / "dist/CNAME").write_text("blog.example\n")
    done = build(root)
    assert done.returncode == 0
    assert (
        "warning: dist/CNAME: added to the output folder by hand: every build replaces the "
        "folder, so this build drops it (hint: put it in static/CNAME to publish it with every "
        "build)"
    ) in done.stderr.splitlines()


def test_a_cache_that_is_a_file_is_one_placed_error(tmp_path: Path) -> None:
    root = site(tmp_path)
    (root / ".blogforge-cache").write_text("not a folder\n")
    done = build(root)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert done.stderr.startswith("error: .blogforge-cache")
    assert "Not a directory" in done.stderr

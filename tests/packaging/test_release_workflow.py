"""The release workflow's build job, run step by step on a copy of this repository.

`.github/workflows/release.yml` runs on a tag push, which cannot happen here; its `run:` steps
can. They run in order, as the runner runs them, in a fresh virtual environment standing in for
`actions/setup-python`, on a copy of the files git would check out, with the tag's name for
`github.ref_name`: build the sdist and wheel, `twine check` them, match the tag to the version,
install the wheel in a clean venv and make, build and check a blog with it. pip reads only a
wheelhouse (the wheel's dependencies, plus build, twine and setuptools): the run is offline
and the published-to-be files are the ones just built. The publish job (PyPI's trusted
publishing) is only linted (tests/packaging/test_workflow_lint.py).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from blogforge import __version__
from tests.packaging.dist import Dist, fresh_venv, offline_pip_env, run_checked
from tests.packaging.workflow_runner import run_step, workflow_steps
from tests.site_build.helpers import REPO

pytestmark = pytest.mark.slow
RELEASE = REPO / ".github" / "workflows" / "release.yml"
TOOLS = ("build", "twine", "setuptools>=68", "wheel")


def checkout(target: Path) -> Path:
    """The files a checkout of this commit holds (tracked and new, not ignored), symlinks kept."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=REPO,
        capture_output=True,
        check=True,
        timeout=60,
    ).stdout.decode()
    for name in filter(None, listed.split("\0")):
        source = REPO / name
        if not source.exists() and not source.is_symlink():
            continue  # deleted in the working tree
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target / name, follow_symlinks=False)
    return target


def test_the_release_build_job_builds_checks_and_smoke_tests(tmp_path: Path, dist: Dist) -> None:
    tools = tmp_path / "tools"
    run_checked([sys.executable, "-m", "pip", "download", "--quiet", "--dest", str(tools), *TOOLS])
    source = checkout(tmp_path / "checkout")
    bin_dir = fresh_venv(tmp_path / "runner-python")
    env = offline_pip_env(dist, bin_dir)
    env["PIP_FIND_LINKS"] = f"{dist.wheelhouse} {tools}"
    env["RUNNER_TEMP"] = str(tmp_path / "runner-temp")
    (tmp_path / "runner-temp").mkdir()
    steps = [step for step in workflow_steps(RELEASE) if "run" in step]
    assert len(steps) == 4
    for step in steps:
        run_step(step, source, env, {"github.ref_name": f"v{__version__}"})
    built = sorted(p.name for p in (source / "dist").iterdir())
    assert built == [f"blogforge-{__version__}-py3-none-any.whl", f"blogforge-{__version__}.tar.gz"]
    smoke = tmp_path / "runner-temp" / "smoke-blog"
    assert (smoke / "dist" / "posts" / "welcome" / "index.html").is_file()


def test_a_tag_that_is_not_the_version_stops_the_release(tmp_path: Path) -> None:
    """The tag step fails unless dist/ holds exactly the tagged version's files."""
    (tag_step,) = [s for s in workflow_steps(RELEASE) if "TAG" in s.get("env", {})]
    dist = tmp_path / "dist"
    dist.mkdir()
    for name in (f"blogforge-{__version__}.tar.gz", f"blogforge-{__version__}-py3-none-any.whl"):
        (dist / name).write_bytes(b"")
    run_step(tag_step, tmp_path, {"PATH": "/usr/bin:/bin"}, {"github.ref_name": f"v{__version__}"})
    with pytest.raises(AssertionError):
        run_step(tag_step, tmp_path, {"PATH": "/usr/bin:/bin"}, {"github.ref_name": "v9.9.9"})

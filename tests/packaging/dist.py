"""Building blogforge's sdist and wheel once per test session, and installing it in fresh venvs.

What users get is the wheel, not this source tree: the packaging tests and the workflow test
install the wheel built from this tree into a new virtual environment that cannot see the
source (the venv sits in a temporary folder; the commands run outside the clone). The
dependencies are downloaded once into a wheelhouse beside the wheel, so each fresh venv installs
offline (`--no-index`) and quickly, and a blogforge of the same version on the package index
can never be picked instead of the one just built.
"""

from __future__ import annotations

import os
import subprocess
import sys
import venv
from dataclasses import dataclass
from pathlib import Path

from tests.site_build.helpers import REPO

INSTALL_TIMEOUT = 600  # a hang guard: building and downloading take seconds with pip's cache


@dataclass(frozen=True)
class Dist:
    """The built sdist and wheel, and a folder holding the wheel and every dependency's."""

    sdist: Path
    wheel: Path
    wheelhouse: Path


def run_checked(argv: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(argv, capture_output=True, text=True, timeout=INSTALL_TIMEOUT, **kwargs)
    assert result.returncode == 0, f"{argv}:\n{result.stdout}\n{result.stderr}"
    return result


def build_dist(out: Path) -> Dist:
    """`python -m build` (sdist, then the wheel from the sdist, as PyPI users get it)."""
    run_checked([sys.executable, "-m", "build", "--outdir", str(out / "dist"), str(REPO)])
    (sdist,) = (out / "dist").glob("blogforge-*.tar.gz")
    (wheel,) = (out / "dist").glob("blogforge-*.whl")
    wheelhouse = out / "wheelhouse"
    run_checked(
        [sys.executable, "-m", "pip", "download", "--quiet", "--dest", str(wheelhouse), str(wheel)]
    )
    return Dist(sdist, wheel, wheelhouse)


def offline_pip_env(dist: Dist, bin_dir: Path) -> dict[str, str]:
    """An environment where `python`/`pip` are the venv's and pip reads only the wheelhouse."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("PIP_", "PYTHON", "VIRTUAL_ENV"))
    }
    env["PATH"] = f"{bin_dir}{os.pathsep}{env.get('PATH', '')}"
    env["PIP_NO_INDEX"] = "1"
    env["PIP_FIND_LINKS"] = str(dist.wheelhouse)
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    return env


def fresh_venv(folder: Path) -> Path:
    """A new virtual environment with pip (as `actions/setup-python` gives); its bin folder."""
    venv.EnvBuilder(with_pip=True, clear=True).create(folder)
    return folder / "bin"

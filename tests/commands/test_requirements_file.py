"""`requirements.txt`: what `init` and `init --from-astro` write for deploys, and what they keep.

A deploy installs exactly what this file names, so it must pin the release that made the blog
and install with pip as it is written; a file the user already has is theirs and is kept.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from packaging.requirements import Requirement

from blogforge import __version__
from blogforge.cli import main
from blogforge.commands.requirements_file import GIT_INSTALL, requirements_text

ASTRO_PROJECT = {
    "astro.config.mjs": "export default { site: 'https://example.com' };\n",
    "src/content/blog/first.md": "---\ntitle: First\npubDate: 2024-05-01\n---\nHello.\n",
}


def astro_project(root: Path) -> Path:
    for name, text in ASTRO_PROJECT.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


def test_both_lines_are_requirements_pip_reads() -> None:
    """The pin and the git line (its comment) parse as PEP 508 requirements, as pip reads
    them; the slow workflow test installs the pin itself."""
    lines = requirements_text().splitlines()
    (pin,) = [line for line in lines if not line.startswith("#")]
    assert Requirement(pin).name == "blogforge" and str(Requirement(pin).specifier) == (
        f"=={__version__}"
    )
    git = Requirement(GIT_INSTALL.replace("<owner>", "someone"))
    assert git.name == "blogforge"
    assert git.url == f"git+https://github.com/someone/blogforge@v{__version__}"
    assert f"#   {GIT_INSTALL}" in lines


def test_init_from_astro_writes_requirements_next_to_the_config(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = astro_project(tmp_path / "astro-blog")
    assert main(["init", "--from-astro", str(root)]) == 0
    assert (root / "requirements.txt").read_text(encoding="utf-8") == requirements_text()
    assert f"wrote {root / 'requirements.txt'}" in capsys.readouterr().out


def test_an_existing_requirements_file_is_kept(tmp_path: Path) -> None:
    root = astro_project(tmp_path / "astro-blog")
    (root / "requirements.txt").write_text("blogforge @ file:///mine\n", encoding="utf-8")
    assert main(["init", "--from-astro", str(root)]) == 0
    assert (root / "requirements.txt").read_text(encoding="utf-8") == "blogforge @ file:///mine\n"

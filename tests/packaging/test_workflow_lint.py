"""Every GitHub Actions workflow this project ships or writes passes actionlint and zizmor.

The workflows cannot be run here, so the two linters stand in for GitHub: actionlint checks
what GitHub would reject or misread (unknown keys, bad expressions, wrong action inputs, shell
quoting); zizmor, with its default persona, checks what would make them unsafe (actions not
pinned by hash, credentials persisted by checkout, `${{ }}` expanded inside a script,
permissions wider than a job needs). The linted files are the repository's workflows, the
scaffold that `blogforge init` copies, and the workflow of a blog that `init` just wrote. A
known-bad workflow is linted too, so a linter that silently checks nothing fails the test.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from blogforge.cli import main
from blogforge.commands.init_command import SCAFFOLD
from tests.site_build.helpers import REPO

BAD_WORKFLOW = """\
name: bad
on: push
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: echo "${{ github.event.head_commit.message }}"
      - run: echo ${{ steps.nope.outputs.x }
"""


def tool(name: str) -> str:
    """The linter installed beside this Python (the `test` extra), else the one on PATH."""
    beside = Path(sys.executable).parent / name
    found = str(beside) if beside.is_file() else shutil.which(name)
    assert found, f"{name} is not installed: pip install -e '.[test]'"
    return found


def lint(name: str, *argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [tool(name), *argv], capture_output=True, text=True, timeout=120, cwd=REPO
    )


def shipped_workflows(tmp_path: Path) -> list[Path]:
    """The repository's workflows, the scaffold's, and those of a blog made by `init`."""
    blog = tmp_path / "blog"
    assert main(["init", str(blog)]) == 0
    found = [
        *sorted((REPO / ".github" / "workflows").glob("*.yml")),
        SCAFFOLD / "deploy.yml",
        *sorted((blog / ".github" / "workflows").glob("*.yml")),
    ]
    names = {path.name for path in found}
    assert {"deploy.yml", "release.yml"} <= names
    return found


@pytest.fixture
def workflows(tmp_path: Path) -> list[Path]:
    return shipped_workflows(tmp_path)


def test_actionlint_finds_nothing(workflows: list[Path]) -> None:
    result = lint("actionlint", "-no-color", *map(str, workflows))
    assert result.returncode == 0, result.stdout + result.stderr


def test_zizmor_default_persona_finds_nothing(workflows: list[Path]) -> None:
    result = lint("zizmor", "--no-progress", "--offline", *map(str, workflows))
    assert result.returncode == 0, result.stdout + result.stderr


def test_both_linters_reject_a_bad_workflow(tmp_path: Path) -> None:
    """The checks above can fail: unpinned, injectable, broken workflows are reported."""
    bad = tmp_path / ".github" / "workflows" / "bad.yml"
    bad.parent.mkdir(parents=True)
    bad.write_text(BAD_WORKFLOW, encoding="utf-8")
    actionlint = lint("actionlint", "-no-color", str(bad))
    assert actionlint.returncode != 0 and "bad.yml" in actionlint.stdout
    zizmor = lint("zizmor", "--no-progress", "--offline", str(bad))
    assert zizmor.returncode != 0
    for audit in ("unpinned-uses", "template-injection", "artipacked"):
        assert audit in zizmor.stdout, audit

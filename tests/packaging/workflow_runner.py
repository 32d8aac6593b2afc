"""Running a workflow's `run:` steps here the way GitHub's runner runs them.

Each `run:` text goes to `bash --noprofile --norc -eo pipefail -c`, as the runner's default
shell does, with the step's `env:` set; the `${{ }}` expressions the runner would fill in are
replaced by the values a test gives (what `actions/configure-pages` or the tag push would
provide), and any expression a test does not provide fails it rather than reaching bash.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import yaml

EXPRESSION = re.compile(r"\$\{\{\s*([^}]*?)\s*\}\}")
STEP_TIMEOUT = 600  # a hang guard; every step here takes seconds


def workflow_steps(path: Path, job: str = "build") -> list[dict]:
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    return document["jobs"][job]["steps"]


def step_named(steps: list[dict], name: str) -> dict:
    matches = [step for step in steps if step.get("name") == name]
    assert len(matches) == 1, f"expected one step named {name!r}, found {len(matches)}"
    return matches[0]


def fill_expressions(text: str, values: dict[str, str]) -> str:
    """Replace `${{ name }}` as the runner would; a name not in `values` is an error."""

    def value(match: re.Match[str]) -> str:
        name = match.group(1)
        assert name in values, f"a step uses {name}, which this test does not provide"
        return values[name]

    return EXPRESSION.sub(value, text)


def run_step(step: dict, cwd: Path, env: dict[str, str], values: dict[str, str]) -> str:
    """Run one step's `run:` as the runner does; its text with expressions filled in."""
    command = fill_expressions(step["run"], values)
    step_env = {key: fill_expressions(str(v), values) for key, v in step.get("env", {}).items()}
    result = subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", command],
        cwd=cwd,
        env={**env, **step_env},
        capture_output=True,
        text=True,
        timeout=STEP_TIMEOUT,
    )
    assert result.returncode == 0, f"{command}\n{result.stdout}{result.stderr}"
    return command

"""The README documents what the code does: every config key, every subcommand, the set-up
commands, and the deploy files (workflow actions, requirements.txt, netlify.toml).
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from blogforge import __version__
from blogforge.cli import make_parser
from blogforge.commands.requirements_file import GIT_INSTALL, requirements_text
from blogforge.config import Config, config_field_names
from tests.site_build.helpers import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")


def section(title: str) -> str:
    match = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## )", README, re.M | re.S)
    assert match, f"README has no section {title!r}"
    return match.group(1)


def test_every_config_key_is_in_the_configuration_reference() -> None:
    rows = {m.group(1) for m in re.finditer(r"^\| `([a-z_]+)` \|", section("Configuration"), re.M)}
    assert rows == set(config_field_names())


def test_every_subcommand_is_in_the_commands_table() -> None:
    commands = section("Commands")
    parser = make_parser()
    names = next(a for a in parser._actions if a.dest == "command").choices
    for name in names:
        assert f"`blogforge {name}" in commands, name


def test_the_tutorial_runs_the_commands_it_describes() -> None:
    tutorial = section("A blog in five minutes")
    for step in (
        "blogforge init",
        "blogforge new",
        "blogforge serve",
        "blogforge build",
        "blogforge check",
        "GitHub Actions",
    ):
        assert step in tutorial


def fenced_blocks(text: str, language: str) -> list[str]:
    return re.findall(rf"^```{language}\n(.*?)^```", text, re.M | re.S)


def test_set_up_commands_make_and_use_a_virtual_environment() -> None:
    """Debian's python3 refuses `pip install` outside a venv: each command makes and uses one."""
    set_up = section("Set up")
    (commands,) = fenced_blocks(set_up, "sh")
    lines = commands.strip().splitlines()
    assert len(lines) == 2
    for line in lines:
        assert line.startswith("python3 -m venv .venv && . .venv/bin/activate && pip install -e ")
    assert "python3-venv" in set_up
    assert "Chromium" in set_up and "../shared" in set_up


def uses_of(workflow: Path) -> dict[str, str]:
    """`owner/action` -> the release in its pin comment (`@<sha> # v7.0.1` -> "v7.0.1")."""
    pins = re.findall(
        r"uses:\s*([\w.-]+/[\w.-]+)@([0-9a-f]{40})\s+#\s*(v[\d.]+)", workflow.read_text()
    )
    uses = re.findall(r"uses:\s*(\S+)", workflow.read_text())
    assert len(pins) == len(uses), f"{workflow.name}: every action is pinned by commit"
    return {name: release for name, _, release in pins}


def test_deploying_lists_every_action_at_the_release_the_workflows_pin() -> None:
    deploying = section("Deploying")
    rows = {
        name: releases
        for names, releases in re.findall(r"^\| (`[^|]+`) \| ([^|]+) \|", deploying, re.M)
        for name in re.findall(r"`([^`]+)`", names)
    }
    workflows = REPO / ".github" / "workflows"
    for workflow in (workflows / "deploy.yml", workflows / "release.yml"):
        for name, release in uses_of(workflow).items():
            assert name in rows, f"{name} ({workflow.name}) is not in the README's table"
            assert release in rows[name], f"{name}: the workflow pins {release}"


def test_deploying_matches_requirements_txt_and_the_workflow() -> None:
    deploying = section("Deploying")
    assert f"`blogforge=={__version__}`" in deploying
    (git_line,) = fenced_blocks(deploying, "text")
    assert git_line.strip() == GIT_INSTALL
    assert f"#   {GIT_INSTALL}\n" in requirements_text()
    workflow = (REPO / ".github/workflows/deploy.yml").read_text(encoding="utf-8")
    assert "run: python -m pip install -r requirements.txt" in workflow
    assert "cache-dependency-path: requirements.txt" in workflow
    assert "project site" in deploying and "user site" in deploying


def test_netlify_toml_installs_from_requirements_and_publishes_dist() -> None:
    deploying = section("Deploying")
    (netlify,) = fenced_blocks(deploying, "toml")
    config = tomllib.loads(netlify)
    command = config["build"]["command"]
    assert command.startswith("pip install -r requirements.txt && blogforge build")
    assert '--site "$URL"' in command
    assert config["build"]["publish"] == Config().out_dir
    assert config["build"]["environment"]["PYTHON_VERSION"] >= "3.11"
    cloudflare = deploying[deploying.index("**Cloudflare Pages.**") :]
    assert "Build command `pip install -r requirements.txt && blogforge build`" in " ".join(
        cloudflare.split()
    )

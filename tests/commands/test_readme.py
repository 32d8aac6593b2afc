"""The README documents what the code does: every config key, every subcommand."""

from __future__ import annotations

import re

from blogforge.cli import make_parser
from blogforge.config import config_field_names
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

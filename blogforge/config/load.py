"""Reading the settings: `blogforge.toml` over what an Astro project's code says, into `Config`."""

from __future__ import annotations

import re
import tomllib
from dataclasses import replace
from pathlib import Path
from typing import Any

from blogforge.astro.plan import astro_settings
from blogforge.astro.project import AstroProject, detect
from blogforge.config.model import CONFIG_FILE, CollectionConfig, Config, normalise_base
from blogforge.config.validate import validate
from blogforge.errors import ContentError, Problem, os_problem


def load_config(root: str | Path = ".") -> Config:
    """Read `blogforge.toml` under `root` (optional) into a frozen Config.

    Raises `ConfigError` listing every problem in the file.
    """
    root = Path(root).resolve()
    path = root / CONFIG_FILE
    defaults = detected_defaults(root)
    if not path.exists():
        return Config(root=root, **defaults)
    text = read_config_text(path)
    try:
        raw = tomllib.loads(text)
    except RecursionError:  # tomllib recurses once per nested array or inline table
        raise ConfigError([Problem(str(path), None, "invalid TOML: nested too deeply")]) from None
    except tomllib.TOMLDecodeError as exc:
        # Python < 3.14 keeps the position only in the message: "... (at line 2, column 13)".
        message = str(exc)
        where = re.search(r"\(at line (\d+), column \d+\)$", message)
        line = int(where.group(1)) if where else None
        reason = message[: where.start()].strip() if where else message
        raise ConfigError([Problem(str(path), line, f"invalid TOML: {reason}")]) from None
    accepted, problems = validate(raw, path, text)
    if problems:
        raise ConfigError(problems)
    if "collections" in accepted and defaults.get("collections"):
        accepted["collections"] = with_schemas(accepted["collections"], defaults["collections"])
    return Config(root=root, **(defaults | accepted))


MAX_CONFIG_BYTES = 1 << 20  # a settings file; a bigger one is a mistake, not a config


def read_config_text(path: Path) -> str:
    """The config file's text, or ConfigError saying why it cannot be read: a folder, not
    UTF-8 (the line of the first bad byte), larger than 1 MiB. A UTF-8 BOM (Windows editors
    write one) is accepted and dropped."""
    try:
        with open(path, "rb") as stream:
            raw = stream.read(MAX_CONFIG_BYTES + 1)
    except OSError as error:
        raise ConfigError([os_problem(error, None, "cannot read the settings")]) from None
    if len(raw) > MAX_CONFIG_BYTES:
        raise ConfigError([Problem(str(path), None, "expected at most 1 MiB of settings")])
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        message = f"expected UTF-8 text, found the byte 0x{raw[error.start]:02x}"
        raise ConfigError([Problem(str(path), line, message, hint="save it as UTF-8")]) from None


def with_schemas(
    chosen: tuple[CollectionConfig, ...], detected: tuple[CollectionConfig, ...]
) -> tuple[CollectionConfig, ...]:
    """Collections set in blogforge.toml keep what the Astro project's schema and routes say
    of them (required fields, defaults, the route's filter, a list page): the file sets where
    and at which URL, the schema still says what an entry needs."""
    known = {c.name: c for c in detected}
    return tuple(
        replace(known[c.name], folder=c.folder, url=c.url, slug=c.slug) if c.name in known else c
        for c in chosen
    )


def detected_defaults(root: Path) -> dict[str, Any]:
    """Settings read from an Astro project in `root` (if it is one); blogforge.toml overrides."""
    project = detect(root)
    if project is None:
        return {}
    return config_values(project) | {"detected": tuple(project.describe())}


class ConfigError(ContentError):
    """One or more problems in `blogforge.toml`; `problems` holds them all."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        first = problems[0]
        super().__init__(first.path, first.line, first.message, field=first.field)
        self.args = ("\n".join(p.format() for p in problems),)


def config_values(project: AstroProject) -> dict[str, object]:
    """Config values (keyword arguments of Config) read from an Astro project
    (`astro.plan` turns its routes and collections into blogforge's settings)."""
    values = astro_settings(project)
    if "base" in values:
        values["base"] = normalise_base(str(values["base"]))
    values["collections"] = tuple(
        CollectionConfig(
            c["name"], c["folder"], c["url"], c["slug"], c["requires"], c["defaults"],
            c["hide"], c["schema"], c["list_page"], c["fields"],
        )
        for c in values.pop("collections", ())
    )  # fmt: skip
    return values


def setting_place(root: Path, key: str, entry: str = "") -> tuple[str, int | None]:
    """Where a setting (or one `entry` of a table setting, such as a redirect's old path) is
    written, for an error found after loading: `blogforge.toml` and its line when the file
    sets it, else the Astro project's config file that does (a line naming `entry`)."""
    candidates = [root / CONFIG_FILE, *sorted(root.glob("astro.config.*"))]
    for path in candidates:
        try:
            lines = path.read_text("utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            continue
        quoted = [f'"{entry}"', f"'{entry}'"] if entry else []
        owner = None
        for number, text in enumerate(lines, 1):
            stripped = text.strip()
            if stripped.startswith((f"[{key}]", f"{key} =", f"{key}=", f"{key}:")):
                owner = owner or number
            if owner and quoted and any(q in stripped for q in quoted):
                return path.name, number
        if owner:
            return path.name, owner
    return CONFIG_FILE, None

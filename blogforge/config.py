"""The site configuration: one frozen object, read from `blogforge.toml`, passed down explicitly.

Options are declared once in `FIELDS` (name, type, default, what it means). Validation reports every
unknown key and wrong type at once, each with the file and line, instead of stopping at the first.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from blogforge.errors import ContentError, Problem, describe

CONFIG_FILE = "blogforge.toml"
HEADING_ID_RULES = ("astro6", "astro5")


@dataclass(frozen=True)
class Config:
    """Everything a build needs to know about the site; never mutated after loading."""

    root: Path = Path(".")
    title: str = "My blog"
    description: str = ""
    author: str = ""
    language: str = "en"
    site: str = ""
    base: str = "/"
    content_dir: str = "content"
    layouts_dir: str = "layouts"
    static_dir: str = "static"
    out_dir: str = "dist"
    page_size: int = 10
    timezone: str = "UTC"
    heading_ids: str = "astro6"
    math: bool = True
    drafts: bool = False

    @property
    def content_path(self) -> Path:
        return self.root / self.content_dir

    @property
    def layouts_path(self) -> Path:
        return self.root / self.layouts_dir

    @property
    def static_path(self) -> Path:
        return self.root / self.static_dir

    @property
    def out_path(self) -> Path:
        return self.root / self.out_dir

    @property
    def tzinfo(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def with_overrides(self, **changes: Any) -> Config:
        """A copy with command-line overrides applied (None means "not given")."""
        given = {k: v for k, v in changes.items() if v is not None}
        if "base" in given:
            given["base"] = normalise_base(given["base"])
        return replace(self, **given) if given else self


# name -> (type, what it means); defaults come from the dataclass.
FIELDS: dict[str, tuple[type, str]] = {
    "title": (str, "the site's name, shown in the header and feeds"),
    "description": (str, "one sentence about the site, for feeds and meta tags"),
    "author": (str, "the author's name"),
    "language": (str, "the `lang` attribute of pages, e.g. en"),
    "site": (str, "the absolute URL the site is deployed at, e.g. https://example.com"),
    "base": (str, "the path the site lives under, e.g. /repo/ for GitHub project pages"),
    "content_dir": (str, "folder of Markdown posts"),
    "layouts_dir": (str, "folder of Jinja layouts overriding the theme"),
    "static_dir": (str, "folder copied verbatim into the output"),
    "out_dir": (str, "output folder"),
    "page_size": (int, "posts per list page"),
    "timezone": (str, "IANA zone for dates written without an offset"),
    "heading_ids": (str, "heading id rule: astro6 (default) or astro5"),
    "math": (bool, "render $...$ and $$...$$ as MathML"),
    "drafts": (bool, "include posts marked draft"),
}


def normalise_base(base: str) -> str:
    """`repo`, `/repo` and `/repo/` all mean the site lives under `/repo/`."""
    stripped = base.strip("/")
    return "/" if not stripped else f"/{stripped}/"


def _key_line(text: str, key: str) -> int | None:
    match = re.search(rf"^\s*{re.escape(key)}\s*=", text, re.MULTILINE)
    return text.count("\n", 0, match.start()) + 1 if match else None


def validate(raw: dict[str, Any], path: Path, text: str) -> tuple[dict[str, Any], list[Problem]]:
    """Check every key of a parsed config file; return the accepted values and ALL problems."""
    accepted: dict[str, Any] = {}
    problems: list[Problem] = []
    for key, value in raw.items():
        line = _key_line(text, key)
        if key not in FIELDS:
            known = ", ".join(sorted(FIELDS))
            problems.append(Problem(str(path), line, f"unknown option (known: {known})", field=key))
            continue
        expected, _ = FIELDS[key]
        if expected is int and (isinstance(value, bool) or not isinstance(value, int)):
            problems.append(
                Problem(str(path), line, f"expected an integer, got {describe(value)}", field=key)
            )
            continue
        if not isinstance(value, expected):
            problems.append(
                Problem(
                    str(path),
                    line,
                    f"expected {expected.__name__}, got {describe(value)}",
                    field=key,
                )
            )
            continue
        problem = _check_value(key, value)
        if problem:
            problems.append(Problem(str(path), line, problem, field=key))
            continue
        accepted[key] = normalise_base(value) if key == "base" else value
    return accepted, problems


def _check_value(key: str, value: Any) -> str | None:
    if key == "heading_ids" and value not in HEADING_ID_RULES:
        return f"expected one of {', '.join(HEADING_ID_RULES)}, got {describe(value)}"
    if key == "page_size" and value < 1:
        return f"expected a positive integer, got {value}"
    if key == "timezone":
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            return f"expected an IANA time zone such as Europe/Paris, got {describe(value)}"
    if key == "site" and value and not re.match(r"^https?://[^/\s]+", value):
        return f"expected an absolute http(s) URL, got {describe(value)}"
    return None


def load_config(root: str | Path = ".") -> Config:
    """Read `blogforge.toml` under `root` (optional) into a frozen Config.

    Raises `ConfigError` listing every problem in the file.
    """
    root = Path(root).resolve()
    path = root / CONFIG_FILE
    if not path.exists():
        return Config(root=root)
    text = path.read_text(encoding="utf-8")
    try:
        raw = tomllib.loads(text)
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
    return Config(root=root, **accepted)


class ConfigError(ContentError):
    """One or more problems in `blogforge.toml`; `problems` holds them all."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        first = problems[0]
        super().__init__(first.path, first.line, first.message, field=first.field)
        self.args = ("\n".join(p.format() for p in problems),)


def config_field_names() -> list[str]:
    """Names a user may set in blogforge.toml (used by docs and tests)."""
    return [f.name for f in fields(Config) if f.name in FIELDS]

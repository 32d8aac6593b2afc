"""Checking a parsed `blogforge.toml`: every unknown key and wrong value at once, each placed.

Validation reports every problem with the file and line instead of stopping at the first.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from blogforge.config.model import (
    BUILD_FORMATS,
    COLLECTION_FIELDS,
    FIELDS,
    HEADING_ID_RULES,
    IMAGE_FORMATS,
    MATH_FONTS,
    SLUG_SOURCES,
    TAG_SLUG_RULES,
    TRAILING_SLASH,
    CollectionConfig,
    normalise_base,
)
from blogforge.errors import Problem, describe
from blogforge.markdown.callout_styles import CALLOUT_STYLES


def _key_line(text: str, key: str) -> int | None:
    match = re.search(rf"^\s*(?:{re.escape(key)}\s*=|\[\[{re.escape(key)}\]\])", text, re.M)
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
        if key == "collections":
            collections, collection_problems = _validate_collections(value, path, text)
            problems += collection_problems
            accepted[key] = collections
            continue
        problem = _check_value(key, value)
        if key == "card_font" and value and not (path.parent / value).is_file():
            problem = f"expected a font file (relative to the blog's root), found none at {value}"
        if problem:
            problems.append(Problem(str(path), line, problem, field=key))
            continue
        if key == "base":
            value = normalise_base(value)
        elif key == "image_formats":
            value = tuple(f for f in IMAGE_FORMATS if f in value)  # webp first, no repeats
        elif key == "feeds":
            value = tuple(value)
        elif key == "redirects":
            value = tuple(sorted(value.items()))
        elif key == "nav":
            value = tuple((item["label"], item["url"]) for item in value)
        accepted[key] = value
    return accepted, problems


def _validate_collections(
    tables: dict[str, Any], path: Path, text: str
) -> tuple[tuple[CollectionConfig, ...], list[Problem]]:
    """`[collections.NAME]` tables: each needs a `folder`; `url` needs `{slug}` or `{id}`."""
    found: list[CollectionConfig] = []
    problems: list[Problem] = []
    for name, table in tables.items():
        header = re.search(rf"^\s*\[collections\.{re.escape(name)}\]", text, re.MULTILINE)
        line = text.count("\n", 0, header.start()) + 1 if header else None
        where = f"collections.{name}"
        if not isinstance(table, dict):
            problems.append(
                Problem(str(path), line, f"expected a table, got {describe(table)}", field=where)
            )
            continue
        bad = False
        for key, value in table.items():
            if key not in COLLECTION_FIELDS:
                message = f"unknown option (known: {', '.join(COLLECTION_FIELDS)})"
                problems.append(Problem(str(path), line, message, field=f"{where}.{key}"))
                bad = True
            elif not isinstance(value, str):
                message = f"expected str, got {describe(value)}"
                problems.append(Problem(str(path), line, message, field=f"{where}.{key}"))
                bad = True
        if bad:
            continue
        if "folder" not in table:
            problems.append(
                Problem(
                    str(path), line, "required: the folder of its posts", field=f"{where}.folder"
                )
            )
            continue
        url = table.get("url", "")
        if url and "{slug}" not in url and "{id}" not in url:  # {lang}: the id's locale folder
            message = f"expected a pattern containing {{slug}} or {{id}}, got {describe(url)}"
            problems.append(Problem(str(path), line, message, field=f"{where}.url"))
            continue
        slug = table.get("slug", "id")
        if slug not in SLUG_SOURCES:
            message = f"expected one of {', '.join(SLUG_SOURCES)}, got {describe(slug)}"
            problems.append(Problem(str(path), line, message, field=f"{where}.slug"))
            continue
        found.append(CollectionConfig(name, table["folder"].strip("/"), url, slug))
    return tuple(found), problems


CHOICES = {
    "heading_ids": HEADING_ID_RULES,
    "tag_slug": TAG_SLUG_RULES,
    "trailing_slash": TRAILING_SLASH,
    "build_format": BUILD_FORMATS,
    "callout_style": CALLOUT_STYLES,
    "math_font": MATH_FONTS,
}


def _check_value(key: str, value: Any) -> str | None:
    if key in CHOICES and value not in CHOICES[key]:
        return f"expected one of {', '.join(CHOICES[key])}, got {describe(value)}"
    if key == "redirects" and not all(
        isinstance(v, str) and v and "[" not in k for k, v in value.items()
    ):
        return f"expected a table of plain paths to paths or URLs, got {describe(value)}"
    if key == "feeds" and not all(isinstance(v, str) and v.strip("/") for v in value):
        return f"expected a list of file paths, got {describe(value)}"
    if key == "tag_url" and value and "{tag}" not in value:
        return f"expected a pattern containing {{tag}}, got {describe(value)}"
    if key == "image_formats" and (
        not all(isinstance(v, str) and v in IMAGE_FORMATS for v in value) or "webp" not in value
    ):
        return f'expected a list of "webp" (required) and "avif", got {describe(value)}'
    if key == "nav" and not all(_is_nav_link(item) for item in value):
        return f"expected a list of {{label, url}} tables (two strings), got {describe(value)}"
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


def _is_nav_link(item: Any) -> bool:
    return (
        isinstance(item, dict)
        and set(item) == {"label", "url"}
        and all(isinstance(v, str) and v.strip() for v in item.values())
    )

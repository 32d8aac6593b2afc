"""An Astro collection's schema applied to one entry's frontmatter, as zod would apply it.

Only the shape read from `content.config.ts` is known (`astro.collections`): each field's base
type, whether it is required, its folded default. That is enough for what matters to a build:
defaults fill the entry, a required field it lacks or a value of the wrong type is an error at
the entry's line naming the schema's line, and a field the schema types as a string is not read
as something else (Astrofy's `updatedDate: z.string()`). What zod accepts is accepted.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from blogforge.config import CollectionConfig
from blogforge.content.model import PUB_DATE_KEYS
from blogforge.errors import ContentError, describe

KIND_TESTS = {
    "string": lambda v: isinstance(v, str),
    "number": lambda v: isinstance(v, int | float) and not isinstance(v, bool),
    "boolean": lambda v: isinstance(v, bool),
    "array": lambda v: isinstance(v, list),
    "date": lambda v: isinstance(v, str | date | int) and not isinstance(v, bool),
}
KIND_NAMES = {"string": "a string", "number": "a number", "boolean": "true or false",
              "array": "a list", "date": "a date"}  # fmt: skip


def apply_schema(
    collection: CollectionConfig, data: dict[str, Any], label: str, lines: dict[str, int]
) -> None:
    """Fill defaults into `data`; raise ContentError for a missing or mistyped field."""
    for key, value in collection.defaults:
        data.setdefault(key, list(value) if isinstance(value, tuple) else value)
    where = collection.schema.rsplit(":", 1)[0] if collection.schema else ""
    for name, kind, line in collection.fields:
        value = data.get(name)
        hint = f"the schema at {where}:{line} says so" if where else ""
        if value is None:
            if name in collection.requires and name != "title" and name not in PUB_DATE_KEYS:
                message = f"required, expected {KIND_NAMES.get(kind, 'a value')}"
                raise ContentError(label, 1, message, field=name, hint=hint)
            continue
        test = KIND_TESTS.get(kind)
        if test is not None and not test(value):
            message = f"expected {KIND_NAMES[kind]}, got {describe(value)}"
            raise ContentError(label, lines.get(name, 1), message, field=name, hint=hint)


def string_fields(collection: CollectionConfig | None) -> set[str]:
    """Fields the schema types as strings: kept as text, never parsed as dates."""
    return {n for n, kind, _ in collection.fields if kind == "string"} if collection else set()

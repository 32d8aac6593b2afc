"""Random frontmatter never crashes loading: every file becomes a Post or a placed ContentError.

Two generators: arbitrary YAML-ish text (syntax errors, odd scalars, anchors, tags), and
well-formed YAML mappings of Astro's field names to values of every YAML type, which exercises
the validation of each field rather than the YAML parser.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from zoneinfo import ZoneInfo

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from blogforge.config import Config
from blogforge.content.dates import DateError, parse_date
from blogforge.content.model import Post
from blogforge.content.posts import parse_post
from blogforge.content.source import Source
from blogforge.errors import ContentError

FIELDS = [
    "title",
    "description",
    "pubDate",
    "date",
    "updatedDate",
    "heroImage",
    "image",
    "tags",
    "layout",
    "draft",
    "hidden",
    "slug",
    "extra",
]
YAMLISH = [*":-[]{}&*!|>'\"#%@`,?\n\n  \t", "title: ", "pubDate: ", "tags: ", "- ", "a", "1"]
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.dates(),
    st.datetimes(),
    st.sampled_from(["2022-09-10", "Sep 10 2022", "..", "/etc/passwd", "<script>", "", " "]),
)
values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner, max_size=4)
    ),
    max_leaves=12,
)
mappings = st.dictionaries(st.sampled_from(FIELDS), values, max_size=8)

ROOT = Path(tempfile.mkdtemp(prefix="blogforge-frontmatter-"))
CONFIG = Config(root=ROOT)


def load(text: str | bytes) -> Post | ContentError:
    path = ROOT / "content" / "posts" / "x.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    try:
        return parse_post(Source(path, "posts/x.md", "posts"), CONFIG)
    except ContentError as error:
        return error


def check(result: Post | ContentError) -> None:
    if isinstance(result, ContentError):
        assert result.path == "content/posts/x.md"
        assert result.line is not None and result.line >= 1
        assert result.problem.message
        return
    assert result.title.strip()
    assert result.pub_date.tzinfo is not None


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(YAMLISH), st.text(max_size=4)), max_size=40).map("".join))
def test_random_frontmatter_text_is_a_post_or_a_placed_error(yaml_text: str) -> None:
    check(load(f"---\n{yaml_text}\n---\nBody\n"))


@settings(max_examples=200, deadline=None)
@given(mappings)
def test_any_typed_frontmatter_is_a_post_or_a_placed_error(data: dict) -> None:
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    check(load(f"---\n{text}---\nBody\n"))


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=200))
def test_random_bytes_are_a_post_or_a_placed_error(data: bytes) -> None:
    check(load(b"---\n" + data + b"\n---\n"))


DATEISH = [*"0123456789-+:.,/ TZ()", "Sep", "Sept", "February", "pm", "GMT", "MST", "T", "2022"]


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(
        st.lists(st.one_of(st.sampled_from(DATEISH), st.text(max_size=3)), max_size=12).map(
            "".join
        ),
        st.integers(),
        st.floats(),
        st.dates(),
        st.datetimes(),
    )
)
def test_any_date_value_is_a_date_or_a_date_error(value: object) -> None:
    """JavaScript-style date parsing: an aware datetime, or DateError saying what was expected."""
    try:
        moment = parse_date(value, ZoneInfo("America/Denver"))
    except DateError as error:
        assert str(error).startswith('expected a date such as 2024-01-31 or "Jan 31 2024", got ')
        return
    assert moment.tzinfo is not None
    assert 1 <= moment.year <= 9999

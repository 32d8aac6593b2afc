"""Loading posts: aliases, ids, drafts, and an exact `file:line: field: message` for bad input."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from blogforge.config import Config
from blogforge.content.discover import discover
from blogforge.content.frontmatter import split_frontmatter
from blogforge.content.posts import load_posts
from tests.site_build.helpers import write_site

GOOD = '---\ntitle: "Hi"\npubDate: "Sep 10 2022"\n---\nBody\n'


def site(tmp_path: Path, files: dict[str, str | bytes]) -> Config:
    """A site of default settings whose `content/` holds `files` (by path under it)."""
    write_site(tmp_path, {f"content/{name}": data for name, data in files.items()}, config="")
    return Config(root=tmp_path)


def errors_of(tmp_path: Path, text: str | bytes) -> list[str]:
    _posts, diagnostics = load_posts(site(tmp_path, {"posts/x.md": text}))
    return [problem.format() for problem in diagnostics.errors]


BAD = [
    (
        "---\ntitle: [unclosed\npubDate: 2022-01-01\n---\n",
        "content/posts/x.md:3: expected valid YAML frontmatter, got a syntax error",
    ),
    (
        "---\n- a\n- b\n---\n",
        "content/posts/x.md:2: expected the frontmatter to be a mapping of keys, got a list (2 items)",  # noqa: E501
    ),
    (
        "---\njust text\n---\n",
        'content/posts/x.md:2: expected the frontmatter to be a mapping of keys, got "just text"',
    ),
    (
        "---\npubDate: 2022-01-01\n---\n",
        "content/posts/x.md:1: title: required, expected a non-empty string",
    ),
    (
        '---\ntitle: ""\npubDate: 2022-01-01\n---\n',
        "content/posts/x.md:2: title: expected a non-empty string, got an empty one",
    ),
    (
        "---\ntitle: [a, b]\npubDate: 2022-01-01\n---\n",
        "content/posts/x.md:2: title: expected a string, got a list (2 items)",
    ),
    (
        "---\ntitle: 42\npubDate: 2022-01-01\n---\n",
        "content/posts/x.md:2: title: expected a string, got int 42",
    ),
    (
        '---\ntitle: T\npubDate: "Sept 31 2022"\n---\n',
        "content/posts/x.md:3: pubDate: expected a date such as 2024-01-31",
    ),
    (
        '---\ntitle: T\ndate: "2023-09-009"\n---\n',
        "content/posts/x.md:3: date: expected a date such as",
    ),
    (
        "---\ntitle: T\n---\n",
        "content/posts/x.md:1: pubDate: required, expected a date (also accepted: date, pubDatetime, published, publishDate, createdAt)",  # noqa: E501
    ),
    (
        "---\ntitle: T\npubDate: 2022-01-01\ntags: [a, b, a]\n---\n",
        'content/posts/x.md:4: tags: the tag "a" is listed twice',
    ),
    (
        "---\ntitle: T\npubDate: 2022-01-01\ntags: {a: 1}\n---\n",
        "content/posts/x.md:4: tags: expected a list of strings, got a mapping",
    ),
    (
        "---\ntitle: T\npubDate: 2022-01-01\ntags: [[a]]\n---\n",
        "content/posts/x.md:4: tags: expected a list of strings, found a list (1 items)",
    ),
    (
        "---\ntitle: T\npubDate: 2022-01-01\ndraft: maybe\n---\n",
        'content/posts/x.md:4: draft: expected true or false, got "maybe"',
    ),
    (
        "---\ntitle: T\npubDate: 2022-01-01\nheroImage: {alt: x}\n---\n",
        "content/posts/x.md:4: heroImage: expected an image path or {src, alt}, got a mapping",
    ),
    (
        "---\ntitle: T\npubDate: 2022-01-01\nlayout: 3\n---\n",
        "content/posts/x.md:4: layout: expected a layout name or path, got int 3",
    ),
    (
        "---\ntitle: T\npubDate: 2022-01-01\n",
        "content/posts/x.md:1: the frontmatter opened by `---` on line 1 is never closed",
    ),
    ("", "content/posts/x.md:1: the file is empty"),
    ("no frontmatter here\n", "content/posts/x.md:1: expected frontmatter between `---` lines"),
    (
        b"---\ntitle: T\npubDate: 2022-01-01\n---\nbad \xff byte\n",
        "content/posts/x.md:5: expected UTF-8 text, found the byte 0xff",
    ),
    (b"---\ntitle: T\n\x00\n---\n", "content/posts/x.md:3: expected text, found a NUL byte"),
]


@pytest.mark.parametrize(("text", "expected"), BAD, ids=[str(i) for i in range(len(BAD))])
def test_bad_posts_are_reported_with_file_line_and_field(
    tmp_path: Path, text: str | bytes, expected: str
) -> None:
    errors = errors_of(tmp_path, text)
    assert len(errors) == 1, errors
    assert errors[0].startswith(expected), errors[0]


def test_one_bad_post_never_hides_another(tmp_path: Path) -> None:
    config = site(
        tmp_path,
        {"posts/a.md": "---\ntitle: T\n---\n", "posts/b.md": "", "posts/c.md": GOOD},
    )
    posts, diagnostics = load_posts(config)
    assert [p.id for p in posts] == ["c"]
    assert [e.path for e in diagnostics.errors] == ["content/posts/a.md", "content/posts/b.md"]


def test_two_posts_with_one_url_are_an_error(tmp_path: Path) -> None:
    other = '---\ntitle: "B"\npubDate: 2022-01-01\nslug: a\n---\n'
    _posts, diagnostics = load_posts(site(tmp_path, {"posts/a.md": GOOD, "posts/b.md": other}))
    [error] = diagnostics.errors
    assert error.format().startswith(
        'content/posts/b.md:4: slug: the id "a" is also used by content/posts/a.md'
    )


def test_aliases_drafts_hero_forms_and_raw_frontmatter(tmp_path: Path) -> None:
    text = (
        "---\ntitle: T\npubDatetime: 2022-09-10T10:00:00Z\nmodDatetime: 2023-01-01\n"
        "cover: {src: ./c.png, alt: A cat}\nhidden: true\ntags: solo\nauthor: Me\n---\nBody\n"
    )
    config = site(tmp_path, {"posts/x.md": text, "posts/y.md": GOOD.replace("Hi", "Y") + "\n"})
    posts, diagnostics = load_posts(config)
    assert diagnostics.ok
    post = next(p for p in posts if p.id == "x")
    assert post.pub_date == datetime(2022, 9, 10, 10, tzinfo=UTC)
    assert post.updated_date == datetime(2023, 1, 1, tzinfo=UTC)
    assert (post.hero_image.src, post.hero_image.alt) == ("./c.png", "A cat")
    assert post.draft is True
    assert post.tags == ("solo",)
    assert post.frontmatter["author"] == "Me"
    assert post.body == "Body\n"
    assert post.body_line == 10
    assert post.field_lines["cover"] == 5


def test_empty_image_means_none(tmp_path: Path) -> None:
    text = "---\ntitle: T\npubDate: 2022-01-01\nimage: ''\n---\n"
    posts, _ = load_posts(site(tmp_path, {"posts/x.md": text}))
    assert posts[0].hero_image is None


def test_bom_and_crlf_parse_fine() -> None:
    yaml_text, body, line = split_frontmatter("\ufeff---\r\ntitle: T\r\n---  \r\nBody\r\n")
    assert yaml_text == "title: T\n"
    assert body == "Body\r\n"
    assert line == 4


def test_discovery_skips_underscore_and_hidden_and_sorts(tmp_path: Path) -> None:
    config = site(
        tmp_path,
        {
            "posts/b.md": GOOD,
            "posts/a/index.md": GOOD,
            "posts/_drafts/x.md": GOOD,
            "posts/.hidden.md": GOOD,
            "posts/_partial.md": GOOD,
            "notes/n.markdown": GOOD,
            "about.md": GOOD,
        },
    )
    assert [(s.collection, s.rel_path) for s in discover(config)] == [
        ("", "about.md"),
        ("notes", "notes/n.markdown"),
        ("posts", "posts/a/index.md"),
        ("posts", "posts/b.md"),
    ]
    posts, _ = load_posts(config)
    assert sorted(p.id for p in posts) == ["a", "about", "b", "n"]


def test_conformance_inputs_parse_to_astros_ids_and_dates(tmp_path: Path) -> None:
    import csv
    import shutil

    cases = Path(__file__).resolve().parents[1] / "data" / "conformance" / "cases"
    rows = list(csv.DictReader((cases / "INDEX.tsv").open(encoding="utf-8"), delimiter="\t"))
    for row in rows:
        target = tmp_path / "content" / "blog" / row["file"]
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(cases / row["file"].removesuffix(".md") / "input.md", target)
    posts, diagnostics = load_posts(Config(root=tmp_path))
    assert diagnostics.ok, [e.format() for e in diagnostics.errors]
    found = {p.source.rel_path.removeprefix("blog/"): p for p in posts}
    for row in rows:
        post = found[row["file"]]
        assert post.slug == row["astro_id"], row["file"]
        iso = post.pub_date.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z")
        assert iso == row["pubDate_utc"], row["file"]


# One file per bad input in tests/data/bad_posts/, with the exact text a user sees,
# `path:line: field: message`; the line is the line in the FILE, not in the YAML.
BAD_POSTS = Path(__file__).resolve().parents[1] / "data" / "bad_posts"
BAD_POST_ERRORS = [
    (
        "date-bare-number.md",
        3,
        (
            'pubDate: expected a date such as 2024-01-31 or "Jan 31 2024", '
            "got the number 2022 (JavaScript would read it as milliseconds "
            "since 1970; quote it if you mean a year)"
        ),
    ),
    (
        "date-day-overflow.md",
        4,
        (
            'pubDate: expected a date such as 2024-01-31 or "Jan 31 2024", '
            'got "Sept 31 2022" (September 2022 has 30 days; JavaScript '
            "would silently read October 1)"
        ),
    ),
    (
        "date-iso-typo.md",
        3,
        (
            'date: expected a date such as 2024-01-31 or "Jan 31 2024", got '
            '"2023-09-009" (not a valid ISO date: use two digits for month '
            "and day)"
        ),
    ),
    (
        "date-no-year.md",
        3,
        ('pubDate: expected a date such as 2024-01-31 or "Jan 31 2024", got "Sep 10" (no year)'),
    ),
    (
        "date-unquoted-impossible.md",
        3,
        (
            'pubDate: expected a date such as 2024-01-31 or "Jan 31 2024", '
            'got "2023-02-30" (February 2023 has 28 days; JavaScript would '
            "silently read March 2)"
        ),
    ),
    (
        "date-word.md",
        3,
        (
            'pubDate: expected a date such as 2024-01-31 or "Jan 31 2024", '
            "got \"yesterday\" (unknown word 'yesterday')"
        ),
    ),
    (
        "date-zero.md",
        3,
        (
            'pubDate: expected a date such as 2024-01-31 or "Jan 31 2024", '
            'got "0000-00-00" (no such month or year)'
        ),
    ),
    (
        "draft-not-boolean.md",
        4,
        ('draft: expected true or false, got "yes"'),
    ),
    (
        "duplicate-tags.md",
        4,
        ('tags: the tag "ml" is listed twice'),
    ),
    (
        "empty-file.md",
        1,
        ("the file is empty; expected frontmatter with at least a title"),
    ),
    (
        "empty-title.md",
        2,
        ("title: expected a non-empty string, got an empty one"),
    ),
    (
        "hero-a-list.md",
        4,
        ("heroImage: expected an image path or {src, alt}, got a list (1 items)"),
    ),
    (
        "layout-a-number.md",
        4,
        ("layout: expected a layout name or path, got int 3"),
    ),
    (
        "malformed-flow-list.md",
        4,
        ("expected valid YAML frontmatter, got a syntax error: did not find expected ',' or ']'"),
    ),
    (
        "malformed-yaml.md",
        5,
        ("expected valid YAML frontmatter, got a syntax error: found unexpected end of stream"),
    ),
    (
        "missing-date.md",
        1,
        (
            "pubDate: required, expected a date (also accepted: date, "
            "pubDatetime, published, publishDate, createdAt)"
        ),
    ),
    (
        "missing-title.md",
        1,
        ("title: required, expected a non-empty string"),
    ),
    (
        "no-closing-fence.md",
        1,
        ("the frontmatter opened by `---` on line 1 is never closed by a `---` line"),
    ),
    (
        "no-frontmatter.md",
        1,
        (
            "expected frontmatter between `---` lines at the top of the "
            "file, found none (hint: start the file with ---, title: ..., "
            "pubDate: ..., ---)"
        ),
    ),
    (
        "non-utf8.md",
        6,
        ("expected UTF-8 text, found the byte 0xe9 (hint: save the file as UTF-8)"),
    ),
    (
        "not-a-mapping-list.md",
        2,
        ("expected the frontmatter to be a mapping of keys, got a list (2 items)"),
    ),
    (
        "not-a-mapping-scalar.md",
        2,
        ('expected the frontmatter to be a mapping of keys, got "just a sentence"'),
    ),
    (
        "tags-a-mapping.md",
        4,
        ("tags: expected a list of strings, got a mapping"),
    ),
    (
        "tags-not-strings.md",
        4,
        ("tags: expected a list of strings, found a mapping"),
    ),
    (
        "title-a-list.md",
        2,
        ("title: expected a string, got a list (2 items)"),
    ),
    (
        "updated-invalid.md",
        4,
        (
            'updatedDate: expected a date such as 2024-01-31 or "Jan 31 '
            '2024", got "not a date" (unknown word \'not\')'
        ),
    ),
]


def bad_post_errors() -> list[str]:
    posts, diagnostics = load_posts(Config(root=BAD_POSTS.parent, content_dir="bad_posts"))
    assert posts == []
    return [problem.format() for problem in diagnostics.errors]


@pytest.mark.parametrize(("name", "line", "message"), BAD_POST_ERRORS)
def test_each_bad_post_file_gives_its_exact_error(name: str, line: int, message: str) -> None:
    assert f"bad_posts/{name}:{line}: {message}" in bad_post_errors()


def test_every_bad_post_file_is_one_error_and_has_a_case() -> None:
    assert len(bad_post_errors()) == len(BAD_POST_ERRORS)
    assert sorted(p.name for p in BAD_POSTS.iterdir()) == sorted(n for n, *_ in BAD_POST_ERRORS)

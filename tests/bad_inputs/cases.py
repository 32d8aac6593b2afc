"""The bad-input cases: one hostile or broken post each, with exactly what the build must do.

Each case either fails with one exact `file:line: field: message` line (exit code 1, the previous
`dist/` untouched) or builds, and then names strings its output must and must not contain.
Issue 8 lists the classes: frontmatter, encodings, titles, dates, tags, paths, layouts, math,
footnotes, headings and nesting. tests/data/bad_posts holds single-field unit cases for
`load_posts`; these go through the whole `blogforge build` command.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

POST = "content/posts/case.md"
PAGE = "posts/case/index.html"  # where the case post is written under dist/
NEVER_CLOSED = "the frontmatter opened by `---` on line 1 is never closed by a `---` line"


def front(*lines: str, body: str = "Body.\n") -> str:
    return "---\n" + "".join(line + "\n" for line in lines) + "---\n" + body


OK = ('title: "Case"', "pubDate: 2022-09-10")


@dataclass(frozen=True)
class Case:
    name: str
    kind: str  # the class of input (frontmatter, encoding, title, date, tag, path, ...)
    post: str | bytes | Callable[[], str | bytes]
    error: str | None = None  # the exact stderr line; None: the site must build
    contains: tuple[tuple[str, str], ...] = ()  # (file under dist/, text it must contain)
    absent: tuple[tuple[str, str], ...] = ()  # (file under dist/, text it must not contain)
    warning: str | None = None  # an exact warning line the build must print
    files: dict[str, str | bytes] = field(default_factory=dict)  # more files of the site
    config: str = ""  # more blogforge.toml lines
    post_path: str = POST
    pending: str | None = None  # a known gap outside this suite's files: expected to fail (strict)
    prepare: Callable[[Path], None] | None = None  # makes what files cannot say (links, FIFOs)
    stray_ok: tuple[str, ...] = ()  # files outside dist/ the case itself makes or keeps

    def post_bytes(self) -> bytes:
        value = self.post() if callable(self.post) else self.post
        return value if isinstance(value, bytes) else value.encode("utf-8")


def nested_yaml(depth: int) -> str:
    return front(*OK, "extra: " + "[" * depth + "1" + "]" * depth)


def alias_bomb() -> str:
    lines = ['a0: ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{i}: [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
    lines = [
        f"{line.split(':', 1)[0]}: &{line.split(':', 1)[0]} {line.split(': ', 1)[1]}"
        for line in lines
    ]
    return front(*OK, *lines)


def ten_megabytes() -> str:
    paragraph = "The quick brown fox jumps over the lazy dog, again and again. " * 12 + "\n\n"
    return front(*OK, body=paragraph * (10_000_000 // len(paragraph)) + "The *end*.\n")


def tags(value: str) -> str:
    return front(*OK, f"tags: {value}")


def date(value: str) -> str:
    return front('title: "Case"', f"pubDate: {value}")


CASES: list[Case] = [
    # -- frontmatter -----------------------------------------------------------------------------
    Case(
        "yaml-malformed-unclosed-flow",
        "frontmatter",
        front(*OK, "tags: [a, b", "draft: false"),
        error=f"{POST}:5: expected valid YAML frontmatter, got a syntax error: "
        "did not find expected ',' or ']'",
    ),
    Case(
        "yaml-tab-indentation",
        "frontmatter",
        front(*OK, "extra:\n\t- a"),
        error=f"{POST}:5: expected valid YAML frontmatter, got a syntax error: "
        "found character that cannot start any token",
    ),
    Case(
        "yaml-duplicate-key",
        "frontmatter",
        front('title: "One"', 'title: "Two"', "pubDate: 2022-09-10"),
        error=f'{POST}:3: the key "title" is given twice (first on line 2)',
    ),
    Case(
        "yaml-python-tag",
        "frontmatter",
        front(*OK, "x: !!python/object/apply:os.system ['touch pwned']"),
        error=f"{POST}:4: expected valid YAML frontmatter, got a syntax error: could not "
        "determine a constructor for the tag 'tag:yaml.org,2002:python/object/apply:os.system'",
    ),
    Case(
        "yaml-not-a-mapping-number",
        "frontmatter",
        front("42"),
        error=f"{POST}:2: expected the frontmatter to be a mapping of keys, got int 42",
    ),
    Case(
        "yaml-a-list",
        "frontmatter",
        front("- title: Case", "- pubDate: 2022-09-10"),
        error=f"{POST}:2: expected the frontmatter to be a mapping of keys, got a list (2 items)",
    ),
    Case(
        "yaml-nested-64-levels",
        "frontmatter",
        lambda: nested_yaml(63),
        contains=((PAGE, '<h1 class="p-name">Case</h1>'),),
    ),
    Case(
        "yaml-nested-100000-levels",  # libyaml's composer segfaulted the build here
        "frontmatter",
        lambda: nested_yaml(100_000),
        error=f"{POST}:4: expected frontmatter nested at most 64 levels deep, found deeper nesting",
    ),
    Case(
        "yaml-alias-bomb",
        "frontmatter",
        alias_bomb,
        error=f"{POST}:9: expected at most 100000 values in the frontmatter, "
        "found aliases that expand to more (a YAML alias bomb?)",
    ),
    Case(
        "yaml-no-closing-fence",
        "frontmatter",
        "---\ntitle: Case\npubDate: 2022-09-10\nBody.\n",
        error=f"{POST}:1: {NEVER_CLOSED}",
    ),
    Case(
        "yaml-only-opening-fence",
        "frontmatter",
        "---\n",
        error=f"{POST}:1: {NEVER_CLOSED}",
    ),
    Case(
        "post-10-megabytes",
        "size",
        ten_megabytes,
        contains=((PAGE, "<p>The <em>end</em>.</p>"),),
    ),
    Case(
        "one-paragraph-of-colons",  # quadratic autolink scanning: 300 kB took minutes
        "size",
        lambda: front(*OK, body="see: " * 60_000 + "https://example.org/end\n"),
        contains=((PAGE, '<a href="https://example.org/end">https://example.org/end</a>'),),
    ),
    # -- encodings ---------------------------------------------------------------------------
    Case(
        "nul-byte-in-body",
        "encoding",
        front(*OK, body="Line one.\nLine \x00two.\n"),
        error=f"{POST}:6: expected text, found a NUL byte (binary file?)",
    ),
    Case(
        "non-utf8-title",
        "encoding",
        b'---\ntitle: "Caf\xe9"\npubDate: 2022-09-10\n---\nBody.\n',
        error=f"{POST}:2: expected UTF-8 text, found the byte 0xe9 (hint: save the file as UTF-8)",
    ),
    Case(
        "utf16-file",
        "encoding",
        front(*OK).encode("utf-16"),
        error=f"{POST}:1: expected UTF-8 text, found the byte 0xff (hint: save the file as UTF-8)",
    ),
    Case(
        "utf8-bom",
        "encoding",
        "\ufeff" + front('title: "Bom"', "pubDate: 2022-09-10"),
        contains=((PAGE, '<h1 class="p-name">Bom</h1>'),),
    ),
    Case(
        "crlf-line-ends",
        "encoding",
        front('title: "Crlf"', "pubDate: 2022-09-10", body="# Head\n\nText.\n").replace(
            "\n", "\r\n"
        ),
        contains=((PAGE, '<h1 class="p-name">Crlf</h1>'), (PAGE, '<h1 id="head">Head</h1>')),
        absent=((PAGE, "\r"),),
    ),
    Case(
        "crlf-error-line",
        "encoding",
        front('title: "Crlf"', 'pubDate: "Sept 31 2022"').replace("\n", "\r\n"),
        error=f'{POST}:3: pubDate: expected a date such as 2024-01-31 or "Jan 31 2024", got '
        '"Sept 31 2022" (September 2022 has 30 days; JavaScript would silently read October 1)',
    ),
    # -- titles and text fields -----------------------------------------------------------------
    Case(
        "title-a-number",
        "title",
        front("title: 42", "pubDate: 2022-09-10"),
        error=f"{POST}:2: title: expected a string, got int 42",
    ),
    Case(
        "title-a-flow-list",
        "title",
        front("title: [a, b]", "pubDate: 2022-09-10"),
        error=f"{POST}:2: title: expected a string, got a list (2 items)",
    ),
    Case(
        "title-null",
        "title",
        front("title:", "pubDate: 2022-09-10"),
        error=f"{POST}:2: title: required, expected a non-empty string",
    ),
    Case(
        "description-a-list",
        "title",
        front(*OK, "description: [a]"),
        error=f"{POST}:4: description: expected a string, got a list (1 items)",
    ),
    Case(
        "title-and-description-markup",
        "escaping",
        front(
            'title: "<script>alert(1)</script> & \\"q\\""',
            "pubDate: 2022-09-10",
            "description: '</script><b>d</b>'",
        ),
        contains=(
            (PAGE, "<title>&lt;script&gt;alert(1)&lt;/script&gt; &amp; &#34;q&#34; · "),
            (PAGE, '<h1 class="p-name">&lt;script&gt;alert(1)&lt;/script&gt; &amp; &#34;q&#34;'),
            (PAGE, '<meta name="description" content="&lt;/script&gt;&lt;b&gt;d&lt;/b&gt;">'),
            (
                PAGE,
                '"headline": "\\u003cscript\\u003ealert(1)\\u003c/script\\u003e \\u0026 \\"q\\""',
            ),
            ("rss.xml", "<title>&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;q&quot;</title>"),
            ("rss.xml", "<description>&lt;/script&gt;&lt;b&gt;d&lt;/b&gt;</description>"),
        ),
        absent=(
            (PAGE, "<script>alert"),
            (PAGE, "<b>d</b>"),
            ("index.html", "<script>alert"),
            ("rss.xml", "<script>"),
            ("atom.xml", "<script>"),
        ),
    ),
    # -- dates ------------------------------------------------------------------------------
    Case(
        "date-iso-three-digit-day",
        "date",
        date('"2023-09-009"'),
        error=f'{POST}:3: pubDate: expected a date such as 2024-01-31 or "Jan 31 2024", got '
        '"2023-09-009" (not a valid ISO date: use two digits for month and day)',
    ),
    Case(
        "date-sept-31",
        "date",
        date('"Sept 31 2022"'),
        error=f'{POST}:3: pubDate: expected a date such as 2024-01-31 or "Jan 31 2024", got '
        '"Sept 31 2022" (September 2022 has 30 days; JavaScript would silently read October 1)',
    ),
    Case(
        "date-all-zero",
        "date",
        date('"0000-00-00"'),
        error=f'{POST}:3: pubDate: expected a date such as 2024-01-31 or "Jan 31 2024", got '
        '"0000-00-00" (no such month or year)',
    ),
    Case(
        "date-two-zones",  # V8 lets the last zone win (tests/unit/test_dates.py measured it)
        "date",
        date('"2025-11-05 07:24Z-0600MST"'),
        contains=(
            (PAGE, '<time class="dt-published" datetime="2025-11-05T07:24:00-07:00">Nov 5, 2025'),
            ("rss.xml", "<pubDate>Wed, 05 Nov 2025 14:24:00 GMT</pubDate>"),
        ),
    ),
    Case(
        "date-terminal-escapes",  # printed raw, it cleared the terminal and forged an error line
        "date",
        date('"\\e[2J\\nerror: content/posts/good.md:1: fake"'),
        error=f'{POST}:3: pubDate: expected a date such as 2024-01-31 or "Jan 31 2024", got '
        "\"\\x1b[2J\\x0aerror: content/posts/good.md:1: fake\" (unknown word 'j')",
    ),
    Case(
        "date-hour-25",
        "date",
        date('"2022-09-10T25:00:00"'),
        error=f'{POST}:3: pubDate: expected a date such as 2024-01-31 or "Jan 31 2024", got '
        '"2022-09-10T25:00:00" (no such time of day)',
    ),
    Case(
        "date-year-10000",
        "date",
        date('"10000-01-01"'),
        error=f'{POST}:3: pubDate: expected a date such as 2024-01-31 or "Jan 31 2024", got '
        '"10000-01-01" (year 10000 is out of range)',
    ),
    Case(
        "date-a-list",
        "date",
        date("[2022-09-10]"),
        error=f'{POST}:3: pubDate: expected a date such as 2024-01-31 or "Jan 31 2024", got list',
    ),
    # -- tags -------------------------------------------------------------------------------
    Case(
        "tag-with-slash",
        "tag",
        tags('["c/c++", "a/b"]'),
        contains=(("tags/cc/index.html", "Tag: c/c++"), ("tags/ab/index.html", "Tag: a/b")),
    ),
    Case(
        "tag-slash-verbatim",
        "tag",
        tags('["x/y"]'),
        config='tag_slug = "verbatim"\n',
        error=f'{POST}:4: tags: expected a tag without "/" (tag_slug = "verbatim" uses it as '
        'one URL segment), got "x/y"',
    ),
    Case(
        "tag-dot-dot",  # wrote its tag page over the home page (tags/../index.html)
        "tag",
        tags('[".."]'),
        error=f'{POST}:4: tags: expected a tag that names a page, got ".." '
        "(it would leave its folder)",
    ),
    Case(
        "tag-dot-dot-verbatim",
        "tag",
        tags('["ok", ".."]'),
        config='tag_slug = "verbatim"\n',
        error=f'{POST}:4: tags: expected a tag that names a page, got ".." '
        "(it would leave its folder)",
    ),
    Case(
        "tag-script",
        "tag",
        tags('["<script>alert(1)</script>"]'),
        contains=(
            ("tags/scriptalert1script/index.html", "Tag: &lt;script&gt;alert(1)&lt;/script&gt;"),
            (PAGE, 'href="/tags/scriptalert1script/">&lt;script&gt;alert(1)&lt;/script&gt;</a>'),
            (PAGE, '"keywords": ["\\u003cscript\\u003ealert(1)\\u003c/script\\u003e"]'),
        ),
        absent=(
            (PAGE, "<script>alert"),
            ("tags/index.html", "<script>alert"),
            ("tags/scriptalert1script/index.html", "<script>alert"),
        ),
    ),
    Case(
        "tag-emoji",
        "tag",
        tags('["🚀", "rust 🦀"]'),
        contains=(("tags/🚀/index.html", "Tag: 🚀"), ("tags/rust-/index.html", "Tag: rust 🦀")),
    ),
    Case(
        "tag-500-characters",  # crashed: OSError File name too long
        "tag",
        tags('["' + "x" * 500 + '"]'),
        error=f"{POST}:4: tags: expected a tag of at most 200 bytes per URL segment, got 500 "
        f'bytes ("{"x" * 37}...")',
    ),
    Case(
        "tag-nul",
        "tag",
        tags('["a\\0b"]'),
        error=f'{POST}:4: tags: expected a tag without control characters, got "a\\x00b"',
    ),
    Case(
        "tag-duplicate-case",
        "tag",
        tags('["Python", "python"]'),
        contains=(
            ("tags/python/index.html", "Tag: Python"),
            (PAGE, 'href="/tags/python/">Python</a>'),
        ),
        absent=((PAGE, ">python</a>"),),
    ),
]

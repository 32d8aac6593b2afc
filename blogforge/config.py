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

from blogforge.astro.plan import astro_settings
from blogforge.astro.project import AstroProject, detect
from blogforge.errors import ContentError, Problem, describe, os_problem

CONFIG_FILE = "blogforge.toml"
HEADING_ID_RULES = ("astro6", "astro5")
SLUG_SOURCES = ("id", "frontmatter", "title")
TAG_SLUG_RULES = ("slug", "verbatim")
TRAILING_SLASH = ("always", "never", "ignore")
BUILD_FORMATS = ("directory", "file")


@dataclass(frozen=True)
class CollectionConfig:
    """A folder of posts and the URL pattern of its posts.

    url: a pattern with `{slug}` (or `{id}`), e.g. "/blog/{slug}/".
    slug: where `{slug}` comes from: the Astro id ("id", the default; a frontmatter `slug` still
    wins, as in Astro), the frontmatter `slug`/`postSlug` ("frontmatter"), or the title
    ("title", Astrofy's GENERATE_SLUG_FROM_TITLE rule).
    """

    name: str
    folder: str
    url: str = ""
    slug: str = "id"
    # From an Astro schema: the fields it requires (None: a blog post's title and date), its
    # folded `.default()` values, the flags a route's filter leaves out (None: draft, hidden)
    # and where the schema is, for error hints; list_page: the collection has a list page.
    requires: tuple[str, ...] | None = None
    defaults: tuple[tuple[str, Any], ...] = ()
    hide: tuple[str, ...] | None = None
    schema: str = ""
    list_page: bool = True
    fields: tuple[tuple[str, str, int], ...] = ()  # the schema's (name, kind, line)

    @property
    def url_pattern(self) -> str:
        return self.url or f"/{self.name}/{{slug}}/"


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
    callouts: bool = False
    drafts: bool = False
    trailing_slash: str = "always"
    build_format: str = "directory"
    tag_url: str = "/tags/{tag}/"
    tag_slug: str = "slug"
    collections: tuple[CollectionConfig, ...] = ()  # empty: every folder of content_dir
    pages_dir: str = ""  # Astro's src/pages: Markdown pages routed by their file path
    image_formats: tuple[str, ...] = ("webp",)  # hero image formats, webp always first
    paginate_home: bool = False  # the home page lists every post, page_size a page: /, /2/...
    feeds: tuple[str, ...] = ("rss.xml", "atom.xml")  # feed files; atom.xml is Atom, others RSS
    feed_collection: str = ""  # the collection feeds and the home page list ("": every post)
    sitemap: bool = True
    robots_txt: bool = True
    not_found_page: bool = True
    tags_index: bool = True
    paginate_tags: bool = True  # tag pages hold page_size posts a page (else all on one)
    redirects: tuple[tuple[str, str], ...] = ()  # old path -> new path or URL
    unprefixed_locale: str = ""  # i18n: the default locale's posts have no /{lang} prefix
    astro_pages: tuple[str, ...] = ()  # .astro pages with nothing behind them we can build
    warnings: tuple[str, ...] = ()  # rules read from the project that are guesses
    nav: tuple[tuple[str, str], ...] = ()  # header links (label, url) in order; () = automatic
    search: bool = True  # a Pagefind index of the posts and pages, and a /search/ page
    archive: bool = True  # /archive/: every post by year and month
    feed_content: bool = True  # full post HTML in RSS (content:encoded) and Atom (content)
    social_cards: bool = True  # a 1200x630 PNG card as og:image of each post without a hero
    detected: tuple[str, ...] = ()  # what was read from an Astro project, for --verbose

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
    "callouts": (bool, "> [!NOTE] alerts and :::note[Title] blocks as GitHub alert markup"),
    "drafts": (bool, "include posts marked draft"),
    "trailing_slash": (
        str,
        "always (default), never, or ignore (as always): Astro's trailingSlash",
    ),
    "build_format": (
        str,
        "directory (x/index.html, default) or file (x.html): Astro's build.format",
    ),
    "tag_url": (str, "URL pattern of tag pages, with {tag}"),
    "tag_slug": (str, "slug (github-slugger, default) or verbatim: how a tag becomes {tag}"),
    "collections": (dict, "[collections.NAME] tables: folder, url, slug"),
    "pages_dir": (str, "folder of Markdown pages routed by file path (Astro's src/pages)"),
    "paginate_home": (
        bool,
        "list every post on the home page, page_size a page (/, /2/, ...), as an Astro "
        "src/pages/[...page].astro does",
    ),
    "unprefixed_locale": (str, "i18n: the locale whose posts have no /{lang}/ prefix"),
    "redirects": (dict, 'old path = "new path or URL": a redirect page at each old path'),
    "feeds": (list, 'feed files: "rss.xml" (RSS) and "atom.xml" (Atom) by default'),
    "feed_collection": (str, "the collection the feeds and home page list (default: all)"),
    "sitemap": (bool, "write sitemap-index.xml and sitemap-N.xml"),
    "robots_txt": (bool, "write robots.txt"),
    "not_found_page": (bool, "write 404.html"),
    "tags_index": (bool, "write the page listing every tag"),
    "paginate_tags": (bool, "split tag pages page_size posts a page (default) or not"),
    "image_formats": (
        list,
        'hero image formats: ["webp"] (default, as Astro\'s <Image>) or ["webp", "avif"] '
        "(AVIF files ~15 % smaller, images take twice as long to encode)",
    ),
    "nav": (list, "header links in order: [[nav]] tables with label and url"),
    "search": (bool, "a /search/ page and a Pagefind index of the posts and pages"),
    "archive": (bool, "an /archive/ page listing every post by year and month"),
    "feed_content": (bool, "the full HTML of the newest posts in the RSS and Atom feeds"),
    "social_cards": (bool, "a 1200x630 PNG card as the og:image of each post without a hero"),
}
IMAGE_FORMATS = ("webp", "avif")
COLLECTION_FIELDS = {"folder": str, "url": str, "slug": str}


def normalise_base(base: str) -> str:
    """`repo`, `/repo` and `/repo/` all mean the site lives under `/repo/`."""
    stripped = base.strip("/")
    return "/" if not stripped else f"/{stripped}/"


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


def config_field_names() -> list[str]:
    """Names a user may set in blogforge.toml (used by docs and tests)."""
    return [f.name for f in fields(Config) if f.name in FIELDS]


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

"""The settings as one frozen `Config`, and every option declared once in `FIELDS`.

`FIELDS` gives each option a type and what it means; the validator, the README test and
`init --from-astro` read it, so an option is added in one place.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

CONFIG_FILE = "blogforge.toml"
HEADING_ID_RULES = ("astro6", "astro5")
# Where math pages get their OpenType MATH font: the wheel's copy, published with the site; a
# pinned CDN URL; or none (the reader's own fonts only).
MATH_FONTS = ("bundled", "cdn", "system")
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
    math_font: str = "bundled"  # MATH_FONTS: bundled STIX Two Math, from a CDN, or none
    callouts: bool = False
    callout_style: str = "github"  # whose markup callouts get (an Astro plugin's, or GitHub's)
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
    # A Pagefind index of the posts and pages, and a /search/ page. Off unless asked for:
    # Pagefind costs about as much CPU a page as building the page (only changed shards redone).
    search: bool = False
    archive: bool = True  # /archive/: every post by year and month
    feed_content: bool = True  # full post HTML in RSS (content:encoded) and Atom (content)
    social_cards: bool = True  # a 1200x630 PNG card as og:image of each post without a hero
    card_font: str = ""  # a font file for the cards' text ("": DejaVu Sans, then fallbacks)
    tag_feeds: bool = False  # an RSS feed per tag, at the tag page's path + rss.xml
    dates_from_git: bool = False  # `updated` from the last commit of a post without one
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
    "callouts": (bool, "> [!NOTE] alerts and :::note[Title] blocks as callouts"),
    "callout_style": (
        str,
        "the callouts' markup and syntaxes: github (default), or an Astro plugin's: fuwari, "
        "cactus, rehype-callouts, github-blockquote-alert",
    ),
    "math_font": (str, "the math font: bundled (default), cdn, or system"),
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
    "card_font": (str, "a .ttf/.otf/.ttc file drawing the cards' text (default: DejaVu Sans)"),
    "tag_feeds": (bool, "an RSS feed per tag at /tags/<tag>/rss.xml, linked from its page"),
    "dates_from_git": (
        bool,
        "a post without updatedDate is updated at its last commit's date (needs git history)",
    ),
}
IMAGE_FORMATS = ("webp", "avif")
COLLECTION_FIELDS = {"folder": str, "url": str, "slug": str}


def normalise_base(base: str) -> str:
    """`repo`, `/repo` and `/repo/` all mean the site lives under `/repo/`."""
    stripped = base.strip("/")
    return "/" if not stripped else f"/{stripped}/"


def config_field_names() -> list[str]:
    """Names a user may set in blogforge.toml (used by docs and tests)."""
    return [f.name for f in fields(Config) if f.name in FIELDS]

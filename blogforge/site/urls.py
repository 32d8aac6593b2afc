"""URL rules: where each post, list and tag page lives, and how links to them are written.

Internally every page has a *site path* ending in `/` (`/posts/x/`). How that path becomes a file
and a link depends on Astro's settings, honoured here in one place:
- `build_format = "directory"` writes `posts/x/index.html`, `"file"` writes `posts/x.html`;
- `trailing_slash = "never"` (or format "file") links `/posts/x`, otherwise `/posts/x/`;
- `base` prefixes every link; `site` makes absolute URLs (percent-encoded, as feeds need).
"""

from __future__ import annotations

import posixpath
import re
from urllib.parse import quote

from blogforge.config import CollectionConfig, Config
from blogforge.content.model import Post
from blogforge.errors import ContentError

# The generated files' paths under the output folder: spelled here once.
RSS_PATH = "rss.xml"
ATOM_PATH = "atom.xml"
SITEMAP_INDEX_PATH = "sitemap-index.xml"
ROBOTS_PATH = "robots.txt"
TAG_FEED_NAME = "rss.xml"  # a tag's RSS feed, beside its page: /tags/<tag>/rss.xml
REDIRECTS_FILE = "_redirects"  # Netlify's and Cloudflare Pages' list of redirects
IMAGES_FOLDER = "_astro"  # Astro's folder for optimised images
THEME_ASSETS_FOLDER = "_blogforge"

SAFE_URL_CHARS = "/%#?=&:@!$'()*+,;~"


def title_slug(title: str) -> str:
    """Astrofy's slug-from-title: trim, lowercase, whitespace -> '-', drop [^A-Za-z0-9_-]."""
    slug = re.sub(r"\s+", "-", title.strip().lower())
    slug = re.sub(r"[^A-Za-z0-9_-]", "", slug)
    return slug.strip("-")


def pattern_prefix(pattern: str) -> str:
    """The static part of a URL pattern before its first `{`: "/blog/{slug}/" -> "/blog/"."""
    head = pattern.split("{", 1)[0]
    return head if head.endswith("/") else head.rsplit("/", 1)[0] + "/"


class UrlRules:
    """Paths, files and links of one site."""

    def __init__(self, config: Config) -> None:
        self.config = config
        self.base = config.base
        self.site = config.site.rstrip("/")
        self.no_trailing_slash = config.trailing_slash == "never" or config.build_format == "file"
        self.collections = {c.name: c for c in config.collections}

    # -- site paths (no base, always ending in "/") --------------------------------------------
    def collection(self, name: str) -> CollectionConfig:
        return self.collections.get(name) or CollectionConfig(name, name)

    def post_path(self, collection: str, slug: str, post_id: str | None = None) -> str:
        pattern = self.collection(collection).url_pattern if collection else "/{slug}/"
        if "{lang}" in pattern:  # an i18n route: the id's first folder is the locale
            lang, _, slug = slug.partition("/") if "/" in slug else ("", "", slug)
            unprefixed = not lang or lang == self.config.unprefixed_locale
            pattern = pattern.replace("/{lang}", "") if unprefixed else pattern
            pattern = pattern.replace("{lang}", lang)
        path = pattern.replace("{slug}", slug).replace("{id}", post_id or slug)
        path = "/" + path.strip("/") + "/"
        return re.sub(r"/{2,}", "/", path)

    def collection_path(self, collection: str) -> str:
        """Where the paginated list of a collection lives: the post pattern's prefix."""
        return pattern_prefix(self.collection(collection).url_pattern)

    def tag_path(self, tag_slug: str) -> str:
        return "/" + self.config.tag_url.replace("{tag}", tag_slug).strip("/") + "/"

    def tag_feed_path(self, tag_slug: str) -> str:
        """Where a tag's RSS feed lives (`tag_feeds = true`): beside its first page."""
        return self.tag_path(tag_slug) + TAG_FEED_NAME

    def tag_feed_link(self, tag_slug: str) -> str:
        """The link to a tag's feed, or "" when there is none (off, no tag pages, or no `site`:
        a feed needs absolute URLs, so none is written)."""
        wanted = self.config.tag_feeds and self.config.tag_url and self.config.site
        return self.link(self.tag_feed_path(tag_slug)) if wanted else ""

    def tags_index_path(self) -> str:
        """Where the list of every tag lives; "/" when the site has none."""
        if not (self.config.tag_url and self.config.tags_index):
            return "/"
        return pattern_prefix(self.config.tag_url)

    # -- files and links ----------------------------------------------------------------------
    def file_for(self, path: str) -> str:
        relative = path.strip("/")
        if not relative:
            return "index.html"
        if self.config.build_format == "file":
            return f"{relative}.html"
        return f"{relative}/index.html"

    def link(self, path: str) -> str:
        """A link to a site path (or a static file path), with the base and slash rule applied."""
        if "://" in path or path.startswith(("mailto:", "#", "data:")):
            return path
        link = self.base.rstrip("/") + "/" + path.lstrip("/")
        if self.no_trailing_slash and link.endswith("/") and link != "/":
            link = link.rstrip("/") or "/"
        return link

    def absolute(self, path: str) -> str:
        return self.absolute_link(self.link(path))

    def absolute_link(self, link: str) -> str:
        """An absolute URL for a link that already carries the base (an image variant's URL)."""
        if "://" in link or not self.site:
            return link
        return self.site + quote(link, safe=SAFE_URL_CHARS)


def safe_output_file(file: str, source: str, line: int | None) -> str:
    """Refuse a page file that would land outside the output folder (a slug like `../../x`)."""
    normal = posixpath.normpath(file)
    if normal.startswith("../") or normal == ".." or normal.startswith("/") or "\x00" in normal:
        raise ContentError(
            source,
            line,
            f"expected a path inside the site, got {file!r}",
            field="slug",
            hint="remove '..' and leading '/' from the slug",
        )
    return normal


def post_slug(post: Post, source: str) -> str:
    """The `{slug}` of a post's URL, from the collection's slug source."""
    if source == "title":
        return title_slug(post.title) or post.slug
    if source == "frontmatter":
        value = post.frontmatter.get("slug") or post.frontmatter.get("postSlug")
        return str(value) if value else post.slug
    return post.slug

"""RSS, Atom, sitemap and robots.txt: pure functions from the site's facts to the files' bytes.

RSS follows what @astrojs/rss 4 writes (fast-xml-parser's builder, no indentation):
`<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title/><description/><link/>`
then `<item><title/><link/><guid isPermaLink="true"/><description/><pubDate/></item>`, adding
`xmlns:content` and `<content:encoded>` only when an item carries its full HTML. It does not
declare `xmlns:atom` (only when a site passes `xmlns` options itself), so neither do we.
The sitemap follows @astrojs/sitemap (sitemap.js): `sitemap-index.xml` lists `sitemap-0.xml`, ...
each with at most 50 000 `<url><loc>` entries and the news/xhtml/image/video namespaces declared.

Feeds need absolute URLs, so they need `config.site`. Astro's rss() throws without it; a blogger
previewing locally expects the build to work anyway, so the build asks `feeds_possible(config)`
and, when it is False, skips the feeds and the sitemap with a warning instead of failing.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from email.utils import format_datetime
from functools import cache
from urllib.parse import quote, urljoin, urlsplit, urlunsplit

from blogforge.config import Config
from blogforge.content.model import Post
from blogforge.errors import Problem
from blogforge.incremental.digests import digest
from blogforge.site.model import RenderedPost
from blogforge.site.urls import ATOM_PATH, ROBOTS_PATH, SITEMAP_INDEX_PATH

SITEMAP_LIMIT = 50_000  # URLs per sitemap file, as sitemap.js and the protocol allow
XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>'
SITEMAP_NAMESPACES = (
    ' xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
    ' xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"'
    ' xmlns:xhtml="http://www.w3.org/1999/xhtml"'
    ' xmlns:image="http://www.google.com/schemas/sitemap-image/1.1"'
    ' xmlns:video="http://www.google.com/schemas/sitemap-video/1.1"'
)
# Characters XML 1.0 forbids even when escaped; a stray one would make the whole feed unreadable.
_NOT_XML_CHAR = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
# A URL attribute in HTML: name, quote, value (markdown-it writes ", raw HTML may use ').
_URL_ATTRIBUTE = re.compile(
    r"""(?<![\w-])(href|src|poster|srcset)\s*=\s*(["'])(.*?)\2""", re.IGNORECASE | re.S
)
FULL_CONTENT_ITEMS = 20  # posts, newest first, whose full HTML the feeds carry
# Keep URL syntax and existing %XX escapes; encode spaces and non-ASCII as `new URL()` does.
_URL_SAFE = ":/?#[]@!$&'()*+,;=%~"


@dataclass(frozen=True)
class FeedItem:
    """One post as the feeds see it. `url` is absolute; dates are timezone-aware."""

    title: str
    url: str
    description: str
    pub_date: datetime
    updated: datetime | None = None
    tags: tuple[str, ...] = ()
    content_html: str | None = None


class FeedError(ValueError):
    """A feed was asked for that cannot be written (no site URL, naive date)."""


NO_SITE_WARNING = Problem(
    "blogforge.toml",
    None,
    "no RSS/Atom feed, sitemap or robots.txt written: they need absolute URLs",
    field="site",
    hint='set site = "https://your.domain" in blogforge.toml or pass --site',
)


def feeds_possible(config: Config) -> bool:
    """True when `config.site` is set: without it no feed or sitemap can have absolute URLs."""
    return bool(config.site)


def xml_text(value: str) -> str:
    """Escape text as fast-xml-parser's builder does (all five entities), dropping bad chars."""
    value = _NOT_XML_CHAR.sub("", value)
    return (
        value.replace("&", "&amp;")
        .replace(">", "&gt;")
        .replace("<", "&lt;")
        .replace("'", "&apos;")
        .replace('"', "&quot;")
    )


def encode_url(url: str) -> str:
    """Percent-encode non-ASCII and spaces: `/ñandú/` → `/%C3%B1and%C3%BA/`, as `new URL()` does."""
    return quote(url, safe=_URL_SAFE)


def site_url(config: Config) -> str:
    """The site root with one trailing slash; a clear error when `site` is not configured."""
    if not feeds_possible(config):
        raise FeedError("feeds need the site URL: set `site` in blogforge.toml")
    return config.site.rstrip("/") + "/"


def absolute_url(config: Config, path_or_url: str) -> str:
    """An absolute, encoded URL for a site path (`/posts/x/`) or an already absolute URL.

    Like @astrojs/rss's canonical URLs, a path without a file extension gets a trailing slash
    unless the site is configured with `trailing_slash = "never"` or `build_format = "file"`
    (pages are `x.html`, served at `/x`: a slash would lead nowhere on most static hosts).
    """
    if urlsplit(path_or_url).scheme:
        url = path_or_url
    else:
        url = site_url(config) + path_or_url.lstrip("/")
    parts = urlsplit(url)
    last = parts.path.rsplit("/", 1)[-1]
    slash = config.trailing_slash != "never" and config.build_format != "file"
    if slash and "." not in last and not parts.path.endswith("/"):
        url = urlunsplit(parts._replace(path=parts.path + "/"))
    return encode_url(url)


def rss_date(moment: datetime) -> str:
    """JavaScript's `Date.toUTCString()`: `Sat, 10 Sep 2022 00:00:00 GMT`, locale-independent."""
    return format_datetime(_utc(moment), usegmt=True)


def atom_date(moment: datetime) -> str:
    """RFC 3339 in UTC: `2022-09-10T00:00:00Z`."""
    return _utc(moment).strftime("%Y-%m-%dT%H:%M:%SZ")


def newest_first(items: Iterable[FeedItem]) -> list[FeedItem]:
    """Posts by publication date, newest first; equal dates keep their given order."""
    return sorted(items, key=lambda item: _utc(item.pub_date), reverse=True)


def rss(config: Config, items: Iterable[FeedItem], *, title: str = "", home: str = "") -> bytes:
    """`/rss.xml` as @astrojs/rss writes it, items newest first; a tag's feed gives its own
    `title` and `home` (its tag page's absolute URL)."""
    ordered = newest_first(items)
    with_content = any(item.content_html is not None for item in ordered)
    namespace = ' xmlns:content="http://purl.org/rss/1.0/modules/content/"' if with_content else ""
    parts = [
        XML_DECLARATION,
        f'<rss version="2.0"{namespace}><channel>',
        _element("title", title or config.title),
        _element("description", config.description),
        # The home page, base included (Astro passes `site` alone: a project site's feed would
        # link to the user's root page, outside the blog).
        _element("link", home or encode_url(site_url(config).rstrip("/") + config.base)),
    ]
    for item in ordered:
        link = absolute_url(config, item.url)
        parts.append("<item>")
        parts.append(_element("title", item.title))
        parts.append(_element("link", link))
        parts.append(f'<guid isPermaLink="true">{xml_text(link)}</guid>')
        if item.description:
            parts.append(_element("description", item.description))
        parts.append(_element("pubDate", rss_date(item.pub_date)))
        if item.content_html is not None:
            parts.append(_element("content:encoded", item.content_html))
        parts.append("</item>")
    parts.append("</channel></rss>")
    return "".join(parts).encode("utf-8")


def atom(config: Config, items: Iterable[FeedItem], *, feed_path: str = ATOM_PATH) -> bytes:
    """`/atom.xml`, a valid Atom 1.0 feed (RFC 4287) with the same entries as the RSS feed.

    The feed's `updated` is the newest date among its entries (never the clock, so builds are
    reproducible); an empty feed says 1970-01-01.
    """
    ordered = newest_first(items)
    home = encode_url(site_url(config).rstrip("/") + config.base)
    self_url = absolute_url(config, config.base + feed_path.lstrip("/"))
    dates = [_utc(item.updated or item.pub_date) for item in ordered]
    latest = max(dates, default=datetime(1970, 1, 1, tzinfo=UTC))
    parts = [
        XML_DECLARATION,
        '<feed xmlns="http://www.w3.org/2005/Atom">',
        _element("title", config.title),
    ]
    if config.description:
        parts.append(_element("subtitle", config.description))
    parts += [
        _element("id", home),
        f'<link href="{xml_text(home)}" rel="alternate" type="text/html"/>',
        f'<link href="{xml_text(self_url)}" rel="self" type="application/atom+xml"/>',
        _element("updated", atom_date(latest)),
        f"<author>{_element('name', config.author or config.title)}</author>",
        "<generator>blogforge</generator>",
    ]
    for item in ordered:
        link = absolute_url(config, item.url)
        parts.append("<entry>")
        parts.append(_element("title", item.title))
        parts.append(f'<link href="{xml_text(link)}" rel="alternate" type="text/html"/>')
        parts.append(_element("id", link))
        parts.append(_element("published", atom_date(item.pub_date)))
        parts.append(_element("updated", atom_date(item.updated or item.pub_date)))
        if item.description:
            parts.append(_element("summary", item.description))
        for tag in item.tags:
            parts.append(f'<category term="{xml_text(tag)}"/>')
        if item.content_html is not None:
            parts.append(f'<content type="html">{xml_text(item.content_html)}</content>')
        parts.append("</entry>")
    parts.append("</feed>")
    return "".join(parts).encode("utf-8")


def sitemap(urls: Iterable[str], lastmod: Mapping[str, datetime] | None = None) -> bytes:
    """One `sitemap-N.xml` as sitemap.js writes it: absolute `<loc>`s in the given order, each
    with its `<lastmod>` when `lastmod` knows the URL (posts: updated, else published)."""
    dates = lastmod or {}
    entries = "".join(
        f"<url>{_element('loc', encode_url(url))}"
        + (_element("lastmod", atom_date(dates[url])) if url in dates else "")
        + "</url>"
        for url in urls
    )
    return f"{XML_DECLARATION}<urlset{SITEMAP_NAMESPACES}>{entries}</urlset>".encode()


def sitemap_index(config: Config, sitemap_urls: Iterable[str]) -> bytes:
    """`sitemap-index.xml`: one `<sitemap><loc>` per sitemap file (paths are made absolute)."""
    entries = "".join(
        f"<sitemap>{_element('loc', _file_url(config, url))}</sitemap>" for url in sitemap_urls
    )
    return (
        f'{XML_DECLARATION}<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"{entries}</sitemapindex>"
    ).encode()


def sitemap_files(
    config: Config, page_urls: Sequence[str], lastmod: Mapping[str, datetime] | None = None
) -> dict[str, bytes]:
    """Every sitemap file by its path under the output folder: the index plus `sitemap-N.xml`.

    `page_urls` are the absolute URLs of the HTML pages to list (the caller leaves out 404).
    """
    files: dict[str, bytes] = {}
    chunks = [page_urls[i : i + SITEMAP_LIMIT] for i in range(0, len(page_urls), SITEMAP_LIMIT)]
    for number, chunk in enumerate(chunks or [[]]):
        files[f"sitemap-{number}.xml"] = sitemap(chunk, lastmod)
    names = [config.base + name for name in files]
    files[SITEMAP_INDEX_PATH] = sitemap_index(config, names)
    return files


def feed_items(posts: Sequence[Post], absolute_url: Callable[[Post], str]) -> list[FeedItem]:
    """The feeds' view of the posts, newest first as the site lists them."""
    return [
        FeedItem(
            title=post.title,
            url=absolute_url(post),
            description=post.description,
            pub_date=post.pub_date,
            updated=post.updated_date,
            tags=post.tags,
        )
        for post in posts
        if post.pub_date is not None  # a feed item needs a date
    ]


def feed_items_with_content(
    config: Config, posts: Sequence[RenderedPost], absolute_url: Callable[[Post], str]
) -> list[FeedItem]:
    """`feed_items`, the newest `FULL_CONTENT_ITEMS` carrying their full HTML (links and images
    made absolute: a feed reader has no base URL) unless `feed_content = false`. Older posts
    keep their description only, so the feeds of a 1 000-post blog stay a few hundred KB."""
    posts = [rendered for rendered in posts if rendered.post.pub_date is not None]
    items = feed_items([rendered.post for rendered in posts], absolute_url)
    if not config.feed_content:
        return items
    return [
        replace(item, content_html=absolute_links(rendered.html, item.url))
        if number < FULL_CONTENT_ITEMS
        else item
        for number, (item, rendered) in enumerate(zip(items, posts, strict=True))
    ]


def absolute_links(html: str, page_url: str) -> str:
    """Every `href`, `src`, `poster` and `srcset` URL of `html` resolved against the page's
    absolute URL (`/x.png`, `./x.png`, `#note` -> `https://site/.../x.png`, ...#note)."""

    def one(match: re.Match[str]) -> str:
        name, quote_mark, value = match.group(1), match.group(2), match.group(3)
        if name.lower() == "srcset":
            candidates = [part.strip().split(None, 1) for part in value.split(",") if part.strip()]
            value = ", ".join(" ".join([urljoin(page_url, c[0]), *c[1:]]) for c in candidates if c)
        else:
            value = urljoin(page_url, value.strip())
        return f"{match.group(0)[: match.start(3) - match.start(0)]}{value}{quote_mark}"

    return _URL_ATTRIBUTE.sub(one, html)


def what_feeds_show(
    config: Config,
    posts: Sequence[RenderedPost],
    view_version: Callable[[RenderedPost], str],
    version: Callable[[RenderedPost], str],
) -> str:
    """A digest of what the feeds show, made without their full HTML: every item's fields, and
    the version (body included) of the posts whose full HTML they carry. A body edit of an
    older post changes no feed, so the feeds are not made again.

    An item's fields (title, description, dates, URL) are all in the post's view digest, the
    dev server's remembered one (the URL's site part is in the config, which the caller adds);
    its tag names are not when tags have no pages, so they are added."""
    fields = [f"{view_version(rendered)}{rendered.post.tags!r}" for rendered in posts]
    dated = [rendered for rendered in posts if rendered.post.pub_date is not None]
    full = dated[:FULL_CONTENT_ITEMS] if config.feed_content else []
    return digest(*fields, *map(version, full))


def feed_files(
    config: Config, items: Callable[[], Sequence[FeedItem]], page_urls: Sequence[str]
) -> dict[str, Callable[[], bytes]]:
    """Every file this module writes, by its path under the output folder, each made only when
    asked for (an unchanged file is not made again): RSS, Atom, robots.txt, the sitemap index
    and as many `sitemap-N.xml` as 50 000 URLs a file need. `items` too is asked for only by
    a file being made."""

    def lastmod() -> dict[str, datetime]:
        return {i.url: day for i in items() if (day := i.updated or i.pub_date) is not None}

    sitemaps = cache(lambda: sitemap_files(config, page_urls, lastmod()))
    count = max(1, -(-len(page_urls) // SITEMAP_LIMIT))
    files: dict[str, Callable[[], bytes]] = {}
    for path in config.feeds:  # each feed at the path its Astro endpoint file gives it
        name = path.strip("/")
        files[name] = (lambda: atom(config, items())) if name == ATOM_PATH else (
            lambda: rss(config, items())
        )  # fmt: skip
    if config.robots_txt:
        files[ROBOTS_PATH] = lambda: robots_txt(config).encode("utf-8")
    if not config.sitemap:
        return files
    for name in [f"sitemap-{n}.xml" for n in range(count)] + [SITEMAP_INDEX_PATH]:
        files[name] = lambda name=name: sitemaps()[name]
    return files


def robots_txt(config: Config) -> str:
    """A robots.txt allowing everything and pointing crawlers at the sitemap index."""
    text = "User-agent: *\nAllow: /\n"
    if feeds_possible(config) and config.sitemap:
        text += f"\nSitemap: {_file_url(config, config.base + SITEMAP_INDEX_PATH)}\n"
    return text


def _file_url(config: Config, path_or_url: str) -> str:
    """An absolute URL for a file path: no trailing slash is ever added."""
    if urlsplit(path_or_url).scheme:
        return encode_url(path_or_url)
    return encode_url(site_url(config) + path_or_url.lstrip("/"))


def _element(name: str, text: str) -> str:
    """`<name>text</name>`, or `<name/>` when empty (fast-xml-parser's `suppressEmptyNode`)."""
    escaped = xml_text(text)
    return f"<{name}>{escaped}</{name}>" if escaped else f"<{name}/>"


def _utc(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        raise FeedError(f"feed dates need a time zone, got naive {moment.isoformat()}")
    return moment.astimezone(UTC)

"""`blogforge check`: what a visitor of the built site would find broken, found without a browser.

It reads the output folder after a build, as a static host would serve it, and reports:
- internal links to pages or files that do not exist, or that leave the base path (`/repo/`);
- `#fragments` naming no `id=`/`<a name=>` on the target page (same-page ones too): the breakage
  a heading-id rule change causes;
- images and other fetched files (img src/srcset, picture sources, icons, stylesheets, scripts,
  OpenGraph images) that are missing;
- HTML pages missing from the sitemap (except 404 and `noindex` pages), sitemap and feed URLs
  that lead nowhere;
- redirects (`_redirects`, Netlify's and Cloudflare's) whose target is not in the site; a
  redirect page's own link is checked as any link.
External URLs are never fetched. Every page is parsed once; links are resolved against the set of
built files, so a 1 000-page site is checked in about a second.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from blogforge.check.page_links import PageLinks, scan_page
from blogforge.site.urls import ATOM_PATH, REDIRECTS_FILE, RSS_PATH, TAG_FEED_NAME

SITEMAP_INDEX = "sitemap-index.xml"
SITEMAP_FILE = re.compile(r"sitemap-\d+\.xml")
FEEDS = (RSS_PATH, ATOM_PATH)
NOT_FOUND = {"page": "page not found", "image": "image not found", "file": "file not found"}


@dataclass(frozen=True)
class BrokenLink:
    """One problem: where the reference is, what it says, what is wrong with it."""

    file: str
    line: int | None
    link: str
    problem: str

    def format(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        return f"{where}: {self.link} → {self.problem}"


@dataclass
class CheckReport:
    problems: list[BrokenLink] = field(default_factory=list)
    pages: int = 0
    references: int = 0
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass(frozen=True)
class Target:
    """Where a URL leads inside the output folder: a file (or None and why not), a fragment."""

    file: str | None
    fragment: str
    problem: str | None = None


class BuiltSite:
    """The output folder as a static host serves it under `base`."""

    def __init__(self, out: Path, base: str = "/", site: str = "") -> None:
        self.out = out
        self.base = "/" + base.strip("/") + "/" if base.strip("/") else "/"
        self.host = urlsplit(site).netloc.lower() if site else ""
        self.files = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}

    def page_url(self, file: str) -> str:
        """The URL path a page is served at, to resolve its relative links against."""
        if file == "index.html":
            return self.base
        if file.endswith("/index.html"):
            return self.base + file.removesuffix("index.html")
        return self.base + file

    def resolve(self, rel: str) -> str | None:
        """The file a host serves for a path below the base (`x/` -> `x/index.html`, ...)."""
        if rel == "" or rel.endswith("/"):
            candidate = rel + "index.html"
            return candidate if candidate in self.files else None
        for candidate in (rel, rel + "/index.html", rel + ".html"):
            if candidate in self.files:
                return candidate
        return None

    def locate(self, url: str, page_url: str, *, any_host: bool = False) -> Target | None:
        """Where `url` (as written in a page at `page_url`) leads; None when it is not ours.

        Absolute URLs are ours when their host is the configured site's (or with `any_host`,
        for sitemaps and feeds, which are absolute by nature). mailto:, data: etc. are not.
        """
        parts = urlsplit(url)
        fragment = unquote(parts.fragment)
        if parts.scheme or parts.netloc:
            if parts.scheme not in ("http", "https", ""):
                return None
            if not any_host and (not self.host or parts.netloc.lower() != self.host):
                return None
            path = parts.path or "/"
        elif not parts.path:
            path = page_url  # "#x" or "?q": this very page
        else:
            path = urlsplit(urljoin(page_url, parts.path)).path
        if path + "/" == self.base:
            path = self.base
        if not path.startswith(self.base):
            return Target(None, fragment, f"outside the base path {self.base}")
        file = self.resolve(unquote(path[len(self.base) :]))
        return Target(file, fragment)


def check_site(out: Path, *, base: str = "/", site: str = "", label: str = "") -> CheckReport:
    """Check the built site in `out`. `label` prefixes file names in messages (e.g. "dist")."""
    built = BuiltSite(out, base, site)
    prefix = (label.rstrip("/") + "/") if label else ""
    report = CheckReport()
    pages: dict[str, PageLinks] = {}
    for file in sorted(f for f in built.files if f.endswith((".html", ".htm"))):
        text = (out / file).read_text(encoding="utf-8", errors="replace")
        pages[file] = scan_page(text)
    report.pages = len(pages)
    for file, links in pages.items():
        page_url = built.page_url(file)
        for ref in links.references:
            report.references += 1
            if not ref.url:
                continue
            target = built.locate(ref.url, page_url)
            if target is None:
                continue
            problem = target.problem
            if problem is None and target.file is None:
                problem = NOT_FOUND[ref.kind]
            if problem is None and target.file is not None:
                problem = missing_fragment(target, pages, file, prefix)
            if problem is not None:
                report.problems.append(BrokenLink(prefix + file, ref.line, ref.url, problem))
    _check_sitemap(built, pages, report, prefix, site)
    _check_feeds(built, report, prefix)
    _check_redirects(built, report, prefix)
    return report


def _check_redirects(built: BuiltSite, report: CheckReport, prefix: str) -> None:
    """Every `_redirects` rule leading to a path of this site must lead to a built file; rules
    with a splat or placeholder (`/blog/* /posts/:splat`), rewrites (200) and other sites'
    URLs are the host's to resolve."""
    if REDIRECTS_FILE not in built.files:
        return
    text = (built.out / REDIRECTS_FILE).read_text(encoding="utf-8", errors="replace")
    for number, line in enumerate(text.splitlines(), 1):
        fields = line.split()
        if len(fields) < 2 or fields[0].startswith("#"):
            continue
        source, target, status = fields[0], fields[1], (fields[2:] or ["301"])[0]
        if "*" in source or ":" in source or ":" in target.split("://")[-1] or status == "200":
            continue
        found = built.locate(target, built.base)
        if found is not None and (found.file is None or found.problem):
            why = found.problem or "page not found"
            report.problems.append(BrokenLink(prefix + REDIRECTS_FILE, number, target, why))


def missing_fragment(
    target: Target, pages: dict[str, PageLinks], from_file: str, prefix: str
) -> str | None:
    """Why a `#fragment` lands nowhere on its target page; None when it is fine."""
    fragment = target.fragment
    if not fragment or fragment == "top" or fragment.startswith(":~:") or target.file is None:
        return None
    links = pages.get(target.file)
    if links is None or fragment in links.ids:
        return None
    where = "on this page" if target.file == from_file else f"in {prefix}{target.file}"
    return f'no element with id "{fragment}" {where}'


def _xml_urls(built: BuiltSite, file: str, report: CheckReport, prefix: str) -> list[str] | None:
    """The `<loc>`/`<link>` URLs of a sitemap or feed; None (and a problem) if unreadable."""
    try:
        root = ET.fromstring((built.out / file).read_bytes())
    except ET.ParseError as error:
        report.problems.append(BrokenLink(prefix + file, None, file, f"invalid XML: {error}"))
        return None
    urls = []
    for element in root.iter():
        name = element.tag.rsplit("}", 1)[-1]
        if name == "loc" or (name == "link" and element.text and element.text.strip()):
            urls.append((element.text or "").strip())
        elif name == "link" and element.get("href"):
            urls.append(element.get("href", ""))
    return urls


def _listed_files(
    built: BuiltSite, xml_file: str, report: CheckReport, prefix: str, missing: str
) -> list[str]:
    """The built files the URLs of a sitemap (or sitemap index) lead to; a URL leading nowhere
    is reported as a problem of that sitemap."""
    files = []
    for url in _xml_urls(built, xml_file, report, prefix) or []:
        target = built.locate(url, built.base, any_host=True)
        if target is None or target.file is None:
            why = (target and target.problem) or missing
            report.problems.append(BrokenLink(prefix + xml_file, None, url, why))
        else:
            files.append(target.file)
    return files


def _check_sitemap(
    built: BuiltSite, pages: dict[str, PageLinks], report: CheckReport, prefix: str, site: str
) -> None:
    """Every sitemap URL must lead to a page, and every indexable page must be listed."""
    if SITEMAP_INDEX in built.files:
        listed_sitemaps = _listed_files(built, SITEMAP_INDEX, report, prefix, "sitemap not found")
    else:
        listed_sitemaps = sorted(f for f in built.files if SITEMAP_FILE.fullmatch(f))
    if not listed_sitemaps and SITEMAP_INDEX not in built.files:
        if site:
            report.problems.append(
                BrokenLink(prefix.rstrip("/") or ".", None, SITEMAP_INDEX, "no sitemap was built")
            )
        else:
            report.notes.append(
                "no sitemap (the site URL is not set): pages not checked against it"
            )
        return
    listed: set[str] = set()
    for sitemap in listed_sitemaps:
        listed.update(_listed_files(built, sitemap, report, prefix, "page not found"))
    for file, links in pages.items():
        if file in listed or links.noindex or file == "404.html" or file.endswith("/404.html"):
            continue
        report.problems.append(
            BrokenLink(prefix + file, None, built.page_url(file), "missing from the sitemap")
        )


def _check_feeds(built: BuiltSite, report: CheckReport, prefix: str) -> None:
    """Every link in rss.xml, atom.xml and the tags' feeds must lead to a built file."""
    tag_feeds = sorted(f for f in built.files if f.endswith("/" + TAG_FEED_NAME))
    for feed in (*FEEDS, *tag_feeds):
        if feed not in built.files:
            continue
        for url in _xml_urls(built, feed, report, prefix) or []:
            target = built.locate(url, built.base, any_host=True)
            if target is not None and (target.file is None or target.problem):
                why = target.problem or "page not found"
                report.problems.append(BrokenLink(prefix + feed, None, url, why))


def guess_base(out: Path) -> str | None:
    """The base path the home page's own links resolve under, when it is not "/" nor obvious.

    A site built with `--base /repo/` and checked without it fails on every link; this finds
    `/repo/` so the command can say so instead of leaving the user with hundreds of lines.
    """
    home = out / "index.html"
    if not home.is_file():
        return None
    paths = [
        urlsplit(ref.url).path
        for ref in scan_page(home.read_text(encoding="utf-8", errors="replace")).references
        if ref.url.startswith("/") and not ref.url.startswith("//")
    ]
    candidates = {"/"} | {"/" + p.split("/")[1] + "/" for p in paths if p.count("/") >= 2}
    scores = {}
    for base in candidates:
        built = BuiltSite(out, base)
        scores[base] = sum(
            1 for p in paths if p.startswith(base) and built.resolve(unquote(p[len(base) :]))
        )
    best = max(sorted(scores), key=lambda base: scores[base])
    return best if scores[best] > len(paths) // 2 else None

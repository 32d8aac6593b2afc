"""Turn each file into a validated `Post`, as Astro's content collections do.

Frontmatter is read with PyYAML's C safe loader directly rather than through python-frontmatter:
we need the line where the body starts and the line of every key (errors say `file:line`), and a
YAML error's own position, which python-frontmatter's wrapper does not expose.
Every bad file becomes a `ContentError`; `load_posts` collects them all, so one bad post never
hides another's error.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from blogforge.config import CollectionConfig, Config
from blogforge.content.aliases import alias_paths
from blogforge.content.dates import DateError, parse_date
from blogforge.content.discover import discover
from blogforge.content.frontmatter import YamlProblem, load_yaml_with_lines, split_frontmatter
from blogforge.content.ids import collection_id
from blogforge.content.mdx import mdx_to_markdown
from blogforge.content.model import (
    DRAFT_KEYS,
    HERO_KEYS,
    PUB_DATE_KEYS,
    UPDATED_KEYS,
    HeroImage,
    Post,
)
from blogforge.content.pages import skipped_page
from blogforge.content.paths import slug_problem, tag_problem
from blogforge.content.schema import apply_schema, string_fields
from blogforge.content.source import (
    Source,
    inside_site,
    is_utf8_name,
    path_in_collection,
    site_label,
)
from blogforge.errors import ContentError, Diagnostics, Problem, describe, os_problem


class NotAPost(Exception):
    """A file that is deliberately not built (a dateless Markdown page); carries the warning."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.format())
        self.problem = problem


def first_key(data: dict[str, Any], keys: tuple[str, ...]) -> tuple[str | None, Any]:
    for key in keys:
        if key in data:
            return key, data[key]
    return None, None


class PostReader:
    """Turns one file into a Post, raising ContentError with the file's path and line."""

    def __init__(
        self,
        source: Source,
        config: Config,
        real_folders: dict[Path, Path] | None = None,
        raw: bytes | None = None,  # the file's bytes, when already read (see load_posts)
    ) -> None:
        self.real_folders = {} if real_folders is None else real_folders  # see inside_site
        self.raw = raw
        self.source = source
        self.config = config
        self.label = site_label(source.path, config.root)
        self.lines: dict[str, int] = {}
        self.warnings: list[Problem] = []

    def fail(self, message: str, field: str | None = None, key: str | None = None) -> ContentError:
        line = self.lines.get(key or field or "", 1) if (key or field) else 1
        return ContentError(self.label, line, message, field=field)

    def read(self) -> Post:
        if not is_utf8_name(self.source.rel_path):  # ids, URLs and messages need text names
            raise ContentError(
                self.label,
                None,
                "expected a UTF-8 file name, found other bytes",
                hint="rename the file (its id and URL are made from its name)",
            )
        if not inside_site(self.source.path, self.config.root, self.real_folders):
            raise ContentError(  # the one policy: only files inside the site are published
                self.label,
                None,
                "a symbolic link to a file outside the site folder: refusing to publish it",
                hint="copy the post into the site folder",
            )
        raw = self.source.path.read_bytes() if self.raw is None else self.raw
        if not raw.strip():
            raise ContentError(
                self.label, 1, "the file is empty; expected frontmatter with at least a title"
            )
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as error:
            line = raw[: error.start].count(b"\n") + 1
            raise ContentError(
                self.label,
                line,
                f"expected UTF-8 text, found the byte 0x{raw[error.start]:02x}",
                hint="save the file as UTF-8",
            ) from None
        if "\x00" in text:
            line = text[: text.index("\x00")].count("\n") + 1
            raise ContentError(self.label, line, "expected text, found a NUL byte (binary file?)")
        try:
            yaml_text, body, body_line = split_frontmatter(text)
        except ValueError as error:
            raise ContentError(self.label, 1, str(error)) from None
        if yaml_text is None:
            raise ContentError(
                self.label,
                1,
                "expected frontmatter between `---` lines at the top of the file, found none",
                hint="start the file with ---, title: ..., pubDate: ..., ---",
            )
        data = self.load_yaml(yaml_text)
        if self.source.path.suffix.lower() == ".mdx":
            body = self.mdx_body(body, body_line)
        routed = self.source.route and not self.source.standalone  # src/pages, built as posts
        skipped = skipped_page(self.source, self.label, data) if routed else None
        if skipped is not None:
            raise NotAPost(skipped)
        return self.post_from(data, body, body_line)

    def mdx_body(self, body: str, body_line: int) -> str:
        """The Markdown parts of an MDX body, with one warning naming the components left out."""
        result = mdx_to_markdown(body)
        if result.components:
            line = body_line + (result.first_component_line or 1) - 1
            names = ", ".join(f"<{name}>" for name in result.components)
            self.warnings.append(
                Problem(
                    self.label,
                    line,
                    f"MDX components left out (blogforge cannot run JavaScript): {names}",
                    hint="the Markdown around them is rendered; replace them with Markdown or "
                    "HTML to keep their content",
                )
            )
        return result.markdown

    def load_yaml(self, yaml_text: str) -> dict[str, Any]:
        try:
            # the YAML starts on the line after the opening `---`
            data, self.lines = load_yaml_with_lines(yaml_text, first_line=2)
        except YamlProblem as problem:
            raise ContentError(self.label, problem.line or 1, problem.message) from None
        if data is None:
            data = {}
        if not isinstance(data, dict):
            raise ContentError(
                self.label,
                2,
                f"expected the frontmatter to be a mapping of keys, got {describe(data)}",
            )
        return {str(key): value for key, value in data.items()}

    def text_field(self, data: dict[str, Any], key: str, required: bool) -> str:
        value = data.get(key)
        if value is None:
            if required:
                raise self.fail("required, expected a non-empty string", key)
            return ""
        if not isinstance(value, str):
            raise self.fail(f"expected a string, got {describe(value)}", key)
        if required and not value.strip():
            raise self.fail("expected a non-empty string, got an empty one", key)
        return value

    def date_field(self, data: dict[str, Any], keys: tuple[str, ...], required: bool):
        key, value = first_key(data, keys)
        if key is None or value is None or value == "":
            if required:
                also = ", ".join(keys[1:])
                raise self.fail(f"required, expected a date (also accepted: {also})", keys[0])
            return None
        try:
            return parse_date(value, ZoneInfo(self.config.timezone))
        except DateError as error:
            raise self.fail(str(error), key) from None

    def schema_rules(self, data: dict[str, Any]) -> tuple[bool, bool]:
        """Apply the collection's Astro schema, if it has one (defaults, required fields, types:
        `content.schema`); return whether a title and a date are required (without a schema,
        a blog post's rules: both)."""
        collection = self.collection()
        if collection is None or collection.requires is None:
            return True, True
        apply_schema(collection, data, self.label, self.lines)
        return "title" in collection.requires, any(k in collection.requires for k in PUB_DATE_KEYS)

    def collection(self) -> CollectionConfig | None:
        return next((c for c in self.config.collections if c.name == self.source.collection), None)

    def post_from(self, data: dict[str, Any], body: str, body_line: int) -> Post:
        needs_title, needs_date = self.schema_rules(data)
        title = self.text_field(data, "title", required=needs_title)
        if not title:  # an entry without a title (an author): its name, else its id
            name = data.get("name")
            title = name if isinstance(name, str) and name else self.source.rel_path
        description = self.text_field(data, "description", required=False)
        standalone = self.source.standalone  # a page of content/pages/ needs only a title
        pub_date = self.date_field(data, PUB_DATE_KEYS, required=needs_date and not standalone)
        texts = string_fields(self.collection())  # a z.string() field is text, not a date
        updated = self.date_field(data, tuple(k for k in UPDATED_KEYS if k not in texts), False)
        hero = self.hero_image(data)
        tags = self.tags(data)
        layout = data.get("layout")
        if layout is not None and not isinstance(layout, str):
            raise self.fail(f"expected a layout name or path, got {describe(layout)}", "layout")
        draft = False
        hide = self.hide_keys()
        if "scheduled" in hide and pub_date is not None:  # AstroPaper: not before its time
            draft = pub_date > datetime.now(UTC)
        for key in (k for k in hide if k != "scheduled"):
            if key in data:
                if not isinstance(data[key], bool):
                    raise self.fail(f"expected true or false, got {describe(data[key])}", key)
                draft = draft or data[key]
        post_id = collection_id(path_in_collection(self.source))
        slug = data.get("slug")
        if slug is not None and (not isinstance(slug, str | int) or isinstance(slug, bool)):
            raise self.fail(f"expected a string, got {describe(slug)}", "slug")
        slug_text = str(slug).strip() if slug not in (None, "") else post_id
        if not slug_text:
            raise self.fail("expected a non-empty slug", "slug")
        if slug not in (None, "") and (problem := slug_problem(slug_text)) is not None:
            raise self.fail(problem, "slug")
        return Post(
            source=self.source,
            id=post_id,
            slug=slug_text,
            title=title,
            description=description,
            pub_date=pub_date,
            updated_date=updated,
            hero_image=hero,
            tags=tags,
            layout=layout or None,
            draft=draft,
            body=body,
            body_line=body_line,
            frontmatter=data,
            field_lines=dict(self.lines),
            aliases=alias_paths(data, self.fail),
        )

    def hero_image(self, data: dict[str, Any]) -> HeroImage | None:
        key, value = first_key(data, HERO_KEYS)
        if key is None or value in (None, ""):
            return None
        if isinstance(value, str):
            return HeroImage(value.strip())
        if isinstance(value, dict) and isinstance(value.get("src"), str) and value["src"].strip():
            alt = value.get("alt", "")
            return HeroImage(value["src"].strip(), alt if isinstance(alt, str) else "")
        raise self.fail(f"expected an image path or {{src, alt}}, got {describe(value)}", key)

    def tags(self, data: dict[str, Any]) -> tuple[str, ...]:
        value = data.get("tags")
        if value is None:
            return ()
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            raise self.fail(f"expected a list of strings, got {describe(value)}", "tags")
        if len(value) > MAX_TAGS:  # each tag page lists the post with all its tags: n^2 links
            raise self.fail(f"expected at most {MAX_TAGS} tags, got {len(value)}", "tags")
        seen: set[str] = set()
        tags: list[str] = []
        for item in value:
            if not isinstance(item, str | int | float) or isinstance(item, bool):
                raise self.fail(f"expected a list of strings, found {describe(item)}", "tags")
            name = str(item).strip()
            if not name:
                raise self.fail("expected tag names, found an empty one", "tags")
            if name in seen:
                raise self.fail(f'the tag "{name}" is listed twice', "tags")
            if (problem := tag_problem(name, self.config.tag_slug)) is not None:
                raise self.fail(problem, "tags")
            seen.add(name)
            tags.append(name)
        return tuple(tags)

    def hide_keys(self) -> tuple[str, ...]:
        """The flags that leave a post out: a route's filter (Astro), else draft and hidden."""
        for collection in self.config.collections:
            if collection.name == self.source.collection and collection.hide is not None:
                return collection.hide
        return DRAFT_KEYS


# 10 000 tags on one post wrote 5.1 GB in 292 s: 10 000 tag pages, each listing the post with
# its 10 000 tags. 200 is far above any blog's use and keeps the worst case at 40 000 links.
MAX_TAGS = 200


def parse_post(source: Source, config: Config) -> Post:
    """One file to a Post, or ContentError naming the file, line and field."""
    return PostReader(source, config).read()


# What reading one file gave: the post (or None), its errors and its warnings.
Reading = tuple[Post | None, list[Problem], list[Problem]]


def read_source(
    source: Source,
    config: Config,
    real_folders: dict[Path, Path] | None = None,
    raw: bytes | None = None,
) -> Reading:
    """One file read and parsed, every problem collected instead of raised. `real_folders`:
    the folders' real paths this load has resolved (`inside_site`)."""
    reader = PostReader(source, config, real_folders, raw)
    post, errors = None, []
    try:
        post = reader.read()
    except ContentError as error:
        errors.append(error.problem)
    except NotAPost as skipped:
        reader.warnings.insert(0, skipped.problem)
    except OSError as error:
        errors.append(os_problem(error, config.root, "cannot read the post"))
    return post, errors, reader.warnings


def load_posts(
    config: Config,
    memo: dict[Source, tuple[tuple[int, int, int], Reading]] | None = None,
    read_ahead: dict[Path, bytes] | None = None,
) -> tuple[list[Post], Diagnostics]:
    """Every post of the site, with every error found (duplicate URLs included).

    `read_ahead`: files' bytes the build's up-to-date check has just read (taken from it, not
    read again: a second read of each post was a tenth of a one-edit build).

    `memo` (the dev server's, for one config) keeps each file's reading by its size, mtime and
    ctime, so a rebuild parses only the files that changed. The ctime because a file put back
    by a copy that keeps its mtime (`cp -p`, `rsync -t`) has its old size and mtime: a reading
    that found it deleted mid-build was kept, and every later rebuild failed on it.
    """
    diagnostics = Diagnostics()
    posts: list[Post] = []
    # Each folder's real path, resolved once for this load: one load's own (two builds can run
    # in one process, the dev server's and another), so a folder turned into a symbolic link
    # between two rebuilds is seen by the next one.
    real_folders: dict[Path, Path] = {}
    for source in discover(config):
        if memo is None:
            raw = read_ahead.pop(source.path, None) if read_ahead else None
            post, errors, warnings = read_source(source, config, real_folders, raw)
        else:
            try:
                status = source.path.stat()
                stamp = (status.st_size, status.st_mtime_ns, status.st_ctime_ns)
            except OSError:
                stamp = (-1, -1, -1)  # gone since it was listed: read_source reports it
            remembered = memo.get(source)
            if remembered is None or remembered[0] != stamp:
                remembered = memo[source] = (stamp, read_source(source, config, real_folders))
            post, errors, warnings = remembered[1]
        if post is not None:
            posts.append(post)
        diagnostics.errors.extend(errors)
        diagnostics.warnings.extend(warnings)
    claimed: dict[tuple[str, str], Post] = {}
    for post in posts:
        key = (post.source.collection, post.slug)
        other = claimed.get(key)
        if other is None:
            claimed[key] = post
            continue
        diagnostics.error(
            ContentError(
                site_label(post.source.path, config.root),
                post.field_lines.get("slug", 1),
                f'the id "{post.slug}" is also used by '
                f"{site_label(other.source.path, config.root)}",
                field="slug",
                hint="two posts would be written to the same URL; rename one or set its slug",
            )
        )
    return posts, diagnostics

"""`blogforge new "Post title"`: start a post with valid frontmatter, never overwriting one.

The file is named so that its Astro id (github-slugger on the file name, `ids.collection_id`)
is the slug of its title: `My First Post!` -> `content/posts/my-first-post.md` ->
`/posts/my-first-post/`.
Values are written as YAML double-quoted strings, escaped here, so a title with `:`, quotes, `#`
or a backslash reads back exactly as typed.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date, datetime
from pathlib import Path

from github_slugger import slug as github_slug

from blogforge.commands.build_command import print_problems
from blogforge.config import Config, ConfigError, load_config
from blogforge.content.ids import collection_id
from blogforge.content.source import markdown_files

DEFAULT_COLLECTION = "posts"
# Escaped in a double-quoted YAML scalar besides C0/C1 controls: YAML line breaks (they would
# fold into a space) and the characters PyYAML's reader refuses in a stream.
_MUST_ESCAPE = {"\x85", "\u2028", "\u2029", "\ufeff", "\ufffe", "\uffff"}


class NewPostError(Exception):
    """A post cannot be started: the message says why and what to do."""


def yaml_quoted(text: str) -> str:
    """`text` as a YAML double-quoted scalar that reads back identically (PyYAML, js-yaml)."""
    out = []
    for char in text:
        code = ord(char)
        if char in '"\\':
            out.append("\\" + char)
        elif char == "\n":
            out.append("\\n")
        elif char == "\t":
            out.append("\\t")
        elif char in _MUST_ESCAPE or code < 0x20 or 0x7F <= code <= 0x9F:
            out.append(f"\\u{code:04x}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def post_text(title: str, tags: list[str], day: date) -> str:
    """The new post's file: frontmatter only, ready for the body."""
    tag_list = ", ".join(yaml_quoted(tag) for tag in tags)
    return (
        "---\n"
        f"title: {yaml_quoted(title)}\n"
        "description: ''\n"
        f"pubDate: {day.isoformat()}\n"
        f"tags: [{tag_list}]\n"
        "---\n\n"
    )


def parse_tags(text: str) -> list[str]:
    """`"a, b,,c"` -> ["a", "b", "c"], duplicates dropped, order kept."""
    tags: list[str] = []
    for tag in (part.strip() for part in text.split(",")):
        if tag and tag not in tags:
            tags.append(tag)
    return tags


def collection_folder(config: Config, collection: str | None) -> tuple[str, Path]:
    """The collection's name and folder: `[collections.X] folder`, else `content/X/`."""
    configured = {c.name: c for c in config.collections}
    if collection is None:
        if configured and DEFAULT_COLLECTION not in configured:
            if len(configured) > 1:
                names = ", ".join(sorted(configured))
                raise NewPostError(
                    f"this blog has several collections; give --collection ({names})"
                )
            collection = next(iter(configured))
        else:
            collection = DEFAULT_COLLECTION
    if "/" in collection or "\\" in collection or collection in ("", ".", ".."):
        raise NewPostError(f"--collection: expected a folder name, got {collection!r}")
    if collection in configured:
        return collection, config.root / configured[collection].folder
    return collection, config.content_path / collection


MAX_SLUG_BYTES = 100  # the file name and the URL folder; file systems allow 255 bytes a name


def short_slug(slug: str) -> str:
    """A long title's slug cut at the last `-` within MAX_SLUG_BYTES (a 300-character title
    made a file name the file system refused: "File name too long")."""
    if len(slug.encode("utf-8")) <= MAX_SLUG_BYTES:
        return slug
    cut = slug.encode("utf-8")[:MAX_SLUG_BYTES].decode("utf-8", "ignore")
    return (cut.rsplit("-", 1)[0] if "-" in cut.strip("-") else cut).strip("-") or cut


def new_post(
    config: Config, title: str, tags: list[str], collection: str | None, day: date
) -> Path:
    """Write the post and return its path; NewPostError when it cannot or must not."""
    slug = short_slug(github_slug(title.strip()))
    if not any(char.isalnum() for char in slug):  # "!!! ???" slugs to "-"
        raise NewPostError(
            f"cannot make a file name from the title {title!r}: it needs a letter or a digit"
        )
    _, folder = collection_folder(config, collection)
    path = folder / f"{slug}.md"
    for existing in markdown_files(folder):
        if collection_id(existing.relative_to(folder).as_posix()) == slug:
            raise NewPostError(
                f"{_shown(existing, config.root)}: a post with the id {slug!r} already exists; "
                "not overwritten (choose another title, or edit that file)"
            )
    folder.mkdir(parents=True, exist_ok=True)
    try:
        with path.open("x", encoding="utf-8", newline="\n") as file:
            file.write(post_text(title.strip(), tags, day))
    except FileExistsError:
        raise NewPostError(
            f"{_shown(path, config.root)}: already exists; not overwritten"
        ) from None
    return path


def _shown(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)


def run_new(args: argparse.Namespace) -> int:
    try:
        config = load_config(args.root)
    except ConfigError as error:
        print_problems(error.problems, "error")
        return 1
    today = datetime.now(config.tzinfo).date()  # the blog's own time zone decides "today"
    try:
        path = new_post(config, args.title, parse_tags(args.tags), args.collection, today)
    except NewPostError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    except (OSError, UnicodeError) as error:
        print(f"error: cannot write the post: {error}", file=sys.stderr)
        return 1
    print(Path(args.root) / _shown(path, config.root))
    return 0

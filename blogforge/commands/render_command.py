"""`blogforge render FILE...`: print a post's rendered body, as the build would render it.

It works on any Markdown file: settings come from the enclosing site's `blogforge.toml` when there
is one, else the defaults (math on, Astro >= 6 heading ids, UTC). This is how a user checks a
post, and how we compare our output with Astro's.
"""

from __future__ import annotations

import argparse
import json
import os
import stat
import sys
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

from blogforge.config import CONFIG_FILE, Config, ConfigError, load_config
from blogforge.content.frontmatter import split_frontmatter
from blogforge.content.ids import collection_id
from blogforge.content.posts import parse_post
from blogforge.content.source import Source, site_label
from blogforge.errors import ContentError


def enclosing_config(file: Path) -> Config:
    """The config of the nearest folder above `file` holding blogforge.toml, else defaults."""
    for folder in file.resolve().parents:
        if (folder / CONFIG_FILE).is_file():
            return load_config(folder)
    return Config(root=file.resolve().parent)


def source_for(file: Path, config: Config) -> Source:
    """Place the file in its collection when it lies under the content folder."""
    path = file.resolve()
    try:
        rel = path.relative_to(config.content_path.resolve()).as_posix()
    except ValueError:
        return Source(path=path, rel_path=path.name, collection="")
    collection = rel.split("/", 1)[0] if "/" in rel else ""
    return Source(path=path, rel_path=rel, collection=collection)


def json_value(value: object) -> object:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value)


MAX_FILE_BYTES = 64 * 1024 * 1024  # a 10 MB post renders in seconds; far beyond is a mistake


class NotAMarkdownFile(Exception):
    """The path is not a regular file of a readable size."""


def read_markdown_file(file: Path) -> str:
    """A regular file's text, at most MAX_FILE_BYTES: `render /dev/zero` read forever and a
    named pipe waited for a writer that never came (the file is checked before it is opened)."""
    mode = os.stat(file).st_mode
    if not stat.S_ISREG(mode):
        kind = "a folder" if stat.S_ISDIR(mode) else "a named pipe" if stat.S_ISFIFO(mode) else ""
        raise NotAMarkdownFile(f"expected a regular file, found {kind or 'a device or socket'}")
    with open(file, "rb") as stream:
        data = stream.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise NotAMarkdownFile(f"expected at most {MAX_FILE_BYTES} bytes, found more")
    return data.decode("utf-8")


def inline_images(file: Path, config: Config) -> Callable[[str], dict[str, str] | None]:
    """Relative images answered as `build` publishes them (content-hashed WebP URL, width,
    height), so `render` prints the HTML `build` writes; nothing is encoded or written. An image
    `build` would refuse is a warning here, and stays as written."""
    from blogforge.images.pipeline import ImagePipeline  # Pillow: loaded only for `render`
    from blogforge.incremental.store import Cache

    images = ImagePipeline(config, Cache.disabled())
    label = site_label(file.resolve(), config.root)

    def resolve(src: str) -> dict[str, str] | None:
        try:
            return images.request_inline(src, post_path=file.resolve(), post_rel=label, line=None)
        except ContentError as error:
            print(f"warning: {error}", file=sys.stderr)
            return None

    return resolve


def render_one(file: Path, as_json: bool) -> bool:
    """Render one file and print it; return False when the file could not be rendered."""
    # deferred: the Markdown engine loads once the file is read
    from blogforge.markdown import render_markdown
    from blogforge.render.bodies import markdown_options

    try:
        config = enclosing_config(file)
        text = read_markdown_file(file)
    except ConfigError as error:
        print(f"error: {error}", file=sys.stderr)
        return False
    except NotAMarkdownFile as error:
        print(f"error: {file}: {error}", file=sys.stderr)
        return False
    except (OSError, UnicodeDecodeError) as error:
        print(f"error: {file}: cannot read: {error}", file=sys.stderr)
        return False
    source = source_for(file, config)
    in_collection = source.rel_path.split("/", 1)[1] if source.collection else source.rel_path
    post = None
    try:
        post = parse_post(source, config)
        body, body_line = post.body, post.body_line
    except ContentError as error:
        # Still render the body: `render` is for checking any Markdown file.
        print(f"warning: {error}", file=sys.stderr)
        try:
            _, body, body_line = split_frontmatter(text)
        except ValueError:  # frontmatter never closed: render the whole file
            body, body_line = text, 1
    rendered = render_markdown(body, markdown_options(config), inline_images(file, config))
    for warning in rendered.warnings:
        line = "" if warning.line is None else f":{body_line + warning.line - 1}"
        print(f"warning: {file}{line}: {warning.message}", file=sys.stderr)
    if as_json:
        record = {
            "file": str(file),
            "id": post.id if post else collection_id(in_collection),
            "html": rendered.html,
            "headings": [h.as_dict() for h in rendered.headings],
            "frontmatter": post.frontmatter if post else {},
            "pubDate": post.pub_date.isoformat() if post and post.pub_date else None,
        }
        print(json.dumps(record, ensure_ascii=False, default=json_value))
    else:
        sys.stdout.write(rendered.html)
        if not rendered.html.endswith("\n"):
            sys.stdout.write("\n")
    return True


def run_render(args: argparse.Namespace) -> int:
    ok = True
    for file in args.files:
        ok = render_one(file, args.json) and ok
    return 0 if ok else 1

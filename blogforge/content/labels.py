"""How a post is named in messages: its file's path relative to the site root."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from blogforge.config import Config
from blogforge.content.model import Post
from blogforge.content.source import site_label


@lru_cache(maxsize=65536)
def _label(path: Path, root: Path) -> str:
    return site_label(path, root)


def source_label(config: Config, post: Post) -> str:
    """`content/posts/x.md` for messages (remembered: path arithmetic for every post of every
    rebuild showed up in the dev server's profile)."""
    return _label(post.source.path, config.root)

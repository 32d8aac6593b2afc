"""How a post is named in messages: its file's path relative to the site root."""

from __future__ import annotations

from blogforge.config import Config
from blogforge.content.model import Post
from blogforge.content.source import site_label


def source_label(config: Config, post: Post) -> str:
    """`content/posts/x.md` for messages."""
    return site_label(post.source.path, config.root)

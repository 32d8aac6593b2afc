"""A file put back by a copy that keeps its mtime (`cp -p`, `rsync -t`, shutil.copy2, a backup
restored) has its old size and mtime: the dev server must still see that it changed.

It once did not: a rebuild that ran while `content/` was deleted and copied back kept "cannot
read the post" for two posts, and every later rebuild reused that reading, since the restored
files had the stamp it was kept under (tests/serve/test_serve_soak.py found it).
"""

from __future__ import annotations

import os
from pathlib import Path

from blogforge.config import Config
from blogforge.content.posts import load_posts
from blogforge.serve.watcher import files_state
from tests.site_build.helpers import post_text, write_site


def rewrite_keeping_size_and_mtime(path: Path, text: str) -> None:
    before = path.stat()
    assert len(text.encode()) == before.st_size
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = path.stat()
    assert (after.st_size, after.st_mtime_ns) == (before.st_size, before.st_mtime_ns)


def test_the_dev_servers_post_memo_reads_a_restored_file_again(tmp_path: Path) -> None:
    root = write_site(tmp_path, {"content/posts/p.md": post_text("Apple")}, config="")
    memo: dict = {}
    posts, _ = load_posts(Config(root=root), memo)
    assert [post.title for post in posts] == ["Apple"]
    rewrite_keeping_size_and_mtime(root / "content/posts/p.md", post_text("Lemon"))
    posts, _ = load_posts(Config(root=root), memo)
    assert [post.title for post in posts] == ["Lemon"]


def test_the_watchers_state_differs_for_a_restored_file(tmp_path: Path) -> None:
    post = tmp_path / "content" / "p.md"
    post.parent.mkdir()
    post.write_text("Apple", encoding="utf-8")
    before = files_state(str(tmp_path / "content"))
    rewrite_keeping_size_and_mtime(post, "Lemon")
    assert files_state(str(tmp_path / "content")) != before

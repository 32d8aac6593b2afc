"""Related posts: the ranking itself (rare shared tags first, then newer), and the post pages of a
real build, including a rebuild after a tag change elsewhere."""

from __future__ import annotations

from pathlib import Path

from blogforge.build import build
from blogforge.config import load_config
from tests.site_build.helpers import parse_html, post_text, snapshot, write_site
from tests.site_build.test_incremental import clean_build

# "common" is on five posts, "rare" on two, "mid" on three.
POSTS = {
    "subject": ("2024-01-10", '["common", "rare", "mid"]'),
    "rare-twin": ("2020-01-01", '["rare"]'),  # old, but shares the rarest tag
    "mid-a": ("2023-01-01", '["mid"]'),
    "mid-b": ("2023-06-01", '["mid", "common"]'),  # mid + common: above rare-twin
    "common-new": ("2024-01-09", '["common"]'),
    "common-old": ("2019-01-01", '["common"]'),
    "common-3": ("2018-01-01", '["common"]'),
    "unrelated": ("2024-02-01", '["other"]'),
}


def site(root: Path) -> Path:
    files = {
        f"content/posts/{name}.md": post_text(name, date, tags=tags)
        for name, (date, tags) in POSTS.items()
    }
    return write_site(root, files)


def related_titles(root: Path, name: str) -> list[str]:
    page = parse_html(root / f"dist/posts/{name}/index.html")
    aside = page.find("aside", **{"class": "related"})
    return [] if aside is None else [a.text() for a in aside.iter("a")]


def test_rare_shared_tags_rank_first_then_newer_posts(tmp_path: Path) -> None:
    root = site(tmp_path)
    assert build(load_config(root)).ok
    # mid-b: 1/3 + 1/5; rare-twin (the oldest): 1/2; mid-a: 1/3; common-new (the newest): 1/5,
    # left out (three at most)
    assert related_titles(root, "subject") == ["mid-b", "rare-twin", "mid-a"]
    # equal scores (1/5 each, for "common"): newest first
    assert related_titles(root, "common-3") == ["subject", "common-new", "mid-b"]
    assert related_titles(root, "unrelated") == []  # no shared tag, no section
    links = parse_html(root / "dist/posts/subject/index.html").find("aside").iter("a")
    assert [a.attrs["href"] for a in links] == [
        "/posts/mid-b/",
        "/posts/rare-twin/",
        "/posts/mid-a/",
    ]


def test_rebuilds_update_related_posts_as_a_clean_build_would(tmp_path: Path) -> None:
    root = site(tmp_path / "site")
    config = load_config(root)
    assert build(config).ok
    assert related_titles(root, "unrelated") == []
    # a tag added elsewhere: "unrelated" gains a related post
    date, _ = POSTS["common-old"]
    changed = post_text("common-old", date, tags='["other"]')
    (root / "content/posts/common-old.md").write_text(changed)
    assert build(config).ok
    assert related_titles(root, "unrelated") == ["common-old"]
    assert snapshot(root / "dist") == clean_build(root, tmp_path)
    # a related post's new title, tags unchanged: only the pages showing it are made again
    date, tags = POSTS["rare-twin"]
    (root / "content/posts/rare-twin.md").write_text(post_text("Rare twin", date, tags=tags))
    result = build(config)
    assert result.ok and result.pages_kept > 0
    assert related_titles(root, "subject") == ["mid-b", "Rare twin", "mid-a"]
    assert snapshot(root / "dist") == clean_build(root, tmp_path)

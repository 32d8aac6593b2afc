"""`dates_from_git = true` through real builds in real git repositories: a post's `updated` is its
file's last commit; a new commit is seen by the next (incremental, even otherwise up-to-date)
build; no repository, no git or a shallow clone is a warning, never a crash."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from blogforge.build import build
from blogforge.config import load_config
from blogforge.content.git_dates import head_state, parse_log
from tests.site_build.helpers import post_text, snapshot, write_site

CONFIG = 'title = "T"\nsite = "https://x.org"\ndates_from_git = true\n'


def git(root: Path, *args: str, date: str = "2024-03-05T12:00:00Z") -> None:
    env = os.environ | {
        "GIT_AUTHOR_DATE": date,
        "GIT_COMMITTER_DATE": date,
        "GIT_AUTHOR_NAME": "A",
        "GIT_AUTHOR_EMAIL": "a@example.org",
        "GIT_COMMITTER_NAME": "A",
        "GIT_COMMITTER_EMAIL": "a@example.org",
    }
    subprocess.run(["git", "-C", str(root), *args], check=True, env=env, capture_output=True)


def commit_all(root: Path, date: str) -> None:
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", f"at {date}", date=date)


def updated_of(root: Path, post: str) -> str | None:
    """The post page's machine-readable updated date, as the theme shows it."""
    html = (root / f"dist/posts/{post}/index.html").read_text("utf-8")
    marker = 'class="dt-updated" datetime="'
    return html.split(marker, 1)[1].split('"', 1)[0] if marker in html else None


def lastmod(root: Path, url: str) -> str | None:
    sitemap = (root / "dist/sitemap-0.xml").read_text("utf-8")
    entry = sitemap.split(f"<loc>{url}</loc>", 1)[1].split("</url>", 1)[0]
    return entry.split("<lastmod>", 1)[1].split("<", 1)[0] if "<lastmod>" in entry else None


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = write_site(
        tmp_path / "blog",
        {
            "content/posts/edited.md": post_text("Edited", "2024-01-10"),
            "content/posts/same-day.md": post_text("Same day", "2024-03-05"),
            "content/posts/has-updated.md": post_text(
                "Has updated", "2024-01-10", updatedDate="2024-02-01"
            ),
            "content/posts/with space é.md": post_text("Space", "2024-01-10"),
        },
        CONFIG,
    )
    git(root, "init", "-q")
    commit_all(root, "2024-03-05T12:00:00Z")
    return root


def test_updated_is_the_last_commit_unless_the_frontmatter_says(repo: Path) -> None:
    (repo / "content/posts/edited.md").write_text(post_text("Edited", "2024-01-10", "Again."))
    commit_all(repo, "2024-04-20T08:30:00Z")
    (repo / "content/posts/new.md").write_text(post_text("New", "2024-01-10"))  # not committed
    result = build(load_config(repo))
    assert result.ok and not result.diagnostics.warnings
    assert updated_of(repo, "edited") == "2024-04-20T08:30:00+00:00"
    assert lastmod(repo, "https://x.org/posts/edited/") == "2024-04-20T08:30:00Z"
    atom = (repo / "dist/atom.xml").read_text("utf-8")
    assert "<updated>2024-04-20T08:30:00Z</updated>" in atom
    assert updated_of(repo, "with-space-é") == "2024-03-05T12:00:00+00:00"  # a name with a space
    assert updated_of(repo, "same-day") is None  # committed on its publication day: no update
    assert updated_of(repo, "has-updated") == "2024-02-01T00:00:00+00:00"  # the frontmatter wins
    assert updated_of(repo, "new") is None  # never committed


def test_uncommitted_edits_keep_the_last_commits_date(repo: Path) -> None:
    (repo / "content/posts/edited.md").write_text(post_text("Edited", "2024-01-10", "Draft."))
    assert build(load_config(repo)).ok
    assert updated_of(repo, "edited") == "2024-03-05T12:00:00+00:00"


def test_a_new_commit_is_seen_by_the_next_build_and_equals_a_clean_one(
    repo: Path, tmp_path: Path
) -> None:
    config = load_config(repo)
    edited = repo / "content/posts/edited.md"
    edited.write_text(post_text("Edited", "2024-01-10", "Second version."))
    assert build(config).ok  # the edit is not committed yet: the first commit's date
    assert updated_of(repo, "edited") == "2024-03-05T12:00:00+00:00"
    assert build(config).up_to_date
    commit_all(repo, "2024-05-01T09:00:00Z")  # not one file changed since the last build
    result = build(config)
    assert not result.up_to_date
    assert updated_of(repo, "edited") == "2024-05-01T09:00:00+00:00"
    assert lastmod(repo, "https://x.org/posts/edited/") == "2024-05-01T09:00:00Z"
    assert build(config).up_to_date
    clean = tmp_path / "clean"
    shutil.copytree(repo, clean, ignore=shutil.ignore_patterns("dist", ".blogforge-cache"))
    assert build(load_config(clean), workers=1, use_cache=False).ok
    assert snapshot(repo / "dist") == snapshot(clean / "dist")


def test_head_state_follows_commits_and_branches(repo: Path) -> None:
    first = head_state(repo)
    assert first
    (repo / "content/posts/edited.md").write_text("changed")
    assert head_state(repo) == first  # an edit is no commit
    commit_all(repo, "2024-05-01T09:00:00Z")
    second = head_state(repo)
    assert second != first
    git(repo, "pack-refs", "--all")  # the branch moves into packed-refs: the same commit
    git(repo, "checkout", "-q", "-b", "other")
    assert head_state(repo) != second  # another branch name, even at the same commit
    assert head_state(repo.parent) == ""  # not in a repository


def warnings_of(root: Path) -> list[str]:
    result = build(load_config(root))
    assert result.ok
    return [p.format() for p in result.diagnostics.warnings]


def test_no_repository_is_a_warning(tmp_path: Path) -> None:
    root = write_site(tmp_path, {"content/posts/a.md": post_text("A")}, CONFIG)
    assert warnings_of(root) == [
        "blogforge.toml:3: dates_from_git: no post dated from git: the site is not in a git "
        "repository (hint: build in a clone with its full history (in GitHub Actions: "
        "actions/checkout with fetch-depth: 0), or set dates_from_git = false)"
    ]
    assert updated_of(root, "a") is None


def test_a_shallow_clone_is_a_warning(repo: Path, tmp_path: Path) -> None:
    (repo / "content/posts/edited.md").write_text(post_text("Edited", "2024-01-10", "Again."))
    commit_all(repo, "2024-04-20T08:30:00Z")
    clone = tmp_path / "clone"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", f"file://{repo}", str(clone)],
        check=True,
        capture_output=True,
    )
    warnings = warnings_of(clone)
    assert len(warnings) == 1 and "the repository is a shallow clone" in warnings[0]
    assert updated_of(clone, "same-day") is None  # not every post "updated" at the last commit


def test_no_git_command_is_a_warning(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    empty = repo.parent / "no-tools"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    warnings = warnings_of(repo)
    assert len(warnings) == 1 and "the git command is not installed" in warnings[0]


def test_one_git_log_reads_every_file() -> None:
    output = "\x011700000300\0\na.md\0dir/b c.md\0\x011700000100\0\na.md\0é.md\0"
    assert parse_log(output) == {"a.md": 1700000300, "dir/b c.md": 1700000300, "é.md": 1700000100}

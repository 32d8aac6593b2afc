"""One file-safety policy: a file is published only when its real path (links followed) is
inside the site folder. Before issue 16 a `static/` link out of the site was refused, but a
post linked from outside, a collection folder `/etc` or `static_dir = "../private"` were
published as they were."""

from __future__ import annotations

from pathlib import Path

from blogforge.build import build
from blogforge.config import load_config
from tests.site_build.helpers import write_site

POST = '---\ntitle: "T"\npubDate: 2024-01-02\n---\nBody.\n'
SECRET = '---\ntitle: "Secret"\npubDate: 2024-01-02\n---\nprivate words\n'


def errors_of(root: Path) -> list[str]:
    result = build(load_config(root), workers=1)
    return [problem.format() for problem in result.diagnostics.errors]


def published(root: Path) -> str:
    dist = root / "dist"
    if not dist.exists():
        return ""
    return "".join(p.read_text("utf-8", "replace") for p in dist.rglob("*") if p.is_file())


def test_a_post_linked_from_outside_the_site_is_refused(tmp_path: Path) -> None:
    (tmp_path / "private.md").write_text(SECRET)
    root = write_site(tmp_path / "site", {"content/posts/a.md": POST})
    (root / "content/posts/leak.md").symlink_to(tmp_path / "private.md")
    assert errors_of(root) == [
        "content/posts/leak.md: a symbolic link to a file outside the site folder: refusing "
        "to publish it (hint: copy the post into the site folder)"
    ]
    assert "private words" not in published(root)


def test_a_post_linked_from_inside_the_site_builds(tmp_path: Path) -> None:
    root = write_site(tmp_path / "site", {"content/posts/a.md": POST, "drafts/b.md": SECRET})
    (root / "content/posts/b.md").symlink_to(root / "drafts/b.md")
    assert errors_of(root) == []
    assert "private words" in published(root)


def test_a_static_folder_outside_the_site_is_refused(tmp_path: Path) -> None:
    (tmp_path / "private").mkdir()
    (tmp_path / "private/key.txt").write_text("secret key\n")
    root = write_site(
        tmp_path / "site",
        {"content/posts/a.md": POST},
        'title = "T"\nstatic_dir = "../private"\n',
    )
    assert errors_of(root) == [
        "blogforge.toml: static_dir: the folder '../private' is outside the site folder: "
        "refusing to publish its files (hint: move or copy the files into the site folder)"
    ]
    assert "secret key" not in published(root)


def test_a_collection_folder_outside_the_site_is_refused(tmp_path: Path) -> None:
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere/x.md").write_text(SECRET)
    root = write_site(
        tmp_path / "site",
        {"content/posts/a.md": POST},
        'title = "T"\n[collections.posts]\nfolder = "../elsewhere"\n',
    )
    errors = errors_of(root)
    assert (
        "blogforge.toml: collections: the folder '../elsewhere' is outside the site folder: "
        "refusing to publish its files (hint: move or copy the files into the site folder)"
    ) in errors
    assert "private words" not in published(root)


def test_a_content_folder_linked_from_outside_the_site_is_refused(tmp_path: Path) -> None:
    """The folder's real path decides too (each folder of posts is resolved once a build)."""
    (tmp_path / "private/posts").mkdir(parents=True)
    (tmp_path / "private/posts/leak.md").write_text(SECRET)
    root = write_site(tmp_path / "site", {})
    (root / "content").symlink_to(tmp_path / "private")
    assert errors_of(root) == [
        "blogforge.toml: content_dir: the folder 'content' is outside the site folder: refusing "
        "to publish its files (hint: move or copy the files into the site folder)",
        "content/posts/leak.md: a symbolic link to a file outside the site folder: refusing "
        "to publish it (hint: copy the post into the site folder)",
    ]
    assert "private words" not in published(root)


def test_two_loads_at_once_in_one_process_keep_their_own_folders(tmp_path: Path) -> None:
    """The dev server's rebuild thread and another build can load posts at the same time: each
    load resolves folders for itself (a cache shared by the process was emptied by one load
    while the other read it: KeyError, found by the rebuild matrix under a CPU burner)."""
    import sys
    import threading

    from blogforge.content.posts import load_posts

    sites = [
        write_site(tmp_path / f"site{n}", {f"content/posts/p{k}.md": POST for k in range(40)})
        for n in range(2)
    ]
    failures: list[BaseException] = []

    def load_again(root: Path) -> None:
        config = load_config(root)
        try:
            for _ in range(40):
                posts, diagnostics = load_posts(config)
                assert len(posts) == 40 and not diagnostics.errors
        except BaseException as error:  # every failure, reported below
            failures.append(error)

    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # switch threads as often as possible
    try:
        threads = [threading.Thread(target=load_again, args=(root,)) for root in sites]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        sys.setswitchinterval(interval)
    assert failures == []

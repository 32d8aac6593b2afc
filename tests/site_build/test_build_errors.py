"""Bad input to a whole build: a clear `file:line` error, exit code 1, and dist/ untouched."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.site_build.helpers import post_text, run_build, snapshot, write_site

GOOD_POST = """---
title: "Good post"
pubDate: "Sep 10 2022"
tags: ["a"]
---
Hello **world**.
"""


@pytest.fixture
def site_with_previous_build(tmp_path: Path) -> tuple[Path, dict[str, bytes]]:
    write_site(tmp_path, {"content/posts/good.md": GOOD_POST})
    assert run_build(tmp_path, "--quiet") == 0
    return tmp_path, snapshot(tmp_path / "dist")


def fails_cleanly(root: Path, before: dict[str, bytes], capsys: pytest.CaptureFixture[str]) -> str:
    capsys.readouterr()
    assert run_build(root, "--quiet") == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert snapshot(root / "dist") == before, "a failed build must leave dist/ as it was"
    leftovers = [p.name for p in root.iterdir() if p.name.startswith(".dist")]
    assert leftovers == [], "no temporary build folder is left behind"
    return err


def test_unknown_layout(
    site_with_previous_build: tuple[Path, dict[str, bytes]], capsys: pytest.CaptureFixture[str]
) -> None:
    root, before = site_with_previous_build
    (root / "content/posts/bad.md").write_text(
        # an .html name: a missing .astro layout falls back with a warning (tests/astro)
        '---\ntitle: "x"\npubDate: "2022-09-10"\nlayout: "../../layouts/Nope.html"\n---\nHi\n'
    )
    err = fails_cleanly(root, before, capsys)
    assert "content/posts/bad.md" in err
    assert "layout" in err and "Nope.html" in err


def test_jinja_syntax_error_in_a_layout(
    site_with_previous_build: tuple[Path, dict[str, bytes]], capsys: pytest.CaptureFixture[str]
) -> None:
    root, before = site_with_previous_build
    (root / "layouts").mkdir()
    (root / "layouts/Broken.html").write_text(
        '{% extends "post.html" %}\n{% block content %}\n{% if %}\n{% endblock %}\n'
    )
    (root / "content/posts/bad.md").write_text(
        '---\ntitle: "x"\npubDate: "2022-09-10"\nlayout: "Broken"\n---\nHi\n'
    )
    err = fails_cleanly(root, before, capsys)
    assert "Broken.html:3" in err
    assert "content/posts/bad.md" in err


@pytest.mark.parametrize(
    ("post", "expected"),
    [
        (
            '---\ntitle: "x"\npubDate: "2022-09-10"\nheroImage: "/nothing-here.webp"\n---\nHi\n',
            "content/posts/bad.md:4: heroImage: image file not found: static/nothing-here.webp",
        ),
        (  # a hero under an alias key is placed on that key's line
            '---\ntitle: "x"\npubDate: "2022-09-10"\ntags: []\ncover: "/nothing-here.webp"\n---\n',
            "content/posts/bad.md:5: heroImage: image file not found: static/nothing-here.webp",
        ),
        (  # an image in the body is placed on the body line that has it
            '---\ntitle: "x"\npubDate: "2022-09-10"\n---\nHi\n\n![gone](./gone.png)\n',
            "content/posts/bad.md:7: image file not found: content/posts/gone.png",
        ),
    ],
    ids=["hero", "hero-alias-key", "inline"],
)
def test_missing_image_names_file_and_line(
    site_with_previous_build: tuple[Path, dict[str, bytes]],
    capsys: pytest.CaptureFixture[str],
    post: str,
    expected: str,
) -> None:
    root, before = site_with_previous_build
    (root / "content/posts/bad.md").write_text(post)
    err = fails_cleanly(root, before, capsys)
    assert expected in err


def test_corrupt_image_file(
    site_with_previous_build: tuple[Path, dict[str, bytes]], capsys: pytest.CaptureFixture[str]
) -> None:
    root, before = site_with_previous_build
    (root / "static").mkdir()
    (root / "static/broken.png").write_bytes(b"\x89PNG\r\n\x1a\nthis is not a png")
    (root / "content/posts/bad.md").write_text(
        '---\ntitle: "x"\npubDate: "2022-09-10"\nheroImage: "/broken.png"\n---\nHi\n'
    )
    err = fails_cleanly(root, before, capsys)
    assert "content/posts/bad.md:4: heroImage:" in err
    assert "broken.png" in err


def test_colliding_post_ids(
    site_with_previous_build: tuple[Path, dict[str, bytes]], capsys: pytest.CaptureFixture[str]
) -> None:
    root, before = site_with_previous_build
    (root / "content/posts/Good Post.md").write_text(GOOD_POST.replace("Good post", "Twin"))
    (root / "content/posts/good-post.md").write_text(GOOD_POST.replace("Good post", "Twin 2"))
    err = fails_cleanly(root, before, capsys)
    assert "content/posts/Good Post.md" in err and "content/posts/good-post.md" in err


def test_all_errors_are_reported_not_only_the_first(
    site_with_previous_build,
    capsys,
) -> None:
    root, before = site_with_previous_build
    (root / "content/posts/no-title.md").write_text('---\npubDate: "2022-09-10"\n---\nHi\n')
    (root / "content/posts/bad-date.md").write_text(
        '---\ntitle: "x"\npubDate: "Sept 31 2022"\n---\n'
    )
    err = fails_cleanly(root, before, capsys)
    assert "content/posts/no-title.md" in err
    assert "content/posts/bad-date.md:3: pubDate:" in err
    assert "2 errors" in err


def test_a_static_link_to_a_file_outside_the_site_is_refused(
    site_with_previous_build: tuple[Path, dict[str, bytes]],
    capsys: pytest.CaptureFixture[str],
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    root, before = site_with_previous_build
    secret = tmp_path_factory.mktemp("outside") / "id_rsa"
    secret.write_text("PRIVATE KEY")
    (root / "static" / "keys").mkdir(parents=True)
    (root / "static" / "keys" / "id_rsa").symlink_to(secret)
    (root / "static" / "inside.txt").symlink_to(root / "blogforge.toml")  # inside: published
    err = fails_cleanly(root, before, capsys)
    assert (
        "static/keys/id_rsa: a symbolic link to a file outside the site folder: refusing to "
        "publish it" in err
    )
    assert "inside.txt" not in err


def failing_renderer(marker: str, die: bool) -> object:
    """render_markdown, except for a body holding `marker`: it raises, or kills its process."""
    import os

    from blogforge.markdown import render_markdown

    def render(text: str, *args: object, **kwargs: object) -> object:
        if marker in text:
            if die:
                os._exit(3)
            raise IndexError("a bug in a plugin")
        return render_markdown(text, *args, **kwargs)  # type: ignore[arg-type]

    return render


def fail_on_a_post(
    root: Path, monkeypatch: pytest.MonkeyPatch, *, extra_posts: int, die: bool
) -> None:
    """`extra_posts` ordinary posts (24 or more render in worker processes) and
    content/posts/bad.md, whose rendering raises a bug, or kills its process when `die`.

    The workers are forked from this process, so they carry the patched renderer, even when an
    earlier test left a thread behind (which would make the pool start from a fork server).
    """
    import blogforge.render.pool

    for number in range(extra_posts):
        (root / f"content/posts/extra-{number}.md").write_text(
            f'---\ntitle: "Extra {number}"\npubDate: "2022-09-10"\n---\nBody {number}.\n'
        )
    (root / "content/posts/bad.md").write_text(
        '---\ntitle: "x"\npubDate: "2022-09-10"\n---\nTRIGGER-BUG here\n'
    )
    monkeypatch.setattr(
        blogforge.render.pool, "render_markdown", failing_renderer("TRIGGER-BUG", die=die)
    )
    monkeypatch.setattr(blogforge.render.pool.threading, "active_count", lambda: 1)


@pytest.mark.parametrize("copies", [0, 5], ids=["in-process", "worker-pool"])
def test_a_renderer_bug_fails_that_post_with_its_name_not_the_build(
    site_with_previous_build: tuple[Path, dict[str, bytes]],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    copies: int,
) -> None:

    root, before = site_with_previous_build
    fail_on_a_post(root, monkeypatch, extra_posts=copies * 6, die=False)
    err = fails_cleanly(root, before, capsys)
    assert (
        "content/posts/bad.md:5: blogforge could not render this post (IndexError: a bug in a "
        "plugin); please report it with the post's text" in err
    )


def test_a_rendering_process_that_dies_fails_the_build_cleanly(
    site_with_previous_build: tuple[Path, dict[str, bytes]],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:

    root, before = site_with_previous_build
    fail_on_a_post(root, monkeypatch, extra_posts=30, die=True)
    err = fails_cleanly(root, before, capsys)
    assert "a Markdown rendering process died" in err


def test_three_independent_mistakes_are_reported_in_one_build(
    site_with_previous_build: tuple[Path, dict[str, bytes]], capsys: pytest.CaptureFixture[str]
) -> None:
    """A bad date, a missing hero and an unknown layout, each in its own post: three stages
    (load, hero images, routes) and one build reports all three, sorted by file."""
    root, before = site_with_previous_build
    write_site(
        root,
        {
            "content/posts/a-date.md": post_text("A", date="Sept 31 2022"),
            "content/posts/b-hero.md": post_text("B", heroImage='"/missing.webp"'),
            "content/posts/c-layout.md": post_text("C", layout='"Nope"'),
        },
    )
    err = fails_cleanly(root, before, capsys)
    lines = [line for line in err.splitlines() if line.startswith("error: content/")]
    assert [line.split(":")[1].strip() for line in lines] == [
        "content/posts/a-date.md",
        "content/posts/b-hero.md",
        "content/posts/c-layout.md",
    ]
    assert "content/posts/a-date.md:3: pubDate:" in lines[0]
    assert "content/posts/b-hero.md:4: heroImage: image file not found" in lines[1]
    assert 'content/posts/c-layout.md:4: layout: no layout "Nope.html"' in lines[2]
    assert "3 errors" in err


def test_one_broken_layout_used_by_300_posts_is_one_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    posts = {f"content/posts/p{n:03}.md": post_text(f"Post {n}") for n in range(300)}
    layout = "<html>\n<body>\n{{ no_such_helper() }}\n</body></html>\n"
    write_site(tmp_path, {**posts, "layouts/post.html": layout})
    assert run_build(tmp_path, "--quiet") == 1
    err = capsys.readouterr().err
    errors = [line for line in err.splitlines() if line.startswith("error:")]
    assert len(errors) == 1, errors
    assert errors[0].startswith("error: layouts/post.html:3:")
    assert "and 299 other pages (300 in all)" in errors[0]
    assert not (tmp_path / "dist").exists()

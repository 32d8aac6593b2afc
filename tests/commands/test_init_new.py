"""`blogforge init` and `blogforge new`, and the whole first session: init → new → build → check."""

from __future__ import annotations

import os
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from blogforge.cli import main
from blogforge.commands.init_command import SCAFFOLD
from blogforge.commands.new_command import post_text, yaml_quoted
from blogforge.config import load_config
from blogforge.content.posts import load_posts, parse_post
from blogforge.content.source import Source
from tests.site_build.helpers import REPO, parse_html

TRICKY_TITLES = [
    'Hello: "World" # not a comment',
    "It's a 'quoted' title: part 2",
    "Back\\slash, {braces} [brackets] & *stars* | pipes > arrows",
    "- starts like a list item",
    "null",
    "2024-01-31",
    "ñandú café — 日本語 ✨",
    "line one\nline two\ttab",
    "C1 control \x85 and line separator \u2028 kept",
]


def run(*argv: str) -> int:
    return main(list(argv))


@pytest.fixture
def blog(tmp_path: Path) -> Path:
    root = tmp_path / "my-blog"
    assert run("init", str(root)) == 0
    return root


def test_init_new_build_check_all_pass(tmp_path: Path, capsys) -> None:
    root = tmp_path / "my-blog"
    assert run("init", str(root)) == 0
    assert run("new", "My First Post: Hello!", "--tags", "intro, Python", "--root", str(root)) == 0
    printed = capsys.readouterr().out.strip().splitlines()[-1]
    assert Path(printed) == root / "content/posts/my-first-post-hello.md"
    assert run("build", "--root", str(root), "--quiet") == 0
    assert run("check", "--root", str(root)) == 0
    assert "no problems" in capsys.readouterr().out

    page = parse_html(root / "dist/posts/my-first-post-hello/index.html")
    h1 = page.find("h1")
    assert h1 is not None and h1.text() == "My First Post: Hello!"
    assert {a.text() for a in page.iter("a") if "tag" in (a.attrs.get("class") or "")} == {
        "intro",
        "Python",
    }
    assert (root / "dist/tags/python/index.html").is_file()


def test_init_scaffold_is_the_example_blog_with_one_post(blog: Path) -> None:
    for rel in ("layouts", "static"):
        for source in (REPO / rel).rglob("*"):
            if source.is_file():
                copied = blog / source.relative_to(REPO)
                assert copied.read_bytes() == source.read_bytes(), copied
    (post,) = (blog / "content").rglob("*.md")
    assert post == blog / "content/posts/welcome.md"
    (welcome,) = load_posts(load_config(blog))[0]
    assert welcome.title == "Welcome to your blog"
    assert abs((welcome.pub_date.date() - datetime.now(UTC).date()).days) <= 1  # dated today
    config = load_config(blog)
    assert config.title == "My Blog"
    first_line = (blog / "blogforge.toml").read_text(encoding="utf-8").splitlines()[0]
    assert (
        first_line
        == "# This blog's settings (blogforge's README, \"Configuration\", lists them all)."
    )
    assert config.description == "" and config.author == ""
    assert config.site == load_config(REPO).site  # the example URL, to be replaced
    assert (blog / ".gitignore").read_text(encoding="utf-8").split() == [
        "dist/",
        ".blogforge-cache/",
    ]
    assert (blog / ".github/workflows/deploy.yml").is_file()


def test_scaffold_is_package_data_pointing_at_the_example(tmp_path: Path) -> None:
    """The scaffold ships with the package (pyproject) and is the repository's example blog."""
    pyproject = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    assert '"scaffold/**/*"' in pyproject
    assert (SCAFFOLD / "welcome.md").is_file() and not (SCAFFOLD / "content").exists()
    for name, target in [
        ("layouts", REPO / "layouts"),
        ("static", REPO / "static"),
        ("blogforge.toml", REPO / "blogforge.toml"),
        ("deploy.yml", REPO / ".github/workflows/deploy.yml"),
    ]:
        assert (SCAFFOLD / name).resolve() == target.resolve(), name


def test_init_refuses_a_non_empty_folder(tmp_path: Path, capsys) -> None:
    target = tmp_path / "notes"
    target.mkdir()
    (target / "todo.txt").write_text("mine", encoding="utf-8")
    assert run("init", str(target)) == 1
    err = capsys.readouterr().err
    assert f"error: {target}: not empty (1 entry)" in err
    assert sorted(p.name for p in target.iterdir()) == ["todo.txt"]
    assert (target / "todo.txt").read_text(encoding="utf-8") == "mine"


def test_init_into_an_existing_empty_folder(tmp_path: Path) -> None:
    target = tmp_path / "empty"
    target.mkdir()
    assert run("init", str(target)) == 0
    assert (target / "blogforge.toml").is_file()


def test_new_writes_valid_frontmatter_with_todays_date(blog: Path, capsys) -> None:
    before = datetime.now(UTC).date()
    assert run("new", "Notes on CSS", "--root", str(blog)) == 0
    after = datetime.now(UTC).date()
    path = blog / "content/posts/notes-on-css.md"
    post = parse_post(Source(path, "posts/notes-on-css.md", "posts"), load_config(blog))
    assert post.title == "Notes on CSS"
    assert post.description == ""
    assert post.tags == ()
    assert before <= post.pub_date.date() <= after  # the scaffold's time zone is UTC
    assert post.id == "notes-on-css"


@pytest.mark.parametrize("title", TRICKY_TITLES)
def test_new_titles_round_trip_through_the_post_parser(tmp_path: Path, title: str) -> None:
    text = post_text(title, ["a: b", 'say "hi"'], date(2024, 5, 17))
    path = tmp_path / "content/posts/x.md"
    path.parent.mkdir(parents=True)
    path.write_text(text, encoding="utf-8")
    post = parse_post(Source(path, "posts/x.md", "posts"), load_config(tmp_path))
    assert post.title == title
    assert post.tags == ("a: b", 'say "hi"')
    assert post.pub_date == datetime(2024, 5, 17, tzinfo=UTC)


def test_yaml_quoting_escapes_only_what_it_must() -> None:
    assert yaml_quoted('a "b" \\ c') == '"a \\"b\\" \\\\ c"'
    assert yaml_quoted("ñ 日本") == '"ñ 日本"'
    assert yaml_quoted("\u2028") == '"\\u2028"'


def test_new_refuses_to_overwrite(blog: Path, capsys) -> None:
    assert run("new", "Twice", "--root", str(blog)) == 0
    path = blog / "content/posts/twice.md"
    path.write_text(path.read_text(encoding="utf-8") + "My words.\n", encoding="utf-8")
    capsys.readouterr()
    assert run("new", "Twice!", "--root", str(blog)) == 1  # same slug
    err = capsys.readouterr().err
    assert "content/posts/twice.md: a post with the id 'twice' already exists" in err
    assert "not overwritten" in err
    assert path.read_text(encoding="utf-8").endswith("My words.\n")


def test_new_refuses_a_title_with_no_slug(blog: Path, capsys) -> None:
    assert run("new", "!!! ???", "--root", str(blog)) == 1
    assert "cannot make a file name from the title" in capsys.readouterr().err


def test_new_in_another_collection_and_from_the_blog_folder(
    blog: Path, capsys, monkeypatch
) -> None:
    monkeypatch.chdir(blog)
    assert run("new", "Weekly Links #1", "--collection", "links", "--tags", "a,,a, b") == 0
    assert capsys.readouterr().out.strip() == os.path.join("content", "links", "weekly-links-1.md")
    text = (blog / "content/links/weekly-links-1.md").read_text(encoding="utf-8")
    assert 'tags: ["a", "b"]' in text
    assert run("build", "--quiet") == 0
    assert (blog / "dist/links/weekly-links-1/index.html").is_file()


def test_new_follows_a_configured_collection_folder(tmp_path: Path) -> None:
    (tmp_path / "blogforge.toml").write_text(
        '[collections.blog]\nfolder = "src/content/blog"\n', encoding="utf-8"
    )
    assert run("new", "Only Collection", "--root", str(tmp_path)) == 0
    assert (tmp_path / "src/content/blog/only-collection.md").is_file()


def test_new_reports_a_bad_config_with_its_line(tmp_path: Path, capsys) -> None:
    (tmp_path / "blogforge.toml").write_text('title = "x"\npage_size = "ten"\n', encoding="utf-8")
    assert run("new", "Anything", "--root", str(tmp_path)) == 1
    err = capsys.readouterr().err
    assert "blogforge.toml:2: page_size: expected an integer" in err
    assert not (tmp_path / "content").exists()

"""Redirects through real builds: frontmatter `aliases`/`redirect_from` and `[redirects]` make
redirect pages and a `_redirects` file (after a hand-written `static/_redirects`); an old address
that is a page, or is declared twice, is an error at its line; `blogforge check` follows them."""

from __future__ import annotations

from pathlib import Path

import pytest

from blogforge.build import build
from blogforge.check.site_check import check_site
from blogforge.cli import main
from blogforge.config import load_config
from tests.site_build.helpers import parse_html, post_text, snapshot, write_site

CONFIG = 'title = "T"\nsite = "https://x.org"\n[redirects]\n"/old-feed" = "/posts/b/"\n'
FILES = {
    "content/posts/a.md": post_text("Alpha", aliases='["/2019/01/alpha.html", "/was-alpha"]'),
    "content/posts/b.md": post_text("Beta", "2022-09-12", redirect_from="/was-beta/"),
    "content/pages/about.md": "---\ntitle: About\naliases: /about-me/\n---\nMe.\n",
}


def refresh_target(page: Path) -> str:
    html = parse_html(page)
    meta = next(m for m in html.iter("meta") if m.attrs.get("http-equiv") == "refresh")
    return (meta.attrs.get("content") or "").split("url=", 1)[1]


def test_aliases_and_redirects_make_pages_and_a_redirects_file(tmp_path: Path) -> None:
    root = write_site(
        tmp_path, FILES | {"static/_redirects": "/shop https://shop.x.org 302\n"}, CONFIG
    )
    result = build(load_config(root))
    assert result.ok, [p.format() for p in result.diagnostics.errors]
    dist = root / "dist"
    assert refresh_target(dist / "2019/01/alpha.html") == "/posts/a/"  # a file alias stays a file
    assert refresh_target(dist / "was-alpha/index.html") == "/posts/a/"
    assert refresh_target(dist / "was-beta/index.html") == "/posts/b/"
    assert refresh_target(dist / "about-me/index.html") == "/about/"  # pages have aliases too
    assert refresh_target(dist / "old-feed/index.html") == "/posts/b/"
    lines = (dist / "_redirects").read_text("utf-8").splitlines()
    assert lines[0] == "/shop https://shop.x.org 302"  # the author's rules first: they win
    rules = [line for line in lines[1:] if line and not line.startswith("#")]
    assert sorted(rules) == sorted(
        [
            "/old-feed/ /posts/b/ 301",
            "/2019/01/alpha.html /posts/a/ 301",
            "/was-alpha/ /posts/a/ 301",
            "/was-beta/ /posts/b/ 301",
            "/about-me/ /about/ 301",
        ]
    )
    sitemap = (dist / "sitemap-0.xml").read_text("utf-8")
    assert "was-alpha" not in sitemap and "alpha.html" not in sitemap
    assert check_site(dist, site="https://x.org").ok


def test_no_redirects_file_without_redirects_and_ours_is_no_hand_added_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = write_site(tmp_path / "none", {"content/posts/a.md": post_text("A")})
    assert build(load_config(root)).ok
    assert not (root / "dist/_redirects").exists()
    root = write_site(tmp_path / "some", FILES, CONFIG)
    assert main(["build", "--root", str(root)]) == 0
    capsys.readouterr()
    (root / "content/posts/a.md").write_text(post_text("Alpha 2", aliases="/was-alpha"))
    assert main(["build", "--root", str(root)]) == 0
    assert "_redirects" not in capsys.readouterr().err  # not "added by hand: dropped"
    assert "/was-alpha/ /posts/a/ 301" in (root / "dist/_redirects").read_text("utf-8")
    assert "2019/01/alpha.html" not in (root / "dist/_redirects").read_text("utf-8")
    assert not (root / "dist/2019").exists()


def errors_of(root: Path, capsys: pytest.CaptureFixture[str]) -> list[str]:
    before = snapshot(root / "dist") if (root / "dist").exists() else {}
    capsys.readouterr()
    assert main(["build", "--root", str(root)]) == 1
    if before:
        assert snapshot(root / "dist") == before
    return [line for line in capsys.readouterr().err.splitlines() if line.startswith("error:")]


def test_an_old_address_that_is_a_page_or_taken_is_a_placed_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files = FILES | {
        "content/posts/c.md": "---\ntitle: C\npubDate: 2022-09-13\naliases:\n"
        "  - /fine/\n  - /posts/b/\n---\nC.\n",
        "content/posts/d.md": "---\ntitle: D\npubDate: 2022-09-14\nredirect_from: /old-feed\n"
        "---\nD.\n",
    }
    config = CONFIG + '"/tags" = "/posts/a/"\n'
    root = write_site(tmp_path, files, config)
    errors = errors_of(root, capsys)
    assert errors == [
        "error: blogforge.toml:5: redirects: the old address /tags/ is already a page (tags): "
        "a redirect there would replace it (hint: remove this old address, or give that page "
        "another URL)",
        "error: content/posts/c.md:4: aliases: the old address /posts/b/ is already a page "
        "(content/posts/b.md): a redirect there would replace it (hint: remove this old "
        "address, or give that page another URL)",
        "error: content/posts/d.md:4: redirect_from: the old address /old-feed/ is already "
        "redirected by blogforge.toml (hint: declare each old address once)",
    ]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("{a: 1}", "expected a path or a list of paths, got a mapping"),
        ("[1]", "expected a list of paths, found int 1"),
        ('"https://old.org/x"', 'expected a path on this site (such as /old/), not a URL, got '
         '"https://old.org/x"'),
        ('"/a b/"', 'expected a path without spaces, got "/a b/"'),
        ('"/"', 'expected a path such as /old-address/, got "/"'),
        ('"/x/../../etc"', 'expected a path that names a page, got ".." (it would leave its '
         "folder)"),
        ('"/old?page=2"', "expected a path without \"?\""),
    ],
)  # fmt: skip
def test_a_bad_alias_is_a_placed_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], value: str, message: str
) -> None:
    text = f"---\ntitle: A\npubDate: 2022-09-10\naliases: {value}\n---\nA.\n"
    root = write_site(tmp_path, {"content/posts/a.md": text})
    errors = errors_of(root, capsys)
    assert len(errors) == 1 and errors[0].startswith(
        f"error: content/posts/a.md:4: aliases: {message}"
    ), errors


def test_check_reports_a_redirect_leading_nowhere(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = 'title = "T"\nsite = "https://x.org"\n[redirects]\n"/old" = "/posts/gone/"\n'
    redirects = "# mine\n/a /posts/a/ 301\n/b /nowhere/ 301\n/c/* /posts/:splat 301\n"
    root = write_site(
        tmp_path, {"content/posts/a.md": post_text("A"), "static/_redirects": redirects}, config
    )
    assert main(["build", "--root", str(root)]) == 0
    capsys.readouterr()
    assert main(["check", "--root", str(root)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert "dist/_redirects:3: /nowhere/ → page not found" in out
    assert "dist/_redirects:7: /posts/gone/ → page not found" in out
    assert any(line.startswith("dist/old/index.html:") and "/posts/gone/" in line for line in out)
    assert not any("/posts/a/" in line or ":splat" in line for line in out), out


def test_routes_lists_the_redirects(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = write_site(tmp_path, FILES, CONFIG)
    capsys.readouterr()
    assert main(["routes", "--root", str(root)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split() for line in lines if "redirects" in line] == [
        ["/<old>/", "blogforge.toml,", "aliases", "redirects", "5", "pages"]
    ]

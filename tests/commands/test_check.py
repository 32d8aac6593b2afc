"""`blogforge check` on real builds: problems are planted in the posts' Markdown (or, for what a
build never gets wrong, in dist/ afterwards) and must be reported as `file:line: link → problem`."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from blogforge.check.page_links import scan_page, srcset_urls
from blogforge.check.site_check import check_site
from blogforge.cli import main
from tests.site_build.helpers import copy_example_site, run_build


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_example_site(tmp_path_factory.mktemp("check"))
    assert run_build(root, "--quiet") == 0
    return root


@pytest.fixture
def site(example: Path, tmp_path: Path) -> Path:
    """A fresh copy of the built example (sources, dist and image cache) for one test."""
    root = tmp_path / "site"
    shutil.copytree(example, root)
    return root


def append(root: Path, post: str, markdown: str) -> None:
    path = root / "content/posts" / post
    path.write_text(path.read_text(encoding="utf-8") + "\n" + markdown + "\n", encoding="utf-8")


def check(root: Path, capsys, *extra: str) -> tuple[int, list[str], str]:
    capsys.readouterr()
    code = main(["check", "--root", str(root), *extra])
    captured = capsys.readouterr()
    return code, captured.out.splitlines(), captured.err


def line_for(lines: list[str], file: str, link: str) -> str:
    pattern = re.compile(rf"^{re.escape(file)}(:\d+)?: {re.escape(link)} → ")
    found = [line for line in lines if pattern.match(line)]
    assert len(found) == 1, lines
    return found[0]


def test_the_example_blog_has_no_problems(example: Path, capsys) -> None:
    code, lines, _ = check(example, capsys)
    assert code == 0 and lines[-1].endswith("no problems"), lines
    assert re.match(r"checked \d+ pages and \d+ links in dist/ \(base /\)", lines[-1])


def test_catches_a_broken_link_anchor_and_missing_image(site: Path, capsys) -> None:
    append(
        site,
        "writing-math.md",
        "A [gone post](/posts/no-such-post/), a [missing heading](#no-such-heading), "
        "a [heading elsewhere](/posts/tables-and-task-lists/#no-such-table), "
        "a [real heading](/posts/tables-and-task-lists/#tables) and "
        "![a lost image](/images/lost.png).",
    )
    assert run_build(site, "--quiet") == 0
    code, lines, err = check(site, capsys)
    assert code == 1
    page = "dist/posts/writing-math/index.html"
    assert line_for(lines, page, "/posts/no-such-post/").endswith("→ page not found")
    assert line_for(lines, page, "#no-such-heading").endswith(
        '→ no element with id "no-such-heading" on this page'
    )
    assert line_for(lines, page, "/posts/tables-and-task-lists/#no-such-table").endswith(
        '→ no element with id "no-such-table" in dist/posts/tables-and-task-lists/index.html'
    )
    assert line_for(lines, page, "/images/lost.png").endswith("→ image not found")
    assert len(lines) == 4  # the real heading and everything else are fine
    assert all(re.match(rf"^{re.escape(page)}:\d+: ", line) for line in lines)
    assert err.strip().endswith("4 problems")


def test_line_numbers_point_at_the_link(site: Path, capsys) -> None:
    append(site, "code-highlighting.md", "[broken](../nowhere/)")
    assert run_build(site, "--quiet") == 0
    _, lines, _ = check(site, capsys)
    found = line_for(lines, "dist/posts/code-highlighting/index.html", "../nowhere/")
    line = int(found.split(":")[1])
    html = (site / "dist/posts/code-highlighting/index.html").read_text(encoding="utf-8")
    assert 'href="../nowhere/"' in html.splitlines()[line - 1]


def test_anchor_targets_are_ids_and_a_names(site: Path, capsys) -> None:
    append(
        site,
        "footnotes-and-citations.md",
        '<a name="old-anchor"></a>\n\n[old](#old-anchor) [footnote](#user-content-fn-order) '
        "[skip link](#content) [top](#top)",
    )
    assert run_build(site, "--quiet") == 0
    code, lines, _ = check(site, capsys)
    assert code == 0, lines


def test_a_heading_id_rule_change_breaks_anchors(site: Path, capsys) -> None:
    """A link written for Astro 5 ids (one trailing '-' dropped) breaks under Astro 6 ids."""
    append(site, "writing-math.md", "## Why? -\n\nSee [above](#why--).")
    assert run_build(site, "--quiet") == 0
    assert check(site, capsys)[0] == 0
    append(site, "writing-math.md", "Old link: [above](#why-).")
    assert run_build(site, "--quiet") == 0
    code, lines, _ = check(site, capsys)
    assert code == 1
    assert line_for(lines, "dist/posts/writing-math/index.html", "#why-").endswith(
        'no element with id "why-" on this page'
    )


def test_missing_hero_variant_and_stylesheet(site: Path, capsys) -> None:
    dist = site / "dist"
    variant = sorted((dist / "_astro").glob("post_img.*.750.avif"))[0]
    variant.unlink()
    (dist / "_blogforge/theme.css").unlink()
    code, lines, _ = check(site, capsys)
    assert code == 1
    link = f"/_astro/{variant.name}"
    hero_pages = [line for line in lines if f" {link} → image not found" in line]
    assert {line.split(":")[0] for line in hero_pages} == {
        "dist/posts/demo-post-1/index.html",
        "dist/posts/images-in-posts/index.html",
    }
    stylesheet = [line for line in lines if "/_blogforge/theme.css → file not found" in line]
    assert len(stylesheet) == len(list(dist.rglob("*.html")))


def test_pages_missing_from_the_sitemap(site: Path, capsys) -> None:
    sitemap = site / "dist/sitemap-0.xml"
    text = sitemap.read_text(encoding="utf-8")
    entry = "<url><loc>https://blog.example.com/tags/math/</loc></url>"
    assert entry in text
    sitemap.write_text(
        text.replace(entry, "<url><loc>https://blog.example.com/tags/nope/</loc></url>"),
        encoding="utf-8",
    )
    code, lines, _ = check(site, capsys)
    assert code == 1
    assert sorted(lines) == [
        "dist/sitemap-0.xml: https://blog.example.com/tags/nope/ → page not found",
        "dist/tags/math/index.html: /tags/math/ → missing from the sitemap",
    ]


def test_feed_links_must_lead_to_pages(site: Path, capsys) -> None:
    shutil.rmtree(site / "dist/posts/writing-math")
    code, lines, _ = check(site, capsys)
    assert code == 1
    assert "dist/rss.xml: https://blog.example.com/posts/writing-math/ → page not found" in lines
    assert "dist/atom.xml: https://blog.example.com/posts/writing-math/ → page not found" in lines


def test_without_a_site_url_the_sitemap_is_skipped_with_a_note(tmp_path: Path, capsys) -> None:
    root = copy_example_site(tmp_path / "site")
    config = root / "blogforge.toml"
    config.write_text(
        re.sub(r"^site = .*$", "", config.read_text(encoding="utf-8"), flags=re.M),
        encoding="utf-8",
    )
    assert run_build(root, "--quiet") == 0
    code, _, err = check(root, capsys)
    assert code == 0
    assert "note: no sitemap (the site URL is not set)" in err


def test_no_build_yet_is_a_clear_error(tmp_path: Path, capsys) -> None:
    code, lines, err = check(tmp_path, capsys)
    assert code == 1 and lines == []
    assert err.strip() == "error: dist/: no built site here; run `blogforge build` first"


def test_other_out_folder_and_external_links_not_fetched(site: Path, capsys) -> None:
    append(site, "writing-math.md", "[a site](https://example.invalid/x) [mail](mailto:a@b.c)")
    assert run_build(site, "--quiet", "--out", "public") == 0
    code, lines, _ = check(site, capsys, "--out", "public")
    assert code == 0 and lines[-1].startswith("checked ") and "in public/" in lines[-1]


def test_page_scan_reads_ids_names_and_every_reference() -> None:
    links = scan_page(
        '<meta name="description" content="x"><h2 id="a">A</h2><a name="b"></a>'
        '<img src="/i.png" srcset="/i-1.webp 1x, /i-2.webp 2x">'
        '<link rel="icon" href="/f.svg"><link rel="canonical" href="https://x/">'
        '<script src="/s.js"></script><meta property="og:image" content="https://x/o.png">'
    )
    assert links.ids == {"a", "b"}
    assert [(r.url, r.kind) for r in links.references] == [
        ("/i.png", "image"),
        ("/i-1.webp", "image"),
        ("/i-2.webp", "image"),
        ("/f.svg", "image"),
        ("/s.js", "file"),
        ("https://x/o.png", "image"),
    ]
    assert srcset_urls(" a.webp 750w,b.webp 1500w ,") == ["a.webp", "b.webp"]


def test_a_thousand_pages_are_checked(example: Path, tmp_path: Path) -> None:
    """1 000 copies of a real post page (with its links, footnotes and hero srcset); how fast
    is `python3 -m bench check`'s figure, never a test's."""
    dist = tmp_path / "dist"
    shutil.copytree(example / "dist", dist)
    page = (dist / "posts/demo-post-1/index.html").read_text(encoding="utf-8")
    for number in range(1000):
        folder = dist / "posts" / f"copy-{number}"
        folder.mkdir()
        (folder / "index.html").write_text(page, encoding="utf-8")
    report = check_site(dist, base="/", site="https://blog.example.com", label="dist")
    assert report.pages > 1000
    # Only the copies are wrong: none of them is in the sitemap.
    assert {p.problem for p in report.problems} == {"missing from the sitemap"}
    assert len(report.problems) == 1000


@pytest.mark.parametrize(
    "settings",
    ['build_format = "file"', 'trailing_slash = "never"'],
)
def test_other_url_shapes_check_clean(tmp_path: Path, capsys, settings: str) -> None:
    """Links without a trailing slash resolve to `x.html` or `x/index.html`, as hosts serve them."""
    root = copy_example_site(tmp_path / "site")
    config = root / "blogforge.toml"
    config.write_text(config.read_text(encoding="utf-8") + settings + "\n", encoding="utf-8")
    assert run_build(root, "--quiet", "--base", "/sub/") == 0
    code, lines, _ = check(root, capsys, "--base", "/sub/")
    assert code == 0, lines
    shutil.rmtree(root / "dist/tags")
    for stale in (root / "dist").glob("tags.html"):
        stale.unlink()
    code, lines, _ = check(root, capsys, "--base", "/sub/")
    assert code == 1
    assert any(re.search(r": /sub/tags/?[^ ]* → page not found$", line) for line in lines), lines


def test_non_ascii_urls_resolve_encoded_or_not(tmp_path: Path, capsys) -> None:
    root = copy_example_site(tmp_path / "site")
    post = root / "content/posts/ñandú café.md"
    post.write_text(
        "---\ntitle: Ñandú\npubDate: 2024-02-02\ntags: [Café crème]\n---\n"
        "## Ça va?\n\n[same page](#ça-va) [encoded](/posts/%C3%B1and%C3%BA-caf%C3%A9/#%C3%A7a-va) "
        "[tag](/tags/café-crème/)\n",
        encoding="utf-8",
    )
    assert run_build(root, "--quiet") == 0
    assert (root / "dist/posts/ñandú-café/index.html").is_file()
    code, lines, _ = check(root, capsys)
    assert code == 0, lines

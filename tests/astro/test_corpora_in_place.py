"""The four real Astro blogs of ../shared/corpora built in place, as their repositories lay out.

Each corpus is copied as it is (src/content/..., public/) and gets only what its SOURCE.md says
the repository had beside it: `astro.config.mjs`, `package.json`, and empty route files in
src/pages named as the theme names them (tests/data/astro/corpora/NAME). The build must end
with no error and put posts (and tags, where the theme has tag pages) at the URLs Astro's routes
give them; the expected URLs below are worked out by hand from each SOURCE.md, not by blogforge.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote

import pytest
from PIL import Image

from tests.astro.projects import Build, build, lay_out_corpus
from tests.conformance.corpora import CORPORA, require_corpora
from tests.site_build.helpers import parse_html

pytestmark = pytest.mark.corpora


@pytest.fixture(autouse=True)
def _corpora() -> None:
    require_corpora()


def assert_pages(result: Build, site: str, paths: list[str]) -> None:
    """Each path is in the sitemap as an absolute URL and written where Astro writes it."""
    urls = result.sitemap_urls()
    for path in paths:
        assert site + path in urls, f"{path} missing from the sitemap"
        assert (result.dist / unquote(path).strip("/") / "index.html").is_file(), path


def test_astro_blog_template(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`src/pages/blog/[...slug].astro` with params.slug = post.id: /blog/<id>/; the .mdx post
    builds too, with its component left out and one warning naming it."""
    root = lay_out_corpus("astro-blog-template", tmp_path / "blog")
    result = build(root, capsys)
    assert result.code == 0, result.err
    assert result.errors == []
    assert_pages(
        result,
        "https://example.com",
        [
            "/blog/first-post/",
            "/blog/second-post/",
            "/blog/third-post/",
            "/blog/markdown-style-guide/",
            "/blog/using-mdx/",
            "/blog/",
        ],
    )
    mdx_warnings = [w for w in result.warnings if "using-mdx.mdx" in w]
    assert len(mdx_warnings) == 1 and "<HeaderLink>" in mdx_warnings[0], result.warnings
    page = parse_html(result.dist / "blog" / "using-mdx" / "index.html")
    headings = [h.text() for h in page.iter("h2")]
    assert "Why MDX?" in headings and "More Links" in headings
    text = page.text()
    assert "HeaderLink" not in text and "components/HeaderLink.astro" not in text
    assert "Embedded component in MDX" not in text, "a component is left out with its children"


def test_astrofy_snapshot_lacks_four_hero_images(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The snapshot left out images over 300 kB (EXTRACT_LOG.txt), four of them hero images.
    A hero image that is not there is an error by design (a broken page would otherwise ship):
    the build fails naming each post, its line and the missing file, and writes nothing."""
    root = lay_out_corpus("astrofy-arthurgr", tmp_path / "blog")
    result = build(root, capsys)
    assert result.code == 1
    assert sorted(result.errors) == [
        "error: src/content/blog/post12.md:5: heroImage: image file not found: "
        "public/blog/post12/2.webp",
        "error: src/content/blog/post7.md:5: heroImage: image file not found: "
        "public/blog/post7/callback.webp",
        "error: src/content/blog/post8.md:5: heroImage: image file not found: "
        "public/blog/post8/converting-legacy-codebases.webp",
        "error: src/content/blog/post9.md:5: heroImage: image file not found: "
        "public/blog/post9/snowmass-valley.webp",
    ]
    assert not result.dist.exists()


def restore_left_out_images(root: Path) -> list[str]:
    """Stand-ins for the images EXTRACT_LOG.txt says were left out of the snapshot for size
    (the repository has them): small images at the same paths, so the build sees a complete
    blog. Nothing else of the corpus is changed."""
    log = (CORPORA / "astrofy-arthurgr" / "EXTRACT_LOG.txt").read_text(encoding="utf-8")
    restored = []
    for line in log.splitlines():
        line = line.strip()
        if line.startswith("public/") and "(referenced by" in line:
            path = root / line.split(" ", 1)[0]
            assert not path.exists()
            path.parent.mkdir(parents=True, exist_ok=True)
            Image.new("RGB", (64, 36), (90, 120, 150)).save(path, "WEBP")
            restored.append(path.relative_to(root).as_posix())
    return restored


def test_astrofy_with_its_left_out_images(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Astrofy: GENERATE_SLUG_FROM_TITLE in src/config.ts -> /blog/<slug of the title>/ (trim,
    lowercase, whitespace -> '-', drop [^A-Za-z0-9_-]); tags as written at /blog/tag/<tag>/."""
    root = lay_out_corpus("astrofy-arthurgr", tmp_path / "blog")
    restored = restore_left_out_images(root)
    assert len(restored) == 20
    result = build(root, capsys)
    assert result.code == 0, result.err
    assert result.errors == []
    assert_pages(
        result,
        "https://www.arthur-revelski.com",
        [
            "/blog/state-and-state-management-my-take/",  # "...: my take"
            "/blog/why-the-hate-for-java/",  # "Why the hate for Java?"
            "/blog/arches-national-park-utah/",  # "Arches National Park, Utah"
            "/blog/callbacks-react-props-and-component-reusability/",
            "/blog/ojo-caliente/",
            "/blog/tag/code/",
            "/blog/tag/outside/",
            "/blog/",
            "/blog/2/",  # 12 posts, 10 a page
        ],
    )
    assert not (result.dist / "blog" / "post1" / "index.html").exists(), "the id is not the slug"
    post = parse_html(result.dist / "blog" / "ojo-caliente" / "index.html")
    assert [a.attrs["href"] for a in post.find_all("a", **{"class": "tag p-category"})] == [
        "/blog/tag/outside/"
    ]


def test_erudite(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """astro-erudite: blog/[...id].astro -> /blog/<folder>/ (index.md dropped), tags/[...id].astro
    with the tag name itself as the param -> /tags/<tag as written>/; the authors collection
    has no post route here and is not built as posts (it has no title or date)."""
    root = lay_out_corpus("erudite-gigio", tmp_path / "blog")
    result = build(root, capsys)
    assert result.code == 0, result.err
    assert result.errors == []
    assert "collection authors: src/content/authors/" in result.out
    assert "not built: no post route for it in src/pages" in result.out
    assert_pages(
        result,
        "https://sunghogigio.com",
        [
            "/blog/ai-and-ethics/",
            "/blog/beam-search/",
            "/blog/unicode-tokenization/",
            "/blog/agent-library-review-with-mcp/",
            "/tags/algorithm/",
            "/tags/NLP/",
            "/tags/ai%20competition/",
            "/tags/%EC%A0%80%EC%9E%91%EA%B6%8C/",  # 저작권
        ],
    )
    assert not (result.dist / "authors").exists()
    assert len(list((result.dist / "blog").glob("*/index.html"))) >= 161


def test_fuwari(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Fuwari: posts/[...slug].astro -> /posts/<slug>/ (guide/index.md -> guide), a draft left
    out, trailingSlash 'always'; tags are query strings on /archive/ there, so no tag URL is
    checked. The `spec` collection (the about page's text) has no post route: not built."""
    root = lay_out_corpus("fuwari-demo", tmp_path / "blog")
    result = build(root, capsys)
    assert result.code == 0, result.err
    assert result.errors == []
    assert_pages(
        result,
        "https://fuwari.vercel.app",
        ["/posts/guide/", "/posts/markdown/", "/posts/expressive-code/", "/posts/video/"],
    )
    assert not (result.dist / "posts" / "draft").exists()
    assert not (result.dist / "spec").exists()
    home = parse_html(result.dist / "index.html")
    links = {a.attrs.get("href") for a in home.iter("a")}
    assert "/posts/guide/" in links

"""The Astrofy blog of ../shared/corpora built in place, as its repository lays it out.

The corpus is copied as it is (src/content/..., public/) and gets what its SOURCE.md says the
repository had beside it: `astro.config.mjs`, `package.json`, `src/config.ts` and route files
in the theme's shape (tests/data/astro/corpora/astrofy-arthurgr). The build must end with no
error and put posts and tags at the URLs Astro's routes give them; the expected URLs are worked
out by hand from SOURCE.md, not by blogforge. The other three corpora are complete projects in
../shared/astro-projects, built whole by test_real_projects.py.
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

"""The image pipeline on real image files made with Pillow in each test's temporary site."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PIL import Image, features

from blogforge.config import Config
from blogforge.errors import ContentError
from blogforge.images.encode import EncodeJob, encode_sizes, encode_variant
from blogforge.images.pipeline import HERO_SIZES, ImagePipeline
from blogforge.images.svg import svg_size
from blogforge.incremental.store import Cache

HAS_AVIF = features.check("avif")


def photo(width: int, height: int, mode: str = "RGB") -> Image.Image:
    """A gradient with detail, so encoders do real work and resizing is visible."""
    image = Image.linear_gradient("L").resize((width, height))
    other = image.transpose(Image.Transpose.ROTATE_90).resize((width, height))
    bands = [image, other, Image.effect_noise((width, height), 40)]
    if mode == "RGBA":
        bands.append(Image.linear_gradient("L").resize((width, height)))
    return Image.merge(mode, bands)


@pytest.fixture(scope="module")
def site_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A site root with static/, a post folder with images, and assets/ beside the content.

    Made once per module (encoding the noisy PNG takes a while) and copied for each test.
    """
    root = tmp_path_factory.mktemp("template")
    (root / "static").mkdir()
    posts = root / "content" / "posts"
    posts.mkdir(parents=True)
    (root / "assets").mkdir()
    photo(1600, 900).save(posts / "x.png", compress_level=1)
    photo(400, 300).save(root / "static" / "small.webp")
    photo(1200, 800).save(root / "assets" / "cover.jpg")
    (posts / "broken.png").write_bytes(b"\x89PNG\r\n\x1a\n this is not really a png")
    (posts / "post.md").write_text("---\ntitle: t\n---\n", encoding="utf-8")
    return root


@pytest.fixture
def site(site_template: Path, tmp_path: Path) -> Path:
    root = tmp_path / "site"
    shutil.copytree(site_template, root)
    return root


def pipeline(site: Path, cache: Cache | None = None, **options: object) -> ImagePipeline:
    config = Config(root=site, image_formats=("webp", "avif"))
    return ImagePipeline(config, cache or Cache.disabled(), **options)  # type: ignore[arg-type]


def post(site: Path) -> dict[str, object]:
    return {"post_path": site / "content/posts/post.md", "post_rel": "content/posts/post.md"}


def test_hero_relative_to_the_post(site: Path) -> None:
    hero = pipeline(site).request_hero("./x.png", line=3, alt="A view", **post(site))  # type: ignore[arg-type]
    assert hero.width == 1500 and hero.height == 844
    assert hero.alt == "A view"
    assert hero.sizes == HERO_SIZES
    first, second = hero.srcset.split(", ")
    assert first.startswith("/_astro/x.") and first.endswith(".750.webp 750w")
    assert second == f"{hero.src} 1500w"
    assert hero.src.startswith("/_astro/x.") and hero.src.endswith(".1500.webp")
    hash8 = hero.src.split(".")[1]
    assert len(hash8) == 8 and all(c in "0123456789abcdef" for c in hash8)
    if HAS_AVIF:
        (avif,) = hero.sources
        assert avif.type == "image/avif"
        assert avif.srcset.endswith(".1500.avif 1500w")
    else:
        assert hero.sources == ()


def test_hero_from_static_and_from_assets(site: Path) -> None:
    images = pipeline(site)
    small = images.request_hero("/small.webp", line=None, alt="", **post(site))  # type: ignore[arg-type]
    assert (small.width, small.height) == (400, 300)
    assert small.srcset == f"{small.src} 400w"  # never upscaled, one width left
    cover = images.request_hero("../../assets/cover.jpg", line=None, alt="", **post(site))  # type: ignore[arg-type]
    assert (cover.width, cover.height) == (1200, 800)
    assert [entry.split()[-1] for entry in cover.srcset.split(", ")] == ["750w", "1200w"]


def test_base_path_prefixes_urls(site: Path) -> None:
    images = ImagePipeline(Config(root=site, base="/blog/"), Cache.disabled())
    hero = images.request_hero("x.png", line=None, alt="", **post(site))  # type: ignore[arg-type]
    assert hero.src.startswith("/blog/_astro/x.")


def test_remote_hero_is_left_alone(site: Path) -> None:
    images = pipeline(site)
    hero = images.request_hero("https://cdn.example/h.png", line=1, alt="r", **post(site))  # type: ignore[arg-type]
    assert (hero.src, hero.width, hero.height, hero.srcset) == (
        "https://cdn.example/h.png",
        0,
        0,
        "",
    )
    assert images.planned_files() == []


def test_missing_hero_names_post_line_and_static_path(site: Path) -> None:
    with pytest.raises(ContentError) as caught:
        pipeline(site).request_hero("/x.webp", line=4, alt="", **post(site))  # type: ignore[arg-type]
    assert str(caught.value) == (
        "content/posts/post.md:4: heroImage: image file not found: static/x.webp"
    )


def test_corrupt_image_reports_pillow_reason(site: Path) -> None:
    with pytest.raises(ContentError) as caught:
        pipeline(site).request_hero("./broken.png", line=2, alt="", **post(site))  # type: ignore[arg-type]
    message = str(caught.value)
    assert message.startswith(
        "content/posts/post.md:2: heroImage: cannot read image content/posts/broken.png: "
    )
    assert "cannot identify image file" in message
    assert str(site) not in message  # the user's site-relative path, not the machine's


def test_path_outside_the_site_is_refused_and_never_read(site: Path) -> None:
    outside = site.parent / "secret.png"
    photo(10, 10).save(outside)
    with pytest.raises(ContentError, match="outside the site folder"):
        pipeline(site).request_hero("../../../secret.png", line=1, alt="", **post(site))  # type: ignore[arg-type]
    with pytest.raises(ContentError, match="outside the site folder"):
        pipeline(site).request_inline("../../../../../../etc/passwd", line=1, **post(site))  # type: ignore[arg-type]


def test_symlink_escaping_the_site_is_refused(site: Path) -> None:
    outside = site.parent / "elsewhere.png"
    photo(10, 10).save(outside)
    (site / "content/posts/link.png").symlink_to(outside)
    with pytest.raises(ContentError, match="outside the site folder"):
        pipeline(site).request_inline("link.png", line=1, **post(site))  # type: ignore[arg-type]


def test_inline_keeps_original_size_attributes(site: Path) -> None:
    images = pipeline(site)
    attributes = images.request_inline("./x.png", line=7, **post(site))  # type: ignore[arg-type]
    assert attributes is not None
    assert list(attributes) == ["loading", "decoding", "width", "height", "src"]
    assert attributes["loading"] == "lazy" and attributes["decoding"] == "async"
    assert (attributes["width"], attributes["height"]) == ("1600", "900")
    assert attributes["src"].endswith(".1500.webp")


@pytest.mark.parametrize("src", ["/x.webp", "https://example.com/r.png", "//cdn/x.png", ""])
def test_inline_leaves_public_and_remote_images_as_written(site: Path, src: str) -> None:
    images = pipeline(site)
    assert images.request_inline(src, line=1, **post(site)) is None  # type: ignore[arg-type]
    assert images.planned_files() == []


def test_missing_inline_image_names_post_and_line(site: Path) -> None:
    with pytest.raises(ContentError) as caught:
        pipeline(site).request_inline("gone.png", line=12, **post(site))  # type: ignore[arg-type]
    assert (
        str(caught.value)
        == "content/posts/post.md:12: image file not found: content/posts/gone.png"
    )


@pytest.mark.parametrize("name", ["rotated.jpg", "rotated.png"])
def test_exif_rotation_swaps_reported_and_encoded_size(
    site: Path, tmp_path: Path, name: str
) -> None:
    stored = photo(300, 100)
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90° clockwise when displayed
    stored.save(site / "content/posts" / name, exif=exif.tobytes())
    images = pipeline(site)
    attributes = images.request_inline(name, line=1, **post(site))  # type: ignore[arg-type]
    assert attributes is not None
    assert (attributes["width"], attributes["height"]) == ("100", "300")
    images.process(tmp_path / "out", workers=1)
    written = tmp_path / "out" / attributes["src"].lstrip("/")
    with Image.open(written) as image:
        assert image.size == (100, 300)
        assert not image.getexif()  # metadata stripped


def test_process_writes_every_variant_and_cache_skips_reencoding(
    site: Path, tmp_path: Path
) -> None:
    cache = Cache(tmp_path / "cache")
    first = pipeline(site, cache)
    hero = first.request_hero("x.png", line=None, alt="", **post(site))  # type: ignore[arg-type]
    stats = first.process(tmp_path / "out1", workers=2)
    expected = 4 if HAS_AVIF else 2
    assert (stats.encoded, stats.from_cache) == (expected, 0)
    files = first.planned_files()
    assert len(files) == expected
    for name in files:
        assert (tmp_path / "out1" / name).stat().st_size > 0
    with Image.open(tmp_path / "out1" / hero.src.lstrip("/")) as image:
        assert image.format == "WEBP" and image.size == (1500, 844)

    second = pipeline(site, cache)
    assert second.request_hero("x.png", line=None, alt="", **post(site)) == hero  # type: ignore[arg-type]
    again = second.process(tmp_path / "out2", workers=2)
    assert (again.encoded, again.from_cache) == (0, expected)
    for name in files:
        assert (tmp_path / "out2" / name).read_bytes() == (tmp_path / "out1" / name).read_bytes()


def test_same_source_from_two_posts_is_encoded_once(site: Path, tmp_path: Path) -> None:
    other = site / "content" / "other.md"
    other.write_text("x", encoding="utf-8")
    images = pipeline(site)
    a = images.request_hero("./x.png", line=1, alt="a", **post(site))  # type: ignore[arg-type]
    b = images.request_hero(
        "posts/x.png", post_path=other, post_rel="content/other.md", line=1, alt="b"
    )
    assert a.src == b.src
    inline = images.request_inline("x.png", line=5, **post(site))  # type: ignore[arg-type]
    assert inline is not None and inline["src"] == a.src
    stats = images.process(tmp_path / "out", workers=1)
    assert stats.encoded == (4 if HAS_AVIF else 2)


def test_edited_image_gets_a_new_name(site: Path) -> None:
    before = pipeline(site).request_hero("x.png", line=None, alt="", **post(site))  # type: ignore[arg-type]
    photo(1600, 900).rotate(180).save(site / "content/posts/x.png")
    after = pipeline(site).request_hero("x.png", line=None, alt="", **post(site))  # type: ignore[arg-type]
    assert before.src != after.src
    assert before.src.split(".")[-2:] == after.src.split(".")[-2:]  # same width and format


def test_alpha_is_kept(site: Path, tmp_path: Path) -> None:
    photo(200, 100, "RGBA").save(site / "content/posts/alpha.png")
    images = pipeline(site)
    hero = images.request_hero("alpha.png", line=None, alt="", **post(site))  # type: ignore[arg-type]
    images.process(tmp_path / "out", workers=1)
    outputs = [hero.src] + [s.srcset.split()[0] for s in hero.sources]
    for url in outputs:
        with Image.open(tmp_path / "out" / url.lstrip("/")) as image:
            assert image.mode == "RGBA"
            assert image.getpixel((100, 0))[3] < 20  # transparent top row survives


def test_thread_and_process_pools_give_identical_bytes(site: Path, tmp_path: Path) -> None:
    outputs = {}
    for pool in ("thread", "process"):
        images = pipeline(site, pool=pool)
        images.request_hero("x.png", line=None, alt="", **post(site))  # type: ignore[arg-type]
        images.process(tmp_path / pool, workers=2)
        outputs[pool] = {
            name: (tmp_path / pool / name).read_bytes() for name in images.planned_files()
        }
    assert outputs["thread"] == outputs["process"]


def test_no_requests_means_no_output_folder(site: Path, tmp_path: Path) -> None:
    stats = pipeline(site).process(tmp_path / "out")
    assert (stats.encoded, stats.from_cache) == (0, 0)
    assert not (tmp_path / "out" / "_astro").exists()


def test_webp_only_heroes_when_configured(site: Path) -> None:
    images = ImagePipeline(Config(root=site, image_formats=("webp",)), Cache.disabled())
    hero = images.request_hero("./x.png", line=3, alt="A view", **post(site))  # type: ignore[arg-type]
    assert hero.sources == () and hero.src.endswith(".1500.webp")
    planned = sorted(name.split(".", 2)[-1] for name in images.planned_files())
    assert planned == ["1500.webp", "750.webp"]


def test_formats_of_one_size_encoded_together_give_the_same_bytes(site: Path) -> None:
    formats = ("webp", "avif") if HAS_AVIF else ("webp",)
    jobs = [EncodeJob(str(site / "content/posts/x.png"), 750, 422, f) for f in formats]
    assert encode_sizes(jobs) == [encode_variant(job) for job in jobs]
    with pytest.raises(ValueError):
        encode_sizes([jobs[0], EncodeJob(jobs[0].source, 1500, 844, "webp")])


SVG = (
    b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 640 360">'
    b'<rect width="10" height="10"/></svg>\n'
)


def test_an_svg_hero_is_published_as_it_is(site: Path, tmp_path: Path) -> None:
    (site / "static" / "diagram.svg").write_bytes(SVG)
    images = pipeline(site)
    hero = images.request_hero("/diagram.svg", line=4, alt="A diagram", **post(site))  # type: ignore[arg-type]
    assert hero.src.startswith("/_astro/diagram.") and hero.src.endswith(".svg")
    assert (hero.width, hero.height) == (640, 360)
    assert (hero.srcset, hero.sources) == ("", ())
    stats = images.process(tmp_path / "out", workers=2)
    assert stats.encoded == 0
    assert (tmp_path / "out" / hero.src.lstrip("/")).read_bytes() == SVG


def test_an_inline_svg_keeps_its_size_and_is_copied(site: Path) -> None:
    (site / "content/posts/figure.svg").write_bytes(
        SVG.replace(b"viewBox", b'width="320px" height="180" viewBox')
    )
    attributes = pipeline(site).request_inline("./figure.svg", line=5, **post(site))  # type: ignore[arg-type]
    assert attributes is not None and attributes["src"].endswith(".svg")
    assert (attributes["width"], attributes["height"]) == ("320", "180")


def test_an_inline_svg_sized_in_millimetres_gets_css_pixels(site: Path) -> None:
    (site / "content/posts/figure.svg").write_bytes(
        SVG.replace(b"viewBox", b'width="50mm" height="25mm" viewBox')
    )
    attributes = pipeline(site).request_inline("./figure.svg", line=5, **post(site))  # type: ignore[arg-type]
    assert attributes is not None
    assert (attributes["width"], attributes["height"]) == ("189", "94")


@pytest.mark.parametrize(
    ("root", "size"),
    [
        ('<svg width="100" height="50">', (100, 50)),
        ("<svg width='12.6px' height='7.4px'>", (13, 7)),
        ('<svg width="50mm" height="25.4mm">', (189, 96)),  # Astro: 96 px per inch
        ('<svg width="1in" height="2cm">', (96, 76)),
        ('<svg width="3em" height="2em">', (0, 0)),  # relative: never a wrong size
        ('<svg width="100%" height="100%" viewBox="0 0 300 200">', (300, 200)),
        ('<svg viewBox="0,0,30,20">', (30, 20)),
        ("<svg>", (0, 0)),
        ('<svg viewBox="0 0 -3 2">', (0, 0)),
        # absolute CSS units, in CSS px (96 per inch), as Astro's image-size converts them
        ('<svg width="50mm" height="30mm" viewBox="0 0 50000 30000">', (189, 113)),
        ('<svg width="1in" height="2cm">', (96, 76)),
        ('<svg width="10pt" height="12pc">', (13, 1)),  # image-size's pica: 96/72/12 px
        ('<svg width="120" viewBox="0 0 300 200">', (120, 80)),  # the other side from the box
        ('<svg height="90" viewBox="0 0 300 200">', (135, 90)),
        # a length relative to the page: no size at all rather than a wrong one
        ('<svg width="2em" height="1em" viewBox="0 0 20 10">', (0, 0)),
        ('<svg width="50vw" height="10" viewBox="0 0 20 10">', (0, 0)),
    ],
)
def test_svg_size_from_attributes_or_view_box(root: str, size: tuple[int, int]) -> None:
    assert svg_size(root) == size


def test_a_file_named_svg_without_an_svg_element_is_an_error(site: Path) -> None:
    (site / "static" / "fake.svg").write_text("not an image", encoding="utf-8")
    with pytest.raises(ContentError, match=r"cannot read image static/fake.svg: no <svg> element"):
        pipeline(site).request_hero("/fake.svg", line=2, alt="", **post(site))  # type: ignore[arg-type]

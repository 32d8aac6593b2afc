"""Encoding one image variant with Pillow: the slow half of the image pipeline.

Kept apart from `images.pipeline` (which only plans variants) so that worker processes import
nothing but Pillow and this module. `encode_variant` is a pure function of the source file and
the job: the same job always gives the same bytes, which is what makes caching its output safe.
"""

from __future__ import annotations

import errno
import io
from dataclasses import dataclass

from PIL import Image, ImageCms, ImageOps

# Options are part of every cache key and every output name: change one and URLs change too.
# AVIF speed 8, not libavif's 6: on the benchmark heroes (1500 px) it encodes 3.6x faster
# (0.17 s vs 0.61 s) for a file 0.4 % smaller at the same quality setting; speed 9 is faster
# still but 3 % larger.
WEBP_OPTIONS = {"quality": 80, "method": 4}
AVIF_OPTIONS = {"quality": 60, "speed": 8}
FORMAT_OPTIONS = {"webp": WEBP_OPTIONS, "avif": AVIF_OPTIONS}
MIME_TYPES = {"webp": "image/webp", "avif": "image/avif"}
_SRGB = ImageCms.createProfile("sRGB")


@dataclass(frozen=True)
class EncodeJob:
    """One output file to produce: the source, the size, the format (its options are fixed)."""

    source: str  # absolute path of the source image
    width: int
    height: int
    format: str  # "webp" or "avif"


def options_label(image_format: str) -> str:
    """A stable text form of a format's encoder options, for hashes and cache keys."""
    options = FORMAT_OPTIONS[image_format]
    return image_format + "".join(f";{k}={options[k]}" for k in sorted(options))


def encode_variant(job: EncodeJob, avif_threads: int = 1) -> bytes:
    """One variant: see `encode_sizes`."""
    return encode_sizes([job], avif_threads)[0]


def encode_sizes(jobs: list[EncodeJob], avif_threads: int = 1) -> list[bytes]:
    """Variants of one source at one size, in several formats: read, fix orientation and
    colour, and resize once (resizing is a third of a hero's cost), then encode each format;
    metadata is not copied. The bytes of each are what `encode_variant` alone would give.

    `avif_threads` is libavif's own thread count. It stays 1: a pool already keeps every core
    busy, and libavif's output bytes depend on its thread count, so a fixed count keeps the
    bytes (and therefore builds) reproducible from one machine to another.
    """
    first = jobs[0]
    if any(
        (j.source, j.width, j.height) != (first.source, first.width, first.height) for j in jobs
    ):
        raise ValueError("encode_sizes takes jobs of one source at one size")
    try:
        with Image.open(first.source) as opened:
            opened.seek(0)
            image = ImageOps.exif_transpose(opened)
            image = to_srgb(image)
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError, Warning) as error:
        # Only the header was read when the image was planned: a file cut short (a truncated
        # JPEG or PNG) fails here. An OSError naming the file crosses the process pool and
        # becomes `file: cannot decode the image: why` at the build's error boundary.
        reason = getattr(error, "strerror", None) or str(error) or type(error).__name__
        raise OSError(errno.EINVAL, f"cannot decode the image: {reason}", first.source) from None
    if image.size != (first.width, first.height):
        image = image.resize(
            (first.width, first.height), Image.Resampling.LANCZOS, reducing_gap=3.0
        )
    image.info = {}  # strip EXIF, XMP and ICC: the pixels are sRGB now
    encoded = []
    for job in jobs:
        buffer = io.BytesIO()
        if job.format == "webp":
            image.save(buffer, "WEBP", **WEBP_OPTIONS)
        elif job.format == "avif":
            image.save(buffer, "AVIF", max_threads=avif_threads, **AVIF_OPTIONS)
        else:
            raise ValueError(f"unknown image format {job.format!r}")
        encoded.append(buffer.getvalue())
    return encoded


def to_srgb(image: Image.Image) -> Image.Image:
    """RGB or RGBA pixels in sRGB: embedded ICC profiles (Display P3, Adobe RGB, CMYK) applied.

    Browsers assume sRGB for untagged images, and the outputs carry no profile, so colours of a
    tagged photo would shift if its pixels were copied unconverted.
    """
    has_alpha = image.mode in ("RGBA", "LA", "PA") or (
        image.mode == "P" and "transparency" in image.info
    )
    target_mode = "RGBA" if has_alpha else "RGB"
    icc = image.info.get("icc_profile")
    if icc:
        try:
            source_profile = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            if image.mode not in ("RGB", "RGBA", "CMYK", "L", "LAB"):
                image = image.convert(target_mode)
            converted = ImageCms.profileToProfile(
                image, source_profile, _SRGB, outputMode="RGBA" if has_alpha else "RGB"
            )
            if converted is not None:
                return converted
        except (ImageCms.PyCMSError, OSError, ValueError):
            pass  # a broken profile: keep the pixels as they are rather than fail the build
    return image if image.mode == target_mode else image.convert(target_mode)

"""Small facts read off a source image: its EXIF orientation, whether its path is remote, and
the height of a resized variant."""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Protocol

from PIL import Image, UnidentifiedImageError

IMAGE_ERRORS = (
    UnidentifiedImageError,
    Image.DecompressionBombError,
    Image.DecompressionBombWarning,
    OSError,
    ValueError,
)

ROTATED_ORIENTATIONS = {5, 6, 7, 8}  # EXIF orientations that swap width and height
EXIF_ORIENTATION = 0x0112


def open_image(path: Path) -> Image.Image:
    """`Image.open`, with Pillow's DecompressionBombWarning raised instead of printed.

    Pillow warns (raw on stderr, naming Pillow's own file and line) for images of 89-179
    million pixels and raises above: both become one placed error in the caller, since a
    blog image that large is a mistake or an attack, and a raw warning names no post.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        return Image.open(path)


class SizedImage(Protocol):
    width: int
    height: int


def exif_orientation(image: Image.Image, data: bytes) -> int:
    """The EXIF orientation tag (1 = as stored).

    A PNG keeps EXIF in an `eXIf` chunk that may follow the pixels, so Pillow decodes the whole
    image to look for it; when the bytes hold no such chunk that decode (~30 ms) is skipped.
    """
    if image.format == "PNG" and b"eXIf" not in data:
        return 1
    return int(image.getexif().get(EXIF_ORIENTATION, 1))


def is_remote(src: str) -> bool:
    return src.startswith(("http://", "https://", "//"))


def scaled_height(source: SizedImage, width: int) -> int:
    return max(1, round(source.height * width / source.width))

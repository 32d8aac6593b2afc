"""Colour: an image tagged with an ICC profile is converted to sRGB, and the profile dropped
(browsers assume sRGB for the untagged variants blogforge writes)."""

from __future__ import annotations

import struct
from pathlib import Path

from PIL import Image

from blogforge.images.encode import EncodeJob, encode_variant


def icc_profile_with_red_and_blue_swapped() -> bytes:
    """A minimal ICC v2 RGB matrix profile whose red primary is sRGB's blue and vice versa."""

    def s15(value: float) -> bytes:
        return struct.pack(">i", round(value * 65536))

    def xyz(x: float, y: float, z: float) -> bytes:
        return b"XYZ " + b"\0" * 4 + s15(x) + s15(y) + s15(z)

    red, green, blue = (0.4361, 0.2225, 0.0139), (0.3851, 0.7169, 0.0971), (0.1431, 0.0606, 0.7141)
    text = b"swapped\0"
    desc = b"desc" + b"\0" * 4 + struct.pack(">I", len(text)) + text + b"\0" * 78
    curve = b"curv" + b"\0" * 4 + struct.pack(">IH", 1, 0x0233) + b"\0\0"
    tags = [
        (b"desc", desc),
        (b"wtpt", xyz(0.9642, 1.0, 0.8249)),
        (b"rXYZ", xyz(*blue)),
        (b"gXYZ", xyz(*green)),
        (b"bXYZ", xyz(*red)),
        (b"rTRC", curve),
        (b"gTRC", curve),
        (b"bTRC", curve),
    ]
    offset = 128 + 4 + 12 * len(tags)
    table, body = b"", b""
    for signature, data in tags:
        data += b"\0" * (-len(data) % 4)
        table += signature + struct.pack(">II", offset + len(body), len(data))
        body += data
    header = struct.pack(">I", offset + len(body)) + b"\0" * 4 + struct.pack(">I", 0x02100000)
    header += b"mntrRGB XYZ " + b"\0" * 12 + b"acsp" + b"\0" * 28
    header += s15(0.9642) + s15(1.0) + s15(0.8249)
    header += b"\0" * (128 - len(header))
    return header + struct.pack(">I", len(tags)) + table + body


def test_icc_profile_is_converted_to_srgb_and_stripped(tmp_path: Path) -> None:
    source = tmp_path / "tagged.png"
    Image.new("RGB", (64, 32), (255, 0, 0)).save(
        source, icc_profile=icc_profile_with_red_and_blue_swapped()
    )
    data = encode_variant(EncodeJob(str(source), 64, 32, "webp"))
    out = tmp_path / "out.webp"
    out.write_bytes(data)
    with Image.open(out) as image:
        assert "icc_profile" not in image.info
        red, green, blue = image.convert("RGB").getpixel((32, 16))  # type: ignore[misc]
    assert blue > 200 and red < 60 and green < 60

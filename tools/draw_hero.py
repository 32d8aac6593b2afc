"""Draw the example blog's images with Pillow: our own artwork, reproducible from this script.

- static/post_img.webp: the seed post's hero, an abstract squeeze-and-excitation block
  (feature maps -> squeeze to one value per channel -> excitation weights -> rescaled maps).
- content/posts/images-in-posts/figure.png: the figure beside the images post.

Run: python3 tools/draw_hero.py
"""

from __future__ import annotations

import colorsys
import math
from pathlib import Path

from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parents[1]
WIDTH, HEIGHT = 1600, 900


def channel_colour(index: int, count: int, lightness: float = 0.58) -> tuple[int, int, int]:
    red, green, blue = colorsys.hls_to_rgb(0.55 + 0.35 * index / count, lightness, 0.65)
    return int(red * 255), int(green * 255), int(blue * 255)


def gradient_background(draw: ImageDraw.ImageDraw) -> None:
    for y in range(HEIGHT):
        t = y / HEIGHT
        draw.line([(0, y), (WIDTH, y)], fill=(int(14 + 10 * t), int(20 + 14 * t), int(38 + 30 * t)))


def feature_stack(draw: ImageDraw.ImageDraw, x: int, y: int, weights: list[float]) -> None:
    """A stack of channel feature maps, each tinted, drawn back to front."""
    count = len(weights)
    for index in reversed(range(count)):
        offset = index * 22
        left, top = x + offset, y - offset
        colour = channel_colour(index, count, 0.35 + 0.35 * weights[index])
        draw.rounded_rectangle(
            [left, top, left + 260, top + 260], 18, fill=colour, outline=(230, 236, 255), width=3
        )
        for row in range(4):
            for col in range(4):
                shade = 0.5 + 0.5 * math.sin(index + row * 1.3 + col * 0.7)
                cell = tuple(min(255, int(c * (0.75 + 0.35 * shade))) for c in colour)
                draw.rectangle(
                    [
                        left + 22 + col * 56,
                        top + 22 + row * 56,
                        left + 66 + col * 56,
                        top + 66 + row * 56,
                    ],
                    fill=cell,
                )


def arrow(draw: ImageDraw.ImageDraw, start: tuple[int, int], end: tuple[int, int]) -> None:
    draw.line([start, end], fill=(235, 240, 255), width=8)
    ex, ey = end
    draw.polygon([(ex, ey), (ex - 30, ey - 18), (ex - 30, ey + 18)], fill=(235, 240, 255))


def draw_hero() -> Image.Image:
    image = Image.new("RGB", (WIDTH, HEIGHT))
    draw = ImageDraw.Draw(image)
    gradient_background(draw)
    channels = 6
    weights = [0.9, 0.3, 0.7, 0.15, 0.55, 1.0]
    feature_stack(draw, 110, 390, [0.6] * channels)
    arrow(draw, (520, 520), (640, 520))
    for index in range(channels):  # squeeze: one value per channel
        cy = 300 + index * 80
        draw.ellipse([680, cy, 740, cy + 60], fill=channel_colour(index, channels))
    arrow(draw, (770, 520), (880, 520))
    for index, weight in enumerate(weights):  # excitation: a weight per channel
        cy = 300 + index * 80
        draw.rounded_rectangle(
            [910, cy + 10, 910 + int(200 * weight), cy + 50],
            12,
            fill=channel_colour(index, channels, 0.65),
        )
    arrow(draw, (1120, 520), (1160, 520))
    feature_stack(draw, 1185, 390, weights)
    return image


def draw_figure() -> Image.Image:
    """A small chart: channel weights before and after excitation."""
    image = Image.new("RGB", (1200, 675), (250, 250, 247))
    draw = ImageDraw.Draw(image)
    draw.line([(90, 600), (1140, 600)], fill=(60, 60, 60), width=3)
    draw.line([(90, 60), (90, 600)], fill=(60, 60, 60), width=3)
    weights = [0.9, 0.3, 0.7, 0.15, 0.55, 1.0, 0.45, 0.8]
    for index, weight in enumerate(weights):
        left = 140 + index * 125
        draw.rectangle([left, 600 - 250, left + 45, 599], fill=(170, 180, 195))
        draw.rectangle(
            [left + 50, 600 - int(500 * weight), left + 95, 599],
            fill=channel_colour(index, len(weights), 0.5),
        )
    return image


def main() -> None:
    hero = ROOT / "static" / "post_img.webp"
    draw_hero().save(hero, "WEBP", quality=82, method=6)
    figure = ROOT / "content" / "posts" / "images-in-posts" / "figure.png"
    draw_figure().save(figure, "PNG", optimize=True)
    print(f"wrote {hero.relative_to(ROOT)} and {figure.relative_to(ROOT)}")


if __name__ == "__main__":
    main()

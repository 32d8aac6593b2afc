"""How lists are cut into pages: where page n lives, how many pages, which numbers a bar shows."""

from __future__ import annotations


def list_page_path(prefix: str, number: int) -> str:
    """Page 1 of a list lives at its prefix, page n at `<prefix>n/` (Astro's [...page] routes)."""
    return prefix if number == 1 else f"{prefix}{number}/"


def page_count(count: int, size: int) -> int:
    return max(1, -(-count // size))


def page_window(current: int, total: int, radius: int = 2) -> list[int]:
    """Page numbers a pagination bar shows: the first, the last, `radius` either side of the
    current one, and 0 where numbers are left out (shown as an ellipsis).

    Listing every page would make each page of a 10 000-post archive link all 1 000 others: the
    site would grow with the square of its size.
    """
    shown = sorted({1, total, *range(max(1, current - radius), min(total, current + radius) + 1)})
    window: list[int] = []
    for number in shown:
        if window and number - window[-1] == 2:
            window.append(number - 1)  # a gap of one page: show the page, not an ellipsis
        elif window and number - window[-1] > 2:
            window.append(0)
        window.append(number)
    return window

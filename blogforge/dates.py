"""Dates as JavaScript's `new Date(value)` reads them (Astro's `z.coerce.date()`).

- YAML dates/timestamps (unquoted `2022-09-10`) are UTC, as js-yaml gives them.
- ISO date-only strings (`2022-09-10`) are UTC midnight; ISO date-times honour `Z` or an offset
  (`+08`, `+0800`, `+08:00`) and are local time without one.
- V8's other forms ("Sep 10 2022", "Sept 10, 2022", "FEB 2025", "11 Oct 2023", "2022/09/10",
  "Sat, 10 Sep 2022 00:00:00 GMT") are local midnight unless they carry a zone.
"Local" is the configured time zone (default UTC), never the machine's, so builds are reproducible.

Where V8 is lenient in a way that hides a typo we refuse instead, with a clear error: a day past
the end of its month ("Sept 31 2022", "2023-02-30": V8 rolls them into the next month), a bare
number (`pubDate: 2022` is milliseconds since 1970 for JavaScript) and a year 0000.
"""

from __future__ import annotations

import calendar
import re
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo

EXPECTED = 'a date such as 2024-01-31, "2024-01-31T09:30:00+01:00" or "Jan 31 2024"'

ISO = re.compile(
    r"(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})"
    r"(?:[T ](?P<hour>\d{2}):(?P<minute>\d{2})(?::(?P<second>\d{2})(?:\.(?P<fraction>\d{1,9}))?)?"
    r"\s*(?P<zone>Z|[+-]\d{2}(?::?\d{2})?)?)?",
    re.IGNORECASE,
)
MONTHS = {name: number for number, name in enumerate(calendar.month_abbr) if name}
MONTHS = {name.lower(): number for name, number in MONTHS.items()}
WEEKDAYS = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"}
LEGACY_TOKEN = re.compile(
    r"(?P<time>\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)"
    r"|(?P<offset>[+-]\d{2}:?\d{2})"
    r"|(?P<number>\d+)"
    r"|(?P<word>[A-Za-z]+\.?)"
    r"|(?P<separator>[\s,/.\-]+)"
)


class DateError(ValueError):
    """A value that is not a date; the message says what was expected."""


def parse_date(value: object, local: tzinfo = UTC) -> datetime:
    """An aware datetime for a frontmatter value, or DateError."""
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day, tzinfo=UTC)
    if isinstance(value, int | float):  # bool is an int too
        raise DateError(f"expected {EXPECTED}, got the number {value!r}")
    if not isinstance(value, str):
        raise DateError(f"expected {EXPECTED}, got {type(value).__name__}")
    text = value.strip()
    if not text:
        raise DateError(f"expected {EXPECTED}, got an empty string")
    match = ISO.fullmatch(text)
    if match:
        return from_iso(match, local, text)
    return from_legacy(text, local)


def checked(year: int, month: int, day: int, text: str) -> tuple[int, int, int]:
    if year == 0 or not 1 <= month <= 12:
        raise DateError(f"expected {EXPECTED}, got {text!r} (no such month or year)")
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        raise DateError(
            f"expected {EXPECTED}, got {text!r} "
            f"({calendar.month_name[month]} {year} has {last} days)"
        )
    return year, month, day


def zone_of(offset: str) -> tzinfo:
    if offset.upper() in ("Z", "GMT", "UTC", "UT"):
        return UTC
    sign = -1 if offset[0] == "-" else 1
    digits = offset[1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:4] or 0)
    if hours > 23 or minutes > 59:
        raise DateError(f"expected a time zone offset such as +01:00, got {offset!r}")
    return timezone(sign * timedelta(hours=hours, minutes=minutes))


def from_iso(match: re.Match[str], local: tzinfo, text: str) -> datetime:
    year, month, day = checked(int(match["year"]), int(match["month"]), int(match["day"]), text)
    if match["hour"] is None:
        return datetime(year, month, day, tzinfo=UTC)  # date-only ISO is UTC in JavaScript
    hour, minute = int(match["hour"]), int(match["minute"])
    second = int(match["second"] or 0)
    micro = int((match["fraction"] or "0").ljust(6, "0")[:6])
    if hour > 24 or minute > 59 or second > 59 or (hour == 24 and (minute or second or micro)):
        raise DateError(f"expected {EXPECTED}, got {text!r} (no such time)")
    zone = zone_of(match["zone"]) if match["zone"] else local
    extra = timedelta(days=1) if hour == 24 else timedelta()
    return datetime(year, month, day, hour % 24, minute, second, micro, tzinfo=zone) + extra


def from_legacy(text: str, local: tzinfo) -> datetime:
    """V8's fallback parser, for the forms bloggers write: month names, slashes, RFC 2822."""
    if re.match(r"\d{4}-\d", text):
        raise DateError(f"expected {EXPECTED}, got {text!r} (not a valid ISO date)")
    numbers: list[int] = []
    month: int | None = None
    clock: list[int] = [0, 0, 0]
    zone: tzinfo | None = None
    meridiem: str | None = None
    position = 0
    while position < len(text):
        token = LEGACY_TOKEN.match(text, position)
        if token is None:
            raise DateError(f"expected {EXPECTED}, got {text!r}")
        position = token.end()
        if token["time"]:
            parts = token["time"].split(":")
            clock = [int(parts[0]), int(parts[1]), int(float(parts[2])) if len(parts) > 2 else 0]
        elif token["offset"]:
            zone = zone_of(token["offset"])
        elif token["number"]:
            numbers.append(int(token["number"]))
        elif token["word"]:
            word = token["word"].rstrip(".").lower()
            if word[:3] in MONTHS and month is None and len(word) >= 3:
                month = MONTHS[word[:3]]
            elif word[:3] in WEEKDAYS and len(word) >= 3:
                continue
            elif word in ("gmt", "utc", "ut", "z"):
                zone = UTC
            elif word in ("am", "pm"):
                meridiem = word
            else:
                raise DateError(f"expected {EXPECTED}, got {text!r} (unknown word {word!r})")
    year, month, day = legacy_fields(numbers, month, text)
    hour, minute, second = clock
    if meridiem == "pm" and hour < 12:
        hour += 12
    elif meridiem == "am" and hour == 12:
        hour = 0
    if hour > 23 or minute > 59 or second > 59:
        raise DateError(f"expected {EXPECTED}, got {text!r} (no such time)")
    year, month, day = checked(year, month, day, text)
    return datetime(year, month, day, hour, minute, second, tzinfo=zone or local)


def legacy_fields(numbers: list[int], month: int | None, text: str) -> tuple[int, int, int]:
    """Year, month and day from the numbers around an optional month name."""
    if month is not None:
        if len(numbers) == 1:  # "FEB 2025": the first of the month
            return numbers[0], month, 1
        if len(numbers) == 2:
            first, second = numbers
            year, day = (first, second) if first > 31 else (second, first)
            return year, month, day
    elif len(numbers) == 3:
        first, second, third = numbers
        if first > 31:  # 2022/09/10
            return first, second, third
        return third, first, second  # 09/10/2022 is month/day/year for V8
    raise DateError(f"expected {EXPECTED}, got {text!r}")

"""Dates as JavaScript's `new Date(value)` reads them, which is what Astro's `z.coerce.date()` does.

Measured on V8 (Node 20) and reproduced here:
- YAML dates and timestamps (unquoted `2022-09-10`) are UTC, as js-yaml gives them.
- ISO date-only strings (`2022-09-10`, `2022-09`, `2022`) are UTC midnight; ISO date-times honour
  `Z` or an offset (`+0800`, `+08:00`) and are local time without one.
- Anything else goes through V8's legacy parser: "Sep 10 2022", "Sept 10, 2022", "FEB 2025",
  "11 Oct 2023", "2022/09/10", "2022-9-10", "Sat, 10 Sep 2022 00:00:00 GMT", "September 10, 2022",
  "Sep 10 2022 3:00 pm", "10:00 PST"... are local time unless a zone or offset is given.
"Local" is the configured time zone (default UTC), never the machine's, so builds are reproducible.

Where V8 accepts something that is almost certainly a mistake, we refuse it with a clear error:
- a bare number: `pubDate: 2022` is a YAML integer, which JavaScript reads as 2022 milliseconds
  after 1970;
- a date without a year ("Sep 10", "Sept 31"): V8 silently picks the year 2001;
- a day past the end of its month: V8 checks only 1..31 and rolls the rest over ("Feb 30 2023"
  is March 2, "Sept 31 2022" is October 1, even "2023-02-30" in ISO form), which turns a typo
  into a wrong date; the error message says what JavaScript would have made of it;
- an ISO-looking date with a 3-digit part ("2023-09-009"), which V8 reads as September 9;
- years outside 1..9999, which Python's datetime cannot hold anyway.
We also accept an ISO offset of hours only (`+08`), which V8 rejects: no Astro site can contain it
(Astro would fail), and its meaning is unambiguous.
"""

from __future__ import annotations

import calendar
import re
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo

EXPECTED = 'a date such as 2024-01-31 or "Jan 31 2024"'

# ES5 date-time string format (ECMA-262 21.4.1.32) plus V8's `+hhmm` and our `+hh`.
ES5 = re.compile(
    r"(?P<year>[+-]\d{6}|\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?)?"
    r"(?:T(?P<hour>\d{2}):(?P<minute>\d{2})(?::(?P<second>\d{2})(?:\.(?P<fraction>\d+))?)?"
    r"(?P<zone>Z|[+-]\d{2}(?::?\d{2})?)?)?",
    re.IGNORECASE,
)
# Once V8 has read an ISO date and a `T`, it never falls back to the legacy parser.
ES5_COMMITTED = re.compile(r"(?:[+-]\d{6}|\d{4})(?:-\d{2}(?:-\d{2})?)?T", re.IGNORECASE)
ISO_TYPO = re.compile(r"\d{4}-\d{1,2}-\d{3,}")

MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
ZONE_HOURS = {
    **dict.fromkeys(("ut", "utc", "gmt", "z"), 0),
    "edt": -4,
    "est": -5,
    "cdt": -5,
    "cst": -6,
    "mdt": -6,
    "mst": -7,
    "pdt": -7,
    "pst": -8,
}
# V8's tokenizer: numbers, words, the symbols it knows, whitespace (comma counts), parentheses.
TOKEN = re.compile(
    r"(?P<number>\d+)|(?P<word>[A-Za-z]+)|(?P<symbol>[:\-+.)])"
    r"|(?P<space>[\s,]+)|(?P<comment>\([^)]*\)?)|(?P<other>.)",
    re.DOTALL,
)


class DateError(ValueError):
    """A value that is not a date; the message says what was expected and what was found."""


def parse_date(value: object, tz: tzinfo = UTC) -> datetime:
    """An aware datetime for a frontmatter value, as JavaScript would read it, or DateError.

    `tz` is the zone of "local" times (the site's configured zone, never the machine's).
    """
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day, tzinfo=UTC)
    if isinstance(value, bool):
        raise DateError(f"expected {EXPECTED}, got {'true' if value else 'false'}")
    if isinstance(value, int | float):
        raise DateError(
            f"expected {EXPECTED}, got the number {value!r} "
            "(JavaScript would read it as milliseconds since 1970; quote it if you mean a year)"
        )
    if not isinstance(value, str):
        raise DateError(f"expected {EXPECTED}, got {type(value).__name__}")
    if not value.strip():
        raise DateError(f"expected {EXPECTED}, got an empty string")
    match = ES5.fullmatch(value)
    if match:
        return _from_es5(match, tz, value)
    if ES5_COMMITTED.match(value):
        raise _invalid(value, "not a valid ISO date-time")
    if ISO_TYPO.match(value.strip()):
        raise _invalid(value, "not a valid ISO date: use two digits for month and day")
    return _from_legacy(value, tz)


def _invalid(text: str, why: str = "") -> DateError:
    shown = text if len(text) <= 60 else text[:57] + "..."
    return DateError(f'expected {EXPECTED}, got "{shown}"' + (f" ({why})" if why else ""))


def _build(
    text: str,
    year: int,
    month: int,
    day: int,
    clock: tuple[int, int, int, int],
    zone: tzinfo,
) -> datetime:
    """Compose like V8's MakeDay/MakeTime (hour 24 is the next midnight), minus day roll-over."""
    if year == 0 or not 1 <= month <= 12:
        raise _invalid(text, "no such month or year")
    if not 1 <= year <= 9999:
        raise _invalid(text, f"year {year} is out of range")
    if not 1 <= day <= 31:
        raise _invalid(text, "no such day")
    last = calendar.monthrange(year, month)[1]
    if day > last:
        rolled = date(year, month, last) + timedelta(days=day - last)
        raise _invalid(
            text,
            f"{calendar.month_name[month]} {year} has {last} days; "
            f"JavaScript would silently read {rolled:%B} {rolled.day}",
        )
    hour, minute, second, millisecond = clock
    wall = datetime(year, month, day) + timedelta(
        hours=hour, minutes=minute, seconds=second, milliseconds=millisecond
    )
    return wall.replace(tzinfo=zone)


def _check_clock(text: str, hour: int, minute: int, second: int, millisecond: int) -> None:
    if hour == 24 and minute == second == millisecond == 0:
        return
    if hour > 23 or minute > 59 or second > 59:
        raise _invalid(text, "no such time of day")


def _offset(sign: str, hours: int, minutes: int, text: str) -> tzinfo:
    if hours > 23 or minutes > 59:
        raise _invalid(text, "no such time zone offset")
    delta = timedelta(hours=hours, minutes=minutes)
    return timezone(-delta if sign == "-" else delta)


def _from_es5(match: re.Match[str], tz: tzinfo, text: str) -> datetime:
    year = int(match["year"])
    if match["year"] == "-000000":
        raise _invalid(text, "year -000000 does not exist")
    month, day = int(match["month"] or 1), int(match["day"] or 1)
    if match["hour"] is None:
        return _build(text, year, month, day, (0, 0, 0, 0), UTC)  # date-only ISO is UTC
    hour, minute, second = int(match["hour"]), int(match["minute"]), int(match["second"] or 0)
    millisecond = int((match["fraction"] or "0")[:3].ljust(3, "0"))
    _check_clock(text, hour, minute, second, millisecond)
    zone: tzinfo = tz
    if match["zone"]:
        raw = match["zone"]
        if raw.upper() == "Z":
            zone = UTC
        else:
            digits = raw[1:].replace(":", "")
            zone = _offset(raw[0], int(digits[:2]), int(digits[2:4] or 0), text)
    return _build(text, year, month, day, (hour, minute, second, millisecond), zone)


def _keyword(word: str) -> tuple[str, int] | None:
    """V8's keyword table: the first three letters decide; only month names may be longer."""
    lower = word.lower()
    prefix = lower[:3]
    if prefix in MONTHS:
        return "month", MONTHS.index(prefix) + 1
    if len(lower) > 3:
        return None
    if lower in ("am", "pm"):
        return "ampm", 0 if lower == "am" else 12
    if lower in ZONE_HOURS:
        return "zone", ZONE_HOURS[lower]
    return None


class _Legacy:
    """State of V8's legacy date parser (src/date/dateparser-inl.h), one token at a time."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens = [
            (kind, token)
            for found in TOKEN.finditer(text)
            for kind, token in found.groupdict().items()
            if token is not None
        ]
        self.position = 0
        self.day: list[int] = []
        self.named_month: int | None = None
        self.time: list[int] = []
        self.time_final = False
        self.hour_offset: int | None = None
        self.zone_sign: str | None = None
        self.zone_hour: int | None = None
        self.zone_minute: int | None = None
        self.ignored = ""

    def peek(self) -> tuple[str, str]:
        return self.tokens[self.position] if self.position < len(self.tokens) else ("end", "")

    def next(self) -> tuple[str, str]:
        token = self.peek()
        self.position += 1
        return token

    def skip_symbol(self, symbol: str) -> bool:
        if self.peek() == ("symbol", symbol):
            self.position += 1
            return True
        return False

    def time_add(self, n: int) -> None:
        if len(self.time) >= 4 or self.time_final:
            raise _invalid(self.text)
        self.time.append(n)

    def time_expecting(self, n: int) -> bool:
        index = len(self.time)
        if self.time_final:
            return False
        return (index == 1 and n < 60) or (index == 2 and n < 60) or (index == 3 and n < 1000)

    def zone_is_utc(self) -> bool:
        return self.zone_hour == 0 and self.zone_minute in (0, None) and self.zone_sign is None

    def zone_expecting(self, n: int) -> bool:
        return self.zone_hour is not None and self.zone_minute is None and n < 60

    def parse(self) -> None:
        has_read_number = False
        while self.peek()[0] != "end":
            kind, token = self.next()
            if kind == "number":
                has_read_number = True
                self.number(int(token))
            elif kind == "word":
                found = _keyword(token)
                if found and found[0] == "ampm" and self.time:
                    self.hour_offset = found[1]
                elif found and found[0] == "month":
                    self.named_month = found[1]
                    self.skip_symbol("-")
                elif found and found[0] == "zone" and has_read_number:
                    self.zone_sign, self.zone_hour, self.zone_minute = None, found[1], 0
                    if found[1]:
                        self.zone_sign = "-" if found[1] < 0 else "+"
                        self.zone_hour = abs(found[1])
                elif has_read_number or self.peek()[0] == "number":
                    raise _invalid(self.text, f"unknown word {token.lower()!r}")
                else:  # V8 ignores words before the first number ("Saturday, ...")
                    self.ignored = self.ignored or token.lower()
            elif kind == "symbol" and token in "+-" and (self.zone_is_utc() or self.time):
                self.offset(token)
                has_read_number = True
            elif kind == "symbol" and token in "+-)" and has_read_number:
                raise _invalid(self.text)

    def number(self, n: int) -> None:
        if self.skip_symbol(":"):
            if self.skip_symbol(":"):
                if self.time:
                    raise _invalid(self.text)
                self.time += [n, 0]
            else:
                self.time_add(n)
                self.skip_symbol(".")
        elif self.peek() == ("symbol", ".") and self.time_expecting(n):
            self.next()
            self.time_add(n)
            kind, digits = self.next()
            if kind != "number":
                raise _invalid(self.text)
            self.time_add(int(digits[:3].ljust(3, "0")))
            self.time_final = True
        elif self.zone_expecting(n):
            self.zone_minute = n
        elif self.time_expecting(n):
            self.time_add(n)
            self.time_final = True
            kind, token = self.peek()
            if kind not in ("end", "space") and (kind, token) not in (
                ("word", "z"),
                ("word", "Z"),
                ("symbol", "+"),
                ("symbol", "-"),
            ):
                raise _invalid(self.text)
        else:
            self.skip_symbol(".")
            if len(self.day) >= 3:
                raise _invalid(self.text, "too many numbers")
            self.day.append(n)
            self.skip_symbol("-")

    def offset(self, sign: str) -> None:
        self.zone_sign = sign
        digits = ""
        if self.peek()[0] == "number":
            digits = self.next()[1]
        n = int(digits or 0)
        if self.peek() == ("symbol", ":"):
            self.zone_hour, self.zone_minute = n, None
        elif len(digits) in (0, 1, 2):
            self.zone_hour, self.zone_minute = n, 0
        elif len(digits) in (3, 4):
            self.zone_hour, self.zone_minute = n // 100, n % 100
        else:
            raise _invalid(self.text, "no such time zone offset")

    def date_fields(self) -> tuple[int, int, int]:
        """V8's DayComposer::Write, refusing the year-less forms V8 would put in 2001."""
        if not self.day:
            why = f"unknown word {self.ignored!r}" if self.ignored else "no day or year"
            raise _invalid(self.text, why)
        given = len(self.day)
        comp = self.day + [1] * (3 - given)
        is_day = 1 <= comp[0] <= 31
        if self.named_month is None:
            if not is_day:  # "2022/09/10", "2022/09"
                year, month, day = comp
            else:
                month, day, year = comp
                if given < 3:
                    raise _invalid(self.text, "no year")
        else:
            month = self.named_month
            if given == 1 and is_day:
                raise _invalid(self.text, "no year")
            year, day = (comp[0], comp[1]) if not is_day else (comp[1], comp[0])
        if 0 <= year <= 49:
            year += 2000
        elif 50 <= year <= 99:
            year += 1900
        return year, month, day

    def clock(self) -> tuple[int, int, int, int]:
        hour, minute, second, millisecond = [*self.time, 0, 0, 0, 0][:4]
        if self.hour_offset is not None:
            if hour > 12:
                raise _invalid(self.text, "no such time of day")
            hour = hour % 12 + self.hour_offset
        _check_clock(self.text, hour, minute, second, millisecond)
        return hour, minute, second, millisecond

    def zone(self, local: tzinfo) -> tzinfo:
        if self.zone_hour is None:
            return local
        return _offset(self.zone_sign or "+", self.zone_hour, self.zone_minute or 0, self.text)


def _from_legacy(text: str, tz: tzinfo) -> datetime:
    parser = _Legacy(text)
    parser.parse()
    year, month, day = parser.date_fields()
    return _build(text, year, month, day, parser.clock(), parser.zone(tz))

"""Dates follow JavaScript's `new Date()` (Astro's z.coerce.date), under a pinned time zone."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from blogforge.config import Config
from blogforge.content.dates import DateError, parse_date
from blogforge.content.posts import load_posts
from tests.site_build.helpers import post_text, write_site

BERLIN = ZoneInfo("Europe/Berlin")

VALID = [
    # (value, local zone, expected UTC ISO)
    ("2022-09-10", UTC, "2022-09-10T00:00:00+00:00"),
    ("2022-09-10", BERLIN, "2022-09-10T00:00:00+00:00"),  # date-only ISO is always UTC
    ("Sep 10 2022", UTC, "2022-09-10T00:00:00+00:00"),
    ("Sep 10 2022", BERLIN, "2022-09-09T22:00:00+00:00"),  # other forms: local midnight
    ("Sept 10, 2022", UTC, "2022-09-10T00:00:00+00:00"),
    ("September 10, 2022", UTC, "2022-09-10T00:00:00+00:00"),
    ("FEB 2025", UTC, "2025-02-01T00:00:00+00:00"),
    ("11 Oct 2023", UTC, "2023-10-11T00:00:00+00:00"),
    ("Jul 08 2022", UTC, "2022-07-08T00:00:00+00:00"),
    ("2022/09/10", UTC, "2022-09-10T00:00:00+00:00"),
    ("09/10/2022", UTC, "2022-09-10T00:00:00+00:00"),  # month/day/year
    ("Sat, 10 Sep 2022 00:00:00 GMT", BERLIN, "2022-09-10T00:00:00+00:00"),
    ("Sat, 10 Sep 2022 08:15:00 +0200", UTC, "2022-09-10T06:15:00+00:00"),
    ("Sep 10 2022 3:04 PM", UTC, "2022-09-10T15:04:00+00:00"),
    ("2024-01-15T08:30:00Z", BERLIN, "2024-01-15T08:30:00+00:00"),
    ("2024-01-15T08:30:00", BERLIN, "2024-01-15T07:30:00+00:00"),  # no offset: local time
    ("2024-01-15 08:30", UTC, "2024-01-15T08:30:00+00:00"),
    ("2019-02-18T09:25:48+08", UTC, "2019-02-18T01:25:48+00:00"),
    ("2019-02-18T09:25:48+0800", UTC, "2019-02-18T01:25:48+00:00"),
    ("2019-02-18T09:25:48-05:30", UTC, "2019-02-18T14:55:48+00:00"),
    ("2019-02-18T09:25:48.123Z", UTC, "2019-02-18T09:25:48.123000+00:00"),
    ("  2022-09-10  ", UTC, "2022-09-10T00:00:00+00:00"),
    ("2024-02-29", UTC, "2024-02-29T00:00:00+00:00"),
    (date(2022, 9, 10), BERLIN, "2022-09-10T00:00:00+00:00"),  # YAML dates are UTC
    (datetime(2022, 9, 10, 8, 0), BERLIN, "2022-09-10T08:00:00+00:00"),
]

INVALID = [
    ("2023-09-009", "not a valid ISO date"),
    ("Sept 31 2022", "September 2022 has 30 days"),
    ("0000-00-00", "no such month or year"),
    ("2023-02-30", "February 2023 has 28 days"),
    ("2023-02-29", "February 2023 has 28 days"),
    ("Feb 30 2023", "JavaScript would silently read March 2"),  # V8 rolls the day over
    ("2022-09-10T10:00:00 +08:00", "not a valid ISO date-time"),
    ("Sep 10", "no year"),  # V8 would pick the year 2001
    ("10/09", "no year"),
    ("Sep 10 hello 2022", "unknown word 'hello'"),
    ("Sep 10 2022 CEST", "unknown word 'cest'"),
    ("Sep 10 12345", "year 12345 is out of range"),
    ("Feb 32 2023", "no such day"),
    ("yesterday", "unknown word 'yesterday'"),
    ("", "an empty string"),
    ("2024-13-01", "no such month or year"),
    ("2024-01-01T25:00", "no such time"),
    (2022, "the number 2022"),
    (True, "got true"),
    (1.5, "the number 1.5"),
    (["2022-09-10"], "got list"),
]


@pytest.mark.parametrize(("value", "zone", "expected"), VALID)
def test_valid_dates(value: object, zone: ZoneInfo, expected: str) -> None:
    assert parse_date(value, zone).astimezone(UTC).isoformat() == expected


@pytest.mark.parametrize(("value", "reason"), INVALID)
def test_invalid_dates_say_what_was_expected(value: object, reason: str) -> None:
    with pytest.raises(DateError) as caught:
        parse_date(value, UTC)
    assert "expected a date such as 2024-01-31" in str(caught.value)
    assert reason in str(caught.value)


TOKYO = ZoneInfo("Asia/Tokyo")

# Measured with Node 20 (`TZ=Asia/Tokyo node -e 'new Date(x).toISOString()'`): every value is what
# Astro's z.coerce.date() gives for that string in a site whose local zone is Tokyo.
V8_MEASURED = [
    ("Sep 10 2022", "2022-09-09T15:00:00.000Z"),
    ("Sept 10 2022", "2022-09-09T15:00:00.000Z"),
    ("Sep. 10, 2022", "2022-09-09T15:00:00.000Z"),
    ("Septe 10 2022", "2022-09-09T15:00:00.000Z"),  # only the first three letters count
    ("September10 2022", "2022-09-09T15:00:00.000Z"),
    ("10 September 2022", "2022-09-09T15:00:00.000Z"),
    ("Saturday, September 10, 2022", "2022-09-09T15:00:00.000Z"),
    ("hello 2022 Sep 10", "2022-09-09T15:00:00.000Z"),  # words before a number are ignored
    ("Sep 10 2022 (comment)", "2022-09-09T15:00:00.000Z"),
    ("10-Sep-2022", "2022-09-09T15:00:00.000Z"),
    ("2022-Sep-10", "2022-09-09T15:00:00.000Z"),
    ("Sep-10-2022", "2022-09-09T15:00:00.000Z"),
    ("2022-9-10", "2022-09-09T15:00:00.000Z"),  # not ISO: local
    ("2022.09.10", "2022-09-09T15:00:00.000Z"),
    ("2022/9/10", "2022-09-09T15:00:00.000Z"),
    ("2022/09", "2022-08-31T15:00:00.000Z"),
    ("  2022-09-10  ", "2022-09-09T15:00:00.000Z"),  # spaces make it non-ISO: local
    ("1/2/3", "2003-01-01T15:00:00.000Z"),
    ("99-09-10", "1999-09-09T15:00:00.000Z"),
    ("Oct 10 22", "2022-10-09T15:00:00.000Z"),
    ("Sep 10 49", "2049-09-09T15:00:00.000Z"),
    ("Sep 10 50", "1950-09-09T14:00:00.000Z"),  # Japan had summer time in 1950
    ("Sep 10 0", "2000-09-09T15:00:00.000Z"),
    ("FEB 2025", "2025-01-31T15:00:00.000Z"),
    ("Sep 10 2022 10", "2022-09-09T15:00:00.000Z"),
    ("Sep 10, 2022, 10:00", "2022-09-10T01:00:00.000Z"),
    ("Sep 10 2022 3:00 pm", "2022-09-10T06:00:00.000Z"),
    ("Sep 10 1999 12:00 am", "1999-09-09T15:00:00.000Z"),
    ("Sep 10 1999 12:30 pm", "1999-09-10T03:30:00.000Z"),
    ("Sep 10 2022 UTC", "2022-09-10T00:00:00.000Z"),
    ("Sep 10 2022 10:00 Z", "2022-09-10T10:00:00.000Z"),
    ("Sep 10 2022 10:00:00 PST", "2022-09-10T18:00:00.000Z"),
    ("Sep 10 2022 10:00:00 EST", "2022-09-10T15:00:00.000Z"),
    ("Sep 10 2022 MST", "2022-09-10T07:00:00.000Z"),
    ("Sep 10 2022 10:00 +0200", "2022-09-10T08:00:00.000Z"),
    ("Sep 10 2022 10:00:00 +02:00", "2022-09-10T08:00:00.000Z"),
    ("Sep 10 2022 10:00:00 +2", "2022-09-10T08:00:00.000Z"),
    ("Sep 10 2022 10:00:00 GMT+2", "2022-09-10T08:00:00.000Z"),
    ("Sat, 10 Sep 2022 00:00:00 GMT", "2022-09-10T00:00:00.000Z"),
    ("2025-11-05 07:24Z-0600MST", "2025-11-05T14:24:00.000Z"),  # the last zone wins
    ("2022", "2022-01-01T00:00:00.000Z"),  # ISO year only: UTC
    ("2022-09", "2022-09-01T00:00:00.000Z"),
    ("+002022-09-10", "2022-09-10T00:00:00.000Z"),
    ("2022-09-10T10:00", "2022-09-10T01:00:00.000Z"),
    ("2022-09-10 10:00", "2022-09-10T01:00:00.000Z"),
    ("2022-09-10T10:00:00.5", "2022-09-10T01:00:00.500Z"),
    ("2022-09-10T10:00:00.123456Z", "2022-09-10T10:00:00.123Z"),
    ("2022-09-10t10:00:00z", "2022-09-10T10:00:00.000Z"),
    ("2022-09-10T24:00:00Z", "2022-09-11T00:00:00.000Z"),
    ("2022-09-10T10:00:00.000+01:00", "2022-09-10T09:00:00.000Z"),
]

# Measured the same way; V8 returns Invalid Date for each, and so do we.
V8_INVALID = [
    "Sept",
    "hello",
    "2022-13-01",
    "2022-00-10",
    "2022-09-32",
    "2022-09-00",
    "Sep 0 2022",
    "Sep 10 2022 T 10:00",
    "T10:00 Sep 10 2022",
    "Sep 10 2022 10h",
    "Sep 10 2022 25:00",
    "2022-09-10T10Z",
    "2022-09-10 T10:00",
    "2022-09-10T10:00:00,5Z",
    "2022-09-10T10:00:60Z",
    "2022-09-10T10:00:00+24:00",
    "2022-09-10T10:00:00+08:0",
]


def as_javascript(moment: datetime) -> str:
    utc = moment.astimezone(UTC)
    return utc.strftime("%Y-%m-%dT%H:%M:%S.") + f"{utc.microsecond // 1000:03d}Z"


@pytest.mark.parametrize(("value", "expected"), V8_MEASURED)
def test_strings_read_as_v8_reads_them(value: str, expected: str) -> None:
    assert as_javascript(parse_date(value, TOKYO)) == expected


@pytest.mark.parametrize("value", V8_INVALID)
def test_strings_v8_refuses_are_refused(value: str) -> None:
    with pytest.raises(DateError, match="expected a date such as 2024-01-31"):
        parse_date(value, TOKYO)


def test_the_result_never_depends_on_the_machine_zone(monkeypatch: pytest.MonkeyPatch) -> None:
    import time

    monkeypatch.setenv("TZ", "America/Los_Angeles")
    time.tzset()
    try:
        assert as_javascript(parse_date("Sep 10 2022", UTC)) == "2022-09-10T00:00:00.000Z"
        assert as_javascript(parse_date("2022-09-10T10:00", TOKYO)) == "2022-09-10T01:00:00.000Z"
    finally:
        monkeypatch.undo()
        time.tzset()


def test_an_unquoted_impossible_yaml_date_is_placed_not_a_crash(tmp_path: Path) -> None:
    # PyYAML raises a bare ValueError for this; it must become this post's error only.
    bad = "---\ntitle: T\npubDate: 2023-02-29\n---\n"
    good = post_text("Hi", "Sep 10 2022", body="Body")
    write_site(tmp_path, {"content/posts/bad.md": bad, "content/posts/ok.md": good}, config="")
    posts, diagnostics = load_posts(Config(root=tmp_path))
    assert [p.id for p in posts] == ["ok"]
    assert "content/posts/bad.md:3: pubDate:" in diagnostics.errors[0].format()
    assert "February 2023 has 28 days" in diagnostics.errors[0].format()

"""Dates follow JavaScript's `new Date()` (Astro's z.coerce.date), under a pinned time zone."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from blogforge.dates import DateError, parse_date

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
    ("2025-11-05 07:24Z-0600MST", "not a valid ISO date"),
    ("Sep 10 2022 MST", "unknown word 'mst'"),
    ("yesterday", "unknown word 'yesterday'"),
    ("", "an empty string"),
    ("2024-13-01", "no such month or year"),
    ("2024-01-01T25:00", "no such time"),
    (2022, "the number 2022"),
    (True, "the number True"),
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

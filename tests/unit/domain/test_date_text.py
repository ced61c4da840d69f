"""Periods written out in a calendar, as the appendix and the cards show worked-out dates."""

from __future__ import annotations

from datetime import date

import pytest

from reviewdesk.domain.date_text import describe_period
from reviewdesk.domain.dates import GREGORIAN, LUNAR_HIJRI, SOLAR_HIJRI, Calendar, Period


@pytest.mark.parametrize(("period", "written"), [
    ((date(2023, 3, 4), date(2023, 3, 4)), "4 March 2023"),
    ((date(2023, 3, 1), date(2023, 3, 31)), "March 2023"),
    ((date(2023, 3, 1), date(2023, 5, 31)), "March–May 2023"),
    ((date(2023, 11, 1), date(2024, 2, 29)), "November 2023–February 2024"),
    ((date(2023, 1, 1), date(2023, 12, 31)), "2023"),
    ((date(2023, 1, 1), date(2024, 12, 31)), "2023–2024"),
])
def test_a_gregorian_period_reads_as_a_day_months_or_years(period: Period,
                                                           written: str) -> None:
    assert describe_period(period, GREGORIAN) == written


@pytest.mark.parametrize(("calendar", "written"), [
    (SOLAR_HIJRI, "1 Hamal 1402"),
    (LUNAR_HIJRI, "1 Ramadan 1444"),
])
def test_a_day_is_written_in_the_hijri_calendars(calendar: Calendar, written: str) -> None:
    day = date(2023, 3, 21) if calendar == SOLAR_HIJRI else date(2023, 3, 23)
    assert describe_period((day, day), calendar) == written


def test_a_day_beyond_what_the_calendar_library_converts_is_not_written() -> None:
    day = date(1800, 3, 23)
    assert describe_period((day, day), LUNAR_HIJRI) == ""

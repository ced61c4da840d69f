"""Periods written out as a reader reads them, in a given calendar: "4 March 2023",
"Hut 1401–Hamal 1402", "2023–2024"; for dates converted or worked out rather than written."""

from __future__ import annotations

from datetime import date
from functools import lru_cache

import jdatetime  # type: ignore[import-untyped]
from hijridate import Gregorian

from reviewdesk.domain.dates import GREGORIAN, SOLAR_HIJRI, Calendar, Period

RANGE_DASH = "–"
GREGORIAN_MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)
# The Afghan (zodiac) names, spelt as domain.dates reads them back.
AFGHAN_MONTH_NAMES = (
    "Hamal", "Saur", "Jawza", "Saratan", "Asad", "Sunbula", "Mizan", "Aqrab", "Qaws", "Jadi",
    "Dalw", "Hut",
)
LUNAR_MONTH_NAMES = (
    "Muharram", "Safar", "Rabi al-Awwal", "Rabi al-Thani", "Jumada al-Ula", "Jumada al-Akhirah",
    "Rajab", "Shaban", "Ramadan", "Shawwal", "Dhu al-Qadah", "Dhu al-Hijjah",
)
# A period this long or longer reads as years, shorter as months.
_YEAR_DAYS = 365


@lru_cache(maxsize=8192)
def describe_period(period: Period, calendar: Calendar) -> str:
    """The Gregorian `period` written in `calendar` ("" when it cannot be)."""
    try:
        first, last = (_in_calendar(day, calendar) for day in period)
    except (ValueError, OverflowError):  # a year beyond what the library converts
        return ""
    names = {GREGORIAN: GREGORIAN_MONTH_NAMES, SOLAR_HIJRI: AFGHAN_MONTH_NAMES}.get(
        calendar, LUNAR_MONTH_NAMES)
    return _describe(period, first, last, names)


def _in_calendar(day: date, calendar: Calendar) -> tuple[int, int, int]:
    if calendar == GREGORIAN:
        return day.year, day.month, day.day
    if calendar == SOLAR_HIJRI:
        solar = jdatetime.date.fromgregorian(date=day)
        return solar.year, solar.month, solar.day
    lunar = Gregorian(day.year, day.month, day.day).to_hijri()
    return lunar.year, lunar.month, lunar.day


def _describe(period: Period, first: tuple[int, int, int], last: tuple[int, int, int],
              months: tuple[str, ...]) -> str:
    """A day, a range of months or a range of years, by how long the period is."""
    (year1, month1, day1), (year2, month2, _) = first, last
    if period[0] == period[1]:
        return f"{day1} {months[month1 - 1]} {year1}"
    if (period[1] - period[0]).days + 1 >= _YEAR_DAYS:
        return str(year1) if year1 == year2 else f"{year1}{RANGE_DASH}{year2}"
    if (year1, month1) == (year2, month2):
        return f"{months[month1 - 1]} {year1}"
    if year1 == year2:
        return f"{months[month1 - 1]}{RANGE_DASH}{months[month2 - 1]} {year1}"
    return f"{months[month1 - 1]} {year1}{RANGE_DASH}{months[month2 - 1]} {year2}"

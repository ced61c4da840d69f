from __future__ import annotations

from datetime import date

import jdatetime  # type: ignore[import-untyped]
import pytest

from reviewdesk.domain.dates import date_checks, find_dates, hijri_month, hijri_period


@pytest.mark.parametrize(("text", "calendar", "first", "last"), [
    ("12 September 2024", "gregorian", date(2024, 9, 12), date(2024, 9, 12)),
    ("September 12, 2024", "gregorian", date(2024, 9, 12), date(2024, 9, 12)),
    ("September 2024", "gregorian", date(2024, 9, 1), date(2024, 9, 30)),
    ("Sept. 2024", "gregorian", date(2024, 9, 1), date(2024, 9, 30)),
    ("2024-09-12", "gregorian", date(2024, 9, 12), date(2024, 9, 12)),
    ("2024", "gregorian", date(2024, 1, 1), date(2024, 12, 31)),
    ("mid-2023", "gregorian", date(2023, 4, 1), date(2023, 9, 30)),
    ("early 2024", "gregorian", date(2024, 1, 1), date(2024, 4, 30)),
    ("late 2025", "gregorian", date(2025, 9, 1), date(2025, 12, 31)),
    ("the 1990s", "gregorian", date(1990, 1, 1), date(1999, 12, 31)),
    ("Hamal 1402", "solar_hijri", date(2023, 3, 21), date(2023, 4, 20)),
    ("Hamāl 1402", "solar_hijri", date(2023, 3, 21), date(2023, 4, 20)),
    ("Hama\u0304l 1402", "solar_hijri", date(2023, 3, 21), date(2023, 4, 20)),
    ("Qaws 1402", "solar_hijri", date(2023, 11, 22), date(2023, 12, 21)),
    ("Hoot 1402", "solar_hijri", date(2024, 2, 20), date(2024, 3, 19)),
    ("Esfand 1403", "solar_hijri", date(2025, 2, 19), date(2025, 3, 20)),
    ("5 Mehr 1402", "solar_hijri", date(2023, 9, 27), date(2023, 9, 27)),
    ("۱۴۰۲ SH", "solar_hijri", date(2023, 3, 21), date(2024, 3, 19)),
    ("solar year 1401", "solar_hijri", date(2022, 3, 21), date(2023, 3, 20)),
])
def test_single_mention(text: str, calendar: str, first: date, last: date) -> None:
    sentence = f"It happened in {text} as planned."
    [mention] = find_dates(sentence)
    assert mention.text == text
    assert sentence[mention.start:mention.end] == text
    assert mention.calendar == calendar
    assert mention.period == (first, last)


def test_month_periods_agree_with_jdatetime() -> None:
    for month in range(1, 13):
        first, last = hijri_period(1403, month, month)
        assert first == jdatetime.date(1403, month, 1).togregorian()
        following = jdatetime.date(1404, 1, 1) if month == 12 else jdatetime.date(1403,
                                                                                    month + 1, 1)
        assert (following.togregorian() - last).days == 1


def test_month_names_with_and_without_diacritics() -> None:
    assert hijri_month("Sonbola") == hijri_month("Sunbula") == 6
    assert hijri_month("Jauza") == 3
    assert hijri_month("Amordad") == hijri_month("Mordad") == 5
    assert hijri_month("Dei") == 10
    assert hijri_month("Monday") is None


def test_bare_hijri_year_only_when_marked() -> None:
    assert find_dates("The office counted 1402 visitors.") == []
    [gregorian, hijri] = find_dates("Prices rose in mid-2023 (mid-1402).")
    assert (gregorian.text, hijri.text, hijri.calendar) == ("mid-2023", "mid-1402", "solar_hijri")
    assert hijri.period == (date(2023, 6, 22), date(2023, 12, 21))


def test_numbers_are_not_years() -> None:
    assert find_dates("They shipped 3,000 tons and 12.2024 units.") == []


def test_date_checks_pairs() -> None:
    text = ("The dam opened in April 2023 (Hamal 1402), a road in April 2023 (Qaws 1402), "
            "a port in 1402 (2023) and a bridge in mid-2024 (mid-1403).")
    checks = date_checks(text)
    assert [(c.text, c.gregorian, c.solar_hijri, c.consistent) for c in checks] == [
        ("April 2023 (Hamal 1402)", "April 2023", "Hamal 1402", True),
        ("April 2023 (Qaws 1402)", "April 2023", "Qaws 1402", False),
        ("1402 (2023)", "2023", "1402", True),
        ("mid-2024 (mid-1403)", "mid-2024", "mid-1403", True),
    ]


def test_unpaired_dates_make_no_check() -> None:
    assert date_checks("It opened in April 2023 and closed in Hamal 1403.") == []

"""Dates written in Russian, Tajik, French, Spanish, Persian, Dari and Arabic, in every
digit script and calendar: sentences written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from reviewdesk.domain.dates import date_checks, find_dates, gregorian_month, hijri_month

CASES = [
    # Russian, every case of the month name
    ("В марте 2024 года совет утвердил бюджет.", "марте 2024", "gregorian",
     date(2024, 3, 1), date(2024, 3, 31)),
    ("Договор подписан 15 января 2023 г. в столице.", "15 января 2023", "gregorian",
     date(2023, 1, 15), date(2023, 1, 15)),
    ("Рост замедлился в конце 2022 года.", "конце 2022", "gregorian",
     date(2022, 9, 1), date(2022, 12, 31)),
    ("Выборы назначены на май 2026 года.", "май 2026", "gregorian",
     date(2026, 5, 1), date(2026, 5, 31)),
    # Tajik
    ("Вазорат дар моҳи апрели соли 2023 ҳисобот нашр кард.", "апрели соли 2023", "gregorian",
     date(2023, 4, 1), date(2023, 4, 30)),
    # French and Spanish
    ("Le 1er juillet 2025, la loi est entrée en vigueur.", "1er juillet 2025", "gregorian",
     date(2025, 7, 1), date(2025, 7, 1)),
    ("Les pluies de février 2024 ont détruit les routes.", "février 2024", "gregorian",
     date(2024, 2, 1), date(2024, 2, 29)),
    ("El 3 de agosto de 2022 se cerró la frontera.", "3 de agosto de 2022", "gregorian",
     date(2022, 8, 3), date(2022, 8, 3)),
    ("A finales de 2021 la deuda creció.", "finales de 2021", "gregorian",
     date(2021, 9, 1), date(2021, 12, 31)),
    # Persian and Dari: Solar Hijri in Persian script and digits
    ("شورا در ۱۵ مهر ۱۴۰۳ طرح را تصویب کرد.", "۱۵ مهر ۱۴۰۳", "solar_hijri",
     date(2024, 10, 6), date(2024, 10, 6)),
    ("نرخ ارز در خرداد ۱۴۰۲ بالا رفت.", "خرداد ۱۴۰۲", "solar_hijri",
     date(2023, 5, 22), date(2023, 6, 21)),
    ("ولایت در ماه جدی ۱۴۰۱ برف سنگین دید.", "ماه جدی ۱۴۰۱", "solar_hijri",
     date(2022, 12, 22), date(2023, 1, 20)),
    ("قانون در سال ۱۴۰۰ اصلاح شد.", "۱۴۰۰", "solar_hijri", date(2021, 3, 21), date(2022, 3, 20)),
    ("جلسه در ۱۴۰۲/۰۷/۱۵ برگزار شد.", "۱۴۰۲/۰۷/۱۵", "solar_hijri",
     date(2023, 10, 7), date(2023, 10, 7)),
    ("این سند در ۱۴۰۱ هـ.ش منتشر شد.", "۱۴۰۱ هـ.ش", "solar_hijri",
     date(2022, 3, 21), date(2023, 3, 20)),
    ("سفیر در اکتبر ۲۰۲۴ وارد شد.", "اکتبر ۲۰۲۴", "gregorian",
     date(2024, 10, 1), date(2024, 10, 31)),
    # Arabic: lunar Hijri, Arabic-Indic digits, Levantine month names
    ("صدر المرسوم في ١٠ شوال ١٤٤٤ هـ.", "١٠ شوال ١٤٤٤ هـ", "lunar_hijri",
     date(2023, 4, 30), date(2023, 4, 30)),
    ("انعقد المؤتمر عام ١٤٤٥ هـ بحضور الوزراء.", "١٤٤٥ هـ", "lunar_hijri",
     date(2023, 7, 19), date(2024, 7, 6)),
    ("ارتفعت الأسعار في تشرين الثاني 2023 بشدة.", "تشرين الثاني 2023", "gregorian",
     date(2023, 11, 1), date(2023, 11, 30)),
    ("وقعت الحكومة الاتفاق في ٢٢ يونيو ٢٠٢٢.", "٢٢ يونيو ٢٠٢٢", "gregorian",
     date(2022, 6, 22), date(2022, 6, 22)),
]


@pytest.mark.parametrize(("sentence", "written", "calendar", "first", "last"), CASES)
def test_dates_in_six_languages(sentence: str, written: str, calendar: str, first: date,
                                last: date) -> None:
    [mention] = find_dates(sentence)
    assert (mention.text, mention.calendar, mention.period) == (written, calendar,
                                                                  (first, last))
    assert sentence[mention.start:mention.end] == written


def test_month_ranges_and_year_ranges() -> None:
    found = find_dates("Teams visited between May and June 2019 and drafted a plan for "
                       "2027-2031; the 2021/22 season was dry.")
    assert [(m.text, m.period) for m in found] == [
        ("May and June 2019", (date(2019, 5, 1), date(2019, 6, 30))),
        ("2027-2031", (date(2027, 1, 1), date(2031, 12, 31))),
        ("2021/22", (date(2021, 1, 1), date(2022, 12, 31))),
    ]


@pytest.mark.parametrize("sentence", [
    "Order No. 2019 and file 7781/2019 set the rules.",
    "Some 1,500 households and 1500 farms took part.",
    "۱۵۰۰ خانوار و ۱۲۰۰ کشاورز کمک گرفتند.",
    "The group counted 1402 members.",
])
def test_codes_and_counts_are_not_dates(sentence: str) -> None:
    assert find_dates(sentence) == []


def test_pairs_across_calendars_and_scripts() -> None:
    text = ("در مهر ۱۴۰۳ (اکتبر ۲۰۲۴) دیدار شد. In 2024 (1445 AH) prices rose, and in "
            "2022 (1401) again. عقد في 2023 (1444 هـ).")
    assert [(c.gregorian, c.solar_hijri, c.lunar_hijri, c.consistent)
            for c in date_checks(text)] == [
        ("اکتبر ۲۰۲۴", "مهر ۱۴۰۳", "", True),
        ("2024", "", "1445 AH", True),
        ("2022", "1401", "", True),
        ("2023", "", "1444 هـ", True),
    ]


def test_a_bare_year_in_brackets_takes_the_calendar_that_agrees() -> None:
    [_, hijri] = find_dates("It began in 2024 (1445).")
    assert hijri.calendar == "lunar_hijri"
    [_, wrong] = find_dates("It began in 2024 (1399).")
    assert wrong.calendar == "solar_hijri"  # neither agrees: the script's calendar, reported


def test_month_names_of_every_language() -> None:
    assert [gregorian_month(n) for n in ("janvier", "Déc.", "setiembre", "июля", "ноябре",
                                         "ژانویه", "مارس", "أيلول")] == [1, 12, 9, 7, 11, 1, 3, 9]
    assert [hijri_month(n) for n in ("فروردین", "حمل", "سنبله", "Esfand")] == [1, 1, 6, 12]
    assert gregorian_month("market") is None and gregorian_month("мама") is None

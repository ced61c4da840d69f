from __future__ import annotations

import pytest

from reviewdesk.domain.reference_text import (
    ascii_digits,
    ends_entry,
    find_links,
    find_years,
    gregorian_year,
    hangs,
    no_date_mark,
    says_no_date,
)


@pytest.mark.parametrize(("text", "url"), [
    ("Harbour notes, https://example.org/harbour/2023 /07/notes.html.",
     "https://example.org/harbour/2023/07/notes.html"),
    ("Available: https://example.org/data-\nsets/eel-counts.pdf Accessed 2 May 2024",
     "https://example.org/data-sets/eel-counts.pdf"),
    ("Online at https://example.org/ports/ Lake_Report_2.pdf", "https://example.org/ports/Lake_Report_2.pdf"),
    ("See https://example.org/a?id= 42&lang=en for more", "https://example.org/a?id=42&lang=en"),
    ("Marsh Journal 4(2). doi:10.5555/marsh.2021.004.", "https://doi.org/10.5555/marsh.2021.004"),
    ("Marsh Journal 4(2). DOI 10.5555/marsh.7", "https://doi.org/10.5555/marsh.7"),
    ("Marsh Journal 4(2), 10.5555/marsh.8", "https://doi.org/10.5555/marsh.8"),
    ("https://doi.org/10.5555/ marsh.9", "https://doi.org/10.5555/marsh.9"),
    ("Portal www.example.org/eels.", "http://www.example.org/eels"),
    ("(https://example.org/wiki/Reed_(plant))", "https://example.org/wiki/Reed_(plant)"),
])
def test_links_are_found_and_joined_across_breaks(text: str, url: str) -> None:
    assert [link.url for link in find_links(text)] == [url]


@pytest.mark.parametrize("text", [
    "Read https://example.org/page. Accessed 3 May 2024.",
    "Read https://example.org/ Accessed 3 May 2024.",
    "Read https://example.org/report.pdf 2021.",
    "Read https://example.org/report In Marsh Review.",
])
def test_a_link_is_not_joined_to_the_words_after_it(text: str) -> None:
    [link] = find_links(text)
    assert text[link.start:link.end].split()[-1].startswith("https://")


@pytest.mark.parametrize(("text", "years"), [
    ("Lake Board (2021a). Eels. 2022.", [2021, 2022]),
    ("Fisheries plan 2015-2030. Delta 2016.", [2015, 2016]),
    ("Marsh Journal 12(3), pp. 1990-2001.", []),
    ("Decree No. 2019 of the board", []),
    ("Report RR2024 on 1,300 boats", []),
    ("A gift of $ 1450 to the guild", []),
    ("احمدی، رضا (۱۴۰۱). گزارش آب", [2022]),
    ("الهاشمي، سعد. التقرير السنوي. ١٤٤٠ هـ", [2019]),
    ("Иванов И. И. Озёра. — М., 2019. — 120 с.", [2019]),
])
def test_years_in_any_digits_and_calendar(text: str, years: list[int]) -> None:
    assert [y.gregorian for y in find_years(text)] == years


def test_hijri_year_needs_a_sign_of_its_calendar() -> None:
    assert gregorian_year(1402, "Marsh Notes 1402") is None
    assert gregorian_year(1402, "یادداشت‌ها ۱۴۰۲") == 2023
    assert gregorian_year(2020, "") == 2020


@pytest.mark.parametrize(("text", "mark"), [
    ("Lake Board. (n.d.). Eels.", "n.d."),
    ("Junta del Lago. (s.f.). Anguilas.", "s.f."),
    ("Conseil du lac, s.d., Anguilles.", "s.d."),
    ("Озёрный совет. Угри. — б.г.", "б.г."),
    ("Озёрный совет. Угри. — б. г.", "б. г."),
    ("انجمن دریاچه. مارماهی. بی‌تا.", "بی‌تا"),
    ("مجلس البحيرة. الأنقليس. د.ت.", "د.ت."),
    ("Lake Board, undated memo.", "undated"),
])
def test_no_date_marks_in_every_language(text: str, mark: str) -> None:
    assert says_no_date(text)
    assert no_date_mark(text) == mark


def test_no_date_mark_is_a_whole_abbreviation() -> None:
    assert not says_no_date("Lake Board. (2020). Notes on the S.F.D. basin. Island Press.")
    assert not says_no_date("Fund and Board. (2020). Eels.")


@pytest.mark.parametrize(("text", "hanging", "ending"), [
    ("Lake Board. (2020). Eels of the", True, False),
    ("Ramos, P.", True, False),
    ("Delta Review, vol. 3, no.", True, False),
    ("Junta del Lago, Anguilas y", True, False),
    ("Lake Board. Eels in the delta. Marsh Press", False, False),
    ("Lake Board. Eels. 2020", False, True),
    ("Lake Board. Eels. https://example.org/eels/", False, True),
    ("Lake Board. “Eels.”", False, True),
])
def test_where_a_line_can_end_an_entry(text: str, hanging: bool, ending: bool) -> None:
    assert (hangs(text), ends_entry(text)) == (hanging, ending)


def test_ascii_digits_keeps_length() -> None:
    assert ascii_digits("سال ۱۴۰۲ و ٢٠٢٣") == "سال 1402 و 2023"

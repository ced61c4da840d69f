from __future__ import annotations

import pytest

from reviewdesk.domain.reference_parse import PartialDate, parse_date, parse_reference


@pytest.mark.parametrize(("entry", "date_text", "date"), [
    ("Okafor, N. (2019, March 2). Reed beds. Delta Press.", "2019, March 2",
     PartialDate(2019, 3, 2)),
    ("Okafor, Nneka. “Reed Beds.” Marsh Weekly, 3 May 2022, https://example.org/r.",
     "3 May 2022", PartialDate(2022, 5, 3)),
    ("Marsh Weekly. Retrieved May 3, 2022, from https://example.org/r", "May 3, 2022",
     PartialDate(2022, 5, 3)),
    ("Lake Board, Eel count 2015-2030, Delta 2016.", "2016", PartialDate(2016)),
    ("Lake Board. Eels, 2019. https://example.org/e. Accessed 3 May 2024.", "2019",
     PartialDate(2019)),
    ("Lake Board. Eels. https://example.org/e. Accessed 3 May 2024.", "3 May 2024",
     PartialDate(2024, 5, 3)),
    ("Lake Board, “Eel Plan 2020-2025.”", "", None),
    ("Junta del Lago. (s.f.). Anguilas. Asunción.", "s.f.", None),
    ("Петрова А. В. Тростник и реки. — М.: Дельта, б.г. — 200 с.", "б.г.", None),
    ("احمدی، رضا (۱۴۰۰). نیزارها. تهران: نشر دلتا.", "۱۴۰۰", PartialDate(2021)),
    ("Петрова А. В. Тростник и реки. — М.: Дельта, 2019. — 200 с.", "2019", PartialDate(2019)),
    ("[2] https://example.org/marsh/2021/05/07/reeds", "", None),
])
def test_the_date_of_an_entry(entry: str, date_text: str, date: PartialDate | None) -> None:
    parsed = parse_reference(entry)
    assert (parsed.date_text, parsed.date) == (date_text, date)


@pytest.mark.parametrize(("entry", "url"), [
    ("Lake Board. (2021). Eels. Available at: https://example.org/eels", "https://example.org/eels"),
    ("Lake Board. (2021). Eels. Link", ""),
    ("Junta del Lago. (2021). Anguilas. Enlace", ""),
    ("Lake Board. (2021). Eels. doi: 10.5555/eels.1", "https://doi.org/10.5555/eels.1"),
    ("Lake Board. (2021). Eels. https://example.org/eels/2021 /05/count.pdf",
     "https://example.org/eels/2021/05/count.pdf"),
])
def test_the_url_of_an_entry(entry: str, url: str) -> None:
    parsed = parse_reference(entry)
    assert parsed.url == url
    assert "Available" not in parsed.title + parsed.container


def test_parts_of_an_apa_entry_whatever_its_script() -> None:
    parsed = parse_reference("احمدی، رضا (۱۴۰۰). نیزارها. تهران: نشر دلتا.")
    assert (parsed.author, parsed.title) == ("احمدی، رضا", "نیزارها")


def test_parse_date_forms() -> None:
    assert parse_date("2024, October 24") == PartialDate(2024, 10, 24)
    assert parse_date("2024, February 31") == PartialDate(2024, 2)
    assert parse_date("12 March 2024") == PartialDate(2024, 3, 12)
    assert parse_date("n.d.") is None
    assert parse_date("1402") is None
    assert parse_date("1402", "گزارش سالانه") == PartialDate(2023)


def test_an_entry_without_full_stops_is_read_by_its_commas() -> None:
    parsed = parse_reference("Eel Partnership (EP), Reeds and dykes of the north, Delta "
                             "Press, 2021.")
    assert (parsed.author, parsed.title, parsed.date_text) == (
        "Eel Partnership (EP)", "Reeds and dykes of the north", "2021")


@pytest.mark.parametrize(("entry", "author", "title", "container"), [
    ("Петрова А. В. Тростник и реки // Вестник дельты. 2019. № 2. С. 5–9.",
     "Петрова А. В.", "Тростник и реки", "Вестник дельты"),
    ("Сидоров П. П., Орлова Е. К. Угри дельты. — СПб.: Нева, 2020. — 120 с.",
     "Сидоров П. П., Орлова Е. К.", "Угри дельты", "— СПб.: Нева, 2020"),
    ("Okafor N., Lindqvist B. Reed beds of the north. Marsh Rev. 2019;4:1-9.",
     "Okafor N., Lindqvist B.", "Reed beds of the north", "Marsh Rev"),
    ("Раҳимов Ф. Обанборҳои водӣ // Маҷаллаи об. 2022. № 1.",
     "Раҳимов Ф.", "Обанборҳои водӣ", "Маҷаллаи об"),
])
def test_surnames_with_initials_after_them_are_the_author(
        entry: str, author: str, title: str, container: str) -> None:
    parsed = parse_reference(entry)
    assert (parsed.author, parsed.title) == (author, title)
    assert parsed.container.startswith(container.lstrip("— "))

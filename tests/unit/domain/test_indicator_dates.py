"""Indicator candidates and their dates, stated or inferred, on sentences written for
these tests in six languages."""

from __future__ import annotations

from datetime import date

import pytest

from reviewdesk.domain.brief import BlockKind, Brief, BriefBuilder, SourceFormat
from reviewdesk.domain.dates import find_dates
from reviewdesk.domain.indicator_dates import DateOrigin, date_in_block
from reviewdesk.domain.indicators import indicator_candidates
from reviewdesk.domain.relative_dates import find_relative, shifted


def _brief(*paragraphs: str, heading: str = "Indicators") -> Brief:
    builder = BriefBuilder()
    builder.heading(heading, 1, "h")
    for number, text in enumerate(paragraphs):
        builder.block(BlockKind.PARAGRAPH, text, f"p{number}")
    return builder.build("Signals", SourceFormat.TEXT)


def _candidates(*paragraphs: str) -> list[tuple[str, bool, str]]:
    return [(c.date, c.date_stated, c.text) for c in indicator_candidates(_brief(*paragraphs))]


@pytest.mark.parametrize("paragraph", [
    "© Lakeside Institute 2024. All rights reserved.",
    "Ortega, M. J. (2019). Water tariffs in river towns. Delta Press.",
    "Health Board, Annual report, 2023. Available: https://example.org/report",
    "Retrieved 3 March 2024 from the ministry's pages, with the tables of the year.",
    "Source: field survey, 2022",
    "Date: 12 May 2025",
    "Tous droits réservés, Observatoire des rivières 2023.",
    "Все права защищены, 2021 год, центр исследований.",
    "تاریخ دسترسی: ۱۵ مهر ۱۴۰۳، وب‌گاه وزارت",
    "Decree No. 2018 and file 7712/2016 govern the permits.",
    "About 1,500 households and 2400 farms took part.",
])
def test_not_an_event(paragraph: str) -> None:
    assert _candidates(paragraph) == []


def test_a_date_only_in_a_citation_is_no_candidate_but_one_beside_it_is() -> None:
    found = _candidates("Yields fell sharply (Okafor 2021).",
                        "Prices doubled in March 2022 (Okafor, 2021).")
    assert found == [("March 2022", True, "Prices doubled in March 2022 (Okafor, 2021).")]


def test_the_event_date_passes_over_a_target() -> None:
    [(written, stated_, _)] = _candidates(
        "The council tabled its budget for 2028-2032 in October 2025.")
    assert (written, stated_) == ("October 2025", True)


@pytest.mark.parametrize(("paragraph", "stated_date"), [
    ("В марте 2024 года правительство открыло новый мост через реку.", "марте 2024"),
    ("Le ministère a signé l'accord le 2 juin 2023 avec les régions.", "2 juin 2023"),
    ("El gobierno firmó el acuerdo en mayo de 2022 con las provincias.", "mayo de 2022"),
    ("وزارت نیرو در ۱۵ مهر ۱۴۰۳ قرارداد تازه‌ای امضا کرد.", "۱۵ مهر ۱۴۰۳"),
    ("والی ولایت در ماه حمل ۱۴۰۲ سرک تازه را افتتاح کرد.", "ماه حمل ۱۴۰۲"),
    ("افتتحت الوزارة المستشفى في ١٠ شوال ١٤٤٤ هـ بحضور المحافظ.", "١٠ شوال ١٤٤٤ هـ"),
])
def test_stated_dates_in_six_languages(paragraph: str, stated_date: str) -> None:
    assert _candidates(paragraph) == [(stated_date, True, paragraph)]


def test_a_relative_date_is_inferred_with_where_from() -> None:
    brief = _brief("The bridge closed in mid-2024 (mid-1403) for repairs. "
                   "Two months later the ferry service was cancelled. "
                   "Prices on the river rose.")
    [first, second] = indicator_candidates(brief)
    assert (first.date, first.date_stated) == ("mid-2024", True)
    assert (second.date, second.date_stated) == ("June–November 2024", False)
    assert second.date_source == "“Two months later” after “mid-2024”"


def test_words_without_a_date_take_the_paragraphs_earlier_date_as_inferred() -> None:
    text = "The port reopened on 3 May 2022. Trucks queued at the gate."
    mentions = find_dates(text)
    start = text.index("Trucks")
    found = date_in_block(text, mentions, start, start + 6)
    assert (found.text, found.origin, found.source) == (
        "3 May 2022", DateOrigin.INFERRED, "the date “3 May 2022” earlier in the paragraph")
    stated_found = date_in_block(text, mentions, 0, 8)
    assert (stated_found.text, stated_found.stated) == ("3 May 2022", True)
    assert date_in_block("Nothing dated here.", [], 0, 7).origin == DateOrigin.NONE


def test_a_caption_takes_its_source_lines_date_as_inferred() -> None:
    [found] = indicator_candidates(_brief("A new grain silo rises beside the old dock.",
                                          "Source: Harbour Gazette, 14 April 2023"))
    assert (found.text, found.date, found.date_stated) == (
        "A new grain silo rises beside the old dock.", "14 April 2023", False)


@pytest.mark.parametrize(("phrase", "first", "last"), [
    ("Three weeks later the plant opened.", date(2024, 4, 22), date(2024, 10, 21)),
    ("The following year the plant opened.", date(2025, 1, 1), date(2025, 12, 31)),
    ("Later that year the plant opened.", date(2024, 1, 1), date(2024, 12, 31)),
    ("Un an plus tard, l'usine a ouvert.", date(2025, 4, 1), date(2025, 9, 30)),
    ("Al año siguiente se abrió la planta.", date(2025, 1, 1), date(2025, 12, 31)),
    ("Через два месяца завод открылся.", date(2024, 6, 1), date(2024, 11, 30)),
    ("در همان سال کارخانه باز شد.", date(2024, 1, 1), date(2024, 12, 31)),
    ("بعد شهرين افتتح المصنع.", date(2024, 6, 1), date(2024, 11, 30)),
])
def test_relative_phrases(phrase: str, first: date, last: date) -> None:
    relative = find_relative(phrase)
    assert relative is not None
    assert shifted((date(2024, 4, 1), date(2024, 9, 30)), relative) == (first, last)


def test_no_relative_phrase_in_plain_sentences() -> None:
    assert find_relative("After years of talks the plant opened.") is None
    assert find_relative("The next step is a vote.") is None

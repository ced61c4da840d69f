"""Whole briefs of our own, one per language and list style, read by analyse_references."""

from __future__ import annotations

from reviewdesk.domain.brief import BlockKind, BriefBuilder, SourceFormat
from reviewdesk.domain.references import analyse_references
from reviewdesk.importers.markdown import parse_markdown


def flags(markdown: str) -> list[tuple[str, ...]]:
    return [e.flags for e in analyse_references(parse_markdown(markdown, "b.md")).entries]


RUSSIAN = """# Тростник в дельте

## Введение

Площадь тростника сократилась вдвое [1], а улов угря вырос [2, 3].

## Список литературы

1. Петрова А. В. Тростник и реки. — М.: Дельта, 2019. — 200 с.
2. Озёрный совет. Учёт угря. — б.г. — URL: https://example.org/ugor
3. Петрова А. В. Тростник и реки. — М.: Дельта, 2019. — 200 с.
"""


def test_russian_numbered_list() -> None:
    assert flags(RUSSIAN) == [("missing_url",), ("missing_date",),
                              ("missing_url", "duplicate")]


PERSIAN = """# نیزارهای دلتا

## مقدمه

نیزارها نصف شده‌اند (احمدی، ۱۴۰۰) و صید مارماهی بیشتر شده است (انجمن دریاچه، بی‌تا).

## منابع

- احمدی، رضا (۱۴۰۰). نیزارها و شهرها. تهران: نشر دلتا. https://example.org/neyzar
- انجمن دریاچه (بی‌تا). شمارش مارماهی. تهران.
- کریمی، سارا (۱۳۹۹). سدها. تهران: نشر دلتا.
"""


def test_persian_author_date_list_with_persian_digits() -> None:
    report = analyse_references(parse_markdown(PERSIAN, "fa.md"))
    assert [e.flags for e in report.entries] == [
        (), ("missing_url", "missing_date"), ("missing_url", "not_cited")]
    assert report.entries[0].date_text == "۱۴۰۰"
    assert report.citations_without_reference == []


ARABIC = """# القصب في الدلتا

## مقدمة

تراجعت مساحة القصب [1] وارتفع صيد الأنقليس [2].

## المراجع

[1] الهاشمي، سعد (٢٠١٩). القصب والمدن. القاهرة: دار الدلتا.

[2] مجلس البحيرة. تعداد الأنقليس. د.ت. https://example.org/eel
"""


def test_arabic_bracketed_numbers() -> None:
    assert flags(ARABIC) == [("missing_url",), ("missing_date",)]


def test_french_list_with_no_date_and_a_link_on_the_next_paragraph() -> None:
    builder = BriefBuilder()
    builder.heading("Introduction", 1, "h1")
    builder.block(BlockKind.PARAGRAPH, "Les roselières reculent (Dupont et Martin, 2020 ; "
                                       "Conseil du lac, s.d.).", "p0")
    builder.heading("Bibliographie", 1, "h2")
    builder.block(BlockKind.PARAGRAPH, "Dupont, J.-P. et Martin, L. (2020). Roselières et "
                                       "villes. Presses du Delta.", "p1")
    builder.block(BlockKind.PARAGRAPH, "Conseil du lac. (s.d.). Comptage des anguilles. "
                                       "Consulté le 3 mai 2024 sur", "p2")
    builder.block(BlockKind.PARAGRAPH, "https://example.org/anguilles", "p3")
    report = analyse_references(builder.build("Roseaux", SourceFormat.DOCX))
    assert [e.flags for e in report.entries] == [("missing_url",), ("missing_date",)]
    assert report.entries[1].url == "https://example.org/anguilles"
    assert report.citations_without_reference == []


def test_spanish_list_under_a_plain_paragraph() -> None:
    builder = BriefBuilder()
    builder.heading("Anguilas del delta", 0, "t")
    builder.block(BlockKind.PARAGRAPH, "Las capturas subieron (JNA, 2020).", "p0")
    builder.block(BlockKind.PARAGRAPH, "Referencias", "p1")
    builder.block(BlockKind.PARAGRAPH, "Junta Nacional del Agua (JNA). Informe de "
                                       "humedales. Asunción 2020.", "p2")
    builder.block(BlockKind.PARAGRAPH, "Oficina del Lago. Plan de anguilas. s.f.", "p3")
    report = analyse_references(builder.build("Anguilas del delta", SourceFormat.DOCX))
    assert [e.flags for e in report.entries] == [("missing_url",),
                                                 ("missing_url", "missing_date", "not_cited")]


def test_word_endnotes_are_the_list_and_their_marks_cite_them() -> None:
    builder = BriefBuilder()
    builder.heading("Reeds", 1, "h")
    builder.block(BlockKind.PARAGRAPH, "Reeds shrank by half.[i] Eels came back.[ii]", "p0")
    builder.block(BlockKind.FOOTNOTE, "[i] Lake Board, Annual count, 2021.", "e1")
    builder.block(BlockKind.FOOTNOTE, "[ii] https://example.org/eels", "e2")
    report = analyse_references(builder.build("Reeds", SourceFormat.DOCX))
    assert [e.flags for e in report.entries] == [("missing_url",), ("missing_date",)]
    assert report.citations_without_reference == []


def test_a_closing_list_without_a_heading() -> None:
    text = ("# Eels\n\nThe board should restock the delta (Okafor, 2019).\n\n"
            "- Okafor, N. (2019). Reed beds. Delta Press.\n"
            "- Lindqvist, B. (2020). Dykes. https://example.org/dykes\n")
    assert flags(text) == [("missing_url",), ("not_cited",)]

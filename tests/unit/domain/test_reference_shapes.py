from __future__ import annotations

import pytest

from reviewdesk.domain.reference_shapes import (
    entry_mark,
    looks_like_entry,
    mark_number,
    roman_number,
    starts_like_entry,
)

ENTRIES = [
    "Okafor, N., & Lindqvist, B. (2019). Reed beds and river towns. Delta Press.",  # APA
    "Okafor, N. and Lindqvist, B. 2019. Reed beds and river towns. Delta Press.",  # Harvard
    "Okafor, Nneka. Reed Beds and River Towns. Delta Press, 2019.",  # Chicago, MLA
    "Okafor, Nneka, and Bo Lindqvist. “Reed Beds.” Marsh Review 4 (2019): 1–9.",  # Chicago
    "N. Okafor and B. Lindqvist, “Reed beds,” Marsh Rev., vol. 4, 2019.",  # IEEE
    "Okafor N, Lindqvist B. Reed beds. Marsh Rev. 2019;4:1-9.",  # Vancouver
    "Петрова А. В. Тростник и реки. — М.: Дельта, 2019. — 200 с.",  # GOST
    "احمدی، رضا (۱۴۰۰). نیزارها و شهرهای رودخانه‌ای. تهران: نشر دلتا.",  # Persian APA
    "الهاشمي، سعد (٢٠١٩). القصب والمدن. القاهرة: دار الدلتا.",  # Arabic
    "de Vries, A. (2018). Dykes. Polder Press.",  # a particle before the name
    "Lake Board (2021). Annual eel count. Lake Board.",  # organisation and year
    "Lake Board, “Annual Eel Count,” 2021.",  # organisation, quoted title
    "“Eels Return to the Delta.” Marsh Weekly, 3 May 2022.",  # title first
    "[4] Lake Board, Annual eel count, 2021.",
    "12. Lake Board. Annual eel count. 2021.",
]


@pytest.mark.parametrize("entry", ENTRIES)
def test_every_style_looks_like_an_entry(entry: str) -> None:
    assert starts_like_entry(entry)
    assert looks_like_entry(entry)


@pytest.mark.parametrize("text", [
    "However, Okafor argued in 2019 that the reeds would return.",
    "The eel count (2021) shows a rise.",
    "In the last decade the delta lost half its reed beds.",
    "reed beds and river towns, 2019.",
])
def test_prose_is_no_entry(text: str) -> None:
    assert not looks_like_entry(text, loose=False)


def test_loose_shapes_need_the_loose_flag() -> None:
    assert looks_like_entry("Lake Board (2021). Eels.")
    assert not starts_like_entry("Lake Board (2021). Eels.", loose=False)


@pytest.mark.parametrize(("text", "mark", "number"), [
    ("[3] Lake Board", "[3] ", 3),
    ("[iv] Lake Board", "[iv] ", 4),
    ("(12) Lake Board", "(12) ", 12),
    ("7. Lake Board", "7. ", 7),
    ("7) Lake Board", "7) ", 7),
    ("² Lake Board", "² ", 2),
    ("2021. Lake Board", "", None),
    ("10.5555/marsh.7", "", None),
])
def test_entry_marks(text: str, mark: str, number: int | None) -> None:
    assert entry_mark(text) == mark
    assert mark_number(text) == number


def test_roman_numbers() -> None:
    assert [roman_number(r) for r in ("i", "iv", "ix", "xiv", "xl", "q", "")] == [
        1, 4, 9, 14, 40, None, None]


def test_persian_numbering_with_a_dash() -> None:
    assert mark_number("۳- احمدی، رضا (۱۴۰۰). نیزارها.") == 3
    assert mark_number("12 - Lake Board") == 12
    assert mark_number("2019-2020 Lake Board") is None


def test_arabic_prose_opening_with_a_comma_is_no_entry() -> None:
    assert not starts_like_entry("وعليه، فإن المجلس يضع خطة جديدة للبحيرة في العام المقبل.",
                                 loose=False)
    assert starts_like_entry("احمدی، علی. نیزارها. تهران: نشر دلتا، ۱۴۰۰.", loose=False)

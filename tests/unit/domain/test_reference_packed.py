from __future__ import annotations

import pytest

from reviewdesk.domain.reference_packed import entry_spans


def pieces(text: str) -> list[str]:
    return [text[start:end] for start, end in entry_spans(text)]


@pytest.mark.parametrize("entries", [
    ["Okafor, N. y Lindqvist, B. (2019). Juncales. Editorial Delta.",
     "Ramos, P. A. (2020). Anguilas. https://example.org/anguilas",
     "Keller, N. (s.f.). Diques. Polder."],
    ["Okafor, Nneka. “Reed Beds.” Marsh Review, 3 May 2019, https://example.org/reeds",
     "Lindqvist, Bo. “Dykes.” Polder Weekly, 2020."],
    ["N. Okafor and B. Lindqvist, “Reed beds,” Marsh Rev., vol. 4, 2019.",
     "P. Ramos, “Eels,” Delta J., 2021."],
    ["Петрова А. В. Тростник и реки. — М.: Дельта, 2019.",
     "Иванов И. И. Угри дельты. — СПб.: Нева, 2020."],
    ["[1] Lake Board. Eels. 2021.", "[2] Delta Trust. Reeds. 2020."],
])
def test_packed_entries_are_cut_where_each_starts(entries: list[str]) -> None:
    assert pieces(" ".join(entries)) == entries


@pytest.mark.parametrize("entry", [
    "Okafor, N. (2019). Eels, Reeds and Dykes of the North. Delta Press.",
    "Okafor, N. (2019). Reed beds. In Lindqvist, B. (Ed.), Wetlands (pp. 1-9). Delta Press.",
    "Okafor, Nneka. Eels, Reeds and Dykes. Delta Press, 2019.",
    "Lake Board. Annual count. Delta. Delta Trust. Reeds.",
    "1. Okafor, N. (2019). Reed beds. Delta Press.",
    "١. الخطيب، سامر (٢٠٢٢). قصب الأنهار. دار الدلتا.",
])
def test_one_entry_is_not_cut(entry: str) -> None:
    assert pieces(entry) == [entry]


def test_a_numbered_list_running_on_from_the_page_before() -> None:
    assert pieces("7. Lake Board. Eels. 2021. 8. Delta Trust. Reeds, vol. 3. 2020. "
                  "9. Marsh Guild. Dykes. 2019.") == [
        "7. Lake Board. Eels. 2021.", "8. Delta Trust. Reeds, vol. 3. 2020.",
        "9. Marsh Guild. Dykes. 2019."]
    assert pieces("۱- احمدی، رضا. نیزارها. ۱۴۰۰. ۲- کریمی، سارا. سدها. ۱۳۹۹.") == [
        "۱- احمدی، رضا. نیزارها. ۱۴۰۰.", "۲- کریمی، سارا. سدها. ۱۳۹۹."]

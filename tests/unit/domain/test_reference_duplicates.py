from __future__ import annotations

from reviewdesk.domain.reference_duplicates import find_duplicates
from reviewdesk.domain.reference_parse import parse_reference


def duplicates(*entries: str) -> dict[int, int]:
    return find_duplicates([parse_reference(e) for e in entries])


def test_the_same_entry_twice_verbatim_or_nearly() -> None:
    assert duplicates("Okafor, N. (2019). Reed beds. Delta Press.",
                      "Lindqvist, B. (2020). Dykes. Polder Press.",
                      "Okafor, N. (2019). Reed beds. Delta Press.",
                      "[4] OKAFOR, N. (2019) Reed Beds, Delta Press") == {3: 1, 4: 1}
    assert duplicates("Lake Board. Annual eel count for the northern delta. Delta Press, 2021.",
                      "Lake Board. Annual eel count for the northern delta. Delta Press, 2021. "
                      "https://example.org/count") == {2: 1}
    assert duplicates("[1] https://example.org/eels", "[2] https://example.org/eels") == {2: 1}


def test_same_author_and_year_with_another_title_is_no_duplicate() -> None:
    assert duplicates("Eel Partnership (EP), Reeds in the delta, 2021.",
                      "Eel Partnership (EP), Dykes and polders of the north, 2021.",
                      "Okafor, N. (2019a). Reed beds. Delta Press.",
                      "Okafor, N. (2019b). River towns. Delta Press.") == {}


def test_ibid_and_same_as_above_in_several_languages() -> None:
    assert duplicates("Lake Board. (2021, May 3). Eels. Link",
                      "Delta Trust. (2020). Reeds. Link",
                      "Lake Board. (2021, May 3). Same as above. Link",
                      "Ibid.", "Там же.", "همان.", "Ibídem.") == {3: 1, 4: 2, 5: 2, 6: 2, 7: 2}

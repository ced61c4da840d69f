from __future__ import annotations

import pytest

from reviewdesk.domain.anchor import (
    Anchor,
    TextPositionSelector,
    TextQuoteSelector,
    anchor_at,
    count_quote,
    find_quote,
    locate,
)

TEXT = ("The council met in May. The council’s “closed season” began — at last.\n"
        "The council met again.")


def test_anchor_at_keeps_quote_and_context() -> None:
    start = TEXT.index("closed")
    anchor = anchor_at(TEXT, start, start + len("closed season"), context=5)
    assert anchor.quote.exact == "closed season"
    assert anchor.quote.prefix == "l’s “"
    assert anchor.quote.suffix == "” beg"
    assert (anchor.start, anchor.end) == (start, start + 13)


@pytest.mark.parametrize(("start", "end"), [(-1, 3), (3, 3), (5, 2), (0, len(TEXT) + 1)])
def test_anchor_at_rejects_ranges_outside_the_text(start: int, end: int) -> None:
    with pytest.raises(ValueError, match="not inside"):
        anchor_at(TEXT, start, end)


def test_find_quote_counts_occurrences_from_one() -> None:
    first = find_quote(TEXT, "The council met")
    second = find_quote(TEXT, "The council met", occurrence=2)
    assert first == (0, 15)
    assert second is not None and TEXT[second[0]:second[1]] == "The council met"
    assert second[0] > first[0]
    assert find_quote(TEXT, "The council met", occurrence=3) is None
    assert find_quote(TEXT, "The council met", occurrence=0) is None


def test_find_quote_forgives_typed_quotes_dashes_and_spaces() -> None:
    span = find_quote(TEXT, 'council\'s "closed   season" began - at')
    assert span is not None
    assert TEXT[span[0]:span[1]] == "council’s “closed season” began — at"
    assert count_quote(TEXT, "council's") == 1


def test_find_quote_misses_absent_and_blank_quotes() -> None:
    assert find_quote(TEXT, "harbour") is None
    assert find_quote(TEXT, "   ") is None
    assert count_quote(TEXT, "harbour") == 0


def test_locate_prefers_recorded_position_then_best_context() -> None:
    quote = "The council met"
    second = TEXT.rindex(quote)
    anchor = anchor_at(TEXT, second, second + len(quote))
    assert locate(TEXT, anchor) == (second, second + len(quote))
    shifted = "Preface added. " + TEXT
    moved = locate(shifted, anchor)
    assert moved == (second + 15, second + 15 + len(quote))


def test_locate_returns_none_when_quote_is_gone() -> None:
    anchor = Anchor(TextQuoteSelector("harbour"), TextPositionSelector(0, 7))
    assert locate(TEXT, anchor) is None

"""The margin's card layout: level with the words, stacked when crowded, the selected card
level with its words, in one pass."""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterator, Sequence
from typing import overload

import pytest

from reviewdesk.domain.margin_layout import CardColumn, place_cards, place_in_order


def _no_overlap(tops: Sequence[float], heights: Sequence[float], gap: float) -> bool:
    placed = sorted(zip(tops, heights, strict=True))
    return all(upper + tall + gap <= lower + 1e-9
               for (upper, tall), (lower, _) in itertools.pairwise(placed))


def test_cards_with_room_sit_level_with_their_words() -> None:
    assert place_cards([10, 200, 500], [60, 60, 60], gap=8) == [10, 200, 500]


def test_crowded_cards_stack_downward_without_overlapping() -> None:
    tops = place_cards([10, 20, 30, 400], [60, 60, 60, 60], gap=8)
    assert tops == [10, 78, 146, 400]
    assert _no_overlap(tops, [60] * 4, 8)


def test_a_stack_pushes_a_later_card_past_its_target() -> None:
    assert place_cards([0, 10, 100], [80, 80, 20], gap=10) == [0, 90, 180]


def test_the_selected_card_sits_at_its_target_and_pushes_the_others_up_and_down() -> None:
    heights = [60, 60, 60, 60, 60]
    targets = [10, 20, 30, 40, 50]
    tops = place_cards(targets, heights, gap=8, selected=2)
    assert tops[2] == 30
    assert tops[:2] == [30 - 68 * 2, 30 - 68]  # lifted just enough
    assert tops[3:] == [98, 166]  # pushed down from the selected one
    assert _no_overlap(tops, heights, 8)


def test_cards_above_the_selection_move_only_as_far_as_they_must() -> None:
    # The first card has room: it stays at its target; the second is lifted a little.
    tops = place_cards([0, 300, 340], [50, 50, 50], gap=10, selected=2)
    assert tops == [0, 280, 340]


def test_selecting_a_card_that_was_already_in_place_changes_nothing() -> None:
    targets, heights = [0, 100, 120, 500], [40, 40, 40, 40]
    plain = place_cards(targets, heights, gap=5)
    assert place_cards(targets, heights, gap=5, selected=0) == plain
    assert place_cards(targets, heights, gap=5, selected=3) == plain


def test_cards_given_out_of_order_come_back_in_the_given_order() -> None:
    tops = place_cards([300, 0, 10], [50, 50, 50], gap=10)
    assert tops == [300, 0, 60]
    assert place_cards([300, 0, 10], [50, 50, 50], gap=10, selected=2) == [300, -50, 10]


def test_nothing_to_place_and_bad_input() -> None:
    assert place_cards([], []) == []
    with pytest.raises(ValueError, match="2 targets but 1 heights"):
        place_cards([0, 1], [5])
    with pytest.raises(ValueError, match="no card 3 among 2"):
        place_cards([0, 1], [5, 5], selected=3)
    with pytest.raises(ValueError, match="negative"):
        place_cards([0], [5], gap=-1)


class _Counted(Sequence[float]):
    """A list that counts how often it is read, to measure work without a clock."""

    def __init__(self, values: list[float]) -> None:
        self.values = values
        self.reads = 0

    @overload
    def __getitem__(self, index: int) -> float: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[float]: ...

    def __getitem__(self, index: int | slice) -> float | Sequence[float]:
        if isinstance(index, slice):
            raise TypeError("the layout reads one card at a time")
        self.reads += 1
        return self.values[index]

    def __len__(self) -> int:
        return len(self.values)

    def __iter__(self) -> Iterator[float]:
        for index in range(len(self.values)):
            yield self[index]


@pytest.mark.parametrize("count", [10_000, 20_000])
def test_ten_thousand_crowded_cards_are_placed_in_linear_work(count: int) -> None:
    targets = _Counted([float(3 * (index // 4)) for index in range(count)])  # very crowded
    heights = _Counted([float(40 + index % 3 * 16) for index in range(count)])
    tops = place_cards(targets, heights, gap=6, selected=count // 2)
    assert tops[count // 2] == targets.values[count // 2]
    assert _no_overlap(tops, heights.values, 6)
    # Each target and height is read a fixed number of times, whatever the count.
    assert targets.reads <= 3 * count and heights.reads <= 2 * count


def test_a_margin_that_shows_the_top_stops_once_it_is_full() -> None:
    targets = _Counted([float(100 * index) for index in range(10_000)])
    tops = place_in_order(targets.__getitem__, lambda _index: 60.0, 10_000, gap=8,
                          bottom=750)
    assert tops == [float(100 * index) for index in range(9)]  # the ninth is below 750
    assert targets.reads == 9


def test_a_selected_card_far_down_is_placed_even_past_the_bottom() -> None:
    tops = place_in_order(lambda index: 10.0 * index, lambda _index: 50.0, 100, gap=0,
                          selected=40, bottom=100)
    assert len(tops) == 41 and tops[40] == 400
    assert tops[39] == 350 and tops[0] == 400 - 50 * 40  # all lifted above it


def test_a_column_scrolled_down_bit_by_bit_places_each_card_once() -> None:
    targets = _Counted([float(20 * index) for index in range(1_000)])
    column = CardColumn(targets.__getitem__, lambda _index: 50.0, 1_000, gap=10)
    for bottom in range(0, 100_000, 700):
        column.extend_to(bottom)
        assert column.reaches > bottom
    assert column.complete and column.reaches == math.inf
    assert targets.reads == 1_000
    assert column.tops == place_cards(targets.values, [50.0] * 1_000, gap=10)
    assert column.bottoms == [top + 50 for top in column.tops]

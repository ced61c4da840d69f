"""Where comment cards go in the margin: level with their words, never overlapping.

The layout Word uses for its comment margin. Each card wants to sit at its target (the top
of the first line of its words). Cards that crowd stack downward with a gap between them:
y_i = max(target_i, y_(i-1) + h_(i-1) + gap). A selected card sits exactly at its target;
the cards below it are pushed down and the cards above it pushed up, as far as they must
and no further. One pass down and at most one back up: ten thousand cards, ten thousand
steps; and a margin that shows only the top of a long brief stops once it is full.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence


def place_cards(targets: Sequence[float], heights: Sequence[float], gap: float = 8.0,
                selected: int | None = None) -> list[float]:
    """The top of each card, in the same order as `targets` and `heights`.

    `targets[i]` is where card i would like its top, `heights[i]` its height; `selected` is
    the index of the card that must sit at its target, or None. Cards keep the order of
    their targets (ties keep their given order) and no two overlap: each card's top is at
    least the previous card's bottom plus `gap`.
    """
    count = len(targets)
    if len(heights) != count:
        raise ValueError(f"{count} targets but {len(heights)} heights")
    if selected is not None and not 0 <= selected < count:
        raise ValueError(f"no card {selected} among {count}")
    # Sorting input that is already in order (document order, the usual case) is one pass.
    order = sorted(range(count), key=targets.__getitem__)
    pivot = None if selected is None else order.index(selected)
    tops = place_in_order(lambda place: targets[order[place]],
                          lambda place: heights[order[place]], count, gap, pivot)
    placed = [0.0] * count
    for place, index in enumerate(order):
        placed[index] = tops[place]
    return placed


def place_in_order(target: Callable[[int], float], height: Callable[[int], float],
                   count: int, gap: float = 8.0, selected: int | None = None,
                   bottom: float = math.inf) -> list[float]:
    """The tops of the first cards of `count`, given in the order of their targets; see
    CardColumn, which this fills down to `bottom`."""
    column = CardColumn(target, height, count, gap, selected)
    column.extend_to(bottom)
    return column.tops


class CardColumn:
    """Cards given in the order of their targets, asked for one at a time (so a caller
    works a target out only when it is needed), placed from the top down as far as a
    margin needs them, and further as it scrolls, each card placed once.

    `extend_to(y)` places cards until the first whose top is below y (every later card is
    lower still), but never stops before the selected card: cards above it may have to
    move up for it."""

    def __init__(self, target: Callable[[int], float], height: Callable[[int], float],
                 count: int, gap: float = 8.0, selected: int | None = None) -> None:
        if gap < 0:
            raise ValueError("the gap between cards cannot be negative")
        self._target, self._height = target, height
        self.count, self.gap, self.selected = count, gap, selected
        self.tops: list[float] = []
        self.heights: list[float] = []
        self.bottoms: list[float] = []  # top + height, ascending like the tops

    @property
    def complete(self) -> bool:
        """Whether every card is placed."""
        return len(self.tops) == self.count

    @property
    def reaches(self) -> float:
        """Every card with a top above this is placed (the last placed card's top)."""
        if self.complete:
            return math.inf
        return self.tops[-1] if self.tops else -math.inf

    def extend_to(self, bottom: float) -> None:
        """Place cards until one's top is below `bottom`, or the selected one if later."""
        tops, heights, selected = self.tops, self.heights, self.selected
        while len(tops) < self.count:
            index = len(tops)
            wanted = self._target(index)
            if tops and index != selected:
                wanted = max(wanted, self.bottoms[-1] + self.gap)
            tall = self._height(index)
            tops.append(wanted)
            heights.append(tall)
            self.bottoms.append(wanted + tall)
            if index == selected:
                self._lift_above()
            if wanted > bottom and (selected is None or index >= selected):
                return

    def _lift_above(self) -> None:
        """Push the cards above the last one up until they clear it; stop at the first
        card that need not move, since the ones above it already clear it."""
        tops, heights = self.tops, self.heights
        for place in range(len(tops) - 2, -1, -1):
            lifted = min(tops[place], tops[place + 1] - self.gap - heights[place])
            if lifted == tops[place]:
                return
            tops[place] = lifted
            self.bottoms[place] = lifted + heights[place]

"""Where comment cards go in the margin: level with their words, never overlapping.

The layout Word uses for its comment margin. Each card wants to sit at its target (the top
of the first line of its words). Cards that crowd stack downward with a gap between them.
A selected card sits exactly at its target; the cards below it are pushed down and the
cards above it pushed up, as far as they must and no further. One pass each way, so ten
thousand cards cost ten thousand steps.
"""

from __future__ import annotations

from collections.abc import Sequence


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
    if gap < 0:
        raise ValueError("the gap between cards cannot be negative")
    if selected is not None and not 0 <= selected < count:
        raise ValueError(f"no card {selected} among {count}")
    # Sorting input that is already in order (document order, the usual case) is one pass.
    order = sorted(range(count), key=targets.__getitem__)
    wanted = [targets[index] for index in order]
    tall = [heights[index] for index in order]
    tops = _stack_down(wanted, tall, gap)
    if selected is not None:
        pivot = order.index(selected)
        tops[pivot] = wanted[pivot]
        # Below the selected card: stacked downward from it.
        for place in range(pivot + 1, count):
            tops[place] = max(wanted[place], tops[place - 1] + tall[place - 1] + gap)
        # Above it: where plain stacking put them, lifted only as far as the card below needs.
        for place in range(pivot - 1, -1, -1):
            tops[place] = min(tops[place], tops[place + 1] - gap - tall[place])
    placed = [0.0] * count
    for place, index in enumerate(order):
        placed[index] = tops[place]
    return placed


def _stack_down(wanted: list[float], tall: list[float], gap: float) -> list[float]:
    """y_i = max(target_i, y_(i-1) + h_(i-1) + gap), the cards sorted by target."""
    tops = list(wanted)
    for place in range(1, len(tops)):
        tops[place] = max(wanted[place], tops[place - 1] + tall[place - 1] + gap)
    return tops

"""How counts read in messages: "1 annotation", "2 annotations", "1 reply", "3 replies"."""

from __future__ import annotations


def noun(number: int, one: str, many: str | None = None) -> str:
    """The noun for `number` of it: `one`, or `many` (default: `one` + "s")."""
    return one if number == 1 else many or one + "s"


def count(number: int, one: str, many: str | None = None) -> str:
    """"1 annotation", "2 annotations"; give `many` where "s" is not the plural."""
    return f"{number} {noun(number, one, many)}"

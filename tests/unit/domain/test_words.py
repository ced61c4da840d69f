"""Counts in messages read as words do: "1 annotation", "3 replies"."""

from reviewdesk.domain.words import count, noun


def test_one_and_many() -> None:
    assert count(1, "annotation") == "1 annotation"
    assert count(0, "annotation") == "0 annotations"
    assert count(2, "reply", "replies") == "2 replies"
    assert count(1, "reply", "replies") == "1 reply"
    assert noun(5, "brief") == "briefs"

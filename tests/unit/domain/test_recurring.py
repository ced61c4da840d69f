"""Recommendations of different briefs that are the same one in other words."""

from __future__ import annotations

from reviewdesk.domain.recurring import (
    content_words,
    recurring_recommendations,
    same_recommendation,
)


def test_same_recommendation_in_other_words() -> None:
    assert content_words("Donors should fund the patrols") == {"donor", "fund", "patrol"}
    assert same_recommendation("Donors should fund cold storage near the pass.",
                               "Cold storage close to the crossing needs funding from donors.")
    assert same_recommendation("The council should publish its catch data every month.",
                               "Publish the council's monthly catch data.")
    assert not same_recommendation("Donors should fund cold storage near the pass.",
                                   "Donors should train local engineers.")
    assert not same_recommendation("Fund the patrol.", "Fund the clinics.")
    # Only recommendations of different briefs recur.
    assert recurring_recommendations([("a", "A", "Publish the catch data monthly."),
                                      ("a", "A", "Publish monthly catch data.")]) == ()
    chained = recurring_recommendations([
        ("a", "A", "Publish the catch data monthly."),
        ("b", "B", "Publish monthly catch data and landing figures."),
        ("c", "C", "Landing figures and catch data should be published."),
        ("d", "D", "Train the harbour pilots.")])
    assert [[item.brief for item in group] for group in chained] == [["a", "b", "c"]]

"""The typed summary: totals computed from its figures, in the order its JSON gives them."""

from __future__ import annotations

from datetime import date

from reviewdesk.domain.summary import (
    BriefTotals,
    ReviewerProgress,
    SectionCount,
    Summary,
    TimelineEntry,
)


def _summary() -> Summary:
    return Summary(
        briefs=(BriefTotals("b2", "Second", 1, 3, {"verified": 2, "problem": 1}, 1, 2),
                BriefTotals("b1xxxxxxxx", "", 2, 1, {"unchecked": 4}, 0, 1)),
        tags={"b2": {"Risk": 1, "Indicator › economic": 2}, "b1xxxxxxxx": {"Indicator": 1}},
        reviewers={"b2": {"Zoe": 2, "Ali": 1}, "b1xxxxxxxx": {"Ali": 1}},
        sections={"b2": (SectionCount("Intro", "introduction", 3),)},
        recommendation_statuses={"accepted": 1, "proposed": 2},
        addressees={"Donors": 1, "(none)": 2},
        progress={"Zoe": ReviewerProgress(2, 1, 0), "Ali": ReviewerProgress(2, 0, 3)},
        timeline=(TimelineEntry("b2", "May 2024", "Saur–Jawza 1403", False, "x", "Indicator",
                                date(2024, 5, 1), date(2024, 5, 31)),))


def test_totals_are_the_sums_of_the_figures() -> None:
    summary = _summary()
    assert summary.annotation_total == 4
    assert summary.tag_totals == {"Indicator": 1, "Indicator › economic": 2, "Risk": 1}
    assert summary.top_level_tags == {"Indicator": 3, "Risk": 1}
    assert list(summary.reviewer_totals.items()) == [("Ali", 2), ("Zoe", 2)]
    assert summary.section_kinds["introduction"] == 3 and summary.section_kinds["other"] == 0
    assert summary.reference_totals == {"unchecked": 4, "verified": 2, "problem": 1}
    assert summary.status_counts["proposed"] == 2 and summary.status_counts["done"] == 0
    assert list(summary.addressee_counts) == ["(none)", "Donors"]
    assert (summary.recommendations_decided, summary.recommendations_total) == (1, 3)
    assert list(summary.reviewer_progress) == ["Ali", "Zoe"]
    assert summary.labels == {"b2": "Second", "b1xxxxxxxx": "b1xxxxxx"}
    assert summary.tags_in("b2") == {"Indicator › economic": 2, "Risk": 1}
    assert summary.reviewers_in("nowhere") == {}


def test_the_json_is_made_of_the_same_totals() -> None:
    summary = _summary()
    data = summary.to_dict()
    assert data["by_tag"]["total"] == summary.tag_totals
    assert data["references"] == summary.reference_totals
    assert data["recommendations"]["decided"] == 1
    assert data["briefs"][1]["references"] == {"unchecked": 4, "verified": 0, "problem": 0}
    assert data["timeline"][0]["from"] == "2024-05-01" and data["timeline"][0]["date_stated"]


def test_an_empty_summary() -> None:
    data = Summary().to_dict()
    assert data["briefs"] == [] and data["agreement"] == {} and data["timeline"] == []
    assert data["references"] == {"unchecked": 0, "verified": 0, "problem": 0}

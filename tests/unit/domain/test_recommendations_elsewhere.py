"""Recommendations a brief makes without a recommendations section, and the lines of
one that are not recommendations."""

from __future__ import annotations

from reviewdesk.domain.brief import BlockKind, BriefBuilder, SourceFormat
from reviewdesk.domain.recommendations import extract_recommendations
from reviewdesk.importers.markdown import parse_markdown


def _read(markdown: str) -> list[tuple[str, str]]:
    brief = parse_markdown(markdown, "brief.md")
    return [(" ".join(i.text.split()[:4]), i.addressee)
            for i in extract_recommendations(brief)]


LEAD = """# Memo: Night Trains

To: Ministry of Transport

The Ministry of Transport (MoT) and the Rail Regulator should license night services on the
northern line. This memo explains why.

## Background

Night trains closed in 2009. We propose reopening them as a pilot.

## Conclusions

The pilot would pay for itself within five years.
"""


def test_an_actor_asked_in_the_lead_paragraph() -> None:
    assert _read(LEAD) == [("The Ministry of Transport", "The Ministry of Transport (MoT) "
                                                         "and the Rail Regulator")]


CONCLUSION = """# Night Trains

## Summary

The northern line has spare capacity at night, and operators should look at it.

## Analysis

Sleeper cars must be refitted before use. Operators would need a subsidy.

## Conclusion

Demand is there. The Rail Regulator should open a tender for night services in 2026,
and future studies should look at freight.
"""


def test_the_conclusion_asks_before_the_summary() -> None:
    assert _read(CONCLUSION) == [("The Rail Regulator should", "The Rail Regulator")]


AUTHOR_RECOMMENDS = """# Where to Put the New Depot

This brief compares three sites and recommends that the depot be built at Kestrel Yard.

## Sites

Kestrel Yard is closest to the ring road. The quarry site must first be cleared.

## Traffic

Lorries would use the ring road.
"""


def test_the_author_recommending_in_the_introduction() -> None:
    assert _read(AUTHOR_RECOMMENDS) == [("This brief compares three", "")]


NO_RECOMMENDATION = """# Rainfall in the Valley

## Findings

Rainfall fell by a tenth. Farmers must now pump more, and pumps should last ten years.

## Conclusion

The trend is clear, although its causes should be studied further.
"""


def test_a_brief_that_asks_nothing_has_no_recommendations() -> None:
    assert _read(NO_RECOMMENDATION) == []


MIXED = """# Night Trains

## Conclusions and recommendations

Demand for night travel has grown every year since 2015. The northern line has room.

We recommend a two-year pilot on the northern line. Ticket prices rose in 2023.
Regional councils should promote the service. The pilot would be reviewed in 2028.
"""


def test_a_conclusions_and_recommendations_section_gives_only_what_asks() -> None:
    assert _read(MIXED) == [("We recommend a two-year", ""),
                            ("Regional councils should promote", "Regional councils")]


def _word_brief(lines: list[tuple[BlockKind, str, int | None]]) -> list[tuple[str, str]]:
    builder = BriefBuilder()
    for index, (kind, text, page) in enumerate(lines):
        builder.block(kind, text, f"p[{index}]", page=page)
    brief = builder.build("Ferries", SourceFormat.DOCX)
    return [(" ".join(i.text.split()[:4]), i.addressee)
            for i in extract_recommendations(brief)]


P, L = BlockKind.PARAGRAPH, BlockKind.LIST_ITEM


def test_a_recommendations_line_set_as_a_plain_paragraph_opens_them() -> None:
    assert _word_brief([
        (P, "Ferries", None), (P, "Background", None),
        (P, "The ferry to the islands runs twice a day.", None),
        (P, "Recommendations", None),
        (P, "We have two proposals for the ferry company.", None),
        (L, "Add a third crossing in summer.", None),
        (L, "The island council should subsidise the early crossing.", None),
        (P, "Why ferries?", None), (L, "Roads to the islands are closed in winter.", None),
    ]) == [("Add a third crossing", ""),
           ("The island council should", "The island council")]


def test_a_heading_run_into_its_paragraph_opens_them_and_page_furniture_is_left_out() -> None:
    assert _word_brief([
        (P, "Ferries to the Islands", 1), (P, "Island Transport Review", 1),
        (P, "ANALYSIS The ferry runs twice a day and must stop in storms.", 1),
        (P, "Island Transport Review", 2), (P, "2", 2),
        (P, "RECOMMENDATIONS The ferry company should add a summer crossing. The port "
            "should open earlier. Tickets cost too much.", 2),
        (P, "Island Transport Review", 3),
        (P, "REFERENCES", 3), (P, "Island Council (2023). Ferry survey.", 3),
    ]) == [("The ferry company should", "The ferry company"),
           ("The port should open", "The port")]


STUDY = """# Summarising Query Logs

In this paper we propose a method for summarising query logs, and we suggest that it
scales. Nous proposons également une méthode de calcul.

## Method

We call the result a summary.
"""


def test_a_study_proposing_a_method_recommends_nothing() -> None:
    assert _read(STUDY) == []


def test_a_recommendations_line_that_goes_on_in_lower_case_opens_nothing() -> None:
    assert _word_brief([
        (P, "Our handbook", None), (P, "Specific recommendations", None),
        (P, "are provided to help you", None), (P, "plan the new ferry routes.", None),
    ]) == []


def test_an_actor_asked_after_a_passive_in_the_same_paragraph() -> None:
    assert _read("""# Tolls

## Conclusion

Tolls should be cut. The Road Fund should pay for the gap.
""") == [("The Road Fund should", "The Road Fund")]


IMPLICATIONS = """# A New Ferry Pier

Three harbour towns have no pier. This brief weighs the sites, and recommends that the
pier be built at Lowmouth, as shown in Fig. 2.

## Demand

Lowmouth has the lowest wages of the three towns.

## Implications

The pier at Lowmouth would remove the need to drive for an hour to the city. Residents of
Eastholm would still need to drive to Lowmouth, although travel times are expected to fall.

- Okafor, N., Lim, T. (2020). Ferries and wages. Marine Policy, 4(2): 101.
"""


def test_implications_that_describe_give_way_to_the_lead_recommending() -> None:
    assert _read(IMPLICATIONS) == [("This brief weighs the", "")]


def test_an_options_line_set_as_a_plain_paragraph_lists_no_items() -> None:
    assert _word_brief([
        (P, "Recommendations", None),
        (L, "Publish the fare formula every spring.", None),
        (P, "Possible courses of action", None),
        (L, "Raise fares for everyone.", None),
    ]) == [("Publish the fare formula", "")]

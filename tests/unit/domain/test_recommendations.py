from __future__ import annotations

import pytest

from reviewdesk.domain.recommendations import addressee, extract_recommendations
from reviewdesk.importers.markdown import parse_markdown

LISTED = """# Grain Corridors

## Recommendations

The following steps are proposed:

- The Ministry of Water should publish weekly reservoir levels.
- Given the drought in the north, which worsened in spring, Varnia must open its depots.
- To share the burden, both provinces should fund the canal jointly.
- Port inspections should be streamlined.
- Donors are urged to pledge early.
- Convene a regional grain council.
"""

PARAGRAPHS = """# Grain Corridors

## Policy Recommendations

We make two proposals:

We recommend that donors fund seed banks in the valley.

The river commission needs to meet twice a year.
"""


def test_list_items_with_addressees() -> None:
    items = extract_recommendations(parse_markdown(LISTED, "g.md"))
    assert [(i.index, i.addressee) for i in items] == [
        (1, "The Ministry of Water"),
        (2, "Varnia"),
        (3, "Both provinces"),
        (4, ""),  # passive voice names no actor
        (5, "Donors"),
        (6, ""),  # imperative
    ]
    assert items[0].text == "The Ministry of Water should publish weekly reservoir levels."
    assert all(i.block_id for i in items)


def test_paragraphs_when_there_is_no_list() -> None:
    items = extract_recommendations(parse_markdown(PARAGRAPHS, "g.md"))
    assert [(i.index, i.addressee) for i in items] == [(1, "Donors"),
                                                       (2, "The river commission")]


@pytest.mark.parametrize(("text", "expected"), [
    ("Grain stocks should be released by the regional governments.", "The regional governments"),
    ("It is essential that Varnia ought to reply.", "Varnia"),
    ("The Council of Ports, Rivers and Roads could pool its budget.",
     "The Council of Ports, Rivers and Roads"),
    ("Nothing to ask here.", ""),
])
def test_addressee(text: str, expected: str) -> None:
    assert addressee(text) == expected


ADDRESSED_BY_HEADINGS = """# Grain Corridors

## 5. Call to action

### For the river provinces

- Publish the reservoir levels every week.
- Port inspections should be streamlined by the Harbour Board.

### Short term

- Convene a regional grain council.

### Seed banks and donors:

- Pledge early for the next sowing.
"""


def test_a_sub_heading_that_addresses_an_actor_names_it_for_its_items() -> None:
    items = extract_recommendations(parse_markdown(ADDRESSED_BY_HEADINGS, "g.md"))
    assert [(i.text[:12], i.addressee) for i in items] == [
        ("Publish the ", "River provinces"),
        ("Port inspect", "The Harbour Board"),  # the item's own actor wins
        ("Convene a re", ""),  # a timing heading is not an actor
        ("Pledge early", "Seed banks and donors"),
    ]


def _read(markdown: str) -> list[tuple[str, str]]:
    """(the item's first words, its addressee) for each recommendation."""
    brief = parse_markdown(markdown, "brief.md")
    return [(" ".join(i.text.split()[:4]), i.addressee)
            for i in extract_recommendations(brief)]


NUMBERED_SUB_HEADINGS = """# Water for the Valley

## Recommendations

### R1: Publish the reservoir levels every week

The levels are known to the operators but not to the farmers downstream.

- A weekly table in the regional paper would be enough.

### R2. Meter the irrigation canals

Metering would show which districts draw more than their share.

### Recommendation 3: Water councils

The district water councils should meet before each sowing season.

They would agree the quotas for the season.

## Conclusion

The valley has enough water if it is shared.
"""


def test_numbered_sub_headings_are_items_and_their_paragraphs_explain_them() -> None:
    assert _read(NUMBERED_SUB_HEADINGS) == [
        ("R1: Publish the reservoir", ""),
        ("R2. Meter the irrigation", ""),
        ("The district water councils", "The district water councils"),
    ]


ASKS_WITH_RATIONALE = """# Fair Fares

## Three specific asks

The asks below are modest and can be met within a year.

Ask 01

Open Ticket Data

Require every operator to publish its fares in an open format.

Rationale

Riders cannot compare what they cannot see. Regulators face the same problem.

Ask 02

Concession Review

Review the concession contracts when they come up for renewal.

The contracts were signed before the network doubled in size.

Rationale

A review at renewal costs nothing extra.
"""


def test_numbered_labels_take_the_first_paragraph_and_leave_the_rationale() -> None:
    assert _read(ASKS_WITH_RATIONALE) == [
        ("Require every operator to", ""),
        ("Review the concession contracts", ""),
    ]


ADDRESSEE_LABELS = """# Coastal Patrols

## Call to action

Several groups can move this forward:

Fishing Cooperatives:

Your logbooks are the best record of the reefs. Sharing them with the patrol office each
month would close most of the gaps.

Regional Governments:

Each province holds part of the fleet. Specific asks:

- Pool the patrol boats under one schedule
- Fund a shared radio network

For universities:

Marine biology departments can lend students to the survey each summer.
The survey would then cover the outer islands too.
"""


def test_addressee_labels_name_the_actor_of_the_items_under_them() -> None:
    assert _read(ADDRESSEE_LABELS) == [
        ("Your logbooks are the", "Fishing Cooperatives"),
        ("Pool the patrol boats", "Regional Governments"),
        ("Fund a shared radio", "Regional Governments"),
        ("Marine biology departments can", "Universities"),
    ]


SECTOR_GROUPS = """# Cleaner Ports

## Policy recommendations

Shipping

- Require shore power at the container berths.
- Phase out heavy fuel oil in the harbour by 2030.

Trucking

- Harbour trucks to switch to electric drives by 2032.
- For the Port Authority: extend the night-time delivery window.
"""


def test_theme_labels_name_no_actor_and_run_in_labels_and_x_to_verb_do() -> None:
    assert _read(SECTOR_GROUPS) == [
        ("Require shore power at", ""),
        ("Phase out heavy fuel", ""),
        ("Harbour trucks to switch", ""),
        ("For the Port Authority:", "Port Authority"),
    ]


NESTED_LIST = """# Cleaner Ports

## Recommendations for the Harbour Board

1. Publish the berth schedule.
   - online
   - on the quay notice boards
2. Set up a complaints line.

Figure 4: Berth occupancy, 2019-2024

Source: Harbour Board returns
"""


def test_sub_bullets_details_and_captions_are_not_items() -> None:
    assert _read(NESTED_LIST) == [
        ("Publish the berth schedule.", "Harbour Board"),
        ("Set up a complaints", "Harbour Board"),
    ]


PROSE = """# Grain Reserves

## Recommendations

This section sets out what we propose.

We recommend that the provinces keep a joint grain reserve. The reserve should be
audited every year by the national statistics office. It would hold three months of
consumption. Provincial governments should also publish their stock levels.

Keeping reserves has costs, and they are not small.
"""


def test_a_paragraph_in_which_several_sentences_ask_gives_one_item_per_sentence() -> None:
    assert _read(PROSE) == [
        ("We recommend that the", "The provinces"),
        ("The reserve should be", "The national statistics office"),
        ("Provincial governments should also", "Provincial governments"),
    ]


OPTIONS_AND_PEOPLE = """# Bus Lanes

## Policy options

- Option A: paint lanes on the ring road.
- Option B: build a separate busway.

## Next steps

It would help to bring the main players together. People we hope to involve are:

- Dana Ilves, Director of Transport Planning at the City

Transport Office

- Marek Tamm, Chair of the Riders' Association

Partners outside government we would like to include:

- A representative of the taxi drivers' union
"""


def test_options_lists_and_people_to_involve_are_not_recommendations() -> None:
    assert _read(OPTIONS_AND_PEOPLE) == []


SUMMARY_AND_FULL = """# Safer Crossings

## Executive summary

Level crossings cause a third of rail deaths in the region.

### Key recommendations

- Close the crossings with no barrier.
- Fund bridges at the busiest crossings.

## Findings

Most deaths happen at crossings with no barrier.

## Recommendations to the Rail Agency

1. Close the 40 crossings that have no barrier by 2028.
2. Fund bridges at the ten busiest crossings.
3. Publish a yearly safety report.
"""


def test_key_recommendations_in_the_summary_give_way_to_the_full_list() -> None:
    assert _read(SUMMARY_AND_FULL) == [
        ("Close the 40 crossings", "Rail Agency"),
        ("Fund bridges at the", "Rail Agency"),
        ("Publish a yearly safety", "Rail Agency"),
    ]


def test_key_recommendations_alone_are_the_recommendations() -> None:
    only_summary = SUMMARY_AND_FULL.split("## Findings")[0]
    assert _read(only_summary) == [("Close the crossings with", ""),
                                   ("Fund bridges at the", "")]

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

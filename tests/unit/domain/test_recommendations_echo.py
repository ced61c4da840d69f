"""A recommendation that names no actor takes the one its summary names for the same ask."""

from __future__ import annotations

from reviewdesk.domain.recommendations import extract_recommendations
from reviewdesk.importers.markdown import parse_markdown

ECHOED = """# Ferry Fares

## Executive summary

Ferry fares doubled in two years. My view is that the harbour board should publish a fare
formula every spring and cap weekday fares for residents.

## Analysis

Fares rose faster than fuel costs.

## Conclusion

Fares will keep rising without a rule. I recommend that a fare formula be published every
spring and weekday fares for residents be capped.
"""

NOT_ECHOED = """# Ferry Fares

## Executive summary

The harbour board should publish its accounts.

## Recommendations

- Cap weekday fares for residents at their 2023 level.
"""

LIST_AFTER_SUMMARY = """# Ferry Fares

## Key recommendations

- The harbour board should publish a fare formula every spring.

## Recommendations

1. Publish a fare formula every spring, with the fuel costs behind it.
2. Cap weekday fares for residents.
"""


def _read(markdown: str) -> list[tuple[str, str]]:
    return [(" ".join(item.text.split()[:3]), item.addressee)
            for item in extract_recommendations(parse_markdown(markdown, "brief.md"))]


def test_the_conclusion_repeats_what_the_summary_asks_of_an_actor() -> None:
    assert _read(ECHOED) == [("I recommend that", "The harbour board")]


def test_an_ask_in_other_words_takes_no_actor_from_the_summary() -> None:
    assert _read(NOT_ECHOED) == [("Cap weekday fares", "")]


def test_an_imperative_of_the_full_list_takes_the_actor_of_its_key_recommendation() -> None:
    assert _read(LIST_AFTER_SUMMARY) == [("Publish a fare", "The harbour board"),
                                         ("Cap weekday fares", "")]

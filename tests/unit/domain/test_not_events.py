"""Sentences and blocks that tell of no event: source notes, copyright lines, reference
entries and fragments."""

from __future__ import annotations

from dataclasses import replace

import pytest

from reviewdesk.domain.dates import find_dates
from reviewdesk.domain.not_events import (
    is_copyright,
    is_fragment,
    is_reference_entry,
    is_source_line,
    is_source_note,
    reports_no_event,
)


@pytest.mark.parametrize("text", [
    "Source: World Bank, 2023.", "Accessed 3 May 2024.", "https://example.org/x",
    "doi:10.1000/182"])
def test_links_dois_access_dates_and_source_lines_are_source_notes(text: str) -> None:
    assert is_source_note(text)


@pytest.mark.parametrize("text", ["© 2024 CSRS", "All rights reserved.",
                                  "Tous droits réservés."])
def test_copyright_lines(text: str) -> None:
    assert is_copyright(text)
    assert not is_copyright("The council met in May 2024.")


def test_a_source_line_begins_with_source() -> None:
    assert is_source_line("Source: World Bank, 2023.")
    assert not is_source_line("The source of the figures is the World Bank.")


@pytest.mark.parametrize("text", [
    "Okafor, N. (2019). Quotas. Lake Press.",
    "Corrin Council. (2024, March 3). Shared quota agreement. https://example.org/quota",
    "Source: World Bank, 2023."])
def test_reference_entries_and_source_lines_read_as_entries(text: str) -> None:
    assert is_reference_entry(text)


def test_prose_and_very_long_blocks_are_no_reference_entries() -> None:
    assert not is_reference_entry("The report was published in 2019 and widely read.")
    assert not is_reference_entry("Okafor, N. (2019). " + "Quotas and more. " * 60)


def test_a_date_with_fewer_than_three_words_is_a_fragment() -> None:
    date_line = "March 2024."
    sentence = "In March 2024 the two councils signed a quota."
    assert is_fragment(date_line, find_dates(date_line), 0)
    assert reports_no_event(date_line, find_dates(date_line), 0)
    assert not is_fragment(sentence, find_dates(sentence), 0)
    assert not reports_no_event(sentence, find_dates(sentence), 0)


def test_mention_offsets_are_taken_relative_to_the_sentence() -> None:
    sentence = "March 2024."
    shifted = [replace(m, start=m.start + 100, end=m.end + 100) for m in find_dates(sentence)]
    assert is_fragment(sentence, shifted, 100)

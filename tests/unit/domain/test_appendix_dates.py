"""domain/appendix.py (a second test_appendix.py would clash with the services one), the
appendix's pure part: an indicator's date in both calendars, from its words, their
paragraph or the pair the brief writes, and which tags are indicators."""

from __future__ import annotations

import pytest

from reviewdesk.domain.appendix import indicator_dates, is_indicator, other_calendar
from reviewdesk.domain.brief import BlockKind, BriefBuilder, SourceFormat
from reviewdesk.domain.date_text import AFGHAN_MONTH_NAMES
from reviewdesk.domain.dates import find_dates, hijri_month


@pytest.mark.parametrize(("written", "other"), [
    ("21 March 2023", "1 Hamal 1402"),
    ("2023-03-21", "1 Hamal 1402"),
    ("1 Saur 1403", "20 April 2024"),
    ("5 Mehr 1402", "27 September 2023"),
    ("March 2023", "Hut 1401–Hamal 1402"),
    ("Hamal 1402", "March–April 2023"),
    ("mid-2023", "Hamal–Mizan 1402"),
    ("2023", "1401–1402"),
    ("1402 SH", "2023–2024"),
])
def test_other_calendar(written: str, other: str) -> None:
    [mention] = find_dates(written)
    assert other_calendar(mention) == other


def test_converted_days_read_back_as_the_same_day() -> None:
    assert all(hijri_month(name) == number
               for number, name in enumerate(AFGHAN_MONTH_NAMES, start=1))
    for text in ("14 August 2023", "29 February 2024", "31 December 2022", "1 January 2025"):
        [mention] = find_dates(text)
        [back] = find_dates(other_calendar(mention))
        assert back.period == mention.period


def test_dates_from_context_and_pairs_in_either_order() -> None:
    builder = BriefBuilder()
    builder.heading("Signals", 1, "h1")
    builder.block(BlockKind.PARAGRAPH, "The crossing reopened on 1 Saur 1403 (20 April 2024) "
                  "after talks. Trucks queued for a day.", "p1")
    builder.block(BlockKind.PARAGRAPH, "Quotas were raised in 2023 (1402).", "p2")
    brief = builder.build("Signals", SourceFormat.TEXT)

    def dates(quote: str) -> tuple[str, str]:
        start = brief.text.index(quote)
        return indicator_dates(brief, start, start + len(quote), quote)

    assert dates("The crossing reopened") == ("1 Saur 1403", "20 April 2024")
    assert dates("20 April") == ("1 Saur 1403", "20 April 2024")
    assert dates("Trucks queued") == ("1 Saur 1403", "20 April 2024")
    assert dates("Quotas were raised") == ("2023", "1402")
    # Offsets that no longer match the text: the quote alone is read.
    assert indicator_dates(brief, 0, 5, "met on 3 May 2022") == ("3 May 2022", "13 Saur 1401")
    assert indicator_dates(brief, 0, 5, "no date here") == ("", "")


def test_is_indicator() -> None:
    assert is_indicator("Indicator") and is_indicator("Indicator › security")
    assert not is_indicator("Indicators") and not is_indicator("Claim") and not is_indicator(None)

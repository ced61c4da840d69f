"""A date typed by a reviewer for an indicator: tidied, or refused in one sentence."""

from __future__ import annotations

import pytest

from reviewdesk.domain.date_input import readable_date
from reviewdesk.errors import InputError


@pytest.mark.parametrize(("written", "stored"), [
    ("2024-09", "September 2024"),
    (" 15  September 2024 ", "15 September 2024"),
    ("2024-09-15", "2024-09-15"),
    ("mid-2024", "mid-2024"),
    ("Mizan 1403", "Mizan 1403"),
])
def test_a_date_the_brief_could_have_written_is_kept_tidied(written: str, stored: str) -> None:
    assert readable_date(written) == stored


@pytest.mark.parametrize("written", ["2024-13", "tomorrow", "May 2024 and June 2024", ""])
def test_anything_but_one_date_is_refused_with_examples(written: str) -> None:
    with pytest.raises(InputError, match="not a date ReviewDesk can read; write one date"):
        readable_date(written)


def test_a_very_long_text_is_refused_without_being_searched() -> None:
    with pytest.raises(InputError):
        readable_date("September 2024 " * 1000)

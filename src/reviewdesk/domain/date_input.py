"""A date as a reviewer types it for an indicator: any date the brief's own dates could be
("15 September 2024", "mid-2024", "Mizan 1403", "۱۵ مهر ۱۴۰۳", "١٤٤٥ هـ"), or an ISO day
or month."""

from __future__ import annotations

import re

from reviewdesk.domain.date_text import GREGORIAN_MONTH_NAMES
from reviewdesk.domain.dates import find_dates
from reviewdesk.domain.limits import MAX_DATE_CHARS
from reviewdesk.errors import InputError

_ISO_MONTH = re.compile(r"(\d{4})-(\d{1,2})")


def readable_date(written: str) -> str:
    """`written` tidied ("2024-09" becomes "September 2024"); InputError when it is no
    single date ReviewDesk reads."""
    text = " ".join(written.split())
    month = _ISO_MONTH.fullmatch(text)
    if month and 1 <= int(month.group(2)) <= 12:
        text = f"{GREGORIAN_MONTH_NAMES[int(month.group(2)) - 1]} {month.group(1)}"
    found = find_dates(text) if len(text) <= MAX_DATE_CHARS else []
    if len(found) != 1 or (found[0].start, found[0].end) != (0, len(text)):
        raise InputError(f"{written.strip()!r} is not a date ReviewDesk can read; write one "
                         "date such as 2024-09-15, 2024-09, September 2024, mid-2024, "
                         "Mizan 1403 or ۱۵ مهر ۱۴۰۳")
    return text

"""Identifiers and timestamps shared by every record."""

from __future__ import annotations

import os
import uuid
from datetime import UTC, datetime, timedelta

# A time further ahead of this computer's clock than this is another computer's clock being
# wrong: times from files and bundles beyond it are taken as now.
FUTURE_SLACK = timedelta(days=1)


def new_id() -> str:
    """A fresh UUID4 in its canonical text form, so reviewers' databases can be merged.

    The bits uuid.uuid4() sets, set on the random bytes directly: building a UUID object to
    print it cost three times as much, and a long brief takes an id for each of its 8,000
    blocks."""
    raw = bytearray(os.urandom(16))
    raw[6] = raw[6] & 0x0F | 0x40  # version 4
    raw[8] = raw[8] & 0x3F | 0x80  # the RFC 4122 variant
    text = raw.hex()
    return f"{text[:8]}-{text[8:12]}-{text[12:16]}-{text[16:20]}-{text[20:]}"


def stable_id(namespace: str, name: str) -> str:
    """A UUID5 derived from a name: the same input always gives the same id."""
    return str(uuid.uuid5(uuid.uuid5(uuid.NAMESPACE_URL, namespace), name))


def utc_now() -> datetime:
    """The current time, timezone-aware, truncated to milliseconds (what JSON round-trips)."""
    now = datetime.now(UTC)
    return now.replace(microsecond=(now.microsecond // 1000) * 1000)


def as_utc(value: datetime) -> datetime:
    """A datetime read back from SQLite (naive, UTC by convention) made timezone-aware."""
    return value if value.tzinfo else value.replace(tzinfo=UTC)

"""Identifiers and timestamps shared by every record."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

# A time further ahead of this computer's clock than this is another computer's clock being
# wrong: times from files and bundles beyond it are taken as now.
FUTURE_SLACK = timedelta(days=1)


def new_id() -> str:
    """A fresh UUID4 in its canonical text form, so reviewers' databases can be merged."""
    return str(uuid.uuid4())


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

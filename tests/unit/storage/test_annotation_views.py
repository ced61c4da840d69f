"""The rows of the annotation views: times read as aware UTC datetimes, SQL for PostgreSQL too."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest
from sqlalchemy.dialects import postgresql, sqlite

from reviewdesk.storage.annotation_views import (
    _ANNOTATION_BY_ID,
    _ANNOTATIONS_OF_BRIEF,
    _REPLIES_BY_ANNOTATION,
    _REPLIES_OF_BRIEF,
    _utc,
    _UTCTime,
    annotation_rows,
)
from reviewdesk.storage.store import Store

MOMENT = datetime(2025, 3, 4, 5, 6, 7, 123000, tzinfo=UTC)


@pytest.mark.parametrize("stored", [
    "2025-03-04 05:06:07.123000",        # as SQLite keeps it
    "2025-03-04T05:06:07.123",
    "2025-03-04 07:06:07.123000+02:00",  # text with an offset of its own
    "2025-03-04T05:06:07.123Z",
    datetime(2025, 3, 4, 5, 6, 7, 123000),  # a driver's naive datetime, UTC by convention
    datetime(2025, 3, 4, 0, 6, 7, 123000, tzinfo=timezone(timedelta(hours=-5))),
])
def test_times_are_read_as_aware_utc(stored: str | datetime) -> None:
    value = _utc(stored)
    assert value == MOMENT and value is not None and value.tzinfo is UTC


def test_a_missing_time_stays_missing() -> None:
    assert _utc(None) is None


def test_text_that_is_no_time_is_refused() -> None:
    with pytest.raises(ValueError):
        _utc("yesterday")


@pytest.mark.parametrize("statement", [_ANNOTATIONS_OF_BRIEF, _ANNOTATION_BY_ID,
                                       _REPLIES_OF_BRIEF, _REPLIES_BY_ANNOTATION])
def test_the_statements_compile_for_postgresql_and_sqlite(statement: Any) -> None:
    for dialect in (postgresql.dialect(), sqlite.dialect()):
        sql = str(statement.compile(dialect=dialect))
        assert "JOIN reviewer AS" in sql and "ORDER BY" in sql
    times = [column.type for column in statement.selected_columns
             if isinstance(column.type, _UTCTime)]
    assert times and all(time.result_processor(dialect, None) is _utc
                         for time in times for dialect in (postgresql.dialect(), sqlite.dialect()))


def test_naming_both_or_neither_is_a_mistake(store: Store) -> None:
    with store.transaction() as tx, pytest.raises(ValueError):
        annotation_rows(tx.annotations._session, brief_id="a", annotation_id="b")
    with store.transaction() as tx, pytest.raises(ValueError):
        annotation_rows(tx.annotations._session)

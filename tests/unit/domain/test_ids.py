"""Ids and timestamps every record carries."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from reviewdesk.domain.ids import as_utc, new_id, stable_id, utc_now


def test_new_ids_are_distinct_uuid4_strings() -> None:
    first, second = new_id(), new_id()
    assert first != second
    assert uuid.UUID(first).version == 4


def test_new_ids_are_canonical_rfc_4122_version_4() -> None:
    ids = [new_id() for _ in range(2000)]
    assert len(set(ids)) == len(ids)
    for text in ids:
        parsed = uuid.UUID(text)
        assert str(parsed) == text
        assert (parsed.version, parsed.variant) == (4, uuid.RFC_4122)


def test_a_stable_id_depends_only_on_namespace_and_name() -> None:
    assert stable_id("webanno", "note-1") == stable_id("webanno", "note-1")
    assert stable_id("webanno", "note-1") != stable_id("webanno", "note-2")
    assert stable_id("webanno", "note-1") != stable_id("other", "note-1")
    assert uuid.UUID(stable_id("webanno", "note-1")).version == 5


def test_now_is_aware_and_whole_milliseconds() -> None:
    now = utc_now()
    assert now.tzinfo is UTC
    assert now.microsecond % 1000 == 0


def test_a_naive_time_read_back_is_taken_as_utc() -> None:
    naive = datetime(2024, 5, 1, 14, 30)
    aware = datetime(2024, 5, 1, 14, 30, tzinfo=UTC)
    assert as_utc(naive) == aware
    assert as_utc(aware) is aware

"""A view made field by field is the view its dataclass makes."""

from __future__ import annotations

import dataclasses
import inspect
from datetime import UTC, datetime, timedelta

import pytest

from reviewdesk.domain.review import AnnotationStatus
from reviewdesk.domain.views import AnnotationView, ReplyView, make_annotation_view

MOMENT = datetime(2025, 3, 4, 5, 6, 7, tzinfo=UTC)


def _values() -> dict[str, object]:
    """A different value for every field."""
    return {"id": "a1", "brief_id": "b1", "tag": "Indicator › economic", "colour": "#abcdef",
            "comment": "why?", "reviewer": "Ines Duarte", "initials": "ID",
            "status": AnnotationStatus.RESOLVED, "quote": "council", "prefix": "the ",
            "suffix": " met", "start": 4, "end": 11, "created": MOMENT,
            "modified": MOMENT + timedelta(days=1),
            "replies": (ReplyView("r1", "Amina Rahimi", "because", MOMENT),),
            "anchor_state": "shifted", "anchor_score": 0.75, "date": "September 2024"}


def test_the_fields_are_taken_in_the_dataclass_s_order() -> None:
    assert list(inspect.signature(make_annotation_view).parameters) == \
        [field.name for field in dataclasses.fields(AnnotationView)] == list(_values())


def test_a_view_made_field_by_field_is_the_dataclass_s_own() -> None:
    values = _values()
    made, expected = make_annotation_view(**values), AnnotationView(**values)  # type: ignore[arg-type]
    assert made == expected and hash(made) == hash(expected) and repr(made) == repr(expected)
    assert type(made) is AnnotationView
    assert dataclasses.replace(made, comment="") == dataclasses.replace(expected, comment="")
    with pytest.raises(dataclasses.FrozenInstanceError):
        made.comment = "changed"  # type: ignore[misc]

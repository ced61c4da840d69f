"""The rows behind the annotation models: document order, found by bisect, and a changed
view keeps its row."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from reviewdesk.domain.review import AnnotationStatus
from reviewdesk.domain.views import AnnotationView
from reviewdesk.ui.ordered_views import OrderedViews


def view(key: str, start: int, end: int) -> AnnotationView:
    now = datetime(2026, 1, 1, tzinfo=UTC)
    return AnnotationView(id=key, brief_id="b", tag=None, colour=None, comment="",
                          reviewer="R", initials="R", status=AnnotationStatus.OPEN,
                          quote="q", prefix="", suffix="", start=start, end=end,
                          created=now, modified=now)


def test_rows_in_document_order_and_a_moved_view_keeps_its_row() -> None:
    rows = OrderedViews()
    rows.reset([view("c", 30, 35), view("a", 5, 9)])
    late = view("b", 10, 12)
    rows.insert(rows.insertion_row(late), late)
    assert [rows.at(row).id for row in range(len(rows))] == ["a", "b", "c"]  # type: ignore[union-attr]
    assert rows.row_of("c") == 2 and rows.row_of("x") is None and rows.at(3) is None
    rows.replace(replace(late, start=40, end=44))  # placed elsewhere: shown where it was
    assert rows.row_of("b") == 1 and rows.get("b").start == 40  # type: ignore[union-attr]
    rows.delete(0)
    assert "a" not in rows and rows.row_of("c") == 1 and len(rows) == 2

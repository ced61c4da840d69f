"""The Due column's editor: a calendar, cleared for no due date, room for its text, and a
typed date that is not one refused with a reason instead of quietly changed."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot
from qt_helpers import show_active

from reviewdesk.services.tracking import recommendations_of
from reviewdesk.ui.due_date_editor import NO_DATE_TEXT, DueDateField
from reviewdesk.ui.recommendation_model import Column, parse_due
from reviewdesk.ui.recommendations_tab import RecommendationsTab
from reviewdesk.ui.session import ReviewSession


@pytest.fixture
def tab(qtbot: QtBot, session: ReviewSession) -> RecommendationsTab:
    widget = RecommendationsTab(session)
    show_active(qtbot, widget, width=430, height=600)
    return widget


def _due(session: ReviewSession, row: int = 1) -> date | None:
    assert session.brief is not None
    return recommendations_of(session.store, session.brief.id)[row].recommendation.due


def _edit_due(qtbot: QtBot, tab: RecommendationsTab, row: int = 1) -> DueDateField:
    tab.table.setCurrentIndex(tab.proxy.index(row, Column.DUE))
    qtbot.keyClick(tab.table, Qt.Key.Key_F2)
    line = tab.table.focusWidget()
    assert isinstance(line, QLineEdit) and isinstance(line.parent(), DueDateField)
    return line.parent()


def test_the_due_date_is_picked_from_a_calendar(qtbot: QtBot, tab: RecommendationsTab,
                                                session: ReviewSession) -> None:
    field = _edit_due(qtbot, tab)
    assert field.text() == "" and field.line.placeholderText() == NO_DATE_TEXT
    assert field.width() >= field.sizeHint().width()  # not clipped to the column
    qtbot.keyClick(field.line, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(field.calendar.isVisible)
    assert field.calendar.selectedDate() == QDate.currentDate()  # no date yet: today
    field.calendar.setSelectedDate(QDate(2037, 1, 15))
    qtbot.keyClick(field.calendar.focusWidget() or field.calendar, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: _due(session) == date(2037, 1, 15))
    assert not field.calendar.isVisible()
    assert tab.model.data(tab.model.index(1, Column.DUE)) == "2037-01-15"
    assert session.undo_stack.count() == 1


def test_typing_a_date_and_clearing_it(qtbot: QtBot, tab: RecommendationsTab,
                                       session: ReviewSession) -> None:
    field = _edit_due(qtbot, tab)
    qtbot.keyClicks(field.line, "2037-01-15")
    qtbot.keyClick(field.line, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: _due(session) == date(2037, 1, 15))
    field = _edit_due(qtbot, tab)
    assert field.text() == "2037-01-15" and field.line.selectedText() == "2037-01-15"
    qtbot.keyClick(field.line, Qt.Key.Key_Delete)  # the whole date is selected
    qtbot.keyClick(field.line, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: _due(session) is None)
    assert tab.model.data(tab.model.index(1, Column.DUE)) == ""


@pytest.mark.parametrize(("typed", "why"), [
    ("2037-02-30", "There is no day 2037-02-30 in the calendar; the due date is unchanged"),
    ("2037-13-01", "There is no day 2037-13-01 in the calendar; the due date is unchanged"),
    ("next week", "“next week” is not a date; write it as YYYY-MM-DD")])
def test_a_typed_date_that_is_not_one_is_refused_with_a_reason(
        qtbot: QtBot, tab: RecommendationsTab, session: ReviewSession, typed: str,
        why: str) -> None:
    assert tab.model.setData(tab.model.index(1, Column.DUE), "2037-02-10")
    field = _edit_due(qtbot, tab)
    with qtbot.waitSignal(session.error) as message:
        qtbot.keyClicks(field.line, typed)
        qtbot.keyClick(field.line, Qt.Key.Key_Return)
    assert message.args == [why]
    assert _due(session) == date(2037, 2, 10)  # as it was, not a near day
    assert session.undo_stack.count() == 1


def test_parse_due_takes_dates_and_empty_text() -> None:
    assert parse_due("") is None and parse_due(" 2037-01-15 ") == date(2037, 1, 15)
    assert parse_due(QDate(2037, 1, 15)) == date(2037, 1, 15)

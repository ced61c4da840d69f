"""The Recommendations tab: decisions edited in place, undoable, recorded in the history."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import (
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtTest import QAbstractItemModelTester
from PySide6.QtWidgets import QComboBox, QLineEdit
from pytestqt.qtbot import QtBot
from qt_helpers import model_failures, show_active

from reviewdesk.domain.findings import Recommendation, RecommendationStatus
from reviewdesk.services.tracking import recommendations_of
from reviewdesk.ui import undo
from reviewdesk.ui.recommendation_model import Column, RecommendationTableModel
from reviewdesk.ui.recommendations_tab import NO_EVIDENCE, RecommendationsTab
from reviewdesk.ui.session import ReviewSession


@pytest.fixture
def tab(qtbot: QtBot, session: ReviewSession) -> RecommendationsTab:
    widget = RecommendationsTab(session)
    show_active(qtbot, widget)
    return widget




def _select(tab: RecommendationsTab, row: int) -> None:
    tab.select_recommendation(tab.model.tracked(row).recommendation.id)


def _stored(session: ReviewSession, row: int = 0) -> Recommendation:
    assert session.brief is not None
    return recommendations_of(session.store, session.brief.id)[row].recommendation


def test_models_pass_the_qt_model_tester(session: ReviewSession) -> None:
    with model_failures() as failures:
        model = RecommendationTableModel(session)
        proxy = QSortFilterProxyModel()
        proxy.setSourceModel(model)
        testers = [QAbstractItemModelTester(
            checked, QAbstractItemModelTester.FailureReportingMode.Warning)
            for checked in (model, proxy)]
        assert model.rowCount() == 2 and model.columnCount() == len(Column)
        assert model.setData(model.index(1, Column.OWNER), "Harbour desk")
        proxy.sort(Column.OWNER, Qt.SortOrder.DescendingOrder)
        assert session.brief is not None
        session.open_brief(session.brief.id)  # a reset
        assert testers and proxy.rowCount() == 2
    assert failures == []


def test_the_columns_read_as_words(session: ReviewSession) -> None:
    model = RecommendationTableModel(session)

    def cell(row: int, column: Column) -> object:
        return model.data(model.index(row, column))

    assert [cell(row, Column.NUMBER) for row in range(2)] == [1, 2]
    assert cell(0, Column.TEXT) == "The Corrin Council should publish its catch data every month."
    assert cell(0, Column.ADDRESSEE) == "The Corrin Council"
    assert (cell(0, Column.STATUS), cell(0, Column.DUE), cell(0, Column.EVIDENCE)) == (
        "Proposed", "", 0)
    assert model.flags(model.index(0, Column.DUE)) & Qt.ItemFlag.ItemIsEditable
    assert not model.flags(model.index(0, Column.TEXT)) & Qt.ItemFlag.ItemIsEditable
    assert model.setData(model.index(0, Column.STATUS), "in progress")
    assert cell(0, Column.STATUS) == "◐ In progress"
    assert model.data(model.index(0, Column.STATUS), Qt.ItemDataRole.EditRole) == "in_progress"


def test_status_and_due_date_are_stored_listed_and_undone(tab: RecommendationsTab,
                                                          session: ReviewSession) -> None:
    model = tab.model
    _select(tab, 0)
    assert model.setData(model.index(0, Column.STATUS), "accepted")
    assert model.setData(model.index(0, Column.DUE), "2036-12-01")
    stored = _stored(session)
    assert (stored.status, stored.due) == (RecommendationStatus.ACCEPTED, date(2036, 12, 1))
    assert model.data(model.index(0, Column.DUE)) == "2036-12-01"
    lines = [tab.history.item(row).text() for row in range(tab.history.count())]
    assert [line.split(" · ", 1)[1] for line in lines] == [
        "due: — → 2036-12-01", "status: proposed → accepted"]  # newest first
    assert lines[0][:4].isdigit() and lines[0][10] == " "  # "2026-11-24 14:02 · ..."

    assert model.setData(model.index(0, Column.DUE), "2036-12-01")
    assert session.undo_stack.count() == 2  # an unchanged date is no step
    session.undo_stack.undo()
    session.undo_stack.undo()
    stored = _stored(session)
    assert (stored.status, stored.due) == (RecommendationStatus.PROPOSED, None)
    assert model.data(model.index(0, Column.STATUS)) == "Proposed"
    assert tab.current() is not None  # an undo keeps the selection


def test_an_invalid_due_date_is_a_message_and_no_change(qtbot: QtBot, session: ReviewSession
                                                        ) -> None:
    model = RecommendationTableModel(session)
    with qtbot.waitSignal(session.error) as message:
        assert not model.setData(model.index(0, Column.DUE), "1 December")
    assert "YYYY-MM-DD" in message.args[0]
    with qtbot.waitSignal(session.error):
        assert not model.setData(model.index(0, Column.STATUS), "maybe")
    assert session.undo_stack.count() == 0
    assert (_stored(session).due, _stored(session).status) == (None, "proposed")


def test_the_editors_write_through_the_model(qtbot: QtBot, tab: RecommendationsTab,
                                             session: ReviewSession) -> None:
    status = tab.proxy.index(1, Column.STATUS)
    tab.table.setCurrentIndex(status)
    qtbot.keyClick(tab.table, Qt.Key.Key_F2)
    combo = tab.table.focusWidget()
    assert isinstance(combo, QComboBox)
    assert [combo.itemText(i) for i in range(combo.count())] == [
        "proposed", "accepted", "rejected", "in progress", "done", "deferred"]
    qtbot.waitUntil(combo.view().isVisible)  # the list opens by itself
    for _ in range(4):
        qtbot.keyClick(combo.view(), Qt.Key.Key_Down)
    qtbot.keyClick(combo.view(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: _stored(session, 1).status == RecommendationStatus.DONE)
    assert session.undo_stack.count() == 1

    due = tab.proxy.index(1, Column.DUE)
    tab.table.setCurrentIndex(due)
    qtbot.keyClick(tab.table, Qt.Key.Key_F2)
    field = tab.table.focusWidget()
    assert isinstance(field, QLineEdit)  # the due date field's line
    field.setText("2037-01-15")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    # The delegate commits on the next turn of the event loop.
    qtbot.waitUntil(lambda: _stored(session, 1).due == date(2037, 1, 15))
    assert tab.model.data(tab.model.index(1, Column.DUE)) == "2037-01-15"


def test_link_evidence_lists_it_and_selects_it(qtbot: QtBot, tab: RecommendationsTab,
                                               session: ReviewSession) -> None:
    assert session.brief is not None
    _select(tab, 1)
    with qtbot.waitSignal(session.notice) as message:
        tab.link_action.trigger()
    assert message.args == [NO_EVIDENCE]

    start = session.brief.text.index("first joint patrol")
    create = undo.CreateAnnotation(session, session.brief.id, start, start + 18, None)
    session.push(create)
    assert create.annotation_id is not None
    session.annotation_selected.emit(create.annotation_id)
    tab.table.setFocus()
    qtbot.keyClick(tab.table, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert tab.model.data(tab.model.index(1, Column.EVIDENCE)) == 1
    assert tab.evidence.count() == 1
    assert tab.evidence.item(0).text().startswith("“first joint patrol”")

    rect = tab.evidence.visualItemRect(tab.evidence.item(0))
    with qtbot.waitSignal(session.annotation_selected) as selected:
        qtbot.mouseClick(tab.evidence.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(tab.evidence.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert selected.args == [create.annotation_id]

    session.undo_stack.undo()  # the link
    assert tab.model.data(tab.model.index(1, Column.EVIDENCE)) == 0
    assert tab.evidence.count() == 0

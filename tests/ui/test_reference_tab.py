"""The References tab: the model is sound, checks are undoable edits, claims link by keyboard."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QAbstractItemModelTester
from pytestqt.qtbot import QtBot
from qt_helpers import model_failures, show_active

from reviewdesk.domain.findings import ReferenceCheck
from reviewdesk.services.tracking import references_of
from reviewdesk.ui import undo
from reviewdesk.ui.reference_model import Column, ReferenceFilter, ReferenceTableModel
from reviewdesk.ui.references_tab import NO_CLAIM, ReferencesTab
from reviewdesk.ui.session import ReviewSession


@pytest.fixture
def tab(qtbot: QtBot, session: ReviewSession) -> ReferencesTab:
    widget = ReferencesTab(session)
    show_active(qtbot, widget)
    return widget


def _select(tab: ReferencesTab, row: int) -> None:
    tab.select_reference(tab.model.tracked(row).reference.id)


def _checks(session: ReviewSession) -> list[str]:
    assert session.brief is not None
    return [t.reference.check.value for t in references_of(session.store, session.brief.id)]




def test_models_pass_the_qt_model_tester(session: ReviewSession) -> None:
    with model_failures() as failures:
        model = ReferenceTableModel(session)
        proxy = ReferenceFilter(model)
        testers = [QAbstractItemModelTester(
            checked, QAbstractItemModelTester.FailureReportingMode.Warning)
            for checked in (model, proxy)]
        assert model.rowCount() == 2 and model.columnCount() == len(Column)
        session.push(undo.CheckReference(session, model.tracked(0).reference.id,
                                         ReferenceCheck.PROBLEM, "dead link"))
        proxy.set_problems_only(True)
        proxy.sort(Column.AUTHOR, Qt.SortOrder.DescendingOrder)
        assert session.brief is not None
        session.open_brief(session.brief.id)  # a reset
        assert testers and model.rowCount() == 2
    assert failures == []


def test_the_columns_read_as_words(session: ReviewSession) -> None:
    model = ReferenceTableModel(session)

    def cell(row: int, column: Column, role: Qt.ItemDataRole = Qt.ItemDataRole.DisplayRole
             ) -> object:
        return model.data(model.index(row, column), role)

    assert [cell(row, Column.NUMBER) for row in range(2)] == [1, 2]
    assert cell(0, Column.AUTHOR) == "Corrin Council"
    assert cell(0, Column.URL) == "https://example.org/quota"
    assert cell(0, Column.FLAGS) == ""
    assert cell(1, Column.FLAGS) == "no URL, no date"
    assert cell(1, Column.CHECK) == "Unchecked"
    assert cell(1, Column.CLAIMS) == 0
    assert cell(0, Column.ENTRY, Qt.ItemDataRole.ToolTipRole) == (
        "Corrin Council. (2024, March 3). Shared quota agreement. https://example.org/quota")
    entry = str(cell(0, Column.ENTRY))
    assert entry.endswith("…") and len(entry) <= 60
    assert model.flags(model.index(0, Column.CHECK)) & Qt.ItemFlag.ItemIsEditable
    assert not model.flags(model.index(0, Column.AUTHOR)) & Qt.ItemFlag.ItemIsEditable


def test_set_data_checks_a_reference_and_undoes(session: ReviewSession) -> None:
    model = ReferenceTableModel(session)
    assert model.setData(model.index(0, Column.CHECK), "verified")
    assert _checks(session) == ["verified", "unchecked"]
    assert model.data(model.index(0, Column.CHECK)) == "✓ Verified"
    assert model.setData(model.index(0, Column.NOTE), "  Checked against the council site ")
    assert session.brief is not None
    stored = references_of(session.store, session.brief.id)[0].reference
    assert (stored.check, stored.note) == ("verified", "Checked against the council site")
    assert model.setData(model.index(0, Column.NOTE), "Checked against the council site")
    assert session.undo_stack.count() == 2  # an unchanged note is no step
    session.undo_stack.undo()
    session.undo_stack.undo()
    stored = references_of(session.store, session.brief.id)[0].reference
    assert (stored.check, stored.note) == ("unchecked", "")
    assert model.data(model.index(0, Column.CHECK)) == "Unchecked"


def test_an_unknown_check_is_a_message(qtbot: QtBot, session: ReviewSession) -> None:
    model = ReferenceTableModel(session)
    with qtbot.waitSignal(session.error) as message:
        assert not model.setData(model.index(0, Column.CHECK), "maybe")
    assert "not a check" in message.args[0]
    assert session.undo_stack.count() == 0


def test_problems_only_keeps_flagged_and_problem_entries(qtbot: QtBot, tab: ReferencesTab,
                                                         session: ReviewSession) -> None:
    assert tab.proxy.rowCount() == 2
    qtbot.keyClick(tab.table, Qt.Key.Key_P, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(tab.problems_only.isChecked)  # a mnemonic clicks after a short delay
    assert [tab.proxy.index(row, Column.NUMBER).data() for row in range(tab.proxy.rowCount())
            ] == [2]  # the entry with no URL and no date
    tab.model.setData(tab.model.index(0, Column.CHECK), "problem")
    assert tab.proxy.rowCount() == 2
    session.undo_stack.undo()
    assert tab.proxy.rowCount() == 1
    tab.problems_only.setChecked(False)
    assert tab.proxy.rowCount() == 2


def test_shortcuts_mark_the_selected_entries(qtbot: QtBot, tab: ReferencesTab,
                                             session: ReviewSession) -> None:
    tab.table.setFocus()
    tab.table.selectAll()
    qtbot.keyClick(tab.table, Qt.Key.Key_V,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert _checks(session) == ["verified", "verified"]
    assert session.undo_stack.count() == 1  # the whole selection is one step
    _select(tab, 1)
    qtbot.keyClick(tab.table, Qt.Key.Key_X,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert _checks(session) == ["verified", "problem"]
    assert tab.current() is not None  # marking keeps the selection
    tab.unchecked_action.trigger()
    assert _checks(session) == ["verified", "unchecked"]
    session.undo_stack.undo()
    session.undo_stack.undo()
    session.undo_stack.undo()
    assert _checks(session) == ["unchecked", "unchecked"]


def test_link_claim_needs_a_selected_claim(qtbot: QtBot, tab: ReferencesTab,
                                           session: ReviewSession) -> None:
    _select(tab, 0)
    with qtbot.waitSignal(session.notice) as message:
        tab.link_action.trigger()
    assert message.args == [NO_CLAIM]
    assert session.undo_stack.count() == 0


def test_link_claim_counts_lists_and_selects_it(qtbot: QtBot, tab: ReferencesTab,
                                                session: ReviewSession) -> None:
    assert session.brief is not None
    start = session.brief.text.index("shared quota for perch")
    create = undo.CreateAnnotation(session, session.brief.id, start, start + 22, None)
    session.push(create)
    assert create.annotation_id is not None
    session.annotation_selected.emit(create.annotation_id)
    tab.table.setFocus()
    _select(tab, 0)
    qtbot.keyClick(tab.table, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert tab.model.data(tab.model.index(0, Column.CLAIMS)) == 1
    assert references_of(session.store, session.brief.id)[0].claims == (create.annotation_id,)
    assert tab.claims.count() == 1
    assert tab.claims.item(0).text().startswith("“shared quota for perch”")

    item_rect = tab.claims.visualItemRect(tab.claims.item(0))
    with qtbot.waitSignal(session.annotation_selected) as selected:
        qtbot.mouseClick(tab.claims.viewport(), Qt.MouseButton.LeftButton,
                         pos=item_rect.center())
        qtbot.mouseDClick(tab.claims.viewport(), Qt.MouseButton.LeftButton,
                          pos=item_rect.center())
    assert selected.args == [create.annotation_id]

    _select(tab, 1)
    assert tab.claims.count() == 0
    session.undo_stack.undo()  # the link
    assert tab.model.data(tab.model.index(0, Column.CLAIMS)) == 0
    session.undo_stack.redo()
    _select(tab, 0)
    assert tab.claims.count() == 1
    session.undo_stack.undo()  # the link
    session.undo_stack.undo()  # the annotation
    with qtbot.waitSignal(session.notice):
        tab.link_action.trigger()  # the claim is gone, so nothing is selected



def test_deleting_a_linked_claim_drops_the_link_and_undo_brings_it_back(
        qtbot: QtBot, tab: ReferencesTab, session: ReviewSession) -> None:
    assert session.brief is not None
    start = session.brief.text.index("shared quota for perch")
    create = undo.CreateAnnotation(session, session.brief.id, start, start + 22, None)
    session.push(create)
    assert create.annotation_id is not None
    session.annotation_selected.emit(create.annotation_id)
    tab.table.setFocus()
    _select(tab, 0)
    qtbot.keyClick(tab.table, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert tab.model.data(tab.model.index(0, Column.CLAIMS)) == 1

    session.push(undo.DeleteAnnotation(session, create.annotation_id))
    assert tab.model.data(tab.model.index(0, Column.CLAIMS)) == 0
    session.undo_stack.undo()  # the deletion: the annotation and its link come back
    assert tab.model.data(tab.model.index(0, Column.CLAIMS)) == 1
    assert references_of(session.store, session.brief.id)[0].claims == (create.annotation_id,)


def test_an_unlinked_annotation_does_not_reload_the_table(tab: ReferencesTab,
                                                          session: ReviewSession) -> None:
    """Creating and undoing an annotation linked to nothing leaves the table alone: on a
    long brief each reload is a query, and annotating must stay instant."""
    assert session.brief is not None
    reloads: list[str] = []
    tab.model.dataChanged.connect(lambda *_: reloads.append("changed"))
    tab.model.modelReset.connect(lambda: reloads.append("reset"))
    start = session.brief.text.index("shared quota for perch")
    session.push(undo.CreateAnnotation(session, session.brief.id, start, start + 22, None))
    session.undo_stack.undo()
    session.undo_stack.redo()
    assert reloads == []

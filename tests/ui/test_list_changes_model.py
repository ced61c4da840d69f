"""What happened to the references or recommendations, as a table the model tester accepts."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QAbstractItemModelTester
from pytestqt.qtbot import QtBot

from reviewdesk.domain.compare import compare_lists
from reviewdesk.ui.list_changes_model import KIND_ROLE, ListChangesModel, list_table


def test_the_changes_as_a_table(qtbot: QtBot) -> None:
    model = ListChangesModel()
    QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    changes = compare_lists(["Publish outages weekly.", "Test warmer lamps."],
                            ["Publish outages every week.", "Fit motion sensors."])
    model.reset(changes, "Version 1", "Version 2")
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(3)] == [
        "Change", "Version 1", "Version 2"]
    kinds = [model.index(row, 0).data(KIND_ROLE) for row in range(model.rowCount())]
    assert kinds == [change.kind for change in changes]
    assert model.changed_count() == sum(kind != "same" for kind in kinds)
    removed = kinds.index("removed")
    assert model.index(removed, 1).data(Qt.ItemDataRole.FontRole).strikeOut()
    assert model.index(removed, 0).data() == "removed"
    assert model.change(removed).old_text and model.change(removed).new_text == ""
    table = list_table(model)
    qtbot.addWidget(table)
    assert table.model() is model

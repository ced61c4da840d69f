"""Shared by the tables: a cell editor of fixed choices, and column sizing."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
)
from PySide6.QtWidgets import (
    QComboBox,
    QHeaderView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

Index = QModelIndex | QPersistentModelIndex


class ChoiceDelegate(QStyledItemDelegate):
    """A combo box of (label, value) pairs; the model's EditRole holds the value."""

    def __init__(self, choices: Sequence[tuple[str, str]], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._choices = list(choices)

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,
                     index: Index) -> QWidget:
        """A combo box of the choices whose list opens at once; a pick commits the edit."""
        combo = QComboBox(parent)
        for label, value in self._choices:
            combo.addItem(label, value)
        # The list opens at once and a pick (click, or arrows and Enter) ends the edit, so a
        # choice takes one step; the timer's context drops the call if the editor is gone.
        combo.activated.connect(lambda _row: self._commit(combo))
        QTimer.singleShot(0, combo, combo.showPopup)
        return combo

    def _commit(self, combo: QComboBox) -> None:
        self.commitData.emit(combo)
        self.closeEditor.emit(combo)

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        found = editor.findData(index.data(Qt.ItemDataRole.EditRole))
        editor.setCurrentIndex(max(found, 0))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


def fit_columns(table: QTableView, stretch: int, widest: int = 320,
                grow_only: bool = False) -> None:
    """Size the columns to their contents, none wider than `widest` (a long URL would push
    the rest out of sight), with column `stretch` taking the room that is left. grow_only
    after an edit, so a column the reviewer widened keeps its width."""
    header = table.horizontalHeader()
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    for column in range(header.count()):
        if column == stretch:
            continue
        wanted = min(max(table.sizeHintForColumn(column),
                         header.sectionSizeHint(column)), widest)
        if not grow_only or wanted > table.columnWidth(column):
            table.setColumnWidth(column, wanted)

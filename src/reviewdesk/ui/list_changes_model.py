"""What happened to a brief's references or recommendations between two versions, as a
table: the change, the entry before, the entry now."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor, QFont, QIcon, QPixmap
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from reviewdesk.domain.compare import ListChange
from reviewdesk.ui.accessible import describe

Index = QModelIndex | QPersistentModelIndex

LIST_COLOURS: dict[str, str] = {"added": "#2e7d32", "removed": "#c62828",
                                "changed": "#e69500", "same": "transparent"}
LIST_WORDS = {"same": "same", "changed": "changed", "added": "added", "removed": "removed"}

KIND_ROLE = Qt.ItemDataRole.UserRole + 1


class ListChangesModel(QAbstractTableModel):
    """compare_lists as a table: what happened, the entry before, the entry now."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._headers = ("Change", "Before", "Now")
        self._rows: list[ListChange] = []
        self._icons = {kind: _swatch(colour) for kind, colour in LIST_COLOURS.items()}

    def reset(self, rows: list[ListChange], old_label: str, new_label: str) -> None:
        """Show these changes, the columns named after the two versions."""
        self.beginResetModel()
        self._headers = ("Change", old_label, new_label)
        self._rows = list(rows)
        self.endResetModel()

    def change(self, row: int) -> ListChange:
        """The change on row `row`."""
        return self._rows[row]

    def changed_count(self) -> int:
        """How many entries were added, removed or changed."""
        return sum(row.kind != "same" for row in self._rows)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's default)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 3

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < 3):
            return self._headers[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        change = self._rows[index.row()]
        column = index.column()
        if role == KIND_ROLE:
            return change.kind
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return (LIST_WORDS[change.kind], change.old_text, change.new_text)[column]
        if role == Qt.ItemDataRole.DecorationRole and column == 0:
            return self._icons.get(change.kind)
        if role == Qt.ItemDataRole.FontRole and column == 1 and change.kind == "removed":
            font = QFont()
            font.setStrikeOut(True)
            return font
        return None


def _swatch(colour: str) -> QIcon:
    pixmap = QPixmap(10, 10)
    pixmap.fill(QColor(colour))
    return QIcon(pixmap)


def list_table(model: ListChangesModel, name: str = "", description: str = "") -> QTableView:
    """A read-only table of the changes, one row selected at a time; `name` and
    `description` are what a screen reader says of it."""
    table = QTableView()
    if name:
        describe(table, name, description)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().setVisible(False)
    table.setWordWrap(False)
    table.setTabKeyNavigation(False)
    header = table.horizontalHeader()
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
    header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
    return table

"""Help → Keyboard shortcuts: every command with its keys, read from the actions themselves."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reviewdesk.ui.accessible import describe, describe_buttons
from reviewdesk.ui.keys import ShortcutRow, shortcut_rows

if TYPE_CHECKING:
    from reviewdesk.ui.main_window import MainWindow

HEADERS = ("Where", "Command", "Keys")


def window_shortcut_rows(window: MainWindow) -> list[ShortcutRow]:
    """Every key of the main window: its menus, the review panes' own keys (grouped by
    tab), and the codebook's tag keys."""
    review = window.review
    panels = [(review.tabText(index).replace("&", ""),
               [action for action in widget.findChildren(QAction)
                if action.shortcutContext() != Qt.ShortcutContext.WindowShortcut])
              for index in range(review.count())
              if (widget := review.widget(index)) is not None]
    tags = [ShortcutRow("Document", f"Tag the selection “{tag.name}”", tag.shortcut)
            for tag in sorted(window.session.codebook.tags, key=lambda tag: tag.shortcut or "")
            if tag.shortcut]
    return shortcut_rows(window.menuBar(), panels, tags)


def markdown(rows: Sequence[ShortcutRow]) -> str:
    """The rows as a Markdown table (`reviewdesk gui --shortcuts`, docs/shortcuts.md)."""
    lines = ["| " + " | ".join(HEADERS).lower() + " |", "| --- | --- | --- |"]
    for row in rows:
        cells = (row.group, row.command, row.keys)
        lines.append("| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |")
    return "\n".join(lines) + "\n"


class ShortcutsDialog(QDialog):
    """A table of the window's shortcuts with a filter box; Esc closes it."""

    def __init__(self, rows: Sequence[ShortcutRow], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard shortcuts")
        self.resize(640, 560)
        self.rows = list(rows)
        self.filter = QLineEdit(placeholderText="Filter by command or key", clearButtonEnabled=True)
        describe(self.filter, "Filter the shortcuts", "Show only the shortcuts whose command "
                 "or key holds these words")
        self.table = QTableWidget(len(self.rows), len(HEADERS))
        self.table.setAccessibleName("Keyboard shortcuts")
        self.table.setAccessibleDescription("Every command of the window and the keys that run it")
        self.table.setHorizontalHeaderLabels(HEADERS)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        for row, line in enumerate(self.rows):
            for column, text in enumerate((line.group, line.command, line.keys)):
                self.table.setItem(row, column, QTableWidgetItem(text))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        note = QLabel("Text fields keep their own editing keys (Ctrl+Z, Ctrl+C, Home…); every "
                      "other key here works wherever the focus is. Tag keys work in the document.")
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        describe_buttons(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter)
        layout.addWidget(self.table, 1)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.filter.textChanged.connect(self._apply_filter)
        self.filter.setFocus(Qt.FocusReason.OtherFocusReason)

    def _apply_filter(self, text: str) -> None:
        needle = text.casefold().strip()
        for row, line in enumerate(self.rows):
            shown = not needle or any(needle in part.casefold()
                                      for part in (line.group, line.command, line.keys))
            self.table.setRowHidden(row, not shown)

    def visible_rows(self) -> list[ShortcutRow]:
        """The rows the filter leaves (for tests)."""
        return [line for row, line in enumerate(self.rows) if not self.table.isRowHidden(row)]

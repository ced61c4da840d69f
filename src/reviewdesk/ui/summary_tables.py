"""Read-only tables of the summary window: built, filled with rows that each point at
something (a brief, an annotation, a sentence), and read back."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QTreeWidgetItem,
)

PAYLOAD_ROLE = Qt.ItemDataRole.UserRole  # on a row's first cell: what the row points at
ROWS_SHOWN = 8  # a table is as tall as this many rows, or fewer when it has fewer

Cell = str | int | float | None
Row = tuple[tuple[Cell, ...], object]  # the cells, and what the row points at


# What each table of the summary's Overview tab holds, for a screen reader.
TABLE_DESCRIPTIONS = {
    "briefs": "Each brief with its counts of annotations, reference checks and decided "
              "recommendations",
    "by_tag": "How many annotations each tag has",
    "by_reviewer": "How many annotations each reviewer made",
    "progress": "Each reviewer's annotations, resolved comments and replies",
    "by_section_kind": "How many annotations each kind of section has",
    "by_section": "How many annotations each section of each brief has",
    "references": "How many references have each check",
    "recommendations_by_status": "How many recommendations have each status",
    "recommendations_by_addressee": "How many recommendations each addressee has",
    "recurring": "Recommendations made in more than one brief, grouped",
    "unresolved": "Comments not resolved yet; Enter or double-click shows the comment in its "
                  "brief",
}


def make_table(columns: Sequence[str], name: str, stretch: int) -> QTableWidget:
    """A read-only table of rows; the column `stretch` takes the width left."""
    table = QTableWidget(0, len(columns))
    table.setHorizontalHeaderLabels(list(columns))
    table.setAccessibleName(name)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setTabKeyNavigation(False)  # Tab goes on to the next table
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    rows = table.verticalHeader()
    rows.hide()
    rows.setDefaultSectionSize(table.fontMetrics().height() + 8)
    header = table.horizontalHeader()
    header.setStretchLastSection(False)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return table


def fill_table(table: QTableWidget, rows: Sequence[Row],
                fit: bool = True) -> None:
    """Replace the rows; the second of each pair is kept on the row's first cell. A table
    that sorts keeps its order (rows with the same value stay in the order given). With
    `fit`, the table is as tall as its rows, up to ROWS_SHOWN of them."""
    sorting = table.isSortingEnabled()
    table.setSortingEnabled(False)
    table.clearContents()
    table.setRowCount(len(rows))
    for row, (cells, payload) in enumerate(rows):
        for column, value in enumerate(cells):
            item = QTableWidgetItem()
            if isinstance(value, int | float) and not isinstance(value, bool):
                item.setData(Qt.ItemDataRole.DisplayRole, value)
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                      | Qt.AlignmentFlag.AlignVCenter)
            else:
                text = "" if value is None else str(value)
                item.setText(" ".join(text.split()))
                if len(text) > 40:
                    item.setToolTip(text)
            if column == 0:
                item.setData(PAYLOAD_ROLE, payload)
            table.setItem(row, column, item)
    table.setSortingEnabled(sorting)
    table.resizeColumnsToContents()
    header = table.horizontalHeader()
    for column in range(table.columnCount()):  # long words: the stretching column wraps
        header.resizeSection(column, min(header.sectionSize(column), 320))
    if fit:
        shown = max(1, min(len(rows), ROWS_SHOWN))
        height = (header.height() + shown * table.verticalHeader().defaultSectionSize()
                  + 2 * table.frameWidth() + 2)
        table.setFixedHeight(height)


def payload(table: QTableWidget, row: int) -> tuple[Any, ...]:
    """What the row points at, as a tuple (Qt may give a tuple back as a list)."""
    item = table.item(row, 0)
    value = item.data(PAYLOAD_ROLE) if item is not None else None
    return tuple(value) if isinstance(value, tuple | list) else ()


def align_numbers(item: QTreeWidgetItem) -> None:
    """Right-align every column but the first, which names the row."""
    for column in range(1, item.columnCount()):
        item.setTextAlignment(column, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


def table_rows(table: QTableWidget) -> list[tuple[str, ...]]:
    """Every row's cells as shown (for tests and for copying)."""
    rows = []
    for row in range(table.rowCount()):
        items = (table.item(row, column) for column in range(table.columnCount()))
        rows.append(tuple(item.text() if item is not None else "" for item in items))
    return rows

"""What the References and Recommendations tabs share: the table of tracked rows (sorted by
number, with its proxy and delegates), the list of the annotations linked to the selected
row, and the selection; each tab adds its actions and the pane under the table."""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from typing import Generic

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QObject, QSortFilterProxyModel, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QSplitter,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reviewdesk.ui.linked_annotations import LinkedAnnotations
from reviewdesk.ui.session import ReviewSession
from reviewdesk.ui.state_table import ColumnPlan, StateTable
from reviewdesk.ui.tracked_table_model import Row, TrackedTableModel

NUMBER_COLUMN = 0  # both tables open sorted by their first column, the entry's number


def sorting(model: TrackedTableModel[Row], parent: QObject) -> QSortFilterProxyModel:
    """A proxy that only sorts: for a tab without a filter."""
    proxy = QSortFilterProxyModel(parent)
    proxy.setSourceModel(model)
    return proxy


class TrackedTab(QWidget, Generic[Row]):
    """A table of tracked rows over the list of the annotations the selected row links.

    A subclass calls this constructor, makes its own widgets and actions, and then calls
    `_finish` with them; it says which delegates its columns use (`_delegates`) and may
    show more of the selected row (`_show_more`)."""

    def __init__(self, session: ReviewSession,
                 model: Callable[[ReviewSession, QObject], TrackedTableModel[Row]],
                 proxy: Callable[[TrackedTableModel[Row], QObject], QSortFilterProxyModel],
                 *, linked: str, selection: QAbstractItemView.SelectionMode,
                 columns: ColumnPlan, parent: QWidget | None = None) -> None:
        """`model` and `proxy` make the table's models; `linked`: what the linked
        annotations are, in the list's tooltip; `columns`: which columns show the state
        (kept in sight) and which one takes the table's spare width."""
        super().__init__(parent)
        self.session = session
        self.model = model(session, self)
        self.proxy = proxy(self.model, self)
        self._selection = selection
        self._columns = columns
        self.table = self._make_table()
        self.linked = LinkedAnnotations(session, linked)

    def _delegates(self, table: QTableView) -> dict[int, QAbstractItemDelegate]:
        raise NotImplementedError  # the editors of the table's columns

    def _show_more(self, tracked: Row | None) -> None:
        """Show more of the selected row (nothing by default)."""

    def _make_table(self) -> StateTable:
        table = StateTable(self.proxy, self._columns)
        table.setSortingEnabled(True)
        table.sortByColumn(NUMBER_COLUMN, Qt.SortOrder.AscendingOrder)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(self._selection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                              | QAbstractItemView.EditTrigger.EditKeyPressed
                              | QAbstractItemView.EditTrigger.AnyKeyPressed)
        for column, delegate in self._delegates(table).items():
            table.setItemDelegateForColumn(column, delegate)
        table.verticalHeader().setVisible(False)
        return table

    def _action(self, text: str, shortcut: str, slot: Callable[[], None],
                tip: str | None = None) -> QAction:
        """An action of this tab, its shortcut and tooltip (`tip`, else `text`)."""
        action = QAction(text, self)
        action.setShortcut(QKeySequence(shortcut))
        # Window-wide: the window's Review menu lists it too, so its keys act on this tab's
        # current row wherever the focus is (no other panel may take the same keys).
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.setToolTip(f"{tip or text} ({shortcut})")
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _finish(self, left: QWidget, actions: Sequence[QAction], lower: QWidget) -> None:
        """Lay the tab out: `left` and a button for each action above the table, `lower`
        under it; then connect it."""
        self.setFocusProxy(self.table)
        bar = QHBoxLayout()
        bar.setSpacing(4)  # the bar fits a pane 430 pixels wide
        bar.addWidget(left)
        bar.addStretch(1)
        for action in actions:
            button = QToolButton()
            button.setDefaultAction(action)
            bar.addWidget(button)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(lower)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(bar)
        layout.addWidget(splitter)
        self.table.selectionModel().currentRowChanged.connect(self._show_details)
        self.model.modelReset.connect(self._after_reset)
        self.model.dataChanged.connect(self._after_edit)
        self.session.annotation_updated.connect(self._show_details)
        self._after_reset()

    # Selection -------------------------------------------------------------------------

    def current(self) -> Row | None:
        """The row with the table's focus, if any row is selected."""
        index = self.table.currentIndex()
        if not index.isValid() or not self.table.selectionModel().isRowSelected(
                index.row(), QModelIndex()):
            return None
        return self.model.tracked(self.proxy.mapToSource(index).row())

    def selected(self) -> list[Row]:
        """The selected rows, in the model's order."""
        rows = sorted(self.proxy.mapToSource(index).row()
                      for index in self.table.selectionModel().selectedRows())
        return [self.model.tracked(row) for row in rows]

    def select_row(self, key: str) -> None:
        """Select the row named `key` and give it the table's focus (unless the filter
        hides it)."""
        row = self.model.row_of(key)
        if row is None:
            return
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if index.isValid():  # not when the filter hides it
            # Explicit flags: selectRow() would read the keyboard's modifiers and might
            # add to the selection or toggle the row instead.
            flags = (QItemSelectionModel.SelectionFlag.ClearAndSelect
                     | QItemSelectionModel.SelectionFlag.Rows)
            self.table.selectionModel().setCurrentIndex(index, flags)

    # The selected row's details ----------------------------------------------------------

    def _after_reset(self) -> None:
        self.table.fit()
        self._show_details()

    def _after_edit(self) -> None:
        self.table.fit(grow_only=True)
        self._show_details()

    def _show_details(self) -> None:
        tracked = self.current()
        ids: Collection[str] = self.model.linked(tracked) if tracked is not None else ()
        self.linked.show_annotations(ids)
        self._show_more(tracked)


def titled(title: str, body: QWidget) -> QWidget:
    """`body` under a label whose Alt key moves the focus to it."""
    box = QWidget()
    column = QVBoxLayout(box)
    column.setContentsMargins(0, 0, 0, 0)
    label = QLabel(title)
    label.setBuddy(body)  # its Alt key moves the focus to the list
    column.addWidget(label)
    column.addWidget(body)
    return box

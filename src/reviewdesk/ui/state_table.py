"""The table of a tracking tab, laid out so its state columns stay in sight: they come first,
the long text column takes what width is left and elides, and the columns that do not fit
in a narrow pane step aside, least needed first."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QRect,
    Qt,
)
from PySide6.QtGui import QColor, QPainter, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QHeaderView,
    QMenu,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from reviewdesk.ui.tracked_table_model import MARKER_ROLE

MIN_TEXT = 110   # the least width the text column keeps before another column steps aside
WIDEST = 320     # no column sized to its contents is wider (a long URL would crowd the rest)
WIDEST_STATE = 110  # nor a state column (an owner's long name elides, its tooltip has it)
MARKER_WIDTH = 3  # the bar beside a row whose state has a colour


@dataclass(frozen=True)
class ColumnPlan:
    """Which columns show a row's state (`first`, kept in sight right after the number),
    which one holds the long text (`text`: it stretches and elides), and which step aside
    when the table is too narrow (`optional`, the least needed first)."""

    number: int
    first: Sequence[int]
    text: int
    optional: Sequence[int]


class StateMarker(QStyledItemDelegate):
    """Paints the cell, then a bar in the row's state colour along its left edge."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        super().paint(painter, option, index)
        colour = index.data(MARKER_ROLE)
        if isinstance(colour, QColor):
            rect: QRect = option.rect
            painter.fillRect(rect.x(), rect.y(), MARKER_WIDTH, rect.height(), colour)


class StateTable(QTableView):
    """A table that keeps `plan.first` in sight at any width (see the module's docstring)."""

    def __init__(self, model: QAbstractItemModel, plan: ColumnPlan,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.plan = plan
        self._wanted: dict[int, int] = {}
        self._chosen: dict[int, bool] = {}  # columns the reviewer showed or hid by hand
        self._unfitted: bool | None = None  # a fit asked for while hidden: grow only?
        self.setModel(model)
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setItemDelegateForColumn(plan.number, StateMarker(self))
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(plan.text, QHeaderView.ResizeMode.Stretch)
        for place, column in enumerate((plan.number, *plan.first), start=0):
            header.moveSection(header.visualIndex(column), place)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._column_menu)
        header.setToolTip("Columns that do not fit step aside; right-click to choose them")

    def fit(self, grow_only: bool = False) -> None:
        """Size the columns to their contents and hide those that do not fit; `grow_only`
        after an edit, so a column the reviewer widened keeps its width. A hidden table
        (its tab not chosen) is fitted when it is shown: sizing a column measures the text
        of its rows, which a long brief's window need not do before its first screen."""
        if not self.isVisible():
            self._unfitted = grow_only and self._unfitted is not False
            return
        self._fit(grow_only)

    def _fit(self, grow_only: bool) -> None:
        self._unfitted = None
        header = self.horizontalHeader()
        for column in range(header.count()):
            if column == self.plan.text:
                continue
            widest = WIDEST_STATE if column in self.plan.first else WIDEST
            wanted = min(max(self.sizeHintForColumn(column), header.sectionSizeHint(column)),
                         widest)
            if grow_only:
                wanted = max(wanted, self._wanted.get(column, 0))
            self._wanted[column] = wanted
            self.setColumnWidth(column, wanted)
        self._step_aside()

    def hidden_columns(self) -> list[int]:
        """The columns that stepped aside for want of width."""
        return [column for column in range(self.horizontalHeader().count())
                if self.isColumnHidden(column)]

    def choose_column(self, column: int, shown: bool) -> None:
        """Show or hide an optional column whatever the width (the header's menu)."""
        self._chosen[column] = shown
        self._step_aside()

    def _column_menu(self, at: QPoint) -> None:
        menu = QMenu(self)
        for column in self.plan.optional:
            name = self.model().headerData(column, Qt.Orientation.Horizontal)
            action = menu.addAction(str(name))
            action.setCheckable(True)
            action.setChecked(not self.isColumnHidden(column))
            action.toggled.connect(lambda on, c=column: self.choose_column(c, on))
        menu.exec(self.horizontalHeader().mapToGlobal(at))

    def _step_aside(self) -> None:
        """Show every column that fits beside the text column's least width, hiding the
        optional ones from the least needed on (unless the reviewer chose otherwise)."""
        if not self._wanted:
            return
        room = self.viewport().width() - MIN_TEXT
        hidden = {c for c in self.plan.optional if not self._chosen.get(c, True)}
        free = [c for c in self.plan.optional if c not in self._chosen]
        used = sum(self._wanted.get(c, 0) for c in self._wanted
                   if c not in free and c not in hidden)
        hidden |= set(free)
        # The optional columns come back in the reverse of the order they step aside in.
        for column in reversed(free):
            if used + self._wanted.get(column, 0) > room:
                break
            used += self._wanted.get(column, 0)
            hidden.discard(column)
        for column in self.plan.optional:
            if self.isColumnHidden(column) != (column in hidden):
                self.setColumnHidden(column, column in hidden)
                if column not in hidden:
                    self.setColumnWidth(column, self._wanted.get(column, 0))

    def setVisible(self, visible: bool) -> None:
        """Fit the columns asked to be fitted while the table was hidden, then show it."""
        if visible and self._unfitted is not None:
            self._fit(self._unfitted)
        super().setVisible(visible)

    def showEvent(self, event: QShowEvent) -> None:
        """Fit now if the table was shown without setVisible (shown again with a parent
        that had shown it before)."""
        super().showEvent(event)
        if self._unfitted is not None:
            self._fit(self._unfitted)

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Decide again which columns fit."""
        super().resizeEvent(event)
        self._step_aside()

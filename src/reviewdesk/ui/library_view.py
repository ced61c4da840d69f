"""The library pane's view: each brief on a row of its own, its older versions folded
under it."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QWidget,
)

_MARGIN = 6  # pixels above and below a row's text


class LibraryView(QTreeView):
    """A tree without a header: a brief's row opens its newest version; the arrow beside it
    shows the older versions, each of which opens too. Long lines wrap to the pane's width."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setHeaderHidden(True)
        self.setWordWrap(True)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.header().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.setAlternatingRowColors(True)
        self.setUniformRowHeights(False)
        self.setIndentation(14)
        self.setExpandsOnDoubleClick(False)  # a double click opens the brief instead
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setItemDelegate(_WrappingDelegate(self))

    def text_width(self, index: QModelIndex | QPersistentModelIndex) -> int:
        """The width a row's text has, after the indentation of its depth."""
        depth = 1
        parent = index.parent()
        while parent.isValid():
            depth += 1
            parent = parent.parent()
        return max(40, self.viewport().width() - depth * self.indentation() - 8)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.scheduleDelayedItemsLayout()  # rows wrap to the new width


class _WrappingDelegate(QStyledItemDelegate):
    """Rows as tall as their text wrapped to the view's width (QTreeView asks for the
    height of unwrapped text)."""

    def __init__(self, view: LibraryView) -> None:
        super().__init__(view)
        self._view = view

    def sizeHint(self, option: QStyleOptionViewItem,
                 index: QModelIndex | QPersistentModelIndex) -> QSize:
        hint = super().sizeHint(option, index)
        text = index.data(Qt.ItemDataRole.DisplayRole)
        if not isinstance(text, str):
            return hint
        width = self._view.text_width(index)
        bounds = option.fontMetrics.boundingRect(
            QRect(0, 0, width, 100_000), int(Qt.TextFlag.TextWordWrap), text)
        return QSize(hint.width(), max(hint.height(), bounds.height() + _MARGIN))

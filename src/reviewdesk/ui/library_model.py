"""The library of briefs as an item model, with each brief's review progress."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from reviewdesk.services.briefs import list_briefs
from reviewdesk.storage.repositories import BriefSummary
from reviewdesk.storage.store import Store

BRIEF_ID_ROLE = Qt.ItemDataRole.UserRole + 1

Index = QModelIndex | QPersistentModelIndex


class LibraryModel(QAbstractListModel):
    """The stored briefs, one row each: the title over the version, format, number of annotations
    and import date."""

    def __init__(self, store: Store) -> None:
        super().__init__()
        self._store = store
        self._briefs: list[BriefSummary] = []
        self.reload()

    def reload(self) -> None:
        """Read the list of briefs from the store again and reset the views."""
        self.beginResetModel()
        self._briefs = list_briefs(self._store)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._briefs)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._briefs):
            return None
        brief = self._briefs[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            count = brief.annotation_count
            noun = "annotation" if count == 1 else "annotations"
            version = f"version {brief.version} · " if brief.version > 1 else ""
            return (f"{brief.title}\n{version}{brief.source_format.value.upper()} · {count} "
                    f"{noun} · imported {brief.imported_at:%d %b %Y}")
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{brief.title}\nid {brief.id}"
        if role == BRIEF_ID_ROLE:
            return brief.id
        return None

    def count_changed(self, brief_id: str, delta: int) -> None:
        """An annotation was added (+1) or removed (-1): update that row in place."""
        row = self.row_of(brief_id)
        if row < 0:
            return
        brief = self._briefs[row]
        self._briefs[row] = replace(brief, annotation_count=max(0, brief.annotation_count + delta))
        self.dataChanged.emit(self.index(row), self.index(row))

    def row_of(self, brief_id: str) -> int:
        """The row of the brief; -1 when it is not listed."""
        return next((row for row, b in enumerate(self._briefs) if b.id == brief_id), -1)


class LibraryFilter(QSortFilterProxyModel):
    """Search the library by any words of a brief's title, in any case."""

    def __init__(self, source: LibraryModel) -> None:
        super().__init__()
        self.setSourceModel(source)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterRole(Qt.ItemDataRole.DisplayRole)

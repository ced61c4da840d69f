"""The library of briefs as an item model, with each brief's review progress: one row per
brief (its newest version), its older versions as child rows under it."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from reviewdesk.domain.words import count
from reviewdesk.services.library import LibraryEntry, library_entries
from reviewdesk.storage.catalog import BriefSummary
from reviewdesk.storage.store import Store

BRIEF_ID_ROLE = Qt.ItemDataRole.UserRole + 1
NEWEST_ROLE = Qt.ItemDataRole.UserRole + 2  # whether the row is a brief's newest version

Index = QModelIndex | QPersistentModelIndex

_TOP = 0  # the internal id of a brief's row; an older version's is its brief's row + 1


class LibraryModel(QAbstractItemModel):
    """The stored briefs, one row each for the newest version (the title over "v2 of 2",
    format, number of annotations and import date), the older versions as its children."""

    def __init__(self, store: Store) -> None:
        super().__init__()
        self._store = store
        self._entries: list[LibraryEntry] = []
        self.reload()

    def reload(self) -> None:
        """Read the library from the store again and reset the views."""
        self.beginResetModel()
        self._entries = library_entries(self._store)
        self.endResetModel()

    # The tree: a brief's row has internal id 0, an older version's its brief's row + 1.

    def index(self, row: int, column: int = 0,
              parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if column != 0 or row < 0:
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, 0, _TOP) if row < len(self._entries) else QModelIndex()
        if parent.internalId() != _TOP or row >= len(self._entries[parent.row()].older):
            return QModelIndex()
        return self.createIndex(row, 0, parent.row() + 1)

    def parent(self, child: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not child.isValid() or child.internalId() == _TOP:
            return QModelIndex()
        return self.createIndex(child.internalId() - 1, 0, _TOP)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self._entries)
        if parent.internalId() != _TOP:
            return 0
        return len(self._entries[parent.row()].older)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 1

    def hasChildren(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return self.rowCount(parent) > 0

    def _brief(self, index: Index) -> BriefSummary | None:
        if not index.isValid():
            return None
        if index.internalId() == _TOP:
            return self._entries[index.row()].newest if index.row() < len(self._entries) \
                else None
        older = self._entries[index.internalId() - 1].older
        return older[index.row()] if index.row() < len(older) else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        brief = self._brief(index)
        if brief is None:
            return None
        newest = index.internalId() == _TOP
        if role == Qt.ItemDataRole.DisplayRole:
            return self._label(brief, newest, index)
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{brief.title}\nversion {brief.version} · id {brief.id}"
        if role == BRIEF_ID_ROLE:
            return brief.id
        if role == NEWEST_ROLE:
            return newest
        return None

    def _label(self, brief: BriefSummary, newest: bool, index: Index) -> str:
        details = (f"{brief.source_format.value.upper()} · "
                   f"{count(brief.annotation_count, 'annotation')} · "
                   f"imported {brief.imported_at:%d %b %Y}")
        if not newest:
            entry = self._entries[index.internalId() - 1]
            title = "" if brief.title == entry.newest.title else f" · {brief.title}"
            return f"v{brief.version} · older version{title}\n{details}"
        # As the question before annotating an older version counts: by version number.
        version = f"v{brief.version} of {brief.version} · " \
            if self._entries[index.row()].versions > 1 else ""
        return f"{brief.title}\n{version}{details}"

    # Finding a brief's row

    def index_of(self, brief_id: str) -> QModelIndex:
        """The index of the brief, whichever version it is; invalid when it is not listed."""
        for row, entry in enumerate(self._entries):
            if entry.newest.id == brief_id:
                return self.createIndex(row, 0, _TOP)
            for child, brief in enumerate(entry.older):
                if brief.id == brief_id:
                    return self.createIndex(child, 0, row + 1)
        return QModelIndex()

    def row_of(self, brief_id: str) -> int:
        """The row of the brief under its parent (a brief's newest version at the top level,
        an older version under it); -1 when it is not listed."""
        index = self.index_of(brief_id)
        return index.row() if index.isValid() else -1

    def newest_of(self, brief_id: str) -> str | None:
        """The id of the newest version of the brief `brief_id` is a version of."""
        return next((entry.newest.id for entry in self._entries if brief_id in entry.ids),
                    None)

    def count_changed(self, brief_id: str, delta: int) -> None:
        """An annotation was added (+1) or removed (-1): update that row in place."""
        index = self.index_of(brief_id)
        if not index.isValid():
            return
        top = index.row() if index.internalId() == _TOP else index.internalId() - 1
        entry = self._entries[top]
        if index.internalId() == _TOP:
            brief = entry.newest
            entry = replace(entry, newest=_counted(brief, delta))
        else:
            older = list(entry.older)
            older[index.row()] = _counted(older[index.row()], delta)
            entry = replace(entry, older=tuple(older))
        self._entries[top] = entry
        self.dataChanged.emit(index, index)


def _counted(brief: BriefSummary, delta: int) -> BriefSummary:
    return replace(brief, annotation_count=max(0, brief.annotation_count + delta))


class LibraryFilter(QSortFilterProxyModel):
    """Search the library by any words of a brief's title, in any case; a brief that
    matches keeps its older versions under it."""

    def __init__(self, source: LibraryModel) -> None:
        super().__init__()
        self.setSourceModel(source)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterRole(Qt.ItemDataRole.DisplayRole)
        self.setRecursiveFilteringEnabled(True)
        self.setAutoAcceptChildRows(True)

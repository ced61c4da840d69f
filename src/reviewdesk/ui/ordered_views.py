"""Annotation views kept in document order, with each one's row found by bisect: what the
annotation cards and the carried-annotations table hold behind their Qt models."""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Iterator

from reviewdesk.domain.views import AnnotationView

Key = tuple[int, int, str]  # (start, end, id): document order


def key_of(view: AnnotationView) -> Key:
    """The view's place in document order: by start, then end, then id."""
    return (view.start, view.end, view.id)


class OrderedViews:
    """The rows of a model: views by id, and their keys sorted. Callers wrap changes in the
    model's begin/end calls; `insertion_row` says where a new view goes first. A row keeps
    the key it was put in with, so a replaced view that moved stays on its row."""

    def __init__(self) -> None:
        self._keys: list[Key] = []
        self._views: dict[str, AnnotationView] = {}
        self._row_keys: dict[str, Key] = {}

    def reset(self, views: Iterable[AnnotationView]) -> None:
        """Hold these views instead, sorted anew."""
        self._views = {view.id: view for view in views}
        self._row_keys = {key: key_of(view) for key, view in self._views.items()}
        self._keys = sorted(self._row_keys.values())

    def __len__(self) -> int:
        return len(self._keys)

    def __contains__(self, annotation_id: str) -> bool:
        return annotation_id in self._views

    def values(self) -> Iterator[AnnotationView]:
        return iter(self._views.values())

    def get(self, annotation_id: str) -> AnnotationView | None:
        return self._views.get(annotation_id)

    def at(self, row: int) -> AnnotationView | None:
        """The view on `row`; None past the end."""
        return self._views[self._keys[row][2]] if 0 <= row < len(self._keys) else None

    def row_of(self, annotation_id: str) -> int | None:
        """A binary search on (start, end, id)."""
        key = self._row_keys.get(annotation_id)
        if key is None:
            return None
        row = bisect.bisect_left(self._keys, key)
        return row if row < len(self._keys) and self._keys[row][2] == annotation_id else None

    def insertion_row(self, view: AnnotationView) -> int:
        """The row where the view goes in document order; insert it there with insert()."""
        return bisect.bisect_left(self._keys, key_of(view))

    def insert(self, row: int, view: AnnotationView) -> None:
        """Put the view on `row`, which insertion_row() gave."""
        key = key_of(view)
        self._keys.insert(row, key)
        self._views[view.id] = view
        self._row_keys[view.id] = key

    def replace(self, view: AnnotationView) -> None:
        """A changed view, on the row it had."""
        self._views[view.id] = view

    def delete(self, row: int) -> None:
        """Take out the view on `row`."""
        annotation_id = self._keys.pop(row)[2]
        del self._views[annotation_id]
        del self._row_keys[annotation_id]

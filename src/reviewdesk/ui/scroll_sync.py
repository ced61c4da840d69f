"""Scroll the annotation cards along with the document, without selecting anything."""

from __future__ import annotations

import bisect

from PySide6.QtCore import QObject, QPoint, QTimer
from PySide6.QtWidgets import QAbstractItemView

from reviewdesk.ui.annotation_cards import AnnotationCards
from reviewdesk.ui.document_view import DocumentView

THROTTLE_MS = 50  # at most one sync per this many milliseconds while the document scrolls

Key = tuple[int, int, str]  # (start, end, annotation id), the session's document order


class ScrollSync(QObject):
    """As the document scrolls, the first annotation that starts at or after the top of
    the document's viewport becomes the top card. Only the cards' scroll bar moves:
    the current card and the session's selection stay as they were."""

    def __init__(self, document: DocumentView, cards: AnnotationCards,
                 parent: QObject | None = None) -> None:
        super().__init__(parent or document)
        self.document = document
        self.cards = cards
        self._enabled = True
        self._keys: list[Key] | None = None  # built on demand, dropped when annotations change
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(THROTTLE_MS)
        self._timer.timeout.connect(self.sync)
        document.verticalScrollBar().valueChanged.connect(self._scrolled)
        session = cards.session
        for signal in (session.brief_opened, session.annotation_added,
                       session.annotation_removed, session.annotation_updated):
            signal.connect(self._forget)
        # The document scrolls to an annotation chosen elsewhere (a card, F8); the cards
        # then centre that card themselves, and a sync would pull it away again.
        session.annotation_selected.connect(self._timer.stop)

    @property
    def enabled(self) -> bool:
        """Whether the cards follow the document's scrolling; turning it off drops a pending
        sync."""
        return self._enabled

    @enabled.setter
    def enabled(self, value: bool) -> None:
        self._enabled = value
        if not value:
            self._timer.stop()

    def _scrolled(self, _value: int) -> None:
        # A throttle, not a debounce: a long scroll still syncs every THROTTLE_MS.
        if self._enabled and not self._timer.isActive():
            self._timer.start()

    def _forget(self, *_: object) -> None:
        self._keys = None

    def first_visible_offset(self) -> int:
        """The canonical offset at the top-left of the document's viewport."""
        return self.document.cursorForPosition(QPoint(0, 0)).position()

    def first_visible_annotation(self) -> str | None:
        """The first annotation that starts at or after the top of the viewport."""
        if self._keys is None:
            self._keys = [(view.start, view.end, view.id)
                          for view in self.cards.session.annotations]
        index = bisect.bisect_left(self._keys, (self.first_visible_offset(),))
        return self._keys[index][2] if index < len(self._keys) else None

    def sync(self) -> None:
        """Scroll the cards so the first visible annotation's card is at the top."""
        if not self._enabled or self.cards.session.brief is None:
            return
        key = self.first_visible_annotation()
        cards = self.cards.list
        if key is None:
            cards.scrollToBottom()  # every annotation is above the viewport
            return
        row = self.cards.model.row_of(key)
        if row is not None:
            cards.scrollTo(self.cards.model.index(row), QAbstractItemView.ScrollHint.PositionAtTop)

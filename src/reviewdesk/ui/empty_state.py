"""Empty states: a list or table with no rows says what to do next, instead of a grey void."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QRect, Qt
from PySide6.QtGui import QPainter, QPalette
from PySide6.QtWidgets import QAbstractItemView

Hint = str | Callable[[], str]


class EmptyHint(QObject):
    """Paints `hint` (a text, or a function giving one, for hints that depend on the state)
    in the middle of `view` while its model has no rows. The hint is also the view's
    accessible description then, so a screen reader says it too."""

    def __init__(self, view: QAbstractItemView, hint: Hint) -> None:
        super().__init__(view)
        self._view = view
        self._hint = hint
        self._described = view.accessibleDescription()
        self._viewport = view.viewport()
        self._viewport.installEventFilter(self)

    def text(self) -> str:
        """The hint as it reads now ('' while the view has rows)."""
        if not self.is_empty():
            return ""
        return self._hint() if callable(self._hint) else self._hint

    def is_empty(self) -> bool:
        model = self._view.model()
        return model is None or model.rowCount() == 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # The event's type first, and no call into the view: while a window is destroyed
        # its views still send events here, and asking a half-deleted view would crash.
        if event.type() == QEvent.Type.Paint and watched is self._viewport:
            text = self.text()
            self._view.setAccessibleDescription(text or self._described)
            if text:
                self._paint(text)
        return False

    def _paint(self, text: str) -> None:
        viewport = self._view.viewport()
        painter = QPainter(viewport)
        colour = viewport.palette().color(QPalette.ColorGroup.Disabled,
                                          QPalette.ColorRole.Text)
        painter.setPen(colour)
        area = viewport.rect().adjusted(16, 16, -16, -16)
        painter.drawText(QRect(area.left(), area.top() + area.height() // 4, area.width(),
                               area.height() // 2),
                         int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop
                             | Qt.TextFlag.TextWordWrap), text)
        painter.end()

"""Empty states: a list or table with no rows says what to do next, instead of a grey void."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QRect, Qt
from PySide6.QtGui import QPainter, QPalette
from PySide6.QtWidgets import QAbstractItemView

if TYPE_CHECKING:
    from reviewdesk.ui.main_window import MainWindow

Hint = str | Callable[[], str]
NO_BRIEFS = ("No briefs yet. Open one with File → Open (Ctrl+O), drop a file here, or choose "
             "File → Open the sample brief.")
OPEN_FIRST = "Open a brief from the library on the left."


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


def window_hints(window: MainWindow) -> dict[str, EmptyHint]:
    """What each empty list of the main window says to do next."""
    def when_open(text: str) -> Callable[[], str]:
        return lambda: text if window.session.brief is not None else OPEN_FIRST

    return {
        "library": EmptyHint(window.library, NO_BRIEFS),
        "annotations": EmptyHint(window.cards.list, when_open(
            "No annotations yet. Select words in the brief and press a tag's key "
            "(1–9), or Ctrl+Alt+M to comment.")),
        "suggestions": EmptyHint(window.suggestion_cards.list, when_open(
            "Nothing to suggest: every indicator, claim and reference found is dealt with.")),
        "references": EmptyHint(window.references.table, when_open(
            "No reference list was found in this brief.")),
        "recommendations": EmptyHint(window.recommendations.table, when_open(
            "No recommendations were found in this brief.")),
        "edits": EmptyHint(window.edits.suggestions, when_open(
            "No suggested edits yet. Select words in the brief, press Ctrl+Shift+S, "
            "type the new wording and press Ctrl+Shift+S again.")),
    }

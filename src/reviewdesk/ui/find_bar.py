"""Find in the brief: a bar with a search box, "3 of 12", next and previous."""

from __future__ import annotations

import bisect

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget

from reviewdesk.ui.document_view import DocumentView

MATCH_LIMIT = 10_000  # past this the count says "10000+" rather than keep searching


class FindBar(QWidget):
    """Case-insensitive search over a DocumentView, wrapping at either end.

    Hidden until Ctrl+F (in the view or the bar); Enter/F3 find the next match,
    Shift+Enter/Shift+F3 the previous one, Esc hides the bar.
    """

    def __init__(self, view: DocumentView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = view
        self.edit = QLineEdit(placeholderText="Find in brief")
        self.count = QLabel()
        self._matches: list[tuple[int, int]] = []
        self._current = -1
        self._stale = True  # the matches must be searched again before use
        self._build()
        self._connect()
        self.hide()

    def _build(self) -> None:
        self.edit.setClearButtonEnabled(True)
        self.count.setMinimumWidth(80)
        self.count.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 4, 8, 4)
        row.addWidget(self.edit, 1)
        row.addWidget(self.count)
        for text, tip, slot in (("↑", "Previous (Shift+F3)", self.find_previous),
                                ("↓", "Next (F3)", self.find_next),
                                ("✕", "Close (Esc)", self.close_bar)):
            button = QToolButton()
            button.setText(text)
            button.setToolTip(tip)
            button.setAutoRaise(True)
            button.clicked.connect(slot)
            row.addWidget(button)

    def _connect(self) -> None:
        self.edit.textChanged.connect(self._text_changed)
        self.edit.installEventFilter(self)
        self.view.rendered.connect(self._forget)
        for owner in (self.view, self):
            self._shortcut(owner, "Ctrl+F", self.open)
            self._shortcut(owner, "F3", self.find_next)
            self._shortcut(owner, "Shift+F3", self.find_previous)
        self._shortcut(self, "Esc", self.close_bar)

    def _shortcut(self, owner: QWidget, keys: str, slot: object) -> None:
        shortcut = QShortcut(QKeySequence(keys), owner)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(slot)

    # Public actions -------------------------------------------------------------------

    def open(self) -> None:
        """Show the bar with the search box focused (the view's selection as the term)."""
        selected = self.view.textCursor().selectedText()
        if selected and "\u2029" not in selected and len(selected) < 100:
            self.edit.setText(selected)
        self.show()
        self.edit.setFocus()
        self.edit.selectAll()

    def close_bar(self) -> None:
        """Hide the bar and give the focus back to the document."""
        self.hide()
        self.view.setFocus()

    def find_next(self) -> None:
        """Go to the next match after the cursor, wrapping at the end (F3, Enter)."""
        self._step(forward=True)

    def find_previous(self) -> None:
        """Go to the match before the cursor, wrapping at the start (Shift+F3, Shift+Enter)."""
        self._step(forward=False)

    def status(self) -> str:
        """What the count label says ('3 of 12', 'No matches'), for tests."""
        return self.count.text()

    # Searching ------------------------------------------------------------------------

    def _forget(self) -> None:
        self._stale = True
        self._matches, self._current = [], -1
        self._show_count()

    def _text_changed(self) -> None:
        self._forget()
        if self.edit.text():
            self._step(forward=True, from_start_of_selection=True)

    def _search(self) -> None:
        """All matches, by QTextDocument.find (case-insensitive unless told otherwise)."""
        self._matches, self._stale = [], False
        term = self.edit.text()
        if not term:
            return
        document = self.view.document()
        cursor = document.find(term, 0)
        while not cursor.isNull() and len(self._matches) < MATCH_LIMIT:
            self._matches.append((cursor.selectionStart(), cursor.selectionEnd()))
            cursor = document.find(term, cursor)

    def _step(self, forward: bool, from_start_of_selection: bool = False) -> None:
        if self._stale:
            self._search()
        if not self._matches:
            self._current = -1
            self._show_count()
            return
        cursor = self.view.textCursor()
        if from_start_of_selection:  # typing more letters keeps the same match if it fits
            index = bisect.bisect_left(self._matches, (cursor.selectionStart(), -1))
        elif forward:
            index = bisect.bisect_right(self._matches, (cursor.selectionStart(), 1 << 62))
        else:
            index = bisect.bisect_left(self._matches, (cursor.selectionStart(), -1)) - 1
        self._current = index % len(self._matches)  # wraps around at either end
        start, end = self._matches[self._current]
        self.view.select_range(start, end)
        self._show_count()

    def _show_count(self) -> None:
        if not self.edit.text():
            self.count.setText("")
        elif not self._matches:
            self.count.setText("No matches")
        else:
            total = f"{len(self._matches)}{'+' if len(self._matches) >= MATCH_LIMIT else ''}"
            self.count.setText(f"{self._current + 1} of {total}")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Enter and Shift+Enter in the search box step through the matches; Escape closes the
        bar."""
        if (watched is self.edit and event.type() == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent)):
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                backwards = event.modifiers() & Qt.KeyboardModifier.ShiftModifier
                self._step(forward=not backwards)
                return True
            if event.key() == Qt.Key.Key_Escape:
                self.close_bar()
                return True
        return super().eventFilter(watched, event)


"""Find in the brief: a one-line bar under the text, every match highlighted, "3 of 12"."""

from __future__ import annotations

import bisect

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import (
    QAction,
    QColor,
    QKeyEvent,
    QKeySequence,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QTextEdit,
    QToolButton,
    QWidget,
)

from reviewdesk.ui.document_view import DocumentView
from reviewdesk.ui.keys import window_action

MATCH_LIMIT = 10_000  # past this the count says "10000+" rather than keep searching
LAYER = "find"
OTHER_MATCH = QColor(255, 150, 50, 90)   # every match: a soft orange, unlike any tag colour
CURRENT_MATCH = QColor(255, 120, 0, 200)  # the current one: stronger, and outlined


class FindBar(QWidget):
    """Search over a DocumentView, wrapping at either end; one line high.

    Hidden until Ctrl+F (anywhere in the window: its actions belong to the document view,
    which is always shown); Enter/F3 find the next match, Shift+Enter/Shift+F3 the previous
    one, Esc hides the bar. Every match is highlighted, the current one more strongly; match
    case and whole words are options.
    """

    def __init__(self, view: DocumentView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = view
        self.edit = QLineEdit(placeholderText="Find in the brief")
        self.count = QLabel()
        self.match_case = QCheckBox("Match &case")
        self.whole_words = QCheckBox("&Whole words")
        self._matches: list[tuple[int, int]] = []
        self._current = -1
        self._stale = True  # the matches must be searched again before use
        self.open_action = window_action(view, "&Find…", self.open, "Ctrl+F",
                                         tip="Find words in the brief")
        self.next_action = window_action(view, "Find &next", self.find_next, "F3",
                                         tip="The next match")
        self.previous_action = window_action(view, "Find pre&vious", self.find_previous,
                                             "Shift+F3", tip="The previous match")
        self._build()
        self._connect()
        self.hide()

    def _build(self) -> None:
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.setAccessibleName("Find bar")
        self.edit.setClearButtonEnabled(True)
        self.edit.setAccessibleName("Find in the brief")
        self.edit.setAccessibleDescription("Words to find; Enter for the next match, "
                                           "Shift+Enter for the previous, Esc to close")
        self.count.setMinimumWidth(80)
        self.count.setAccessibleName("Matches")
        self.count.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        for box, tip in ((self.match_case, "Only matches with the same capitals"),
                         (self.whole_words, "Only whole words, not parts of longer ones")):
            box.setToolTip(tip)
            box.setAccessibleName(box.text().replace("&", ""))
            box.setAccessibleDescription(tip)
        row = QHBoxLayout(self)
        row.setContentsMargins(6, 2, 6, 2)
        row.setSpacing(6)
        row.addWidget(self.edit, 1)
        row.addWidget(self.count)
        row.addWidget(self.match_case)
        row.addWidget(self.whole_words)
        for text, name, tip, slot in (
                ("↑", "Previous match", "Previous (Shift+F3)", self.find_previous),
                ("↓", "Next match", "Next (F3)", self.find_next),
                ("✕", "Close the find bar", "Close (Esc)", self.close_bar)):
            button = QToolButton()
            button.setText(text)
            button.setToolTip(tip)
            button.setAccessibleName(name)
            button.setAutoRaise(True)
            button.clicked.connect(slot)
            row.addWidget(button)

    def _connect(self) -> None:
        self.edit.textChanged.connect(self._text_changed)
        self.edit.installEventFilter(self)
        self.view.rendered.connect(self._forget)
        self.match_case.toggled.connect(self._text_changed)
        self.whole_words.toggled.connect(self._text_changed)
        escape = QAction("Close the find bar", self)
        escape.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        escape.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        escape.triggered.connect(self.close_bar)
        self.addAction(escape)

    # Public actions -------------------------------------------------------------------

    def open(self) -> None:
        """Show the bar with the search box focused (the view's selection as the term)."""
        selected = self.view.textCursor().selectedText()
        if selected and "\u2029" not in selected and len(selected) < 100:
            self.edit.setText(selected)
        self.show()
        self.edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.edit.selectAll()
        if self.edit.text() and self._stale:
            self._search()
            self._show_matches()

    def close_bar(self) -> None:
        """Hide the bar, take its highlights away and give the focus back to the document."""
        self.hide()
        self.view.set_layer(LAYER, [])
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

    def highlighted(self) -> list[tuple[int, int]]:
        """The (start, end) of every highlighted match, for tests."""
        return [(selection.cursor.selectionStart(), selection.cursor.selectionEnd())
                for selection in self.view.extraSelections()
                if selection.format.property(QTextCharFormat.Property.UserProperty) == LAYER]

    # Searching ------------------------------------------------------------------------

    def _forget(self) -> None:
        self._stale = True
        self._matches, self._current = [], -1
        self._show_count()

    def _text_changed(self) -> None:
        self._forget()
        if self.edit.text():
            self._step(forward=True, from_start_of_selection=True)
        else:
            self.view.set_layer(LAYER, [])

    def _flags(self) -> QTextDocument.FindFlag:
        flags = QTextDocument.FindFlag(0)
        if self.match_case.isChecked():
            flags |= QTextDocument.FindFlag.FindCaseSensitively
        if self.whole_words.isChecked():
            flags |= QTextDocument.FindFlag.FindWholeWords
        return flags

    def _search(self) -> None:
        """All matches, by QTextDocument.find with the bar's options."""
        self._matches, self._stale = [], False
        term = self.edit.text()
        if not term:
            return
        document, flags = self.view.document(), self._flags()
        cursor = document.find(term, 0, flags)
        while not cursor.isNull() and len(self._matches) < MATCH_LIMIT:
            self._matches.append((cursor.selectionStart(), cursor.selectionEnd()))
            cursor = document.find(term, cursor, flags)

    def _step(self, forward: bool, from_start_of_selection: bool = False) -> None:
        if self._stale:
            self._search()
        if not self._matches:
            self._current = -1
            self._show_count()
            self.view.set_layer(LAYER, [])
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
        self._show_matches()

    def _show_matches(self) -> None:
        """Highlight every match, the current one more strongly."""
        document = self.view.document()
        selections = []
        for number, (start, end) in enumerate(self._matches):
            selection = QTextEdit.ExtraSelection()
            cursor = QTextCursor(document)
            cursor.setPosition(start)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            selection.cursor = cursor
            fmt = QTextCharFormat()
            fmt.setProperty(QTextCharFormat.Property.UserProperty, LAYER)
            current = number == self._current
            fmt.setBackground(CURRENT_MATCH if current else OTHER_MATCH)
            if current:
                fmt.setFontUnderline(True)
            selection.format = fmt
            selections.append(selection)
        self.view.set_layer(LAYER, selections)

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

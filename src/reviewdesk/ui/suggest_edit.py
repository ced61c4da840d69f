"""Suggesting a rewording of the selected text, and the brief's suggestions as word diffs."""

from __future__ import annotations

import html
import re
from difflib import SequenceMatcher

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reviewdesk.domain.brief import Brief
from reviewdesk.domain.review import Suggestion, SuggestionStatus
from reviewdesk.services.tracking import suggestions_of
from reviewdesk.ui import undo
from reviewdesk.ui.accessible import describe
from reviewdesk.ui.session import ReviewSession
from reviewdesk.ui.suggestion_cards import HTML_ROLE, HtmlDelegate
from reviewdesk.ui.suggestion_commands import WithdrawSuggestion

SUGGESTION_ROLE = Qt.ItemDataRole.UserRole
DELETED_STYLE = "color:#c62828"
INSERTED_STYLE = "color:#2e7d32"
_TOKEN = re.compile(r"\s+|\w+|[^\w\s]")
_QUOTE_CHARS = 60


def word_diff_html(original: str, replacement: str) -> str:
    """The change from `original` to `replacement`, word by word, as rich text: deleted
    words struck through in red, inserted words underlined in green."""
    before, after = _TOKEN.findall(original), _TOKEN.findall(replacement)
    # White space is not junk for matching, but treating it as such keeps a changed
    # word from pairing with the space beside it.
    matcher = SequenceMatcher(lambda token: token.isspace(), before, after, autojunk=False)
    parts: list[str] = []
    for operation, a1, a2, b1, b2 in matcher.get_opcodes():
        if operation == "equal":
            parts.append(html.escape("".join(before[a1:a2])))
            continue
        if a2 > a1:
            parts.append(f"<s style='{DELETED_STYLE}'>{html.escape(''.join(before[a1:a2]))}</s>")
        if a2 > a1 and b2 > b1 and not before[a2 - 1].isspace():
            parts.append(" ")  # so "two" struck and "both" inserted do not read "twoboth"
        if b2 > b1:
            parts.append(f"<u style='{INSERTED_STYLE}'>{html.escape(''.join(after[b1:b2]))}</u>")
    return "".join(parts)


class SuggestEditPane(QWidget):
    """Rewrite the selection and press Suggest (Ctrl+Shift+S); Withdraw (Ctrl+Shift+W, or
    Delete in the list) takes a suggestion back. Both are undoable."""

    def __init__(self, session: ReviewSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._range: tuple[int, int] | None = None
        self.selection_label = QLabel()
        self.selection_label.setWordWrap(True)
        self.editor = QPlainTextEdit()
        self.editor.setPlaceholderText("Select words in the brief, then rewrite them here")
        self.editor.setMaximumHeight(120)
        self.suggestions = QListWidget()
        self.suggestions.setItemDelegate(HtmlDelegate(self.suggestions))
        describe(self.editor, "New wording", "The selected words, to rewrite; Ctrl+Shift+S "
                 "suggests the new wording")
        describe(self.suggestions, "Suggested edits", "The brief's suggested edits, each as "
                 "its words struck and its new words; Delete withdraws one")
        self.suggestions.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.suggestions.setSpacing(2)
        # Window-wide (the Review menu lists them): Ctrl+Shift+S suggests a rewording of the
        # words selected in the document wherever the focus is.
        self.suggest_action = self._action("&Suggest an edit", "Ctrl+Shift+S", self.suggest,
                                           Qt.ShortcutContext.WindowShortcut)
        self.withdraw_action = self._action("&Withdraw the suggestion", "Ctrl+Shift+W",
                                            self.withdraw_current,
                                            Qt.ShortcutContext.WindowShortcut)
        delete = self._action("Withdraw", "Delete", self.withdraw_current,
                              Qt.ShortcutContext.WidgetShortcut)
        self.removeAction(delete)
        self.suggestions.addAction(delete)  # Delete withdraws only from the list
        self.setFocusProxy(self.editor)
        self._lay_out()
        self.editor.textChanged.connect(self._update_enabled)
        self.suggestions.currentItemChanged.connect(self._update_enabled)
        session.brief_opened.connect(self._brief_opened)
        session.suggestions_changed.connect(self.refresh)
        self._brief_opened(session.brief)

    def _action(self, text: str, keys: str, slot: object,
                context: Qt.ShortcutContext) -> QAction:
        action = QAction(text, self)
        action.setShortcut(QKeySequence(keys))
        action.setShortcutContext(context)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _lay_out(self) -> None:
        suggest = QPushButton("Suggest (Ctrl+Shift+S)")
        suggest.setToolTip("Suggest the new wording in place of the selected words")
        suggest.clicked.connect(self.suggest_action.trigger)
        self.suggest_action.changed.connect(
            lambda: suggest.setEnabled(self.suggest_action.isEnabled()))
        withdraw = QPushButton("Withdraw (Ctrl+Shift+W)")
        withdraw.setToolTip("Take back the selected suggested edit")
        withdraw.clicked.connect(self.withdraw_action.trigger)
        self.withdraw_action.changed.connect(
            lambda: withdraw.setEnabled(self.withdraw_action.isEnabled()))
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.selection_label)
        column.addWidget(self.editor)
        column.addLayout(_row(suggest))
        column.addWidget(QLabel("Suggested edits"))
        column.addWidget(self.suggestions)
        column.addLayout(_row(withdraw))

    def set_selection(self, start: int, end: int) -> None:
        """The document's selection changed: offer its text for rewriting."""
        brief = self._session.brief
        if brief is None or not 0 <= start < end <= len(brief.text):
            self._range = None
            self.selection_label.setText("Select words of one paragraph to suggest an edit.")
            self.editor.clear()
        else:
            self._range = (start, end)
            quote = brief.text[start:end]
            shown = quote if len(quote) <= _QUOTE_CHARS else quote[:_QUOTE_CHARS - 1] + "…"
            self.selection_label.setText(f"Rewrite “{shown}”")
            self.editor.setPlainText(quote)
        self._update_enabled()

    def suggest(self) -> None:
        """Suggest the editor's text in place of the selected words (undoable); a refusal reaches
        the reviewer through the session's error signal."""
        brief, chosen = self._session.brief, self._range
        if brief is None or chosen is None:
            self._session.notice.emit("select the words to rewrite in the document first")
            return
        if self.editor.toPlainText() == brief.text[chosen[0]:chosen[1]]:
            # Nothing rewritten yet: the first press (from the document) opens the editor.
            self.editor.setFocus(Qt.FocusReason.ShortcutFocusReason)
            self.editor.selectAll()
            self._session.notice.emit("type the new wording, then press Ctrl+Shift+S again")
            return
        # Errors (a selection across paragraphs, unchanged wording) reach the
        # reviewer through session.error, raised by the command.
        self._session.push(undo.SuggestEdit(self._session, brief.id, *chosen,
                                            self.editor.toPlainText()))

    def withdraw_current(self) -> None:
        """Withdraw the suggestion selected in the list (undoable)."""
        item = self.suggestions.currentItem()
        if item is not None:
            self._session.push(WithdrawSuggestion(self._session, item.data(SUGGESTION_ROLE)))

    def _brief_opened(self, _brief: Brief | None) -> None:
        self.set_selection(0, 0)
        self.refresh()

    def refresh(self) -> None:
        """Reload the brief's suggestions, keeping the current one selected if it remains."""
        current = self.suggestions.currentItem()
        keep = current.data(SUGGESTION_ROLE).id if current is not None else None
        self.suggestions.clear()
        brief = self._session.brief
        found = self._session.attempt(lambda: suggestions_of(self._session.store, brief.id)) \
            if brief is not None else None
        for suggestion in found or []:
            item = QListWidgetItem()
            item.setData(SUGGESTION_ROLE, suggestion)
            item.setData(HTML_ROLE, _decided(suggestion) + word_diff_html(
                suggestion.anchor.quote.exact, suggestion.replacement))
            item.setToolTip(f"Suggested {suggestion.created:%Y-%m-%d %H:%M}")
            self.suggestions.addItem(item)
            if suggestion.id == keep:
                self.suggestions.setCurrentItem(item)
        if self.suggestions.currentItem() is None and self.suggestions.count():
            self.suggestions.setCurrentRow(0)
        self._update_enabled()

    def suggestion_list(self) -> list[Suggestion]:
        """The suggestions the list shows, in its order."""
        return [self.suggestions.item(row).data(SUGGESTION_ROLE)
                for row in range(self.suggestions.count())]

    def _update_enabled(self, *_changed: object) -> None:
        chosen, brief = self._range, self._session.brief
        self.suggest_action.setEnabled(chosen is not None and brief is not None)
        self.withdraw_action.setEnabled(self.suggestions.currentItem() is not None)


def _decided(suggestion: Suggestion) -> str:
    """'Accepted: ' or 'Rejected: ' (greyed) before a decided suggestion; nothing if pending."""
    if suggestion.status == SuggestionStatus.PENDING:
        return ""
    return f"<span style='color:#757575'>{suggestion.status.value.capitalize()}:</span> "


def _row(button: QPushButton) -> QHBoxLayout:
    row = QHBoxLayout()
    row.addStretch()
    row.addWidget(button)
    return row

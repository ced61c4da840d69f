"""A comment typed in a small dialog: Ctrl+Enter saves it, Escape leaves it unchanged."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from reviewdesk.ui.accessible import describe, describe_buttons


class _CommentEdit(QPlainTextEdit):
    def __init__(self, dialog: QDialog) -> None:
        super().__init__(dialog)
        self._dialog = dialog

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Ctrl+Enter accepts the dialog; every other key edits as usual."""
        if (event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                and event.modifiers() & Qt.KeyboardModifier.ControlModifier):
            self._dialog.accept()
            return
        super().keyPressEvent(event)


class CommentDialog(QDialog):
    """Asks for an annotation's comment; `text` is the comment to start from."""

    def __init__(self, title: str, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.editor = _CommentEdit(self)
        self.editor.setPlainText(text)
        self.editor.setTabChangesFocus(True)
        self.editor.moveCursor(self.editor.textCursor().MoveOperation.End)
        label = QLabel("&Comment (Ctrl+Enter saves):")
        label.setBuddy(self.editor)
        describe(self.editor, "Comment", "The annotation's comment; Ctrl+Enter saves it, Escape "
                 "leaves it as it was, Tab moves to the buttons")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.Save).setToolTip(
            "Keep the comment and close (Ctrl+Enter)")
        describe_buttons(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.editor)
        layout.addWidget(buttons)
        self.resize(420, 220)

    def text(self) -> str:
        return self.editor.toPlainText()


def ask_comment(parent: QWidget, title: str, text: str) -> str | None:
    """The comment the reviewer typed, or None when they cancelled."""
    dialog = CommentDialog(title, text, parent)
    return dialog.text() if dialog.exec() == QDialog.DialogCode.Accepted else None

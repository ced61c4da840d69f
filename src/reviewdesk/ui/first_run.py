"""Asked once: who is reviewing, so that every annotation carries a name and initials."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from reviewdesk.domain.review import initials_of
from reviewdesk.services.reviewers import configured_reviewer, set_configured_reviewer
from reviewdesk.storage.store import Store
from reviewdesk.ui.accessible import describe, describe_buttons


class ReviewerDialog(QDialog):
    """Asks for the reviewer's name and initials; editing the name suggests its initials, and OK
    needs a name."""

    def __init__(self, name: str = "", initials: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Who is reviewing?")
        self.name = QLineEdit(name, placeholderText="Your name, as colleagues will see it")
        self.initials = QLineEdit(initials or (initials_of(name) if name else ""),
                                  placeholderText="Initials", maxLength=4)
        self.name.textEdited.connect(self._suggest_initials)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._accept_if_named)
        buttons.rejected.connect(self.reject)
        self._ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        describe(self.name, "Name", "Your name, as colleagues will see it on your annotations, "
                 "comments and decisions")
        describe(self.initials, "Initials", "Up to four letters shown on your annotations; "
                 "typing the name suggests them")
        self._ok.setToolTip("Keep this name and start reviewing")
        describe_buttons(buttons)
        form = QFormLayout(self)
        form.addRow(QLabel("Your annotations, comments and decisions carry this name."))
        form.addRow("&Name:", self.name)
        form.addRow("&Initials:", self.initials)
        form.addRow(buttons)
        self._ok.setEnabled(bool(name.strip()))
        # The name offered (the login name) is a guess: typing replaces it.
        self.name.selectAll()
        self.name.setFocus()

    def _suggest_initials(self, text: str) -> None:
        self.initials.setText(initials_of(text) if text.strip() else "")
        self._ok.setEnabled(bool(text.strip()))

    def _accept_if_named(self) -> None:
        if self.name.text().strip():
            self.accept()


def ask_reviewer(store: Store) -> None:
    """Ask who is reviewing and store the answer; a cancelled dialog stores nothing."""
    dialog = ReviewerDialog(configured_reviewer(store))
    if dialog.exec() == ReviewerDialog.DialogCode.Accepted:
        set_configured_reviewer(store, dialog.name.text(), dialog.initials.text())

"""Annotating an older version of a brief: asked once per opened brief, with the newest
version one click away."""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum

from PySide6.QtWidgets import QMessageBox, QWidget

from reviewdesk.services.library import VersionStanding
from reviewdesk.ui.accessible import describe_buttons


class OlderChoice(Enum):
    """What the reviewer chose when about to annotate an older version."""

    OPEN_NEWEST = "open the newest"
    ANNOTATE = "annotate this one"
    CANCEL = "cancel"


def older_version_question(standing: VersionStanding) -> str:
    """'This is version 1 of 2; the newest is version 2. Annotate this older version
    anyway?'"""
    return (f"This is version {standing.version} of {standing.newest_version}; the newest is "
            f"version {standing.newest_version}. Annotate this older version anyway?")


def older_version_box(parent: QWidget | None, standing: VersionStanding) -> QMessageBox:
    """The question, with "Open the newest", "Annotate this one" and Cancel (the default)."""
    box = QMessageBox(QMessageBox.Icon.Question, "An older version", "", parent=parent)
    box.setText(older_version_question(standing))
    box.setInformativeText("Annotations on an older version are kept with it; the newest "
                           "version is the one the team reviews.")
    newest = box.addButton("Open the newest", QMessageBox.ButtonRole.AcceptRole)
    newest.setToolTip(f"Open version {standing.newest_version} instead and annotate nothing "
                      "here")
    this_one = box.addButton("Annotate this one", QMessageBox.ButtonRole.DestructiveRole)
    this_one.setToolTip(f"Go ahead and annotate version {standing.version}")
    box.setDefaultButton(box.addButton(QMessageBox.StandardButton.Cancel))
    describe_buttons(box)
    return box


def ask_older_version(parent: QWidget | None, standing: VersionStanding) -> OlderChoice:
    """Ask the question in a modal box (tests replace this)."""
    box = older_version_box(parent, standing)
    box.exec()
    clicked = box.clickedButton()
    box.deleteLater()
    text = clicked.text() if clicked is not None else ""
    if text == "Open the newest":
        return OlderChoice.OPEN_NEWEST
    if text == "Annotate this one":
        return OlderChoice.ANNOTATE
    return OlderChoice.CANCEL


def older_version_guard(parent: QWidget | None, open_brief: Callable[[str], None]
                        ) -> Callable[[VersionStanding], bool]:
    """The session's `confirm_older`: ask; "Open the newest" opens it (and annotates
    nothing), "Annotate this one" lets the edit go ahead."""
    def confirm(standing: VersionStanding) -> bool:
        choice = ask_older_version(parent, standing)
        if choice is OlderChoice.OPEN_NEWEST:
            open_brief(standing.newest_id)
        return choice is OlderChoice.ANNOTATE
    return confirm

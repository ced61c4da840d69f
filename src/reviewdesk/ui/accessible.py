"""Names and descriptions for screen readers, and the check that every control has them.

A screen reader reads a control's accessible name (what it is) and description (what it
does). Qt derives a button's name from its text and a description from its tooltip; a list,
a table, a text box or a search field has neither unless it is given them, which is what
`describe` does. `unnamed` walks a widget tree as a screen reader would and lists the
controls it could not name, so a test can fail on the first one added without a name;
`unreachable` lists the controls Tab skips. `describe_buttons` gives the standard buttons of a
dialog (OK, Cancel, Close…) a description by what they do.
"""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QComboBox,
    QDialogButtonBox,
    QHeaderView,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QScrollBar,
    QTabBar,
    QTextEdit,
    QToolButton,
    QWidget,
)

CONTROLS = (QAbstractButton, QLineEdit, QPlainTextEdit, QTextEdit, QComboBox, QAbstractItemView,
            QAbstractSpinBox, QAbstractSlider, QTabBar)

Role = QDialogButtonBox.ButtonRole
# What a dialog's standard button does, by its role; Close is told apart from Cancel below.
ROLE_DESCRIPTIONS = {
    Role.AcceptRole: "Keep the changes and close",
    Role.RejectRole: "Close without changing anything",
    Role.DestructiveRole: "Go ahead without keeping the changes, and close",
    Role.ActionRole: "Do this and keep the window open",
    Role.HelpRole: "Show help on this window",
    Role.YesRole: "Answer yes and close",
    Role.NoRole: "Answer no and close",
    Role.ApplyRole: "Keep the changes and leave the window open",
    Role.ResetRole: "Put back the values this window started with",
}
STANDARD_DESCRIPTIONS = {
    QDialogButtonBox.StandardButton.Close: "Close this window",
    QDialogButtonBox.StandardButton.Ok: "Accept and close",
    QDialogButtonBox.StandardButton.Save: "Save and close",
    QDialogButtonBox.StandardButton.Cancel: "Close without changing anything",
}
# A key said in brackets at the end of a description: "Undo (Ctrl+Z)", "Calendar (Alt+Down)".
_KEY_SAID = re.compile(r"\((?:(?:Ctrl|Alt|Shift|Meta)\+)*(?:F\d{1,2}|Del(?:ete)?|Ins(?:ert)?|"
                       r"Enter|Return|Space|Esc|Down|Up|Left|Right|[A-Z0-9])\)$")


def describe(widget: QWidget, name: str, description: str) -> None:
    """Give `widget` its accessible name and description."""
    widget.setAccessibleName(name)
    widget.setAccessibleDescription(description)


def describe_buttons(box: QDialogButtonBox | QMessageBox) -> None:
    """Give each button of `box` that has no description yet one by what it does (its
    standard button, else its role): "Close this window", "Close without changing anything"…
    A button with a tooltip keeps it; Qt reads the tooltip as the description."""
    for button in box.buttons():
        if button.accessibleDescription() or button.toolTip():
            continue
        standard = QDialogButtonBox.StandardButton(box.standardButton(button).value)
        if isinstance(box, QMessageBox) and standard == QDialogButtonBox.StandardButton.Ok:
            text: str | None = "Close this message"
        else:
            text = STANDARD_DESCRIPTIONS.get(standard)
        if text is None:
            role = QDialogButtonBox.ButtonRole(box.buttonRole(button).value)
            text = ROLE_DESCRIPTIONS.get(role, "")
        if text:
            button.setAccessibleDescription(text)


def spoken(widget: QWidget) -> tuple[str, str]:
    """The name and description a screen reader gets for `widget`."""
    interface = QAccessible.queryAccessibleInterface(widget)
    if interface is None:
        return "", ""
    return (interface.text(QAccessible.Text.Name).strip(),
            interface.text(QAccessible.Text.Description).strip())


def _qt_part(widget: QWidget) -> bool:
    """Parts Qt builds inside its own controls and names itself (headers, which read
    their columns' titles; scroll buttons; a line edit's clear button; corner buttons)."""
    parent = widget.parentWidget()
    ancestor = parent
    while ancestor is not None:  # a combo box's popup list belongs to the combo box
        if isinstance(ancestor, QComboBox):
            return True
        ancestor = ancestor.parentWidget()
    return (isinstance(widget, (QHeaderView, QScrollBar))
            or widget.objectName().startswith(("qt_", "Scroll"))
            or (isinstance(widget, QToolButton) and isinstance(parent, QLineEdit)))


def _which(widget: QWidget) -> str:
    """"QPushButton 'objectName' 'name' in QDialogButtonBox": the control, for a test's
    message (its name only when it has one)."""
    parent = widget.parentWidget()
    name = spoken(widget)[0]
    return (f"{type(widget).__name__} {widget.objectName()!r}"
            + (f" {name!r}" if name else "")
            + f" in {type(parent).__name__ if parent else '-'}")


def unnamed(root: QWidget) -> list[str]:
    """Each control under `root` (itself included) without an accessible name or
    description, as "Class 'objectName' 'name' in Parent: what is missing" (the name only
    when it has one)."""
    missing = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not isinstance(widget, CONTROLS) or _qt_part(widget):
            continue
        name, description = spoken(widget)
        gaps = [label for label, text in (("name", name), ("description", description))
                if not text]
        if gaps:
            missing.append(f"{_which(widget)}: no " + " or ".join(gaps))
    return missing


def _has_key(button: QAbstractButton) -> bool:
    """Whether a key does the button's job: its name or description ends with the key in
    brackets, or it is a tool bar's button for a command with a shortcut."""
    if any(_KEY_SAID.search(text) for text in spoken(button)):
        return True
    action = button.defaultAction() if isinstance(button, QToolButton) else None
    return action is not None and not action.shortcut().isEmpty()


def unreachable(root: QWidget) -> list[str]:
    """Each control under `root` (itself included) that Tab never reaches, as "Class
    'objectName' 'name' in Parent: Tab skips it". A button kept off the Tab order on purpose
    (so the keys stay on a list or a tree) is left out when a key does its job: its name or
    description says the key in brackets at the end ("Undo (Ctrl+Z)"), or it is a tool bar's
    button for a command with a shortcut."""
    skipped = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not isinstance(widget, CONTROLS) or _qt_part(widget):
            continue
        if widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            continue
        if isinstance(widget, QAbstractButton) and _has_key(widget):
            continue
        skipped.append(f"{_which(widget)}: Tab skips it")
    return skipped

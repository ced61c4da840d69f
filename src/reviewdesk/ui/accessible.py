"""Names and descriptions for screen readers, and the check that every control has them.

A screen reader reads a control's accessible name (what it is) and description (what it
does). Qt derives a button's name from its text and a description from its tooltip; a list,
a table, a text box or a search field has neither unless it is given them, which is what
`describe` does. `unnamed` walks a widget tree as a screen reader would and lists the
controls it could not name, so a test can fail on the first one added without a name.
"""

from __future__ import annotations

from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QComboBox,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QScrollBar,
    QTabBar,
    QTextEdit,
    QToolButton,
    QWidget,
)

CONTROLS = (QAbstractButton, QLineEdit, QPlainTextEdit, QTextEdit, QComboBox, QAbstractItemView,
            QAbstractSpinBox, QAbstractSlider, QTabBar)


def describe(widget: QWidget, name: str, description: str) -> None:
    """Give `widget` its accessible name and description."""
    widget.setAccessibleName(name)
    widget.setAccessibleDescription(description)


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


def unnamed(root: QWidget) -> list[str]:
    """Each control under `root` (itself included) without an accessible name or
    description, as 'Class objectName (parent): what is missing'."""
    missing = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not isinstance(widget, CONTROLS) or _qt_part(widget):
            continue
        name, description = spoken(widget)
        gaps = [label for label, text in (("name", name), ("description", description))
                if not text]
        if gaps:
            parent = widget.parentWidget()
            missing.append(f"{type(widget).__name__} {widget.objectName()!r} in "
                           f"{type(parent).__name__ if parent else '-'}: no "
                           + " or ".join(gaps))
    return missing

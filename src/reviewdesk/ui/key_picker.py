"""Choosing the key (1–9) that applies a tag, with the keys other tags hold shown as taken."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reviewdesk.domain.codebook import Codebook, Tag
from reviewdesk.services.codebooks import SHORTCUT_KEYS

KEY_ROLE = Qt.ItemDataRole.UserRole
NO_KEY = "No key"


@dataclass(frozen=True, slots=True)
class KeyChoice:
    """The key chosen (None: no key) and, when it was taken, the tag to swap keys with."""

    key: str | None
    swap_with: str | None = None


class KeyPicker(QDialog):
    """A list of No key and 1–9, each taken key named with the tag that holds it. Use key
    takes a free key (a taken one is refused in one sentence); Swap keys takes a taken key
    and gives its tag this tag's key. `choice` is set once the dialog is accepted."""

    def __init__(self, codebook: Codebook, tag: Tag, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Key for {tag.name}")
        self._codebook, self._tag = codebook, tag
        self._owners = {other.shortcut: other for other in codebook.tags
                        if other.shortcut and other.id != tag.id}
        self.choice: KeyChoice | None = None
        prompt = QLabel(f"Key that applies {codebook.path(tag)}:")
        self.keys = QListWidget()
        prompt.setBuddy(self.keys)
        self.note = QLabel()
        self.note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.use = buttons.addButton("Use key", QDialogButtonBox.ButtonRole.AcceptRole)
        self.swap = QPushButton("Swap keys")
        buttons.addButton(self.swap, QDialogButtonBox.ButtonRole.ActionRole)
        for button in buttons.buttons():  # Enter means Use key, wherever the focus is
            if isinstance(button, QPushButton):
                button.setAutoDefault(button is self.use)
        self.use.setDefault(True)
        self.use.clicked.connect(self._use)
        self.swap.clicked.connect(self._swap)
        buttons.rejected.connect(self.reject)  # Use key is _use's to accept, not the box's
        self.keys.itemDoubleClicked.connect(lambda _item: self._use())
        self.keys.currentRowChanged.connect(self._describe)
        column = QVBoxLayout(self)
        for widget in (prompt, self.keys, self.note, buttons):
            column.addWidget(widget)
        self._fill()
        self._name_for_assistive_technology(buttons)

    def _fill(self) -> None:
        self.keys.addItem(NO_KEY)
        for key in SHORTCUT_KEYS:
            owner = self._owners.get(key)
            if owner is None:
                mine = " (this tag's key)" if key == self._tag.shortcut else ""
                item = QListWidgetItem(f"{key} — free{mine}")
            else:
                item = QListWidgetItem(f"{key} — taken by {self._codebook.path(owner)}")
                item.setToolTip(f"Key {key} applies {self._codebook.path(owner)}")
            item.setData(KEY_ROLE, key)
            self.keys.addItem(item)
        current = SHORTCUT_KEYS.find(self._tag.shortcut) + 1 if self._tag.shortcut else 0
        self.keys.setCurrentRow(current)
        # Every key in view at once, no scrolling (the text says which are taken: no
        # faint colours that are hard to read).
        rows = self.keys.sizeHintForRow(0) * self.keys.count()
        self.keys.setFixedHeight(rows + 2 * self.keys.frameWidth())
        self.keys.setMinimumWidth(self.keys.sizeHintForColumn(0) + 4 * self.keys.frameWidth())

    def _name_for_assistive_technology(self, buttons: QDialogButtonBox) -> None:
        self.keys.setAccessibleName("Keys")
        self.keys.setAccessibleDescription(
            f"Keys 1 to 9 for {self._tag.name}; a taken key names the tag that has it")
        self.note.setAccessibleName("About the chosen key")
        self.use.setAccessibleName("Use key")
        self.use.setAccessibleDescription("Give the tag the chosen key, if it is free")
        self.swap.setAccessibleName("Swap keys")
        self.swap.setAccessibleDescription(
            "Take the chosen key from the tag that has it and give that tag this tag's key")
        cancel = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setAccessibleName("Cancel")
        cancel.setAccessibleDescription("Close without changing the key")

    def selected_key(self) -> str | None:
        """The key selected in the list; None for No key."""
        item = self.keys.currentItem()
        key = item.data(KEY_ROLE) if item is not None else None
        return str(key) if key else None

    def owner(self, key: str | None) -> Tag | None:
        """The other tag that holds `key`, if one does."""
        return self._owners.get(key) if key else None

    def _describe(self, _row: int = 0) -> None:
        key = self.selected_key()
        owner = self.owner(key)
        self.swap.setEnabled(owner is not None)
        if owner is None:
            self.note.setText("")
            return
        gives = f"key {self._tag.shortcut}" if self._tag.shortcut else "no key"
        self.note.setText(f"Key {key} is taken by {self._codebook.path(owner)}; "
                          f"Swap keys gives {owner.name} {gives}.")

    def _use(self) -> None:
        key = self.selected_key()
        owner = self.owner(key)
        if owner is not None:
            self.note.setText(f"Key {key} already belongs to {self._codebook.path(owner)}; "
                              "choose a free key, or Swap keys.")
            return
        self.choice = KeyChoice(key)
        self.accept()

    def _swap(self) -> None:
        owner = self.owner(self.selected_key())
        if owner is not None:
            self.choice = KeyChoice(self.selected_key(), owner.id)
            self.accept()

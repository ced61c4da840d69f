"""Editing the codebook: add, rename, recolour, nest, reorder, key and delete tags."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QColor, QIcon, QKeySequence, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QColorDialog,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reviewdesk.domain.codebook import PATH_SEPARATOR, Tag
from reviewdesk.errors import ReviewDeskError
from reviewdesk.services import codebooks
from reviewdesk.ui.session import ReviewSession

TAG_ROLE = Qt.ItemDataRole.UserRole
NEW_TAG_COLOUR = "#9e9e9e"
TOP_LEVEL = "(top level)"
NO_KEY = "(no key)"


class CodebookEditor(QDialog):
    """Every change is saved at once through services.codebooks, reloaded into
    session.codebook, and announced by codebook_changed. A refused change shows why below
    the tree and leaves the codebook as it was."""

    codebook_changed = Signal()

    def __init__(self, session: ReviewSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Codebook")
        self.resize(560, 480)
        self._session = session
        self._loading = False
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["Tag", "Key", "Colour"])
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                  | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setProperty("role", "error")  # coloured by resources/style/reviewdesk.qss
        self._actions: list[QAction] = []
        self._build_actions()
        self._lay_out()
        self.tree.itemChanged.connect(self._item_changed)
        self.tree.currentItemChanged.connect(self._update_enabled)
        self._load()

    # --- layout -----------------------------------------------------------------------

    def _build_actions(self) -> None:
        self._action("Add tag", "Ctrl+N", lambda: self.ask_new_tag(child=False))
        self._action("Add sub-tag", "Ctrl+Shift+N", lambda: self.ask_new_tag(child=True))
        self._action("Rename", "F2", self.start_rename)
        self._action("Colour…", "Ctrl+Shift+C", self.choose_colour)
        self._action("Key…", "Ctrl+Shift+K", self.choose_shortcut)
        self._action("Move under…", "Ctrl+M", self.choose_parent)
        self._action("Move up", "Alt+Up", lambda: self.move_by(-1))
        self._action("Move down", "Alt+Down", lambda: self.move_by(1))
        self._action("Move out", "Alt+Left", self.move_out)
        self._action("Delete", "Delete", self.ask_delete)

    def _action(self, text: str, keys: str, slot: Callable[[], object]) -> None:
        action = QAction(text, self)
        action.setShortcut(QKeySequence(keys))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.setToolTip(f"{text} ({keys})")
        action.triggered.connect(slot)
        self.addAction(action)
        self._actions.append(action)

    def _lay_out(self) -> None:
        buttons = QVBoxLayout()
        for action in self._actions:
            button = QPushButton(f"{action.text()} ({action.shortcut().toString()})")
            button.setToolTip(action.toolTip())
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keep the keys on the tree
            button.clicked.connect(action.trigger)
            buttons.addWidget(button)
        buttons.addStretch()
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.tree, 1)
        row.addLayout(buttons)
        column = QVBoxLayout(self)
        column.addLayout(row)
        column.addWidget(self.message)
        column.addWidget(close)

    def _load(self, select_id: str | None = None) -> None:
        """Rebuild the tree from session.codebook, selecting `select_id` (or keeping the
        current tag)."""
        select_id = select_id or self._current_id()
        self._loading = True  # filling the tree must not look like renaming
        self.tree.clear()
        items: dict[str, QTreeWidgetItem] = {}
        for tag in sorted(self._session.codebook.tags, key=lambda t: t.position):
            parent = items.get(tag.parent_id) if tag.parent_id else None
            item = QTreeWidgetItem(parent) if parent else QTreeWidgetItem(self.tree)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
            _show(item, tag)
            items[tag.id] = item
        self.tree.expandAll()
        for column in range(3):
            self.tree.resizeColumnToContents(column)
        self._loading = False
        chosen = (items.get(select_id) if select_id else None) or self.tree.topLevelItem(0)
        if chosen is not None:
            self.tree.setCurrentItem(chosen)
        self._update_enabled()

    def _update_enabled(self, *_changed: object) -> None:
        has_tag = self.current_tag() is not None
        for action in self._actions[2:]:  # all but the two Add actions need a tag
            action.setEnabled(has_tag)

    # --- reading the selection --------------------------------------------------------

    def current_tag(self) -> Tag | None:
        """The tag selected in the tree; None when none is."""
        tag_id = self._current_id()
        return self._session.codebook.by_id(tag_id) if tag_id else None

    def _current_id(self) -> str | None:
        item = self.tree.currentItem()
        return str(item.data(0, TAG_ROLE)) if item is not None else None

    def select_tag(self, tag_id: str) -> None:
        """Reload the tree from the session's codebook and select this tag."""
        self._load(tag_id)

    def _siblings(self, parent_id: str | None) -> list[Tag]:
        return sorted((t for t in self._session.codebook.tags if t.parent_id == parent_id),
                      key=lambda t: t.position)

    # --- edits: each has an asking form (the actions) and a direct one ----------------

    def ask_new_tag(self, child: bool) -> None:
        """Ask for a name and add a tag beside the current one (or under it, when `child`)."""
        title = "Add sub-tag" if child else "Add tag"
        name, ok = QInputDialog.getText(self, title, "Name of the new tag:")
        if ok:
            self.add_tag(name, child)

    def add_tag(self, name: str, child: bool = False) -> bool:
        """Add a tag beside the current one (or as its last sub-tag, when `child`)."""
        current = self.current_tag()
        parent_id: str | None = None
        index: int | None = None
        colour = NEW_TAG_COLOUR
        if child and current is None:
            return self._refuse("select the tag to add a sub-tag to")
        if child and current is not None:
            parent_id, colour = current.id, current.colour
        elif current is not None:
            # A new sibling goes just after the current tag and takes its parent's colour.
            parent_id = current.parent_id
            index = self._siblings(parent_id).index(current) + 1
            parent = self._session.codebook.by_id(parent_id) if parent_id else None
            colour = parent.colour if parent else NEW_TAG_COLOUR
        return self._save(lambda: codebooks.add_tag(self._session.store, name, colour,
                                                    parent_id=parent_id, index=index))

    def start_rename(self) -> None:
        """Open the current tag's name for editing in the tree; the edit is saved when it ends."""
        item = self.tree.currentItem()
        if item is not None:
            self.tree.editItem(item, 0)

    def _item_changed(self, item: QTreeWidgetItem, column: int) -> None:
        if self._loading or column != 0:
            return
        tag = self._session.codebook.by_id(str(item.data(0, TAG_ROLE)))
        if tag is not None and item.text(0) != tag.name:
            # Qt is still inside the editor's commit; reloading the tree now would
            # delete the item it is committing to, so save once that is over.
            name = item.text(0)
            QTimer.singleShot(0, lambda: self._rename_later(tag.id, name))

    def _rename_later(self, tag_id: str, name: str) -> None:
        self._load(tag_id)
        self.rename(name)

    def rename(self, name: str) -> bool:
        """Rename the current tag; False, with the reason shown, when the store refuses the name."""
        tag = self.current_tag()
        return tag is not None and self._save(
            lambda: codebooks.update_tag(self._session.store, tag.id, name=name))

    def choose_colour(self) -> None:
        """Ask for the current tag's colour with the colour dialog."""
        tag = self.current_tag()
        if tag is None:
            return
        colour = QColorDialog.getColor(QColor(tag.colour), self, f"Colour of {tag.name}")
        if colour.isValid():
            self.recolour(colour.name())

    def recolour(self, colour: str) -> bool:
        """Give the current tag this colour ('#rrggbb'); False, with the reason shown, if
        refused."""
        tag = self.current_tag()
        return tag is not None and self._save(
            lambda: codebooks.update_tag(self._session.store, tag.id, colour=colour))

    def choose_shortcut(self) -> None:
        """Ask which key 1–9 applies the current tag, or none."""
        tag = self.current_tag()
        if tag is None:
            return
        keys = [NO_KEY, *codebooks.SHORTCUT_KEYS]
        current = keys.index(tag.shortcut) if tag.shortcut in keys else 0
        key, ok = QInputDialog.getItem(self, "Shortcut key",
                                       f"Key that applies {tag.name}:", keys, current, False)
        if ok:
            self.set_shortcut(None if key == NO_KEY else key)

    def set_shortcut(self, key: str | None) -> bool:
        """Give the current tag key 1–9 (None clears it); a key in use is refused."""
        tag = self.current_tag()
        return tag is not None and self._save(
            lambda: codebooks.update_tag(self._session.store, tag.id, shortcut=key))

    def choose_parent(self) -> None:
        """Ask which tag to move the current one under (the top level, or any tag outside its own
        branch)."""
        tag = self.current_tag()
        if tag is None:
            return
        codebook = self._session.codebook
        choices = {TOP_LEVEL: None} | {
            codebook.path(other): other.id
            for other in sorted(codebook.tags, key=lambda t: t.position)
            if other.id != tag.id
            and not codebook.path(other).startswith(codebook.path(tag) + PATH_SEPARATOR)}
        name, ok = QInputDialog.getItem(self, "Move under", f"Move {tag.name} under:",
                                        list(choices), 0, False)
        if ok:
            self.move_under(choices[name])

    def move_under(self, parent_id: str | None) -> bool:
        """Nest the current tag (with its sub-tags) as the last child of `parent_id`."""
        tag = self.current_tag()
        return tag is not None and self._save(
            lambda: codebooks.move_tag(self._session.store, tag.id, parent_id))

    def move_by(self, offset: int) -> bool:
        """Move the current tag up (-1) or down (+1) among its siblings."""
        tag = self.current_tag()
        if tag is None:
            return False
        index = self._siblings(tag.parent_id).index(tag) + offset
        if index < 0 or index >= len(self._siblings(tag.parent_id)):
            return False
        return self._save(lambda: codebooks.move_tag(self._session.store, tag.id,
                                                     tag.parent_id, index))

    def move_out(self) -> bool:
        """Move the current tag out of its parent, to just after it."""
        tag = self.current_tag()
        parent = self._session.codebook.by_id(tag.parent_id) if tag and tag.parent_id else None
        if tag is None or parent is None:
            return False
        index = self._siblings(parent.parent_id).index(parent) + 1
        return self._save(lambda: codebooks.move_tag(self._session.store, tag.id,
                                                     parent.parent_id, index))

    def ask_delete(self) -> None:
        """Delete the current tag once the reviewer confirms; deleting a tag cannot be undone."""
        tag = self.current_tag()
        if tag is None:
            return
        answer = QMessageBox.question(
            self, "Delete tag", f"Delete the tag {self._session.codebook.path(tag)}? "
            "This cannot be undone.")
        if answer == QMessageBox.StandardButton.Yes:
            self.delete_tag()

    def delete_tag(self) -> bool:
        """Delete the current tag; refused while annotations use it or it has sub-tags."""
        tag = self.current_tag()
        if tag is None:
            return False
        siblings = self._siblings(tag.parent_id)
        index = siblings.index(tag)
        after = siblings[index + 1] if index + 1 < len(siblings) else (
            siblings[index - 1] if index else None)
        select = after.id if after else tag.parent_id
        return self._save(lambda: codebooks.delete_tag(self._session.store, tag.id), select)

    # --- saving -----------------------------------------------------------------------

    def _save(self, change: Callable[[], Tag | None], select_id: str | None = None) -> bool:
        try:
            changed = change()
        except ReviewDeskError as error:
            self._load()  # puts back an inline rename the store refused
            return self._refuse(str(error))
        self._session.codebook = codebooks.default_codebook(self._session.store)
        self.message.clear()
        self._load(select_id or (changed.id if changed else None))
        self.codebook_changed.emit()
        return True

    def _refuse(self, reason: str) -> bool:
        self.message.setText(reason[:1].upper() + reason[1:] + ".")
        return False


def _show(item: QTreeWidgetItem, tag: Tag) -> None:
    item.setText(0, tag.name)
    item.setText(1, tag.shortcut or "")
    item.setText(2, tag.colour)
    item.setIcon(0, _swatch(tag.colour))
    item.setToolTip(0, tag.description)
    item.setData(0, TAG_ROLE, tag.id)


def _swatch(colour: str) -> QIcon:
    pixmap = QPixmap(12, 12)
    pixmap.fill(QColor(colour))
    return QIcon(pixmap)

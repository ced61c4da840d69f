"""Editing the codebook: add, rename, recolour, nest, reorder, key and delete tags, each an
undoable command (ui/undo_codebook.py) on the session's undo stack."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QColorDialog,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMessageBox,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reviewdesk.domain.codebook import PATH_SEPARATOR, Tag
from reviewdesk.services.tag_removal import tag_use
from reviewdesk.ui.codebook_keys import (
    CLOSE_KEYS,
    UndoButtons,
    describe_controls,
    key_buttons,
    keyed_action,
    own_keys,
)
from reviewdesk.ui.key_picker import KeyPicker
from reviewdesk.ui.session import ReviewSession
from reviewdesk.ui.undo_codebook import (
    AddTag,
    CodebookCommand,
    DeleteTag,
    EditTag,
    MoveTag,
    Refusal,
    SwapKeys,
)

TAG_ROLE = Qt.ItemDataRole.UserRole
NEW_TAG_COLOUR = "#9e9e9e"
TOP_LEVEL = "(top level)"


class CodebookEditor(QDialog):
    """Every change is an undo command on session.undo_stack, saved at once, reloaded into
    session.codebook and announced by codebook_changed (also after an undo made elsewhere).
    A refused change shows why below the tree and leaves the codebook as it was. The dialog
    owns its keys: Insert adds, F2 renames, Delete deletes, Ctrl+Z and Ctrl+Shift+Z undo and
    redo, Escape or Ctrl+Shift+K (the key that opened it) closes it."""

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
        self._build_actions()
        self._lay_out()
        self.tree.itemChanged.connect(self._item_changed)
        self.tree.currentItemChanged.connect(self._update_enabled)
        session.codebook_changed.connect(self._codebook_reloaded)
        self._load()
        describe_controls(self)

    # --- layout -----------------------------------------------------------------------

    def _build_actions(self) -> None:
        slots: list[tuple[str, str, Callable[[], object]]] = [
            ("Add tag", "Ctrl+N, Insert", lambda: self.ask_new_tag(child=False)),
            ("Add sub-tag", "Ctrl+Shift+N", lambda: self.ask_new_tag(child=True)),
            ("Rename", "F2", self.start_rename),
            ("Colour…", "Ctrl+Shift+C", self.choose_colour),
            ("Key…", "Alt+K", self.choose_shortcut),
            ("Move under…", "Ctrl+M", self.choose_parent),
            ("Move up", "Alt+Up", lambda: self.move_by(-1)),
            ("Move down", "Alt+Down", lambda: self.move_by(1)),
            ("Move out", "Alt+Left", self.move_out),
            ("Delete", "Delete", self.ask_delete)]
        self._actions = [keyed_action(self, *slot) for slot in slots]
        stack = self._session.undo_stack
        self.undo_action = own_keys(self, stack.createUndoAction(self, "Undo"), "Ctrl+Z")
        self.undo_action.triggered.connect(lambda: self._select_after(stack.index()))
        self.redo_action = own_keys(self, stack.createRedoAction(self, "Redo"),
                                    "Ctrl+Shift+Z, Ctrl+Y")
        self.redo_action.triggered.connect(lambda: self._select_after(stack.index() - 1))
        keyed_action(self, "Close", CLOSE_KEYS, self.reject)

    def _lay_out(self) -> None:
        buttons = QVBoxLayout()
        labelled = [(action, action.text()) for action in self._actions]
        made = key_buttons([*labelled, (self.undo_action, "Undo"), (self.redo_action, "Redo")])
        for button in made:
            buttons.addWidget(button)
        UndoButtons(self._session.undo_stack, made[-2], made[-1], self)
        buttons.addStretch()
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        self.close_buttons = close
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

    def _codebook_reloaded(self) -> None:
        self._load()
        self.codebook_changed.emit()

    def _select_after(self, index: int) -> None:
        """Select the tag the command at `index` of the stack (just undone or redone) was
        about, when it is one of this editor's and the tag is still there."""
        command = self._session.undo_stack.command(index)
        if isinstance(command, CodebookCommand) and command.tag_id:
            self._select(command.tag_id)

    def _select(self, tag_id: str) -> None:
        found = [item for item in self.tree.findItems("", Qt.MatchFlag.MatchContains
                                                     | Qt.MatchFlag.MatchRecursive)
                 if item.data(0, TAG_ROLE) == tag_id]
        if found:
            self.tree.setCurrentItem(found[0])

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
        return self._push(lambda refused: AddTag(self._session, name, colour,
                                                 parent_id=parent_id, index=index,
                                                 refused=refused))

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
        return tag is not None and self._push(lambda refused: EditTag(
            self._session, tag.id, f"Rename {tag.name} to {' '.join(name.split())}",
            refused=refused, name=name))

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
        return tag is not None and self._push(lambda refused: EditTag(
            self._session, tag.id, f"Recolour {tag.name}", refused=refused, colour=colour))

    def key_picker(self) -> KeyPicker | None:
        """The dialog that asks the current tag's key, showing which keys are taken."""
        tag = self.current_tag()
        return KeyPicker(self._session.codebook, tag, self) if tag else None

    def choose_shortcut(self) -> None:
        """Ask which key 1–9 applies the current tag (or none), or which tag to swap keys with."""
        picker = self.key_picker()
        if picker is None:
            return
        chosen = picker.choice if picker.exec() else None
        picker.deleteLater()
        if chosen is not None and chosen.swap_with is not None:
            self.swap_shortcut(chosen.swap_with)
        elif chosen is not None:
            self.set_shortcut(chosen.key)

    def set_shortcut(self, key: str | None) -> bool:
        """Give the current tag key 1–9 (None clears it); a key in use is refused."""
        tag = self.current_tag()
        if tag is None:
            return False
        text = f"Give {tag.name} key {key}" if key else f"Clear the key of {tag.name}"
        return self._push(lambda refused: EditTag(self._session, tag.id, text,
                                                  refused=refused, shortcut=key))

    def swap_shortcut(self, other_id: str) -> bool:
        """Give the current tag the key of `other_id`, and that tag the current one's key."""
        tag, other = self.current_tag(), self._session.codebook.by_id(other_id)
        return tag is not None and other is not None and self._push(lambda refused: SwapKeys(
            self._session, tag.id, other_id, f"Swap the keys of {tag.name} and {other.name}",
            refused=refused))

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
        parent = self._session.codebook.by_id(parent_id) if parent_id else None
        return self._move(parent_id, None, f"under {parent.name}" if parent else "to the top")

    def move_by(self, offset: int) -> bool:
        """Move the current tag up (-1) or down (+1) among its siblings."""
        tag = self.current_tag()
        if tag is None:
            return False
        index = self._siblings(tag.parent_id).index(tag) + offset
        if index < 0 or index >= len(self._siblings(tag.parent_id)):
            return False
        return self._move(tag.parent_id, index, "up" if offset < 0 else "down")

    def move_out(self) -> bool:
        """Move the current tag out of its parent, to just after it."""
        tag = self.current_tag()
        parent = self._session.codebook.by_id(tag.parent_id) if tag and tag.parent_id else None
        if tag is None or parent is None:
            return False
        index = self._siblings(parent.parent_id).index(parent) + 1
        return self._move(parent.parent_id, index, f"out of {parent.name}")

    def _move(self, parent_id: str | None, index: int | None, where: str) -> bool:
        tag = self.current_tag()
        return tag is not None and self._push(lambda refused: MoveTag(
            self._session, tag.id, parent_id, index, f"Move {tag.name} {where}",
            refused=refused))

    def ask_delete(self) -> None:
        """Delete the current tag; when annotations use it, only once the reviewer confirms
        (undo brings both back while the brief stays open)."""
        tag = self.current_tag()
        if tag is None:
            return
        use = tag_use(self._session.store, tag.id)
        if use.annotations:
            answer = QMessageBox.question(
                self, "Delete tag", f"Delete the tag {self._session.codebook.path(tag)} and "
                f"the {use.describe()} that use it? Undo (Ctrl+Z) brings them back "
                "until another brief is opened.")
            if answer != QMessageBox.StandardButton.Yes:
                return
        self.delete_tag()

    def delete_tag(self) -> bool:
        """Delete the current tag and the annotations that use it; refused while it has
        sub-tags."""
        tag = self.current_tag()
        if tag is None:
            return False
        siblings = self._siblings(tag.parent_id)
        index = siblings.index(tag)
        after = siblings[index + 1] if index + 1 < len(siblings) else (
            siblings[index - 1] if index else None)
        select = after.id if after else tag.parent_id
        done = self._push(lambda refused: DeleteTag(self._session, tag.id, refused=refused))
        if done and select:
            self._select(select)
        return done

    # --- saving -----------------------------------------------------------------------

    def _push(self, make: Callable[[Refusal], CodebookCommand]) -> bool:
        """Push the command `make` builds; its refusal (if any) is shown under the tree."""
        refusals: list[str] = []
        command = make(refusals.append)
        self._session.push(command)
        if refusals:
            self._load()  # puts back an inline rename the store refused
            return self._refuse(refusals[0])
        self.message.clear()
        if command.tag_id:
            self._select(command.tag_id)
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

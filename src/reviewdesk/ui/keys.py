"""Window-wide commands, and the list of keys the shortcuts page shows.

Every command of the main window is a QAction whose shortcut works whatever widget has the
focus (Qt.WindowShortcut), acting on the current annotation, reference or recommendation.
Text fields keep their own editing keys: Qt offers a key to the focused widget first (a
ShortcutOverride event), and a line edit claims Ctrl+Z, Ctrl+C, Home and the like, so only
the keys it has no use for reach the window. Dialogs are windows of their own and own their
keys. The shortcuts page is generated from the actions themselves (`shortcut_rows`), so it
cannot drift from what the keys do.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QMenuBar, QWidget

Shortcut = QKeySequence | QKeySequence.StandardKey | str
LABEL = "shortcut_label"  # an action's name on the shortcuts page, if its text changes


def label(action: QAction) -> str:
    """What the shortcuts page calls the action."""
    fixed = action.property(LABEL)
    return fixed if isinstance(fixed, str) and fixed else plain(action.text())


def plain(text: str) -> str:
    """A menu text without its mnemonic ampersands or trailing ellipsis dots."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…").strip()


def key_text(action: QAction) -> str:
    """The action's keys as the reader's platform writes them ('Ctrl+Shift+R', 'F3')."""
    return ", ".join(sequence.toString(QKeySequence.SequenceFormat.NativeText)
                     for sequence in action.shortcuts() if not sequence.isEmpty())


def window_action(owner: QWidget, text: str, slot: Callable[[], object],
                  shortcut: Shortcut | list[Shortcut] | None = None, *,
                  tip: str | None = None, checkable: bool = False) -> QAction:
    """An action of `owner` whose keys work anywhere in `owner`'s window.

    `slot` is called without the checked flag. The tooltip names the keys, and the
    accessible description says what the command does.
    """
    action = QAction(text, owner)
    if shortcut is not None:
        keys = shortcut if isinstance(shortcut, list) else [shortcut]
        action.setShortcuts([QKeySequence(key) for key in keys])
    action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    action.setCheckable(checkable)
    described = tip or plain(text)
    keys_shown = key_text(action)
    action.setToolTip(f"{described} ({keys_shown})" if keys_shown else described)
    action.setStatusTip(described)
    action.triggered.connect(lambda _checked=False: slot())
    owner.addAction(action)
    return action


@dataclass(frozen=True, slots=True)
class ShortcutRow:
    """One line of the shortcuts page: where the command lives, what it does, its keys."""

    group: str
    command: str
    keys: str


def shortcut_rows(bar: QMenuBar, others: Iterable[tuple[str, Iterable[QAction]]] = (),
                  fixed: Iterable[ShortcutRow] = ()) -> list[ShortcutRow]:
    """Every command with a key: the menus' actions (grouped by menu, submenus included),
    then `others` (actions that live in a panel: (group, actions)), then `fixed` rows
    (keys that are not actions, such as the codebook's tag keys)."""
    rows: list[ShortcutRow] = []
    seen: set[int] = set()
    for menu_action in bar.actions():
        menu = menu_action.menu()
        if isinstance(menu, QMenu):
            rows.extend(_menu_rows(menu, plain(menu_action.text()), seen))
    for group, actions in others:
        for action in actions:
            if id(action) not in seen and key_text(action):
                seen.add(id(action))
                rows.append(ShortcutRow(group, label(action), key_text(action)))
    rows.extend(fixed)
    return rows


def _menu_rows(menu: QMenu, group: str, seen: set[int]) -> list[ShortcutRow]:
    rows: list[ShortcutRow] = []
    for action in menu.actions():
        submenu = action.menu()
        if isinstance(submenu, QMenu):
            rows.extend(_menu_rows(submenu, f"{group} → {plain(action.text())}", seen))
        elif key_text(action) and id(action) not in seen:
            seen.add(id(action))
            rows.append(ShortcutRow(group, label(action), key_text(action)))
    return rows

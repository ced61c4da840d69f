"""The main window's menu bar: File, Edit, View and Help, with their actions and keys."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QMenuBar, QWidget

from reviewdesk.ui.settings import THEMES

if TYPE_CHECKING:
    from reviewdesk.ui.main_window import MainWindow

Shortcut = QKeySequence | QKeySequence.StandardKey | str


def add_action(owner: QWidget, menu: QMenu, text: str, slot: Callable[[], object],
               shortcut: Shortcut | None = None) -> QAction:
    """An action of `owner` in `menu` that calls `slot` (without the checked flag)."""
    action = QAction(text, owner)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    action.triggered.connect(lambda _checked=False: slot())
    menu.addAction(action)
    return action


@dataclass(frozen=True, slots=True)
class MainMenus:
    """The menu entries the window changes after building them: enables, checks, fills."""

    recent: QMenu
    export: QAction
    export_bundle: QAction
    import_bundle: QAction
    pages: QAction
    compare: QAction
    summary: QAction
    sync: QAction


def build_menus(window: MainWindow) -> MainMenus:
    """Fill the window's menu bar and return the entries it keeps."""
    bar = window.menuBar()
    recent, export, export_bundle, import_bundle = _file_menu(window, bar)
    _edit_menu(window, bar)
    pages, compare, summary, sync = _view_menu(window, bar)
    add_action(window, bar.addMenu("&Help"), "&About ReviewDesk", window.show_about)
    return MainMenus(recent, export, export_bundle, import_bundle, pages, compare, summary,
                     sync)


def _file_menu(window: MainWindow, bar: QMenuBar) -> tuple[QMenu, QAction, QAction, QAction]:
    files = bar.addMenu("&File")
    add_action(window, files, "&Open…", window.open_files, QKeySequence.StandardKey.Open)
    recent = files.addMenu("Open &recent")
    add_action(window, files, "Open the &sample brief", window.open_sample)
    files.addSeparator()
    export = add_action(window, files, "&Export as Word…", window.export_word, "Ctrl+Shift+E")
    export.setEnabled(False)  # until a brief is open
    files.addSeparator()
    export_bundle = add_action(window, files, "Export review &bundle…",
                               window.bundles.choose_export)
    import_bundle = add_action(window, files, "&Import review bundle…",
                               window.bundles.choose_import)
    add_action(window, files, "&Trusted reviewers…", window.show_trusted_keys)
    files.addSeparator()
    add_action(window, files, "&Quit", window.close, QKeySequence.StandardKey.Quit)
    return recent, export, export_bundle, import_bundle


def _edit_menu(window: MainWindow, bar: QMenuBar) -> None:
    edit = bar.addMenu("&Edit")
    undo = window.session.undo_stack.createUndoAction(window, "&Undo")
    undo.setShortcut(QKeySequence.StandardKey.Undo)
    redo = window.session.undo_stack.createRedoAction(window, "&Redo")
    redo.setShortcut(QKeySequence.StandardKey.Redo)
    edit.addActions([undo, redo])
    edit.addSeparator()
    # The widgets own these keys; the menu names them (after a tab) without taking
    # them, since two owners of one shortcut would leave it doing nothing.
    document = window.document
    add_action(window, edit, "&Find…\tCtrl+F", window.find_bar.open)
    add_action(window, edit, "&Next annotation\tF8", document.next_annotation)
    add_action(window, edit, "&Previous annotation\tShift+F8", document.previous_annotation)
    add_action(window, edit, "&Comment on the selection…\tCtrl+Alt+M", document.comment)
    inline = document.inline_suggestions
    add_action(window, edit, "&Accept suggested edit\tCtrl+Alt+Y", inline.accept)
    add_action(window, edit, "Re&ject suggested edit\tCtrl+Alt+N", inline.reject)
    add_action(window, edit, "Toggle &resolved\tCtrl+Shift+R", window.cards.toggle_resolved)
    add_action(window, edit, "Search the &library", window.search.setFocus, "Ctrl+K")
    add_action(window, edit, "&Codebook…", window.edit_codebook, "Ctrl+Shift+K")
    add_action(window, edit, "&Who is reviewing…", window.edit_reviewer)


def _view_menu(window: MainWindow, bar: QMenuBar) -> tuple[QAction, QAction, QAction, QAction]:
    view = bar.addMenu("&View")
    add_action(window, view, "&Document", window.document.setFocus, "Ctrl+1")
    add_action(window, view, "&Review pane", window.focus_review_pane, "Ctrl+2")
    add_action(window, view, "&Library", window.library.setFocus, "Ctrl+0")
    pages = add_action(window, view, "Show the original &pages", window.toggle_pages,
                       "Ctrl+Shift+P")
    pages.setCheckable(True)
    pages.setEnabled(False)
    # Ctrl+Shift+V marks a reference verified; V for versions all the same.
    compare = add_action(window, view, "&Compare with the previous version…",
                         window.compare_versions, "Ctrl+Alt+V")
    compare.setEnabled(False)  # until a later version is open
    summary = add_action(window, view, "&Summary…", window.show_summary, "Ctrl+Shift+Y")
    sync = add_action(window, view, "Scroll the cards &with the document", window.toggle_sync)
    sync.setCheckable(True)
    sync.setChecked(True)
    themes = view.addMenu("&Theme")
    for theme in THEMES:
        add_action(window, themes, theme.capitalize(), partial(window.set_theme, theme))
    return pages, compare, summary, sync

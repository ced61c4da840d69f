"""The main window's menu bar and toolbar: File, Edit, Review, View and Help.

Every entry is a window-wide action (ui/keys.py): its keys work wherever the focus is, and
the Help → Keyboard shortcuts page is generated from these actions.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QMenuBar, QStyle, QToolBar, QWidget

from reviewdesk.ui.keys import LABEL, Shortcut, window_action
from reviewdesk.ui.settings import THEMES

if TYPE_CHECKING:
    from reviewdesk.ui.main_window import MainWindow


def add_action(owner: QWidget, menu: QMenu, text: str, slot: Callable[[], object],
               shortcut: Shortcut | list[Shortcut] | None = None,
               tip: str | None = None) -> QAction:
    """A window-wide action of `owner` in `menu` that calls `slot` (without the checked
    flag)."""
    action = window_action(owner, text, slot, shortcut, tip=tip)
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
    toolbar: QToolBar
    toolbar_shown: QAction
    patterns: QAction
    needs_brief: tuple[QAction, ...]


def build_menus(window: MainWindow) -> MainMenus:
    """Fill the window's menu bar and toolbar and return the entries it keeps."""
    bar = window.menuBar()
    recent, export, export_bundle, import_bundle, opener = _file_menu(window, bar)
    undo, redo, find = _edit_menu(window, bar)
    review = _review_menu(window, bar)
    pages, compare, summary, sync, zoom, patterns = _view_menu(window, bar)
    help_menu = bar.addMenu("&Help")
    add_action(window, help_menu, "&Keyboard shortcuts", window.show_shortcuts, "F1")
    add_action(window, help_menu, "&About ReviewDesk", window.show_about)
    toolbar = _toolbar(window, (opener, export, None, undo, redo, None, find, *review[:4], None,
                                *zoom, None, summary))
    shown = window_action(window, "&Toolbar", lambda: toolbar.setVisible(shown.isChecked()),
                          checkable=True, tip="Show or hide the toolbar")
    shown.setChecked(window.settings.toolbar_shown)
    toolbar.setVisible(shown.isChecked())
    shown.toggled.connect(lambda on: setattr(window.settings, "toolbar_shown", on))
    view_menu = next(action.menu() for action in bar.actions() if action.text() == "&View")
    if isinstance(view_menu, QMenu):
        view_menu.insertAction(view_menu.actions()[0], shown)
    return MainMenus(recent, export, export_bundle, import_bundle, pages, compare, summary,
                     sync, toolbar, shown, patterns, (export, *review))


def _file_menu(window: MainWindow,
               bar: QMenuBar) -> tuple[QMenu, QAction, QAction, QAction, QAction]:
    files = bar.addMenu("&File")
    opener = add_action(window, files, "&Open…", window.open_files, QKeySequence.StandardKey.Open,
                        tip="Open briefs or review bundles")
    recent = files.addMenu("Open &recent")
    add_action(window, files, "Open the &sample brief", window.open_sample)
    files.addSeparator()
    export = add_action(window, files, "&Export as Word…", window.export_word, "Ctrl+Shift+E",
                        tip="Export the brief with its review as a Word document")
    export.setEnabled(False)  # until a brief is open
    # Ctrl+Shift+P shows the original pages.
    window.printing.follow(
        add_action(window, files, "&Print…", window.print_brief, QKeySequence.StandardKey.Print),
        add_action(window, files, "Export P&DF…", window.export_pdf, "Ctrl+Alt+P"))
    files.addSeparator()
    export_bundle = add_action(window, files, "Export review &bundle…",
                               window.bundles.choose_export)
    import_bundle = add_action(window, files, "&Import review bundle…",
                               window.bundles.choose_import)
    add_action(window, files, "&Trusted reviewers…", window.show_trusted_keys)
    files.addSeparator()
    add_action(window, files, "Export REFI-QDA pro&ject…", window.export_refi_qda,
               tip="Write every brief with its review for QualCoder, ATLAS.ti, NVivo, MAXQDA")
    add_action(window, files, "Import RE&FI-QDA project…", window.import_refi_qda,
               tip="Read the text sources, codes and notes of a .qdpx project")
    files.addSeparator()
    add_action(window, files, "&Quit", window.close, QKeySequence.StandardKey.Quit)
    return recent, export, export_bundle, import_bundle, opener


def _edit_menu(window: MainWindow, bar: QMenuBar) -> tuple[QAction, QAction, QAction]:
    edit = bar.addMenu("&Edit")
    undo = window.session.undo_stack.createUndoAction(window, "&Undo")
    undo.setShortcuts(QKeySequence.StandardKey.Undo)
    undo.setProperty(LABEL, "Undo the last change")  # its text names the change
    redo = window.session.undo_stack.createRedoAction(window, "&Redo")
    redo.setShortcuts(QKeySequence.StandardKey.Redo)
    redo.setProperty(LABEL, "Redo the change undone")
    edit.addActions([undo, redo])
    edit.addSeparator()
    find = window.find_bar.open_action
    edit.addActions([find, window.find_bar.next_action, window.find_bar.previous_action])
    edit.addSeparator()
    add_action(window, edit, "Search &every brief", window.focus_search, "Ctrl+K",
               tip="Search the titles, text and comments of every brief")
    add_action(window, edit, "&Codebook…", window.edit_codebook, "Ctrl+Shift+K",
               tip="Edit the tags, their colours and keys")
    add_action(window, edit, "&Who is reviewing…", window.edit_reviewer)
    return undo, redo, find


def _review_menu(window: MainWindow, bar: QMenuBar) -> tuple[QAction, ...]:
    """Commands on the current annotation, reference, recommendation or suggestion. The
    panels own the actions (their buttons show them); the menu makes them window-wide and
    brings the panel forward when one runs."""
    review = bar.addMenu("Revie&w")
    document = window.document
    actions = [
        add_action(window, review, "&Next annotation", document.next_annotation, "F8"),
        add_action(window, review, "&Previous annotation", document.previous_annotation,
                   "Shift+F8"),
        add_action(window, review, "&Comment on the selection…", document.comment,
                   "Ctrl+Alt+M", tip="Comment on the selected words, or edit the comment "
                   "under the caret"),
        add_action(window, review, "Toggle &resolved", window.toggle_resolved, "Ctrl+Shift+R",
                   tip="Resolve or reopen the selected annotation"),
        add_action(window, review, "Rep&ly to the annotation", window.reply_to_annotation,
                   "Ctrl+Alt+R", tip="Type a reply to the selected annotation"),
        add_action(window, review, "&Delete the annotation", window.delete_annotation,
                   "Ctrl+Shift+Del", tip="Delete the selected annotation (Ctrl+Z brings it "
                   "back)"),
    ]
    # The document view owns these; they act on the suggested edit at its caret.
    inline = document.inline_suggestions
    review.addSeparator()
    review.addActions([inline.accept_action, inline.reject_action])
    actions.extend([inline.accept_action, inline.reject_action])
    review.addSeparator()
    panels: tuple[tuple[str, QWidget, tuple[QAction, ...]], ...] = (
        ("Re&ferences", window.references, (window.references.verified_action,
                                            window.references.problem_action,
                                            window.references.unchecked_action,
                                            window.references.link_action)),
        ("Recommen&dations", window.recommendations, (window.recommendations.link_action,)),
        ("Suggested &edits", window.edits, (window.edits.suggest_action,
                                            window.edits.withdraw_action)),
    )
    for title, panel, owned in panels:
        submenu = review.addMenu(title)
        for action in owned:
            action.triggered.connect(partial(window.review.setCurrentWidget, panel))
            submenu.addAction(action)
            actions.append(action)
    return tuple(actions)


def _view_menu(window: MainWindow, bar: QMenuBar) -> tuple[QAction, QAction, QAction, QAction,
                                                           tuple[QAction, ...], QAction]:
    view = bar.addMenu("&View")
    add_action(window, view, "&Document", window.document.setFocus, "Ctrl+1")
    add_action(window, view, "&Review pane", window.focus_review_pane, "Ctrl+2")
    add_action(window, view, "&Library", window.focus_library, "Ctrl+3")
    view.addSeparator()
    zoom = (add_action(window, view, "Zoom &in", window.document.zoom_in,
                       [QKeySequence.StandardKey.ZoomIn, "Ctrl+="],
                       tip="Make the brief's text larger"),
            add_action(window, view, "Zoom &out", window.document.zoom_out,
                       QKeySequence.StandardKey.ZoomOut, tip="Make the brief's text smaller"),
            add_action(window, view, "&Actual size", window.document.zoom_reset, "Ctrl+0",
                       tip="The brief's text at its usual size"))
    view.addSeparator()
    pages = add_action(window, view, "Show the original &pages", window.toggle_pages,
                       "Ctrl+Shift+P")
    pages.setCheckable(True)
    pages.setEnabled(False)
    # Ctrl+Shift+V marks a reference verified; V for versions all the same.
    compare = add_action(window, view, "&Compare with the previous version…",
                         window.compare_versions, "Ctrl+Alt+V")
    compare.setEnabled(False)  # until a later version is open
    summary = add_action(window, view, "&Summary…", window.show_summary, "Ctrl+Shift+Y",
                         tip="Counts, charts and agreement for the briefs")
    sync = add_action(window, view, "Scroll the cards &with the document", window.toggle_sync)
    sync.setCheckable(True)
    sync.setChecked(True)
    patterns = add_action(window, view, "&Underline each tag differently",
                          window.toggle_patterns,
                          tip="Tell tags apart without their colours: each tag gets its own "
                          "underline style")
    patterns.setCheckable(True)
    patterns.setChecked(window.settings.tag_patterns)
    view.addAction(window.margin_mode.action(window))
    themes = view.addMenu("&Theme")
    for theme in THEMES:
        add_action(window, themes, theme.capitalize(), partial(window.set_theme, theme))
    return pages, compare, summary, sync, zoom, patterns


def _toolbar(window: MainWindow, actions: tuple[QAction | None, ...]) -> QToolBar:
    """The common actions, text beside standard icons where the style has one."""
    toolbar = window.addToolBar("Common actions")
    toolbar.setObjectName("common-actions")
    toolbar.setAccessibleName("Common actions")
    toolbar.setMovable(False)
    style = window.style()
    icons = {"Open": QStyle.StandardPixmap.SP_DialogOpenButton,
             "Export as Word": QStyle.StandardPixmap.SP_DialogSaveButton,
             "Undo": QStyle.StandardPixmap.SP_ArrowBack,
             "Redo": QStyle.StandardPixmap.SP_ArrowForward,
             "Next annotation": QStyle.StandardPixmap.SP_ArrowDown,
             "Previous annotation": QStyle.StandardPixmap.SP_ArrowUp}
    for action in actions:
        if action is None:
            toolbar.addSeparator()
            continue
        name = action.text().replace("&", "").rstrip("…")
        if name in icons and action.icon().isNull():
            action.setIcon(style.standardIcon(icons[name]))
        toolbar.addAction(action)
    return toolbar

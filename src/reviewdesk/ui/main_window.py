"""The main window: the library, the brief as a document, and the review pane beside it."""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QTextCursor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QFileDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from reviewdesk.bundled import sample_brief_path
from reviewdesk.errors import ReviewDeskError
from reviewdesk.importers import SUPPORTED_SUFFIXES
from reviewdesk.services.briefs import ImportResult, find_brief, import_files
from reviewdesk.services.bundle.format import SUFFIX as BUNDLE_SUFFIX
from reviewdesk.services.library import previous_version
from reviewdesk.services.reviewers import configured_reviewer
from reviewdesk.storage.store import Store
from reviewdesk.ui.about_dialog import AboutDialog
from reviewdesk.ui.accessible import describe
from reviewdesk.ui.annotation_cards import AnnotationCards
from reviewdesk.ui.bundle_actions import (
    BundleActions,
    export_message,
    import_message,
    is_bundle,
    split_bundles,
)
from reviewdesk.ui.codebook_editor import CodebookEditor
from reviewdesk.ui.document_view import DocumentView
from reviewdesk.ui.empty_state import window_hints
from reviewdesk.ui.find_bar import FindBar
from reviewdesk.ui.first_run import ask_reviewer
from reviewdesk.ui.keys import ShortcutRow
from reviewdesk.ui.library_model import BRIEF_ID_ROLE, LibraryFilter, LibraryModel
from reviewdesk.ui.library_search import LibrarySearch
from reviewdesk.ui.library_view import LibraryView
from reviewdesk.ui.main_menus import add_action, build_menus
from reviewdesk.ui.margin_cards import MarginCards
from reviewdesk.ui.margin_mode import MarginMode
from reviewdesk.ui.new_annotation_focus import NewAnnotationFocus
from reviewdesk.ui.older_version import older_version_guard
from reviewdesk.ui.palette import apply_theme
from reviewdesk.ui.pdf_page_view import PdfPageView
from reviewdesk.ui.print_actions import PrintActions
from reviewdesk.ui.recommendations_tab import RecommendationsTab
from reviewdesk.ui.references_tab import ReferencesTab
from reviewdesk.ui.scroll_sync import ScrollSync
from reviewdesk.ui.session import ReviewSession
from reviewdesk.ui.settings import Settings
from reviewdesk.ui.shortcuts_dialog import ShortcutsDialog, window_shortcut_rows
from reviewdesk.ui.suggest_edit import SuggestEditPane
from reviewdesk.ui.suggestion_cards import SuggestionCards
from reviewdesk.ui.work_runner import WorkRunner

if TYPE_CHECKING:  # what the window opens on request is imported when it is asked for
    from reviewdesk.services.bundles import BundleReport, MergeReport
    from reviewdesk.services.export import ExportReport
    from reviewdesk.services.version_plan import OpenResult
    from reviewdesk.ui.compare_view import CompareView
    from reviewdesk.ui.summary_window import SummaryWindow
    from reviewdesk.ui.trusted_keys_dialog import TrustedKeysDialog

OPEN_FILTER = ("Briefs and review bundles (" + " ".join(f"*{suffix}" for suffix in
                                                     (*SUPPORTED_SUFFIXES, BUNDLE_SUFFIX))
               + f");;Review bundles (*{BUNDLE_SUFFIX});;All files (*)")


class MainWindow(QMainWindow):
    """The library, the open brief and its review pane; menus in ui/main_menus.py."""

    def __init__(self, store: Store, settings: Settings | None = None) -> None:
        super().__init__()
        self._store = store
        self.settings = settings or Settings()
        self.session = ReviewSession(store, self)
        self.setWindowTitle("ReviewDesk")
        self.resize(1280, 800)
        self.setAcceptDrops(True)
        self.library_model = LibraryModel(store)
        self._library_filter = LibraryFilter(self.library_model)
        self.search = QLineEdit(placeholderText="Search briefs (Ctrl+K)", clearButtonEnabled=True)
        self.library = LibraryView()
        self.library.setModel(self._library_filter)
        self.library_search = LibrarySearch(store, self.search, self.library)
        describe(self.search, "Search every brief", "Words to find in the titles, text, "
                 "comments and replies of every brief (Ctrl+K); Down goes to the results")
        describe(self.library, "Library", "The stored briefs, newest version first with "
                 "older versions under it; Enter opens one")
        self.document = DocumentView(self.session)
        self.find_bar = FindBar(self.document)
        self.cards = AnnotationCards(self.session)
        self.suggestion_cards = SuggestionCards(self.session)
        self.references = ReferencesTab(self.session)
        self.recommendations = RecommendationsTab(self.session)
        self.edits = SuggestEditPane(self.session)
        self.pages = PdfPageView(self.session)
        self.scroll_sync = ScrollSync(self.document, self.cards)
        self.review = QTabWidget()
        describe(self.review.tabBar(), "Review pane", "Annotations, suggestions, "
                 "references, recommendations and suggested edits; Alt and the underlined "
                 "letter opens one")
        self.margin = MarginCards(self.session, self.document)
        self.new_annotation_focus = NewAnnotationFocus(self.document, self.cards, self.review)
        self.compare_view: CompareView | None = None
        self.summary_window: SummaryWindow | None = None
        self.bundles = BundleActions(store, self, self.settings)
        self.printing = PrintActions(self.session, self.settings, self)
        self.setCentralWidget(self._layout())
        self.margin_mode = MarginMode(self.margin, self.cards, self.settings)
        self.empty_hints = window_hints(self)
        # What stays in the status bar's corner; messages come and go on its left.
        self.status_label = QLabel()
        self._reviewer: str | None = None  # as the status bar shows it
        self.status_label.setAccessibleName("Review status")
        self.statusBar().addPermanentWidget(self.status_label)
        menus = build_menus(self)
        self.menus = menus
        self.recent_menu, self.export_action = menus.recent, menus.export
        self.export_bundle_action = menus.export_bundle
        self.import_bundle_action = menus.import_bundle
        self.pages_action, self.compare_action = menus.pages, menus.compare
        self.summary_action, self._sync_action = menus.summary, menus.sync
        self.document.set_zoom(self.settings.zoom)
        self.document.set_patterns(self.settings.tag_patterns)
        self._enable_brief_actions()
        self._refresh_recent()
        self._connect_signals()
        self._show_status()

    # --- Layout and actions -------------------------------------------------------------

    def _layout(self) -> QWidget:
        library = QWidget()
        column = QVBoxLayout(library)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.search)
        column.addWidget(self.library)
        column.addWidget(self.library_search)
        reading = QWidget()
        page = QVBoxLayout(reading)
        page.setContentsMargins(0, 0, 0, 0)
        beside = QSplitter(Qt.Orientation.Horizontal)
        beside.addWidget(self.document)
        beside.addWidget(self.margin)
        beside.addWidget(self.pages)
        beside.setStretchFactor(0, 1)  # a wider window widens the text, not the margin
        beside.setStretchFactor(1, 0)
        self.pages.hide()
        page.addWidget(beside, 1)
        page.addWidget(self.find_bar)  # one line under the text, as in a browser
        # Alt letters: the menus take F, E, V and H; the tabs' own fields take P, C, I, Y.
        for widget, title in ((self.cards, "&Annotations"), (self.suggestion_cards, "S&uggestions"),
                              (self.references, "Refe&rences"),
                              (self.recommendations, "Recomme&ndations"),
                              (self.edits, "Edi&ts")):
            self.review.addTab(widget, title)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        panes: tuple[tuple[QWidget, int], ...] = ((library, 1), (reading, 4), (self.review, 3))
        for pane, stretch in panes:
            splitter.addWidget(pane)
            splitter.setStretchFactor(splitter.count() - 1, stretch)
        # With the cards in the margin, the review pane holds only their editor and the tabs.
        splitter.setSizes([200, 780, 300] if self.settings.cards_in_margin else [230, 620, 430])
        self._splitter = splitter
        return splitter

    def _connect_signals(self) -> None:
        self.search.textChanged.connect(self._library_filter.setFilterFixedString)
        self.library.selectionModel().currentChanged.connect(self._library_selection_changed)
        self.library.activated.connect(self._library_selection_changed)
        self.library_search.hit_activated.connect(self._open_search_hit)
        self.session.error.connect(self.show_error)
        self.session.notice.connect(self.show_notice)
        self.document.zoomed.connect(self._remember_zoom)
        self.session.confirm_older = older_version_guard(self, self.open_brief)
        self.bundles.current_brief = lambda: self.session.brief.id if self.session.brief else None
        self.session.brief_opened.connect(self._brief_opened)
        self.session.annotation_added.connect(lambda _view: self._count_changed(+1))
        self.session.annotation_removed.connect(lambda _id: self._count_changed(-1))
        self.session.library_changed.connect(self._library_changed)
        self.review.currentChanged.connect(self._review_tab_changed)
        self.suggestion_cards.range_requested.connect(self.document.select_range)
        self.margin.activated.connect(self.new_annotation_focus.edit)
        self.document.selectionChanged.connect(self._selection_changed)
        self.document.cursorPositionChanged.connect(self._follow_pages)
        self.bundles.imported.connect(self._bundle_imported)
        self.bundles.exported.connect(self._bundle_exported)
        self.bundles.failed.connect(self._bundle_failed)
        self.printing.done.connect(lambda message: self.statusBar().showMessage(message, 30000))
        self.printing.failed.connect(lambda message: self.show_error(message))

    # --- Opening briefs -----------------------------------------------------------------

    def _library_selection_changed(self, current: QModelIndex, *_: object) -> None:
        brief_id = current.data(BRIEF_ID_ROLE) if current.isValid() else None
        if brief_id and (self.session.brief is None or self.session.brief.id != brief_id):
            self.open_brief(str(brief_id))

    def open_brief(self, brief_id: str, position: int = 0) -> None:
        """Open a stored brief, the caret at `position`; a failure is shown, not raised."""
        self.session.attempt(lambda: self.session.open_brief(brief_id))
        if position:
            self.document.select_range(position, position)

    def _open_search_hit(self, brief_id: str, offset: int) -> None:
        """Open the brief (unless it is open: its undo history stays) with the hit's word
        selected and in view."""
        if self.session.brief is None or self.session.brief.id != brief_id:
            self.open_brief(brief_id)
        if self.session.brief is None or self.session.brief.id != brief_id:
            return  # it could not be opened: the session said why
        self.document.select_range(offset, offset)
        cursor = self.document.textCursor()
        cursor.select(QTextCursor.SelectionType.WordUnderCursor)
        if cursor.hasSelection():
            self.document.setTextCursor(cursor)
            self.document.ensureCursorVisible()
        self.document.setFocus()

    def open_reference(self, reference: str, raise_errors: bool = False) -> None:
        """Open a brief named by id, id prefix or title, as on the command line; a
        .rdbundle file named there is merged in instead."""
        if is_bundle(Path(reference)):
            self.open_bundle(Path(reference), raise_errors)
            return
        try:
            brief_id = find_brief(self._store, reference)
        except ReviewDeskError as error:
            if raise_errors:
                raise
            self.show_error(str(error))
            return
        self.open_brief(brief_id)

    def restore_last_brief(self) -> None:
        """Reopen the brief open when the app last closed, where the caret was."""
        if self.settings.last_brief and self.library_model.row_of(self.settings.last_brief) >= 0:
            self.open_brief(self.settings.last_brief, self.settings.last_position)

    def _brief_opened(self, brief: object) -> None:
        brief_id = self.session.brief.id if self.session.brief else ""
        index = self._library_filter.mapFromSource(self.library_model.index_of(brief_id))
        if index.isValid():
            self.library.setCurrentIndex(index)
        title = self.session.brief.title if self.session.brief else ""
        self.setWindowTitle(f"{title} — ReviewDesk")
        self._enable_brief_actions()
        self.compare_action.setEnabled(self.session.brief is not None and self.session.attempt(
            lambda: previous_version(self._store, brief_id)) is not None)
        self.pages_action.setEnabled(self.pages.has_pages)
        if not self.pages.has_pages:
            self.pages_action.setChecked(False)
            self.pages.hide()
        self._show_status()

    def _selection_changed(self) -> None:
        cursor = self.document.textCursor()
        self.edits.set_selection(cursor.selectionStart(), cursor.selectionEnd())

    def _enable_brief_actions(self) -> None:
        """Commands on a brief wait until one is open."""
        for action in self.menus.needs_brief:
            action.setEnabled(self.session.brief is not None)

    def focus_search(self) -> None:
        """Ctrl+K: into the library's search box, its text selected to type over."""
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def focus_library(self) -> None:
        """Ctrl+3: into the library list."""
        self.library.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def toggle_resolved(self) -> None:
        """Ctrl+Shift+R, wherever the focus is: resolve or reopen the current annotation."""
        self.cards.toggle_resolved()

    def reply_to_annotation(self) -> None:
        """Ctrl+Alt+R: the Annotations tab, the current card, the caret in its reply box."""
        self.review.setCurrentWidget(self.cards)
        self.cards.start_reply()

    def delete_annotation(self) -> None:
        """Ctrl+Shift+Del: delete the current annotation (Ctrl+Z brings it back)."""
        self.cards.delete_target()

    def toggle_patterns(self) -> None:
        """View → Underline each tag differently: remembered, and shown at once."""
        on = self.menus.patterns.isChecked()
        self.settings.tag_patterns = on
        self.document.set_patterns(on)

    def _remember_zoom(self, steps: int) -> None:
        self.settings.zoom = steps
        self.statusBar().showMessage(f"Text size {round(100 * 1.1 ** steps)}%", 3000)

    def show_shortcuts(self) -> ShortcutsDialog:
        """Help → Keyboard shortcuts: generated from the window's actions."""
        dialog = ShortcutsDialog(self.shortcut_rows(), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def shortcut_rows(self) -> list[ShortcutRow]:
        """Every key of the window: its menus, the panels' own keys, and the tag keys."""
        return window_shortcut_rows(self)

    def focus_review_pane(self) -> None:
        """Ctrl+2: into the open tab's list or table, on its first row if none is chosen,
        so that the arrow keys and the tab's own keys work at once."""
        pane = self.review.currentWidget()
        pane.setFocus(Qt.FocusReason.ShortcutFocusReason)
        target = pane.focusProxy()
        if not isinstance(target, QAbstractItemView):
            return
        model, chosen = target.model(), target.selectionModel()
        if model is not None and chosen is not None and not chosen.hasSelection() \
                and model.rowCount() > 0:
            target.setCurrentIndex(model.index(0, 0))

    def _review_tab_changed(self) -> None:
        """Alt+U, Alt+R...: while the keyboard is in the review pane, it follows the tab."""
        focused = QApplication.focusWidget()
        if focused is not None and self.review.isAncestorOf(focused):
            self.focus_review_pane()

    def toggle_pages(self) -> None:
        """For a PDF brief, the original pages beside the text, following the cursor."""
        self.pages.setVisible(self.pages_action.isChecked() and self.pages.has_pages)
        self._follow_pages()

    def _follow_pages(self) -> None:
        if self.pages.isVisible():
            self.pages.show_position(self.document.textCursor().position())

    def toggle_sync(self) -> None:
        self.scroll_sync.enabled = self._sync_action.isChecked()

    def open_files(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(self, "Open briefs", "", OPEN_FILTER)
        if names:
            self.import_paths([Path(name) for name in names])

    def open_sample(self) -> None:
        """File → Open the sample brief: import it (once) and open it."""
        with sample_brief_path() as path:
            self._imported(self.session.attempt(lambda: import_files(self._store, [path])))

    def import_paths(self, paths: list[Path]) -> None:
        """Import off the GUI thread with a progress dialog; open the last file. A file
        that looks like a revision of a stored brief may become its next version: the
        runner asks (see ui/version_import.py). Review bundles among the files are merged
        in (see ui/bundle_actions.py)."""
        paths, bundles = split_bundles(paths)
        if bundles:
            self.bundles.import_paths(bundles)
        if not paths:
            return
        from reviewdesk.ui.version_import import OpenRunner

        runner = OpenRunner(self._store, paths, self)
        runner.done.connect(self._imported)
        runner.failed.connect(self.show_error)
        for path in paths:
            self.settings.remember_file(str(path))
        self._refresh_recent()
        runner.start()

    def open_paths_now(self, paths: list[Path]) -> None:
        """Open files here and now, raising what goes wrong: for the command line's
        --screenshot, where no one answers a question or reads a message box. Each file is
        imported as a brief of its own (no new-version question); bundles are merged in."""
        briefs, bundles = split_bundles(paths)
        for bundle in bundles:
            self.bundles.import_now(bundle)
        if briefs:
            self._imported(import_files(self._store, briefs))

    def _imported(self, results: list[ImportResult] | list[OpenResult] | None) -> None:
        if not results:
            return
        from reviewdesk.ui.version_import import opened_message

        self.library_model.reload()
        last = results[-1]
        self.open_brief(last.id)
        self.statusBar().showMessage(*opened_message(last))

    def _refresh_recent(self) -> None:
        self.recent_menu.clear()
        for name in self.settings.recent_files:
            add_action(self, self.recent_menu, name, partial(self.import_paths, [Path(name)]))
        self.recent_menu.setEnabled(bool(self.settings.recent_files))

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()]
        if paths:
            self.import_paths(paths)

    # --- Review bundles and the summary ------------------------------------------------------

    def open_bundle(self, path: Path, raise_errors: bool = False) -> None:
        """Merge a review bundle in: off the GUI thread, or here, raising what goes wrong,
        when no one is there to read a message (the command line's --screenshot)."""
        if not raise_errors:
            self.bundles.import_paths([path])
            return
        self.bundles.import_now(path)

    def _bundle_imported(self, report: MergeReport) -> None:
        """The library and the open brief show what the bundle brought (the brief is read
        again, at the same place: its undo history no longer matches the database)."""
        message = import_message(report)
        if report.changed:
            self.library_model.reload()
            if self.session.brief is not None:
                self.open_brief(self.session.brief.id, self.document.textCursor().position())
            if self.summary_window is not None and self.summary_window.isVisible():
                self.summary_window.refresh()
        self.statusBar().showMessage(message, 30000)
        if report.warnings:
            self.bundles.show_warnings(message, report.warnings)

    def _bundle_exported(self, report: BundleReport) -> None:
        self.statusBar().showMessage(export_message(report), 30000)

    def _bundle_failed(self, message: str) -> None:
        self.show_error(message)

    def export_refi_qda(self) -> None:
        """File → Export REFI-QDA project: every brief with its review, as a .qdpx."""
        from reviewdesk.ui import qdpx_actions

        message = qdpx_actions.choose_export(self, self._store, self._qdpx_folder())
        if message:
            self.statusBar().showMessage(message, 30000)

    def import_refi_qda(self) -> None:
        """File → Import REFI-QDA project: its text sources, codes, codings and notes."""
        from reviewdesk.ui import qdpx_actions

        report = qdpx_actions.choose_import(self, self._store, self._qdpx_folder())
        if report is not None:
            self.library_model.reload()
            self.statusBar().showMessage(f"Imported {report.path.name}", 30000)

    def _qdpx_folder(self) -> Path:
        chosen = self.settings.last_export_folder
        folder = Path(chosen).expanduser() if chosen else Path.home()
        return folder if folder.is_dir() else Path.home()

    def show_trusted_keys(self) -> TrustedKeysDialog:
        """File → Trusted reviewers: this database's key and the keys it trusts."""
        from reviewdesk.ui.trusted_keys_dialog import TrustedKeysDialog

        dialog = TrustedKeysDialog(self._store, self)
        dialog.open()
        return dialog

    def show_summary(self) -> SummaryWindow:
        """View → Summary: the open brief at a glance (its Brief box switches to every
        brief), beside the main window."""
        window = self.summary_window
        brief_id = self.session.brief.id if self.session.brief is not None else None
        if window is None:
            from reviewdesk.ui.summary_window import SummaryWindow

            window = SummaryWindow(self._store, self, self.settings, brief_id=brief_id)
            window.annotation_requested.connect(self.show_annotation)
            window.range_requested.connect(self.show_range)
            self.summary_window = window
        elif not window.isVisible():
            window.open_on(brief_id)
        window.show()
        window.raise_()
        window.activateWindow()
        return window

    def show_annotation(self, brief_id: str, annotation_id: str) -> None:
        """Open the brief (unless it is open) and select the annotation in it."""
        if self.session.brief is None or self.session.brief.id != brief_id:
            self.open_brief(brief_id)
        if self.session.brief is None or self.session.brief.id != brief_id:
            return  # the brief could not be opened: the session said why
        if self.session.annotation(annotation_id) is None:
            self.statusBar().showMessage("That annotation is no longer in the brief", 10000)
            return
        self.session.annotation_selected.emit(annotation_id)
        self._come_forward()

    def show_range(self, brief_id: str, start: int, end: int) -> None:
        """Open the brief (unless it is open) and select characters start to end."""
        if self.session.brief is None or self.session.brief.id != brief_id:
            self.open_brief(brief_id)
        if self.session.brief is None or self.session.brief.id != brief_id:
            return
        length = len(self.session.brief.text)
        self.document.select_range(min(start, length), min(end, length))
        self._come_forward()

    def _come_forward(self) -> None:
        self.raise_()
        self.activateWindow()
        self.document.setFocus(Qt.FocusReason.OtherFocusReason)

    def compare_versions(self) -> CompareView | None:
        """View → Compare with the previous version: the open brief beside the version
        before it, and its carried annotations to confirm or place."""
        from reviewdesk.ui.compare_view import open_compare

        if self.compare_view is not None:
            self.compare_view.close()
        view = open_compare(self.session, self)
        if view is None:
            return None
        self.compare_view = view
        view.finished.connect(lambda _result: self._compare_closed(view))
        view.show()
        view.table.setFocus()
        return view

    def _compare_closed(self, view: CompareView) -> None:
        if self.compare_view is view:
            self.compare_view = None

    # --- Exporting ---------------------------------------------------------------------------

    def export_word(self) -> None:
        """File → Export as Word: choose the file and what goes in it, write it off the GUI
        thread, then say what was written (and any warnings) or why it could not be."""
        brief = self.session.brief
        if brief is None:
            return
        from reviewdesk.services.export import export_brief
        from reviewdesk.ui.export_dialog import ExportDialog

        dialog = ExportDialog(self.session, self.settings, self)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return
            target, options = dialog.target(), dialog.options()
        finally:
            dialog.deleteLater()
        store = self._store
        runner = WorkRunner(
            lambda progress: export_brief(store, brief.id, target, options, progress=progress),
            f"Writing {target.name}…", "Exporting", self)
        runner.done.connect(self._exported)
        runner.failed.connect(self.show_error)
        self.statusBar().showMessage(f"Exporting to {target}…")
        runner.start()

    def _exported(self, report: ExportReport) -> None:
        from reviewdesk.ui.export_dialog import export_summary

        self.settings.last_export_folder = str(report.path.parent)
        summary = export_summary(report)
        self.statusBar().showMessage(summary, 30000)
        if report.warnings:
            self.show_warnings(summary, report.warnings)

    def print_brief(self) -> None:
        """File → Print: the brief with its highlights and numbered margin notes."""
        self.printing.print_brief()

    def export_pdf(self) -> None:
        """File → Export PDF: the same pages as Print, in a PDF file."""
        self.printing.export_pdf()

    def show_warnings(self, summary: str, warnings: tuple[str, ...]) -> None:
        """A message box with the summary and each warning as a bullet."""
        lines = [line[:1].upper() + line[1:] for line in warnings]
        QMessageBox.warning(self, "Exported with warnings", summary + ".\n\n" + "\n".join(
            f"• {line}" if line.endswith(".") else f"• {line}." for line in lines))

    # --- Dialogs and messages -------------------------------------------------------------

    def show_notice(self, message: str) -> None:
        """A slip or a hint, one line in the status bar: no box to click away."""
        text = message[:1].upper() + message[1:]
        self.statusBar().showMessage(text if text.endswith((".", "…")) else text + ".", 8000)

    def show_error(self, message: str) -> None:
        """A known error, one sentence, in a message box."""
        text = message[:1].upper() + message[1:]
        QMessageBox.warning(self, "ReviewDesk", text if text.endswith(".") else text + ".")

    def edit_codebook(self) -> None:
        # Its edits are undo commands: the session refreshes the panels without reopening
        # the brief, which would clear the undo stack.
        dialog = CodebookEditor(self.session, self)
        dialog.exec()
        dialog.deleteLater()

    def edit_reviewer(self) -> None:
        ask_reviewer(self._store)
        self._show_status()

    def set_theme(self, theme: str) -> None:
        """Apply a theme now and remember it."""
        self.settings.theme = theme
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_theme(app, theme)

    def _library_changed(self) -> None:
        # Briefs that are not open changed (a tag deleted with their annotations): recount.
        self.library_model.reload()
        self._brief_opened(self.session.brief)

    def _count_changed(self, delta: int) -> None:
        if self.session.brief is not None:
            self.library_model.count_changed(self.session.brief.id, delta)
        self._show_status(reread=False)

    def _show_status(self, reread: bool = True) -> None:
        """The count, the language and who reviews; the reviewer's name is read from the
        store again unless only the count changed (a create or an undo reads no setting)."""
        if reread or self._reviewer is None:
            self._reviewer = configured_reviewer(self._store)
        count = self.session.annotation_count
        noun = "annotation" if count == 1 else "annotations"
        brief = f"{count} {noun} · " if self.session.brief else ""
        if self.session.brief is not None and self.session.brief.language:
            brief += f"Language: {self.session.brief.language} · "
        self.status_label.setText(f"{brief}Reviewing as {self._reviewer}")
        self.status_label.setToolTip(f"The review database: {self._store.location}")

    def show_about(self) -> None:
        AboutDialog(self._store.path or self._store.location, self).exec()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.session.brief is not None:
            self.settings.last_brief = self.session.brief.id
            self.settings.last_position = self.document.textCursor().position()
        super().closeEvent(event)

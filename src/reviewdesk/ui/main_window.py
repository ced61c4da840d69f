"""The main window: the library of briefs, the open brief, and its annotations."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from reviewdesk import __version__
from reviewdesk.bundled import sample_brief_path
from reviewdesk.crash import log_folder
from reviewdesk.errors import ReviewDeskError
from reviewdesk.importers import SUPPORTED_SUFFIXES
from reviewdesk.services.annotations import list_annotations
from reviewdesk.services.briefs import import_files, list_briefs, load_brief
from reviewdesk.storage.store import Store
from reviewdesk.ui.document_view import DocumentView

OPEN_FILTER = ("Briefs (" + " ".join(f"*{suffix}" for suffix in SUPPORTED_SUFFIXES)
               + ");;All files (*)")


class MainWindow(QMainWindow):
    def __init__(self, store: Store) -> None:
        super().__init__()
        self._store = store
        self.setWindowTitle("ReviewDesk")
        self.resize(1280, 800)
        self._filter = QLineEdit(placeholderText="Search briefs")
        self.library = QListWidget()
        self.library.setWordWrap(True)
        self.document = DocumentView()
        self.annotations = QListWidget()
        self.setCentralWidget(self._layout())
        self._build_menus()
        self._connect_signals()
        self.statusBar().showMessage(f"Database: {store.path}")
        self.refresh_library()

    def _layout(self) -> QWidget:
        library = QWidget()
        column = QVBoxLayout(library)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self._filter)
        column.addWidget(self.library)
        review = QWidget()
        pane = QVBoxLayout(review)
        pane.setContentsMargins(0, 0, 0, 0)
        pane.addWidget(QLabel("Annotations"))
        pane.addWidget(self.annotations)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        for widget, stretch in ((library, 1), (self.document, 3), (review, 2)):
            splitter.addWidget(widget)
            splitter.setStretchFactor(splitter.count() - 1, stretch)
        splitter.setSizes([260, 640, 380])
        return splitter

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        self._add_action(file_menu, "&Open…", QKeySequence.StandardKey.Open, self.open_files)
        self._add_action(file_menu, "Open the &sample brief", None, self.open_sample)
        file_menu.addSeparator()
        self._add_action(file_menu, "&Quit", QKeySequence.StandardKey.Quit, self.close)
        help_menu = self.menuBar().addMenu("&Help")
        self._add_action(help_menu, "&About ReviewDesk", None, self.show_about)

    def _add_action(self, menu: object, text: str, shortcut: QKeySequence.StandardKey | None,
                    slot: object) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        menu.addAction(action)  # type: ignore[attr-defined]
        return action

    def _connect_signals(self) -> None:
        self._filter.textChanged.connect(self._apply_filter)
        self.library.currentItemChanged.connect(self._library_selection_changed)
        self.annotations.itemActivated.connect(self._annotation_activated)
        self.annotations.itemClicked.connect(self._annotation_activated)

    def refresh_library(self, select_id: str | None = None) -> None:
        self.library.clear()
        for summary in list_briefs(self._store):
            item = QListWidgetItem(f"{summary.title}\n{summary.source_format.value} · "
                                   f"{summary.annotation_count} annotations")
            item.setData(Qt.ItemDataRole.UserRole, summary.id)
            item.setToolTip(summary.id)
            self.library.addItem(item)
            if summary.id == select_id:
                self.library.setCurrentItem(item)
        self._apply_filter(self._filter.text())

    def _apply_filter(self, text: str) -> None:
        needle = text.casefold().strip()
        for row in range(self.library.count()):
            item = self.library.item(row)
            item.setHidden(bool(needle) and needle not in item.text().casefold())

    def _library_selection_changed(self, current: QListWidgetItem | None) -> None:
        if current is not None:
            self.show_brief(str(current.data(Qt.ItemDataRole.UserRole)))

    def show_brief(self, brief_id: str) -> None:
        brief = load_brief(self._store, brief_id)
        notes = list_annotations(self._store, brief_id)
        self.document.show_brief(brief, notes)
        self.annotations.clear()
        for note in notes:
            label = f"[{note.tag or 'Comment'}] {note.reviewer}\n“{note.quote}”"
            if note.comment:
                label += f"\n{note.comment}"
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, (note.start, note.end))
            self.annotations.addItem(item)
        self.setWindowTitle(f"{brief.title} — ReviewDesk")

    def _annotation_activated(self, item: QListWidgetItem) -> None:
        start, end = item.data(Qt.ItemDataRole.UserRole)
        self.document.select_range(start, end)

    def open_files(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(self, "Open briefs", "", OPEN_FILTER)
        if names:
            self.import_paths([Path(name) for name in names])

    def open_sample(self) -> None:
        with sample_brief_path() as path:
            self.import_paths([path])

    def import_paths(self, paths: list[Path]) -> None:
        try:
            results = import_files(self._store, paths)
        except ReviewDeskError as error:
            QMessageBox.warning(self, "Cannot import", f"{str(error)[:1].upper()}{str(error)[1:]}.")
            return
        self.refresh_library(select_id=results[-1].id)
        self.statusBar().showMessage(f"Opened {results[-1].title}", 5000)

    def show_about(self) -> None:
        QMessageBox.about(self, "About ReviewDesk",
                          f"<b>ReviewDesk {__version__}</b><br>Review policy briefs: tag "
                          f"indicators, check references, track recommendations.<br><br>"
                          f"Database: {self._store.path}<br>Logs: {log_folder()}")

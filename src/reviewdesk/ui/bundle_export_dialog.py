"""File → Export review bundle…: which briefs the bundle carries, with a line saying what it
will hold, updated as they are ticked."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reviewdesk.domain.words import count
from reviewdesk.errors import ReviewDeskError
from reviewdesk.services.bundles import plan_bundle, preview_line
from reviewdesk.services.library import library_entries
from reviewdesk.storage.store import Store
from reviewdesk.ui.accessible import describe, describe_buttons

BRIEF_ROLE = Qt.ItemDataRole.UserRole + 1  # the newest version's id


class BundleExportDialog(QDialog):
    """A checkable list of the library's briefs (one row per brief, every version of it
    travels), the open brief ticked (every brief when none is open), Select all / Select
    none, and the preview line; Export is enabled while a brief is ticked."""

    def __init__(self, store: Store, current: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export review bundle")
        self._store = store
        self.briefs = QListWidget()
        self.preview = QLabel(wordWrap=True)
        self.select_all = QPushButton("Select &all")
        self.select_none = QPushButton("Select &none")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.export_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.export_button.setText("&Export…")
        self.export_button.setToolTip("Choose where to save the bundle and write it")
        describe(self.briefs, "Briefs to put in the bundle", "The library's briefs; space "
                 "ticks or unticks the selected one, and a ticked brief travels with all its "
                 "versions")
        self.select_all.setToolTip("Tick every brief")
        self.select_none.setToolTip("Untick every brief")
        describe_buttons(self.buttons)
        self._fill(current)
        self._lay_out()
        self.select_all.clicked.connect(lambda: self.set_all(True))
        self.select_none.clicked.connect(lambda: self.set_all(False))
        self.briefs.itemChanged.connect(self._update_preview)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self._update_preview()

    def _fill(self, current: str | None) -> None:
        entries = library_entries(self._store)
        ticked_any = current is not None and any(current in e.ids for e in entries)
        for entry in entries:
            versions = f" · {count(entry.versions, 'version')}" if entry.versions > 1 else ""
            item = QListWidgetItem(f"{entry.newest.title}{versions}")
            item.setData(BRIEF_ROLE, entry.newest.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            ticked = current in entry.ids if ticked_any else True
            item.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)
            self.briefs.addItem(item)

    def _lay_out(self) -> None:
        column = QVBoxLayout(self)
        label = QLabel("&Briefs to put in the bundle (with all their versions):")
        label.setBuddy(self.briefs)
        column.addWidget(label)
        column.addWidget(self.briefs)
        row = QHBoxLayout()
        row.addWidget(self.select_all)
        row.addWidget(self.select_none)
        row.addStretch(1)
        column.addLayout(row)
        column.addWidget(self.preview)
        column.addWidget(self.buttons)
        self.resize(480, 420)

    def _items(self) -> list[QListWidgetItem]:
        return [self.briefs.item(row) for row in range(self.briefs.count())]

    def chosen(self) -> list[str]:
        """The ids of the ticked briefs (their newest versions), in the list's order."""
        return [str(item.data(BRIEF_ROLE)) for item in self._items()
                if item.checkState() == Qt.CheckState.Checked]

    def set_all(self, ticked: bool) -> None:
        """Tick every brief, or none; the preview is counted once."""
        state = Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked
        self.briefs.blockSignals(True)
        try:
            for item in self._items():
                item.setCheckState(state)
        finally:
            self.briefs.blockSignals(False)
        self._update_preview()

    def _update_preview(self) -> None:
        chosen = self.chosen()
        self.export_button.setEnabled(bool(chosen))
        if not chosen:
            self.preview.setText("Tick the briefs to put in the bundle." if self._items()
                                 else "The library has no briefs yet: import one first.")
            return
        try:
            self.preview.setText("The bundle will hold "
                                 + preview_line(plan_bundle(self._store, chosen)) + ".")
        except ReviewDeskError as error:  # a brief deleted meanwhile, a locked database
            self.preview.setText(str(error)[:1].upper() + str(error)[1:] + ".")
            self.export_button.setEnabled(False)

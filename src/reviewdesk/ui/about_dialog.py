"""Help → About: the version, where the data and the log are (with buttons to open those
folders), and the libraries ReviewDesk runs on with their licences."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from reviewdesk.about import AboutInfo, about_info
from reviewdesk.ui.accessible import describe, describe_buttons
from reviewdesk.ui.app_icon import app_icon


class AboutDialog(QDialog):
    """Help → About: the version, the database and log file with buttons to open their folders,
    and the libraries with their licences."""

    def __init__(self, database: Path | str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("About ReviewDesk")
        self.info = about_info(database)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self._about_tab(self.info), "&About")
        self.tabs.addTab(self._licences_tab(self.info), "&Libraries and licences")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        copy = buttons.addButton("&Copy details", QDialogButtonBox.ButtonRole.ActionRole)
        copy.clicked.connect(self.copy_details)
        copy.setToolTip("Put the version, the files and the libraries on the clipboard, for "
                        "a bug report")
        describe_buttons(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(buttons)
        self.resize(640, 460)

    def _about_tab(self, info: AboutInfo) -> QWidget:
        tab = QWidget(self)
        heading = QHBoxLayout()
        picture = QLabel(tab)
        picture.setPixmap(app_icon().pixmap(64, 64))
        heading.addWidget(picture)
        title = QLabel(f"<h2>ReviewDesk {info.version}</h2>Review policy briefs: tag "
                       "indicators, check references, track recommendations.", tab)
        title.setWordWrap(True)
        heading.addWidget(title, 1)
        form = QFormLayout()
        form.addRow("Version:", _selectable(info.version, tab))
        build = "bundled application" if info.frozen else "installed Python package"
        form.addRow("Running as:", _selectable(f"{build}, Python {info.python}", tab))
        form.addRow("Data folder:", self._with_open(info.data_folder, Path(info.data_folder)))
        form.addRow("Database:", _selectable(info.database, tab))
        log = Path(info.log_file)
        form.addRow("Log file:", self._with_open(info.log_file, log.parent))
        layout = QVBoxLayout(tab)
        layout.addLayout(heading)
        layout.addLayout(form)
        layout.addStretch(1)
        return tab

    def _with_open(self, text: str, folder: Path) -> QWidget:
        row = QWidget(self)
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(_selectable(text, row), 1)
        button = QPushButton("Open folder", row)
        button.setToolTip(f"Show {folder} in the file manager")
        button.clicked.connect(lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))))
        button.setEnabled(folder.is_dir())
        layout.addWidget(button)
        return row

    def _licences_tab(self, info: AboutInfo) -> QWidget:
        tab = QWidget(self)
        note = QLabel("ReviewDesk is released under the MIT licence. It runs on these "
                      "libraries, each under its own licence:", tab)
        note.setWordWrap(True)
        self.libraries = QTableWidget(len(info.libraries), 3, tab)
        self.libraries.setHorizontalHeaderLabels(["Library", "Version", "Licence"])
        self.libraries.verticalHeader().hide()
        self.libraries.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.libraries.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.libraries.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        for row, library in enumerate(info.libraries):
            for column, text in enumerate((library.name, library.version, library.licence)):
                self.libraries.setItem(row, column, QTableWidgetItem(text))
        describe(self.libraries, "Libraries", "The libraries ReviewDesk runs on, with their "
                 "versions and licences")
        header = self.libraries.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        layout = QVBoxLayout(tab)
        layout.addWidget(note)
        layout.addWidget(self.libraries)
        return tab

    def details(self) -> str:
        """Everything the dialog shows, as plain text for a bug report."""
        info = self.info
        lines = [f"ReviewDesk {info.version}", f"Python {info.python} on {info.platform}",
                 f"Bundled application: {'yes' if info.frozen else 'no'}",
                 f"Database: {info.database}", f"Log file: {info.log_file}", "",
                 "Libraries:"]
        lines += [f"  {lib.name} {lib.version} ({lib.licence})" for lib in info.libraries]
        return "\n".join(lines)

    def copy_details(self) -> None:
        """Put the details (see details()) on the clipboard, for a bug report."""
        QGuiApplication.clipboard().setText(self.details())


def _selectable(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                  | Qt.TextInteractionFlag.TextSelectableByKeyboard)
    label.setWordWrap(True)
    return label

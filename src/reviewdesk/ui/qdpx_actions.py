"""File → Export / Import REFI-QDA project: the dialogs around services.qdpx."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from reviewdesk.domain.words import count
from reviewdesk.errors import ReviewDeskError
from reviewdesk.services.bundle.signer import UnknownSignerError
from reviewdesk.services.qdpx import SUFFIX, QdpxImportReport, export_qdpx, import_qdpx
from reviewdesk.storage.store import Store

FILTER = f"REFI-QDA projects (*{SUFFIX})"


def choose_export(parent: QWidget, store: Store, folder: Path) -> str | None:
    """Ask where to write every brief as a REFI-QDA project and write it; the status line
    to show, or None when cancelled. A known error is shown and gives None."""
    name, _ = QFileDialog.getSaveFileName(parent, "Export REFI-QDA project",
                                          str(folder / f"review{SUFFIX}"), FILTER)
    if not name:
        return None
    path = Path(name)
    if path.suffix.lower() != SUFFIX:
        path = path.with_name(path.name + SUFFIX)
    try:
        report = export_qdpx(store, [], path)
    except ReviewDeskError as error:
        _warn(parent, str(error))
        return None
    return (f"Wrote {count(report.briefs, 'brief')} with "
            f"{count(report.selections, 'coded selection')} to "
            f"{path.name}; other tools will not read the resolved state, reply threads, "
            "suggested edits, reference checks or recommendation tracking")


def choose_import(parent: QWidget, store: Store, folder: Path) -> QdpxImportReport | None:
    """Ask for a REFI-QDA project and bring it in; its report, or None when cancelled or
    refused (a refusal is shown). A project signed by a key not trusted yet is merged
    only if the user trusts it, else only its REFI-QDA parts are read, if they choose."""
    name, _ = QFileDialog.getOpenFileName(parent, "Import REFI-QDA project", str(folder),
                                          f"{FILTER};;All files (*)")
    if not name:
        return None
    path = Path(name)
    try:
        try:
            report = import_qdpx(store, path)
        except UnknownSignerError as error:
            choice = _ask_trust(parent, str(error))
            if choice is None:
                return None
            report = import_qdpx(store, path, trust=choice, refi_only=not choice)
    except ReviewDeskError as error:
        _warn(parent, str(error))
        return None
    if report.warnings:
        QMessageBox.warning(parent, "Imported with warnings", "\n".join(report.warnings[:20]))
    return report


def _ask_trust(parent: QWidget, message: str) -> bool | None:
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle("Import REFI-QDA project")
    box.setText(message[:1].upper() + message[1:] + ".")
    trust = box.addButton("Trust and merge", QMessageBox.ButtonRole.AcceptRole)
    refi = box.addButton("Read only the REFI-QDA parts", QMessageBox.ButtonRole.ActionRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    clicked = box.clickedButton()
    box.deleteLater()
    return True if clicked is trust else False if clicked is refi else None


def _warn(parent: QWidget, message: str) -> None:
    text = message[:1].upper() + message[1:]
    QMessageBox.warning(parent, "ReviewDesk", text if text.endswith(".") else text + ".")

"""File → Print and File → Export PDF: the open brief with its highlights and numbered margin
notes (ui/print_brief.py), on a printer or in a PDF file written whole or not at all.

The window hears how it went through `done` (a line for the status bar) and `failed` (one
sentence, for `show_error`)."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, Signal
from PySide6.QtGui import QAction, QPdfWriter
from PySide6.QtWidgets import QDialog, QFileDialog, QWidget

from reviewdesk.domain.words import count
from reviewdesk.errors import ReviewDeskError
from reviewdesk.files import check_writable, write_file
from reviewdesk.services.reviewers import configured_reviewer
from reviewdesk.ui.session import ReviewSession
from reviewdesk.ui.settings import Settings

if TYPE_CHECKING:  # Qt's printing and the printed pages load with the first print or PDF
    from PySide6.QtPrintSupport import QPrinter

    from reviewdesk.ui.print_brief import PrintedReview

PDF_FILTER = "PDF documents (*.pdf)"
_UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f]+')  # no file name may hold these anywhere


def pdf_name(title: str) -> str:
    """'<title>.pdf', without the characters a file name cannot hold."""
    name = " ".join(_UNSAFE.sub(" - ", title).split()).strip(" .-")[:120].rstrip(" .-")
    return f"{name or 'brief'}.pdf"


def pdf_bytes(review: PrintedReview) -> tuple[bytes, int]:
    """The review as a PDF file's bytes, and how many pages it has."""
    from reviewdesk.ui.print_brief import paint_review, set_up_pdf

    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setTitle(review.brief.title)
    writer.setCreator("ReviewDesk")
    set_up_pdf(writer)
    pages = paint_review(review, writer)
    del writer  # finishes the file
    data: QByteArray = buffer.data()
    buffer.close()
    return bytes(data.data()), pages


def write_pdf(review: PrintedReview, target: Path) -> int:
    """Write the review to `target` whole or not at all; returns its pages. Raises
    WriteError, one sentence, when the file cannot be written there."""
    check_writable(target)  # before the work, as the Word export does
    data, pages = pdf_bytes(review)
    write_file(target, data)
    return pages


def saved_message(target: Path, pages: int) -> str:
    """'Saved PATH (3 pages)'."""
    return f"Saved {target} ({count(pages, 'page')})"


class PrintActions(QObject):
    """Print and Export PDF for the session's open brief; both are enabled once one is."""

    done = Signal(str)    # what was printed or saved, for the status bar
    failed = Signal(str)  # why not, in one sentence

    def __init__(self, session: ReviewSession, settings: Settings, parent: QWidget) -> None:
        super().__init__(parent)
        self._session = session
        self._settings = settings
        self._parent = parent

    def follow(self, *actions: QAction) -> None:
        """Keep these actions disabled until a brief is open."""
        for action in actions:
            action.setEnabled(self._session.brief is not None)
            self._session.brief_opened.connect(
                lambda _brief, action=action: action.setEnabled(True))

    def review(self) -> PrintedReview | None:
        """The open brief as it goes on paper; None when no brief is open."""
        from reviewdesk.ui.print_brief import PrintedReview

        session = self._session
        if session.brief is None:
            return None
        brief = session.brief
        reviewer = session.attempt(lambda: configured_reviewer(session.store))
        return PrintedReview(brief, session.annotations, reviewer or "", date.today())

    def export_pdf(self) -> Path | None:
        """Ask for a file (`<title>.pdf` in the last export folder) and write the PDF;
        returns the file written, or None."""
        review = self.review()
        if review is None:
            return None
        folder = Path(self._settings.last_export_folder or Path.home())
        target = self.ask_pdf_path(folder / pdf_name(review.brief.title))
        if target is None:
            return None
        try:
            pages = write_pdf(review, target)
        except ReviewDeskError as error:
            self.failed.emit(str(error))
            return None
        self._settings.last_export_folder = str(target.parent)
        self.done.emit(saved_message(target, pages))
        return target

    def ask_pdf_path(self, suggested: Path) -> Path | None:
        """The file the reviewer chooses, or None when they cancel (tests replace this)."""
        name, _ = QFileDialog.getSaveFileName(self._parent, "Export PDF", str(suggested),
                                              PDF_FILTER)
        if not name:
            return None
        path = Path(name)
        return path if path.suffix.lower() == ".pdf" else path.with_name(path.name + ".pdf")

    def print_brief(self) -> int | None:
        """Choose a printer and print; returns the pages printed, or None."""
        review = self.review()
        if review is None:
            return None
        printer = self.choose_printer(review.brief.title)
        if printer is None:
            return None
        from reviewdesk.ui.print_brief import paint_review

        try:
            pages = paint_review(review, printer)
        except OSError:
            self.failed.emit(f"cannot print to {printer.printerName() or 'the printer'}")
            return None
        self.done.emit(f"Sent {review.brief.title} to the printer ({count(pages, 'page')})")
        return pages

    def choose_printer(self, title: str) -> QPrinter | None:
        """The printer set up in the print dialog, or None when the reviewer cancels (tests
        replace this)."""
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(title)
        dialog = QPrintDialog(printer, self._parent)
        try:
            accepted = dialog.exec() == QDialog.DialogCode.Accepted
        finally:
            dialog.deleteLater()
        return printer if accepted else None

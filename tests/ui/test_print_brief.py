"""Printing a brief for review on paper: a real PDF (QPdfWriter) read back with pypdf, with
its numbered margin notes, replies, resolved mark and footer; crowded margins that stack
without overlapping and spill into an end list; a folder that cannot be written."""

from __future__ import annotations

import itertools
import re
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QSize
from PySide6.QtGui import QAction, QColor, QImage, QPainter, QPalette
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from tests.support.disks import leftovers, read_only_folder

from reviewdesk.domain.review import AnnotationStatus
from reviewdesk.services.annotations import add_reply, annotate, update_annotation
from reviewdesk.services.briefs import import_files
from reviewdesk.services.reviewers import set_configured_reviewer
from reviewdesk.storage.store import Store
from reviewdesk.ui.main_window import MainWindow
from reviewdesk.ui.print_actions import pdf_name
from reviewdesk.ui.print_brief import PrintedReview, ReviewPages
from reviewdesk.ui.print_notes import WantedNote, fill_columns, stack_notes
from reviewdesk.ui.session import ReviewSession
from reviewdesk.ui.settings import Settings

HARBOUR_MD = """\
# Harbour Dredging and the Eastern Wetlands

## Summary

The harbour board wants to deepen the eastern channel before the grain season.
Birders and the two fishing cooperatives say the spoil would smother the reed beds.

## What the board proposes

- Dredge the channel to twelve metres over two winters.
- Pump the spoil onto the old salt pans north of the wetlands.

## Recommendations

1. The board should publish the sediment tests before any tender.
2. The province should fund a survey of the reed beds this spring.
"""



@pytest.fixture
def harbour(store: Store, tmp_path: Path) -> str:
    """The harbour brief with three annotations: one with two replies, one resolved."""
    path = tmp_path / "harbour.md"
    path.write_text(HARBOUR_MD, encoding="utf-8")
    brief = import_files(store, [path])[0].id
    set_configured_reviewer(store, "Noor Haddad")
    first = annotate(store, brief, "before the grain season", tag="Claim",
                     comment="Which month does the grain season start?", reviewer="Noor Haddad")
    add_reply(store, first.id, "It starts in late August.", reviewer="Pavel Ostrowski")
    add_reply(store, first.id, "Then say so in the summary.", reviewer="Noor Haddad")
    second = annotate(store, brief, "twelve metres", tag="Evidence",
                      comment="Twelve or fourteen? The annex says fourteen.",
                      reviewer="Pavel Ostrowski")
    update_annotation(store, second.id, status=AnnotationStatus.RESOLVED)
    annotate(store, brief, "sediment tests", tag="Reason",
             comment="Name the laboratory that ran them.", reviewer="Noor Haddad")
    return brief


@pytest.fixture
def window(qtbot: QtBot, store: Store, settings: Settings) -> MainWindow:
    opened = MainWindow(store, settings)
    qtbot.addWidget(opened)
    return opened


def _pdf_text(path: Path) -> list[str]:
    return [page.extract_text() for page in PdfReader(path).pages]


def _file_action(window: MainWindow, text: str) -> QAction:
    files = window.menuBar().actions()[0].menu()
    return next(action for action in files.actions() if action.text() == text)


def _choose(window: MainWindow, target: Path) -> list[Path]:
    """Answer the file dialog with `target`; returns what it suggested."""
    suggested: list[Path] = []

    def answer(default: Path) -> Path:
        suggested.append(default)
        return target

    window.printing.ask_pdf_path = answer  # type: ignore[method-assign]
    return suggested


def test_the_pdf_holds_the_numbered_comments_replies_and_footer(
        window: MainWindow, harbour: str, tmp_path: Path) -> None:
    window.settings.last_export_folder = str(tmp_path)
    window.open_brief(harbour)
    suggested = _choose(window, tmp_path / "harbour review.pdf")

    window.export_pdf()

    assert suggested == [tmp_path / "Harbour Dredging and the Eastern Wetlands.pdf"]
    [text] = _pdf_text(tmp_path / "harbour review.pdf")
    flat = " ".join(text.split())
    for words in ("Which month does the grain season start?", "It starts in late August.",
                  "Then say so in the summary.", "Name the laboratory that ran them.",
                  "The annex says fourteen.", "page 1 of 1", "Reviewed by Noor Haddad",
                  "Harbour Dredging and the Eastern Wetlands", "resolved"):
        assert words in flat, words
    for number, tag in ((1, "Claim"), (2, "Evidence"), (3, "Reason")):
        assert re.search(rf"\b{number}\s+{tag}\b", flat), (number, tag)
    assert "Pavel Ostrowski: It starts" in flat
    assert window.statusBar().currentMessage() == \
        f"Saved {tmp_path / 'harbour review.pdf'} (1 page)"
    assert window.settings.last_export_folder == str(tmp_path)


def test_print_and_export_wait_for_a_brief(window: MainWindow, harbour: str) -> None:
    actions = [_file_action(window, "&Print…"), _file_action(window, "Export P&DF…")]
    assert [action.isEnabled() for action in actions] == [False, False]
    assert actions[1].shortcut().toString() == "Ctrl+Alt+P"

    window.open_brief(harbour)

    assert [action.isEnabled() for action in actions] == [True, True]


def test_printing_paints_the_same_pages_on_a_printer(
        window: MainWindow, harbour: str, tmp_path: Path) -> None:
    window.open_brief(harbour)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    window.printing.choose_printer = lambda _title: printer  # type: ignore[method-assign]

    window.print_brief()  # the file is finished when the painter ends

    [text] = _pdf_text(tmp_path / "printed.pdf")
    assert "It starts in late August." in " ".join(text.split())
    assert window.statusBar().currentMessage().endswith("to the printer (1 page)")


def test_a_read_only_folder_is_one_sentence_and_no_file(
        window: MainWindow, harbour: str, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    window.open_brief(harbour)
    errors: list[str] = []
    monkeypatch.setattr(window, "show_error", errors.append)
    with read_only_folder(tmp_path / "read-only") as disk:
        target = disk.folder / "review.pdf"
        _choose(window, target)

        window.export_pdf()

        [message] = errors
        assert message.startswith(f"cannot write {target}: ") and disk.reason in message
        assert "\n" not in message
        assert not target.exists() and leftovers(disk.folder) == []


def test_crowded_notes_stack_down_and_the_rest_wait_for_the_end() -> None:
    wanted = [WantedNote(number, top=40.0 + (number % 3), height=30.0)
              for number in range(1, 61)]

    placed, left_over = stack_notes(wanted, bottom=700.0, gap=5.0)

    assert sorted([note.number for note in placed] + left_over) == list(range(1, 61))
    assert len(placed) == 19 and left_over  # 660 points hold 19 notes of 35
    for above, below in itertools.pairwise(placed):
        assert below.top >= above.bottom + 5.0
    assert all(note.bottom <= 700.0 for note in placed)
    assert (placed[0].number, placed[0].top) == (3, 40.0)  # the highest stays by its line


def test_the_end_list_fills_two_columns_then_the_next_page() -> None:
    heights = [(number, 100.0) for number in range(1, 12)]

    pages = fill_columns(heights, first_top=30.0, bottom=500.0, columns=2, gap=10.0)

    # Four notes of 100 (and a gap of 10) fit in a column under the title.
    assert [[(column, note.number) for column, note in page] for page in pages] == [
        [(0, 1), (0, 2), (0, 3), (0, 4), (1, 5), (1, 6), (1, 7), (1, 8)],
        [(0, 9), (0, 10), (0, 11)]]
    assert [note.top for _, note in pages[1]] == [0.0, 110.0, 220.0]
    assert all(note.bottom <= 500.0 for page in pages for _, note in page)
    tall = fill_columns([(1, 900.0), (2, 50.0)], 0.0, 500.0, 2, 10.0)
    assert [[(c, n.number, n.top) for c, n in page] for page in tall] == [[(0, 1, 0.0),
                                                                          (1, 2, 0.0)]]


def test_sixty_notes_on_one_page(qtbot: QtBot, store: Store, harbour: str,
                                 tmp_path: Path, window: MainWindow) -> None:
    for number in range(4, 61):
        annotate(store, harbour, "the", occurrence=1 + number % 4, tag="Reason",
                 comment=f"Crowded remark {number} about this sentence.",
                 reviewer="Pavel Ostrowski")
    session = ReviewSession(store)
    session.open_brief(harbour)
    assert session.annotation_count == 60
    review = PrintedReview(session.brief, session.annotations,  # type: ignore[arg-type]
                           "Noor Haddad", date(2026, 3, 4))

    pages = ReviewPages(review, 1.0, 510, 760)

    assert len(pages.pages) == 1
    notes = sorted(pages.pages[0].notes, key=lambda note: note.top)
    for above, below in itertools.pairwise(notes):
        assert below.top >= above.bottom
    placed = {note.number for note in notes}
    assert placed.isdisjoint(pages.left_over)
    assert placed | set(pages.left_over) == set(range(1, 61))
    assert pages.page_count > 1  # the end list

    window.open_brief(harbour)
    _choose(window, tmp_path / "crowded.pdf")
    window.export_pdf()
    flat = " ".join(" ".join(_pdf_text(tmp_path / "crowded.pdf")).split())
    for number in range(4, 61):
        assert f"Crowded remark {number} about" in flat, number
    for number in range(1, 61):  # each note's head: its number, then its tag
        assert re.search(rf"\b{number}\s+(Reason|Claim|Evidence)\b", flat), number
    assert f"page 1 of {pages.page_count}" in flat


def test_a_pdf_is_named_after_the_brief() -> None:
    assert pdf_name("Ports: a review / 2026") == "Ports - a review - 2026.pdf"
    assert pdf_name("...") == "brief.pdf"


def test_the_page_is_black_on_white_with_coloured_highlights_in_any_theme(
        qtbot: QtBot, window: MainWindow, harbour: str, tmp_path: Path) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before = app.palette()
    app.setPalette(_dark_palette())  # light text on screen must not be light on paper
    try:
        window.open_brief(harbour)
        _choose(window, tmp_path / "dark.pdf")
        window.export_pdf()
    finally:
        app.setPalette(before)
    document = QPdfDocument()
    document.load(str(tmp_path / "dark.pdf"))
    image = QImage(300, 424, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))  # paper: the rendered page is transparent where blank
    painter = QPainter(image)
    painter.drawImage(0, 0, document.render(0, QSize(300, 424)))
    painter.end()
    colours = [image.pixelColor(x, y) for y in range(0, 424, 2) for x in range(0, 300, 2)]
    dark = sum(1 for colour in colours if colour.lightness() < 128)
    # Claim (#db4437) at the highlight's strength over white: a clear pink.
    pink = sum(1 for colour in colours
               if colour.red() > 225 and 150 < colour.green() < 215 and colour.blue() < 205)
    assert dark > 300 and pink > 20, (dark, pink)


def _dark_palette() -> QPalette:
    palette = QPalette()
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.WindowText):
        palette.setColor(role, QColor("#e8eaed"))
    palette.setColor(QPalette.ColorRole.Base, QColor("#17181a"))
    return palette

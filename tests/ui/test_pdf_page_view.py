"""The original pages of a PDF brief: loaded from the stored bytes, a block's page shown."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfWriter
from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject
from pytestqt.qtbot import QtBot

from reviewdesk.domain.brief import SourceFile
from reviewdesk.services.briefs import import_files
from reviewdesk.storage.store import Store
from reviewdesk.ui import pdf_page_view
from reviewdesk.ui.pdf_page_view import NOT_PDF, UNREADABLE, PdfPageView, block_box
from reviewdesk.ui.session import ReviewSession


def _text(x: float, y: float, size: float, words: str) -> str:
    return f"BT /F1 {size} Tf {x} {y} Td ({words}) Tj ET\n"


def two_page_pdf() -> bytes:
    """A letter-size PDF of two pages with Helvetica text, written by hand."""
    writer = PdfWriter()
    font = writer._add_object(DictionaryObject({
        NameObject("/Type"): NameObject("/Font"),
        NameObject("/Subtype"): NameObject("/Type1"),
        NameObject("/BaseFont"): NameObject("/Helvetica"),
        NameObject("/Encoding"): NameObject("/WinAnsiEncoding"),
    }))
    pages = [_text(72, 720, 22, "Lake Corrin Outlook")
             + _text(72, 690, 10, "The fishing towns around the lake have argued about quotas."),
             _text(72, 720, 16, "Recommendations")
             + _text(72, 690, 10, "The council should publish its catch data every month.")]
    for content in pages:
        page = writer.add_blank_page(612, 792)
        page[NameObject("/Resources")] = DictionaryObject(
            {NameObject("/Font"): DictionaryObject({NameObject("/F1"): font})})
        stream = DecodedStreamObject()
        stream.set_data(content.encode("cp1252"))
        page[NameObject("/Contents")] = writer._add_object(stream)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _open(qtbot: QtBot, store: Store, path: Path) -> tuple[ReviewSession, PdfPageView]:
    session = ReviewSession(store)
    view = PdfPageView(session)
    qtbot.addWidget(view)
    view.resize(500, 400)
    view.show()
    session.open_brief(import_files(store, [path])[0].id)
    return session, view


@pytest.fixture
def pdf_file(tmp_path: Path) -> Path:
    path = tmp_path / "lake-corrin.pdf"
    path.write_bytes(two_page_pdf())
    return path


def test_pdf_pages_shown_and_a_block_jumps_to_its_page(qtbot: QtBot, store: Store,
                                                      pdf_file: Path) -> None:
    session, view = _open(qtbot, store, pdf_file)
    assert view.has_pages and view.page_count == 2
    assert view.current_page == 1
    assert session.brief is not None
    block = next(block for block in session.brief.blocks if block.page == 2)
    assert view.show_block(block)
    assert view.current_page == 2
    box = block_box(block.locator)
    assert box is not None and view.view.box_rect(1, box) is not None


def test_a_cursor_offset_shows_the_block_under_it(qtbot: QtBot, store: Store,
                                                  pdf_file: Path) -> None:
    session, view = _open(qtbot, store, pdf_file)
    assert session.brief is not None
    last = session.brief.blocks[-1]
    assert last.page == 2
    assert view.show_position(last.start + 3)
    assert view.current_page == 2
    assert view.show_position(0)
    assert view.current_page == 1


def test_a_markdown_brief_shows_the_placeholder(qtbot: QtBot, store: Store,
                                                brief_file: Path) -> None:
    session, view = _open(qtbot, store, brief_file)
    assert not view.has_pages and view.page_count == 0
    assert view.placeholder.isVisible() and view.placeholder.text() == NOT_PDF
    assert session.brief is not None
    assert not view.show_block(session.brief.blocks[0])


def test_unreadable_bytes_give_a_message_not_a_crash(qtbot: QtBot, store: Store, pdf_file: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    broken = SourceFile(filename="broken.pdf", data=b"%PDF-1.7 not really", sha256="0" * 64)
    monkeypatch.setattr(pdf_page_view, "original_file", lambda _store, _brief: broken)
    session = ReviewSession(store)
    view = PdfPageView(session)
    qtbot.addWidget(view)
    brief_id = import_files(store, [pdf_file])[0].id
    with qtbot.waitSignal(session.error) as message:
        session.open_brief(brief_id)
    assert "cannot be shown" in message.args[0]
    assert not view.has_pages and view.placeholder.text() == UNREADABLE


def test_block_box_reads_the_locator() -> None:
    box = block_box("page:2/box:72,57,215,76")
    assert box is not None and (box.left(), box.top(), box.right(), box.bottom()) == (
        72, 57, 215, 76)
    assert block_box("line:4") is None


def test_leaving_a_pdf_for_another_brief_warns_of_nothing(qtbot: QtBot, store: Store,
                                                          pdf_file: Path, brief_file: Path,
                                                          qtlog: pytest.LogCaptureFixture
                                                          ) -> None:
    session, view = _open(qtbot, store, pdf_file)
    assert view.has_pages
    session.open_brief(import_files(store, [brief_file])[0].id)
    assert not view.has_pages
    assert [record.message for record in qtlog.records
            if "nullptr" in record.message] == []

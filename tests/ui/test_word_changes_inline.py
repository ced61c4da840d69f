"""Tracked changes brought in from a Word file show in the text as a reviewer's suggested
edits do: the old words struck, the new ones drawn in their author's colour, accepted or
rejected in the text."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QImage, QTextCursor
from PySide6.QtWidgets import QMenu
from pytestqt.qtbot import QtBot
from qt_helpers import show_active
from tests.support.word_changes import AUTHOR, BEFORE, CHANGES, tracked_docx

from reviewdesk.domain.review import SuggestionStatus
from reviewdesk.services.briefs import import_files
from reviewdesk.services.tracking import suggestions_of
from reviewdesk.storage.store import Store
from reviewdesk.ui.document_view import DocumentView
from reviewdesk.ui.inline_suggestions import reviewer_colour
from reviewdesk.ui.session import ReviewSession


def _opened(qtbot: QtBot, store: Store, tmp_path: Path) -> tuple[ReviewSession, DocumentView]:
    [imported] = import_files(store, [tracked_docx(tmp_path / "harbour.docx")])
    session = ReviewSession(store)
    session.open_brief(imported.id)
    view = DocumentView(session)
    show_active(qtbot, view, 700, 300)
    return session, view


def _struck(view: DocumentView, position: int) -> tuple[bool, QColor]:
    cursor = QTextCursor(view.document())
    cursor.setPosition(position + 1)
    fmt = cursor.charFormat()
    return fmt.fontStrikeOut(), fmt.foreground().color()


def _has_colour(image: QImage, left: int, top: int, width: int, height: int,
                colour: QColor) -> bool:
    ratio = image.devicePixelRatio()
    for y in range(top, top + height):
        for x in range(left, left + width):
            pixel = image.pixelColor(int(x * ratio), int(y * ratio))
            if all(abs(a - b) < 40 for a, b in zip(
                    (pixel.red(), pixel.green(), pixel.blue()),
                    (colour.red(), colour.green(), colour.blue()), strict=True)):
                return True
    return False


def test_the_word_file_s_changes_show_inline_by_their_author(
        qtbot: QtBot, store: Store, tmp_path: Path) -> None:
    session, view = _opened(qtbot, store, tmp_path)
    assert session.brief is not None
    text = session.brief.text
    assert view.document().toPlainText() == text == "\n".join(BEFORE)
    edits = view.inline_suggestions.edits
    assert [(text[e.start:e.end], e.replacement, e.reviewer, e.pending) for e in edits] == [
        (quote, new, AUTHOR, True) for quote, new in CHANGES]
    colour = reviewer_colour(AUTHOR)
    for edit in edits:
        assert all(_struck(view, p) == (True, colour) for p in range(edit.start, edit.end))
    assert not _struck(view, text.index("Nothing"))[0]
    # The new words are drawn beside the struck ones, in the author's colour.
    image = view.grab().toImage()
    if os.environ.get("WORD_CHANGES_SCREENSHOT"):
        image.save(os.environ["WORD_CHANGES_SCREENSHOT"])
    for edit in edits:
        if not edit.replacement:
            continue
        # The room is letter spacing on one character at the end of the struck words.
        spot = view.inline_suggestions.room_for(edit.end)
        assert spot is not None
        right = view.cursorRect(_cursor(view, spot + 1))
        room = int(view.inline_suggestions.room_width(edit))
        assert room > 20
        assert _has_colour(image, right.left() - room + 2, right.top(), room - 4,
                           right.height(), colour)
    assert view.inline_suggestions.change_bars() == []  # nothing is shown as accepted


def _cursor(view: DocumentView, position: int) -> QTextCursor:
    cursor = QTextCursor(view.document())
    cursor.setPosition(position)
    return cursor


def test_accepting_and_rejecting_a_word_change_in_the_text(
        qtbot: QtBot, store: Store, tmp_path: Path) -> None:
    session, view = _opened(qtbot, store, tmp_path)
    assert session.brief is not None
    daily = next(e for e in view.inline_suggestions.edits if e.replacement == "daily")
    rect = view.cursorRect(_cursor(view, daily.start + 1))
    menu = QMenu(view)
    view.inline_suggestions.extend_menu(menu, QPoint(rect.center().x() + 2,
                                                     rect.center().y()))
    accept = next(a for a in menu.actions() if a.text() == "Accept suggested edit")
    accept.trigger()
    statuses = {s.replacement: s.status for s in suggestions_of(store, session.brief.id)}
    assert statuses == {"": SuggestionStatus.PENDING, "met twice": SuggestionStatus.PENDING,
                        "daily": SuggestionStatus.ACCEPTED}
    assert not next(e for e in view.inline_suggestions.edits if e.id == daily.id).pending
    # The keys work on the Word file's changes too: reject "very" -> "".
    very = next(e for e in view.inline_suggestions.edits if e.replacement == "")
    cursor = view.textCursor()
    cursor.setPosition(very.start + 1)
    view.setTextCursor(cursor)
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_N,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
    assert very.id not in {e.id for e in view.inline_suggestions.edits}
    assert not _struck(view, very.start)[0]
    session.undo_stack.undo()
    assert any(e.id == very.id and e.pending for e in view.inline_suggestions.edits)
    assert view.document().toPlainText() == session.brief.text  # never rewritten

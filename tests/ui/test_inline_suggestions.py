"""Suggested edits in the brief's text: struck words and drawn new words, with every offset
left where it was; accepted and rejected from the context menu and the keys, undoably."""

from __future__ import annotations

import os
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml
from PySide6.QtCore import QEvent, QPoint, QSettings, Qt, QTimer
from PySide6.QtGui import QColor, QContextMenuEvent, QHelpEvent, QImage, QTextCursor
from PySide6.QtWidgets import QApplication, QMenu, QToolTip
from pytestqt.qtbot import QtBot
from qt_helpers import show_active

from reviewdesk.domain.review import SuggestionStatus
from reviewdesk.services.briefs import import_files
from reviewdesk.services.tracking import suggest_edit, suggestions_of
from reviewdesk.storage.store import Store
from reviewdesk.ui import undo
from reviewdesk.ui.document_view import DocumentView
from reviewdesk.ui.inline_suggestions import (
    ACCEPTED_DELETION,
    CHANGE_BAR_GAP,
    CHANGE_BAR_TIP,
    InlineSuggestions,
    reviewer_colour,
)
from reviewdesk.ui.main_window import MainWindow
from reviewdesk.ui.session import ReviewSession
from reviewdesk.ui.settings import Settings
from reviewdesk.ui.suggest_edit import SuggestEditPane
from reviewdesk.ui.suggestion_cards import HTML_ROLE
from reviewdesk.ui.suggestion_commands import DecideSuggestion


@pytest.fixture
def view(qtbot: QtBot, session: ReviewSession) -> DocumentView:
    shown = DocumentView(session)
    show_active(qtbot, shown, 800, 600)
    return shown


def _span(session: ReviewSession, words: str) -> tuple[int, int]:
    assert session.brief is not None
    start = session.brief.text.index(words)
    return start, start + len(words)


def _suggest(session: ReviewSession, words: str, replacement: str,
             reviewer: str = "Bo Lind") -> str:
    assert session.brief is not None
    start, end = _span(session, words)
    made = suggest_edit(session.store, session.brief.id, start, end, replacement,
                        reviewer=reviewer)
    session.suggestions_changed.emit()
    return made.id


def _inline(view: DocumentView) -> InlineSuggestions:
    return view.inline_suggestions


def _format_at(view: DocumentView, position: int) -> tuple[bool, QColor]:
    cursor = QTextCursor(view.document())
    cursor.setPosition(position + 1)
    fmt = cursor.charFormat()
    return fmt.fontStrikeOut(), fmt.foreground().color()


def _caret(view: DocumentView, position: int) -> None:
    cursor = view.textCursor()
    cursor.setPosition(position)
    view.setTextCursor(cursor)


def test_a_suggestion_strikes_the_words_and_keeps_every_offset(
        view: DocumentView, session: ReviewSession) -> None:
    assert session.brief is not None
    text = session.brief.text
    _suggest(session, "six weeks", "eight weeks")
    start, end = _span(session, "six weeks")
    [edit] = _inline(view).edits
    assert (edit.start, edit.end, edit.replacement, edit.reviewer) == (
        start, end, "eight weeks", "Bo Lind")
    assert edit.colour == reviewer_colour("Bo Lind")
    assert all(_format_at(view, p) == (True, reviewer_colour("Bo Lind"))
               for p in range(start, end))
    assert not _format_at(view, start - 1)[0] and not _format_at(view, end)[0]
    # The room for the new words is spacing after the last struck letter, not characters.
    assert view.document().toPlainText() == text
    assert view.document().characterCount() == len(text) + 1
    # Find and selection still give brief offsets after the suggestion.
    found = view.document().find("closed season")
    assert (found.selectionStart(), found.selectionEnd()) == _span(session, "closed season")
    later = view.document().find("publish its catch data")
    assert later.selectionStart() == text.index("publish its catch data")


def test_the_new_words_are_drawn_in_the_reviewers_colour(
        view: DocumentView, session: ReviewSession) -> None:
    _suggest(session, "six weeks", "eight weeks")  # before a full stop
    _suggest(session, "two councils", "both councils", reviewer="Ines Duarte")  # a space
    for words, reviewer in (("six weeks", "Bo Lind"), ("two councils", "Ines Duarte")):
        end = _span(session, words)[1]
        room = _room(view, end)
        assert room[2] > 40  # room for the new words, right of the struck ones
        assert _has_colour(view.grab().toImage(), room, reviewer_colour(reviewer))
    if os.environ.get("INLINE_SCREENSHOT"):
        view.grab().save(os.environ["INLINE_SCREENSHOT"])
    # Accepted, the new words read as plain text.
    edit = next(edit for edit in _inline(view).edits if edit.reviewer == "Bo Lind")
    session.push(DecideSuggestion(session, edit.id, SuggestionStatus.ACCEPTED))
    accepted = view.grab().toImage()
    assert not _has_colour(accepted, _room(view, edit.end), reviewer_colour("Bo Lind"))
    assert _has_colour(accepted, _room(view, edit.end), view.palette().text().color())


def _room(view: DocumentView, end: int) -> tuple[int, int, int, int]:
    """The room the new words of the edit ending at `end` take (left to right text)."""
    spot = _inline(view).room_for(end)
    assert spot is not None
    left, top, width, height = _cell(view, spot)
    room = int(sum(_inline(view).room_width(e) for e in _inline(view).edits if e.end == end))
    return left + width - room + 2, top, room - 4, height


def test_right_to_left_new_words_go_left_of_the_struck_ones(
        qtbot: QtBot, store: Store, tmp_path: Path) -> None:
    path = tmp_path / "dues.txt"
    path.write_text("رسوم الموانئ\n\nارتفعت الرسوم في كل الموانئ خلال العام الماضي.\n",
                    encoding="utf-8")
    [imported] = import_files(store, [path])
    session = ReviewSession(store)
    session.open_brief(imported.id)
    shown = DocumentView(session)
    show_active(qtbot, shown, 800, 300)
    _suggest(session, "كل الموانئ", "جميع الموانئ")
    start, end = _span(session, "كل الموانئ")
    assert _inline(shown).room_for(end) == end  # the space after the words gives the room
    space = _cell(shown, end)
    struck = _cell(shown, start)
    assert space[0] < struck[0] and space[2] > 40  # the room lies left of the struck words
    assert _has_colour(shown.grab().toImage(), space, reviewer_colour("Bo Lind"))
    assert session.brief is not None
    assert shown.document().toPlainText() == session.brief.text


def _cell(view: DocumentView, position: int) -> tuple[int, int, int, int]:
    """The box (in viewport pixels) of the character at `position`, spacing included."""
    block = view.document().findBlock(position)
    layout = block.layout()
    inside = position - block.position()
    line = layout.lineForTextPosition(inside)
    xs = sorted(_x(line.cursorToX(place)) for place in (inside, inside + 1))
    left = layout.position().x() + xs[0] - view.horizontalScrollBar().value()
    top = layout.position().y() + line.y() - view.verticalScrollBar().value()
    return int(left) + 1, int(top), int(xs[1] - xs[0]) - 2, int(line.height())


def _x(found: object) -> float:
    return float(found[0] if isinstance(found, tuple) else found)  # type: ignore[arg-type]


def _has_colour(image: QImage, region: tuple[int, int, int, int], colour: QColor) -> bool:
    left, top, width, height = region
    ratio = image.devicePixelRatio()
    for y in range(top, top + height):
        for x in range(left, left + width):
            pixel = image.pixelColor(int(x * ratio), int(y * ratio))
            if all(abs(a - b) < 40 for a, b in zip(
                    (pixel.red(), pixel.green(), pixel.blue()),
                    (colour.red(), colour.green(), colour.blue()), strict=True)):
                return True
    return False


def test_annotations_after_a_suggestion_cover_their_own_words(
        view: DocumentView, session: ReviewSession) -> None:
    assert session.brief is not None
    _suggest(session, "two councils", "both councils")
    start, end = _span(session, "shared quota for perch")
    session.push(undo.CreateAnnotation(session, session.brief.id, start, end, None, "Which?"))
    cursor = QTextCursor(view.document())
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    assert cursor.selectedText() == "shared quota for perch"
    assert view.annotation_at(start) == session.annotations[0].id
    # An annotation over the struck words keeps the strike, and the strike its highlight.
    over_start, over_end = _span(session, "councils signed")
    session.push(undo.CreateAnnotation(session, session.brief.id, over_start, over_end,
                                       None, "Both?"))
    struck = QTextCursor(view.document())
    struck.setPosition(over_start + 1)
    assert struck.charFormat().fontStrikeOut()
    assert view.highlight_at(over_start).background().color().alpha() > 0


def test_accept_and_reject_with_the_keys_and_undo(
        qtbot: QtBot, view: DocumentView, session: ReviewSession) -> None:
    assert session.brief is not None
    key = _suggest(session, "six weeks", "eight weeks")
    start, end = _span(session, "six weeks")
    _caret(view, start + 2)
    view.setFocus()
    alt_ctrl = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
    qtbot.keyClick(view, Qt.Key.Key_Y, alt_ctrl)
    [stored] = suggestions_of(session.store, session.brief.id)
    assert stored.status == SuggestionStatus.ACCEPTED
    [edit] = _inline(view).edits
    assert not edit.pending
    assert _format_at(view, start) == (True, QColor(ACCEPTED_DELETION))
    assert session.undo_stack.undoText() == "Accept suggested edit “eight weeks”"

    qtbot.keyClick(view, Qt.Key.Key_N, alt_ctrl)
    assert suggestions_of(session.store, session.brief.id)[0].status == \
        SuggestionStatus.REJECTED
    assert _inline(view).edits == []
    assert not any(_format_at(view, p)[0] for p in range(start, end))  # plain again
    assert view.document().toPlainText() == session.brief.text

    session.undo_stack.undo()
    assert suggestions_of(session.store, session.brief.id)[0].status == \
        SuggestionStatus.ACCEPTED
    session.undo_stack.undo()
    assert suggestions_of(session.store, session.brief.id)[0].id == key
    assert suggestions_of(session.store, session.brief.id)[0].status == \
        SuggestionStatus.PENDING
    assert _inline(view).edits[0].pending
    assert _format_at(view, start)[0]


def test_the_keys_outside_a_suggestion_say_so(
        qtbot: QtBot, view: DocumentView, session: ReviewSession) -> None:
    _suggest(session, "six weeks", "eight weeks")
    _caret(view, _span(session, "closed season")[0])
    view.setFocus()
    with qtbot.waitSignal(session.notice) as said:
        qtbot.keyClick(view, Qt.Key.Key_Y,
                       Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
    assert said.args == ["put the caret in a suggested edit first"]
    assert session.undo_stack.count() == 0


def _menu_on(view: DocumentView, position: int) -> QMenu:
    rect = view.cursorRect(_cursor_at(view, position))
    menu = QMenu(view)
    menu.addAction("Copy")
    _inline(view).extend_menu(menu, QPoint(rect.center().x() + 2, rect.center().y()))
    return menu


def _cursor_at(view: DocumentView, position: int) -> QTextCursor:
    cursor = QTextCursor(view.document())
    cursor.setPosition(position)
    return cursor


def test_accept_and_reject_from_the_context_menu(
        qtbot: QtBot, view: DocumentView, session: ReviewSession) -> None:
    assert session.brief is not None
    _suggest(session, "two councils", "both councils", reviewer="Ines Duarte")
    start, _ = _span(session, "two councils")
    menu = _menu_on(view, start + 1)
    names = [action.text() for action in menu.actions()]
    assert names[:2] == ["Accept suggested edit", "Reject suggested edit"]
    assert names[-1] == "Copy" and menu.actions()[2].isSeparator()
    menu.actions()[1].trigger()
    assert suggestions_of(session.store, session.brief.id)[0].status == \
        SuggestionStatus.REJECTED
    assert _inline(view).edits == []
    session.undo_stack.undo()
    menu = _menu_on(view, start + 1)
    menu.actions()[0].trigger()
    assert suggestions_of(session.store, session.brief.id)[0].status == \
        SuggestionStatus.ACCEPTED
    pane = SuggestEditPane(session)  # the Edits tab says so too
    qtbot.addWidget(pane)
    assert pane.suggestions.item(0).data(HTML_ROLE).startswith(
        "<span style='color:#757575'>Accepted:</span> ")
    menu = _menu_on(view, start + 1)
    assert not menu.actions()[0].isEnabled()  # already accepted
    assert menu.actions()[1].isEnabled()
    elsewhere = _menu_on(view, _span(session, "closed season")[0] + 1)
    assert [action.text() for action in elsewhere.actions()] == ["Copy"]


def test_a_link_under_a_rejected_suggestion_keeps_its_colour(
        view: DocumentView, session: ReviewSession) -> None:
    assert session.brief is not None
    start, end = _span(session, "https://example.org/quota")
    before = _format_at(view, start)[1]
    _suggest(session, "https://example.org/quota", "https://example.org/quota-2024")
    assert _format_at(view, start)[0]
    key = _inline(view).edits[0].id
    session.push(undo.SuggestEdit(session, session.brief.id, start, end, "x"))  # a second
    assert len(_inline(view).edits) == 2
    for edit in _inline(view).edits:
        session.push(DecideSuggestion(session, edit.id, SuggestionStatus.REJECTED))
    assert _format_at(view, start) == (False, before)
    assert key not in {edit.id for edit in _inline(view).edits}


def test_reopening_the_brief_shows_the_suggestions_again(
        view: DocumentView, session: ReviewSession, tmp_path: Path) -> None:
    assert session.brief is not None
    _suggest(session, "six weeks", "eight weeks")
    session.open_brief(session.brief.id)
    assert len(_inline(view).edits) == 1
    assert _format_at(view, _span(session, "six weeks")[0])[0]


def _tracked_docx(path: Path) -> Path:
    """A Word file whose second paragraph's mark is a pending deletion (joining it with the
    next), which no suggested edit can hold."""
    document = docx.Document()
    document.add_paragraph("Harbour dues for small boats")
    paragraph = document.add_paragraph("Dues rose sharply at every port.")
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    change = 'w:id="1" w:author="Ana Ruiz" w:date="2025-02-01T00:00:00Z"'
    paragraph._p.insert(0, parse_xml(f"<w:pPr {w}><w:rPr><w:del {change}/></w:rPr></w:pPr>"))
    document.add_paragraph("Nothing changed here.")
    document.save(str(path))
    return path


def test_tracked_changes_of_a_word_file_get_a_change_bar(
        qtbot: QtBot, store: Store, tmp_path: Path) -> None:
    [imported] = import_files(store, [_tracked_docx(tmp_path / "dues.docx")])
    session = ReviewSession(store)
    session.open_brief(imported.id)
    shown = DocumentView(session)
    show_active(qtbot, shown, 800, 400)
    assert session.brief is not None
    # The paragraphs stand as before the change; the one whose mark went is flagged.
    changed = next(b for b in session.brief.blocks if b.tracked_changes)
    assert changed.text == "Dues rose sharply at every port."
    assert shown.inline_suggestions.change_bars() == [changed.start]
    document = shown.document()
    rect = document.documentLayout().blockBoundingRect(document.findBlock(changed.start))
    image = shown.grab().toImage()
    x = int(rect.left()) - CHANGE_BAR_GAP
    top = int(rect.top() - shown.verticalScrollBar().value())
    assert _has_colour(image, (x - 1, top + 2, 3, int(rect.height()) - 4), QColor("#8e24aa"))
    assert not _has_colour(image, (x + 4, top + 2, 12, int(rect.height()) - 4),
                           QColor("#8e24aa"))  # left of the text, not over it
    told = _tooltip_at(shown, QPoint(x, top + int(rect.height()) // 2))
    assert told == CHANGE_BAR_TIP
    untouched = document.findBlock(session.brief.text.index("Nothing changed"))
    rect = document.documentLayout().blockBoundingRect(untouched)
    assert not _has_colour(image, (x - 1, int(rect.top()) + 2, 3, int(rect.height()) - 4),
                           QColor("#8e24aa"))


def test_right_click_on_the_struck_words_offers_accept_and_reject(
        qtbot: QtBot, view: DocumentView, session: ReviewSession) -> None:
    assert session.brief is not None
    _suggest(session, "six weeks", "eight weeks")
    start, _ = _span(session, "six weeks")
    point = view.cursorRect(_cursor_at(view, start + 1)).center() + QPoint(2, 0)
    seen: list[str] = []

    def choose() -> None:
        menu = QApplication.activePopupWidget()
        assert isinstance(menu, QMenu)
        seen.extend(action.text() for action in menu.actions() if action.text())
        accept = next(a for a in menu.actions() if a.text() == "Accept suggested edit")
        menu.close()
        accept.trigger()

    QTimer.singleShot(0, choose)
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, point,
                              view.viewport().mapToGlobal(point))
    QApplication.sendEvent(view.viewport(), event)
    assert seen[:2] == ["Accept suggested edit", "Reject suggested edit"]
    assert len(seen) > 2  # the standard entries (Copy, Select All) follow
    assert suggestions_of(session.store, session.brief.id)[0].status == \
        SuggestionStatus.ACCEPTED
    session.undo_stack.undo()
    assert suggestions_of(session.store, session.brief.id)[0].status == \
        SuggestionStatus.PENDING


def _tooltip_at(view: DocumentView, point: QPoint) -> str:
    QToolTip.hideText()
    event = QHelpEvent(QEvent.Type.ToolTip, point, view.viewport().mapToGlobal(point))
    QApplication.sendEvent(view.viewport(), event)
    return QToolTip.text() if QToolTip.isVisible() else ""


def test_hovering_a_suggestion_tells_who_suggested_what(
        view: DocumentView, session: ReviewSession) -> None:
    assert session.brief is not None
    _suggest(session, "six weeks", "eight weeks")
    start, end = _span(session, "six weeks")
    session.push(undo.CreateAnnotation(session, session.brief.id, start, end, None, "Check"))
    point = view.cursorRect(_cursor_at(view, start + 1)).center() + QPoint(2, 0)
    told = _tooltip_at(view, point)
    assert told.startswith("Bo Lind suggests: “six weeks” → “eight weeks”\n")
    assert "Ctrl+Alt+Y accepts, Ctrl+Alt+N rejects" in told
    assert told.endswith(": Check")  # the annotation's own tooltip follows


def test_in_the_window_the_keys_and_the_review_menu_decide(
        qtbot: QtBot, store: Store, tmp_path: Path) -> None:
    settings = Settings(QSettings(str(tmp_path / "settings.ini"),
                                  QSettings.Format.IniFormat))
    window = MainWindow(store, settings)
    show_active(qtbot, window)
    window.open_sample()
    session = window.session
    assert session.brief is not None
    words = next(word for word in session.brief.text.split() if len(word) > 6 and
                 word.isalpha())
    key = _suggest(session, words, words.upper(), reviewer="Ines Duarte")
    start, _ = _span(session, words)
    _caret(window.document, start + 1)
    window.document.setFocus()
    qtbot.keyClick(window.document, Qt.Key.Key_Y,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
    assert suggestions_of(store, session.brief.id)[0].status == SuggestionStatus.ACCEPTED
    review_menu = next(action.menu() for action in window.menuBar().actions()
                       if action.text() == "Revie&w")
    reject = next(action for action in review_menu.actions()
                  if action.text() == "Reject suggested edit")
    assert reject.shortcut().toString() == "Ctrl+Alt+N"
    window.search.setFocus()  # the keys work wherever the focus is, on the document's caret
    qtbot.keyClick(window.search, Qt.Key.Key_N,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
    assert suggestions_of(store, session.brief.id)[0].status == SuggestionStatus.REJECTED
    session.undo_stack.undo()
    session.undo_stack.undo()
    [back] = suggestions_of(store, session.brief.id)
    assert (back.id, back.status) == (key, SuggestionStatus.PENDING)
    rows = {(row.command, row.keys) for row in window.shortcut_rows()}
    assert {("Accept suggested edit", "Ctrl+Alt+Y"),
            ("Reject suggested edit", "Ctrl+Alt+N")} <= rows  # Help → Keyboard shortcuts


def test_zooming_makes_room_for_the_new_words_at_the_new_size(
        view: DocumentView, session: ReviewSession) -> None:
    _suggest(session, "six weeks", "eight weeks")
    [edit] = _inline(view).edits
    before = _inline(view).room_width(edit)
    view.zoom_in()
    view.zoom_in()
    [edit] = _inline(view).edits
    assert _inline(view).room_width(edit) > before
    end = _span(session, "six weeks")[1]
    assert _has_colour(view.grab().toImage(), _room(view, end), reviewer_colour("Bo Lind"))


def test_a_reviewer_keeps_one_colour() -> None:
    assert reviewer_colour("Bo Lind") == reviewer_colour("bo lind")  # the name, not its case
    assert reviewer_colour("Bo Lind") != reviewer_colour("Ines Duarte")
    assert reviewer_colour("Bo Lind").lightnessF() < 0.5  # readable on white
    assert reviewer_colour("Bo Lind", dark=True).lightnessF() > 0.6  # and on a dark base

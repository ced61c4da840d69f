"""The document view: the brief rendered, selections tagged by key, highlights kept in step."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QTextCursor
from pytestqt.qtbot import QtBot

from reviewdesk.domain.review import AnnotationStatus
from reviewdesk.domain.views import AnnotationView
from reviewdesk.services.annotations import annotate, list_annotations
from reviewdesk.ui import undo
from reviewdesk.ui.annotation_cards import AnnotationCards
from reviewdesk.ui.document_view import DocumentView
from reviewdesk.ui.highlights import highlight_colour
from reviewdesk.ui.session import ReviewSession


@pytest.fixture
def view(qtbot: QtBot, session: ReviewSession) -> DocumentView:
    shown = DocumentView(session)
    qtbot.addWidget(shown)
    shown.resize(800, 600)
    shown.show()
    return shown


def _span(session: ReviewSession, words: str) -> tuple[int, int]:
    assert session.brief is not None
    start = session.brief.text.index(words)
    return start, start + len(words)


def select(view: DocumentView, start: int, end: int) -> None:
    cursor = QTextCursor(view.document())
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    view.setTextCursor(cursor)


def background(view: DocumentView, position: int) -> QColor:
    """The highlight drawn behind one character; transparent when there is none."""
    brush = view.highlight_at(position).background()
    if brush.style() == Qt.BrushStyle.NoBrush:
        return QColor(Qt.GlobalColor.transparent)
    return brush.color()


def shortcut_tag(session: ReviewSession, key: str) -> tuple[str, str]:
    tag = next(tag for tag in session.codebook.tags if tag.shortcut == key)
    return session.codebook.path(tag), tag.colour


def test_document_text_matches_the_canonical_text(view: DocumentView,
                                                  session: ReviewSession) -> None:
    assert session.brief is not None
    assert view.toPlainText().replace("\u2029", "\n") == session.brief.text
    assert view.isReadOnly()
    start, _ = _span(session, "first joint patrol")
    assert view.document().findBlock(start).textList() is not None  # a bulleted item


def test_key_tags_selection_then_undo_and_redo(qtbot: QtBot, view: DocumentView,
                                               session: ReviewSession) -> None:
    assert session.brief is not None
    cards = AnnotationCards(session)
    qtbot.addWidget(cards)
    start, end = _span(session, "first joint patrol")
    select(view, start, end)
    qtbot.keyClick(view, Qt.Key.Key_1)
    path, colour = shortcut_tag(session, "1")
    [stored] = list_annotations(session.store, session.brief.id)
    assert (stored.tag, stored.start, stored.end) == (path, start, end)
    assert cards.model.rowCount() == 1
    assert background(view, start).name() == colour
    assert background(view, end - 1).alpha() > 0
    assert background(view, end).alpha() == 0
    session.undo_stack.undo()
    assert cards.model.rowCount() == 0 and background(view, start).alpha() == 0
    session.undo_stack.redo()
    assert cards.model.rowCount() == 1 and background(view, start).name() == colour


def test_key_without_selection_is_a_slip_not_a_box(qtbot: QtBot, view: DocumentView,
                                                   session: ReviewSession) -> None:
    with qtbot.assertNotEmitted(session.error), qtbot.waitSignal(session.notice) as message:
        qtbot.keyClick(view, Qt.Key.Key_2)
    assert message.args == ["select some words first"]
    assert session.annotations == []


def test_overlapping_annotations_blend_and_clicks_pick_the_innermost(
        qtbot: QtBot, view: DocumentView, session: ReviewSession) -> None:
    assert session.brief is not None
    outer = _span(session, "the first joint patrol left the port")
    inner = _span(session, "joint patrol")
    select(view, *outer)
    qtbot.keyClick(view, Qt.Key.Key_2)
    select(view, *inner)
    qtbot.keyClick(view, Qt.Key.Key_3)
    blue, red = shortcut_tag(session, "2")[1], shortcut_tag(session, "3")[1]
    assert background(view, outer[0]).name() == blue
    assert background(view, inner[0]) == highlight_colour([blue, red])
    inner_id = next(note.id for note in session.annotations if note.start == inner[0])
    select(view, inner[0] + 2, inner[0] + 2)
    with qtbot.waitSignal(session.annotation_selected) as chosen:
        view.click_at(view.cursorRect().center())
    assert chosen.args == [inner_id]
    session.push(undo.DeleteAnnotation(session, inner_id))
    assert background(view, inner[0]).name() == blue  # the outer layer is still there


def test_mouse_click_on_a_highlight_selects_its_card(qtbot: QtBot, view: DocumentView,
                                                     session: ReviewSession) -> None:
    assert session.brief is not None
    cards = AnnotationCards(session)
    qtbot.addWidget(cards)
    note = annotate(session.store, session.brief.id, "perch", tag="Claim")
    session.open_brief(session.brief.id)
    select(view, note.start + 2, note.start + 2)
    point = view.cursorRect().center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert cards.current_id() == note.id
    assert not view.textCursor().hasSelection()  # the caret stays where it was clicked


def test_selecting_elsewhere_selects_the_words_and_f8_walks(qtbot: QtBot, view: DocumentView,
                                                            session: ReviewSession) -> None:
    assert session.brief is not None
    first = annotate(session.store, session.brief.id, "quotas", tag="Claim")
    second = annotate(session.store, session.brief.id, "perch", tag="Risk")
    session.open_brief(session.brief.id)
    session.annotation_selected.emit(second.id)
    assert view.textCursor().selectedText() == "perch"
    view.moveCursor(QTextCursor.MoveOperation.Start)
    with qtbot.waitSignal(session.annotation_selected) as chosen:
        qtbot.keyClick(view, Qt.Key.Key_F8)
    assert chosen.args == [first.id] and view.textCursor().selectedText() == "quotas"
    qtbot.keyClick(view, Qt.Key.Key_F8)
    assert view.textCursor().selectedText() == "perch"
    qtbot.keyClick(view, Qt.Key.Key_F8)  # wraps to the first
    assert view.textCursor().selectedText() == "quotas"
    qtbot.keyClick(view, Qt.Key.Key_F8, Qt.KeyboardModifier.ShiftModifier)  # and back
    assert view.textCursor().selectedText() == "perch"


def test_comment_key_creates_or_edits(qtbot: QtBot, view: DocumentView,
                                      session: ReviewSession,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    assert session.brief is not None
    answers = iter(["Which year?", "Which year exactly?"])
    monkeypatch.setattr(view, "ask_comment", lambda title, text: next(answers))
    start, end = _span(session, "a decade")
    select(view, start, end)
    combo = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
    qtbot.keyClick(view, Qt.Key.Key_M, combo)
    [note] = list_annotations(session.store, session.brief.id)
    assert (note.tag, note.comment, note.start) == (None, "Which year?", start)
    select(view, start + 1, start + 1)
    qtbot.keyClick(view, Qt.Key.Key_M, combo)
    [note] = list_annotations(session.store, session.brief.id)
    assert note.comment == "Which year exactly?"
    assert note.status == AnnotationStatus.OPEN


def test_comment_key_right_after_tagging_comments_on_that_annotation(
        qtbot: QtBot, view: DocumentView, session: ReviewSession,
        monkeypatch: pytest.MonkeyPatch) -> None:
    assert session.brief is not None
    monkeypatch.setattr(view, "ask_comment", lambda title, text: "Source?")
    select(view, *_span(session, "perch"))
    qtbot.keyClick(view, Qt.Key.Key_1)
    combo = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
    qtbot.keyClick(view, Qt.Key.Key_M, combo)  # the selection is still the tagged words
    [note] = list_annotations(session.store, session.brief.id)
    assert (note.quote, note.comment) == ("perch", "Source?") and note.tag is not None


def test_context_menu_lists_nested_tags(view: DocumentView, session: ReviewSession) -> None:
    assert session.brief is not None
    select(view, *_span(session, "perch"))
    menu = view.annotation_menu()
    titles = [action.text() for action in menu.actions()]
    assert "Indicator" in titles and "Comment…" in titles
    indicator = next(a for a in menu.actions() if a.text() == "Indicator").menu()
    assert indicator is not None
    assert "security" in [action.text() for action in indicator.actions()]
    next(a for a in indicator.actions() if a.text() == "security").trigger()
    [note] = list_annotations(session.store, session.brief.id)
    assert note.tag == "Indicator › security"


def test_one_edit_does_not_rerender_a_busy_brief(view: DocumentView,
                                                 session: ReviewSession) -> None:
    """Adding one annotation among 5,000 repaints its words only (not timed)."""
    assert session.brief is not None
    brief, length = session.brief, len(session.brief.text)
    many: list[AnnotationView] = []
    template = annotate(session.store, brief.id, "perch", tag="Claim")
    for number in range(5000):
        start = (number * 7) % (length - 12)
        many.append(replace(template, id=f"n{number}", start=start, end=start + 10))
    view.show_brief(brief, many)
    renders, revision = view.render_count, view.document().revision()
    start, end = _span(session, "second patrol boat")
    select(view, start, end)
    view.tag_with_shortcut("4")
    assert view.render_count == renders
    assert view.document().revision() - revision < 50
    assert background(view, start).alpha() > 0


def _drawn(view: DocumentView) -> list[tuple[int, int, int, str]]:
    """Every highlight the block layouts draw: (block, start, length, colour)."""
    found: list[tuple[int, int, int, str]] = []
    block = view.document().begin()
    while block.isValid():
        found.extend((block.blockNumber(), drawn.start, drawn.length,
                      drawn.format.background().color().name(QColor.NameFormat.HexArgb))
                     for drawn in block.layout().formats())
        block = block.next()
    return found


def test_edits_draw_what_opening_the_brief_draws(qtbot: QtBot, view: DocumentView,
                                                 session: ReviewSession) -> None:
    """Creating, deleting and undoing repaint the blocks they touch, and leave them as a
    fresh render of the same annotations would (overlaps and paragraph breaks included)."""
    assert session.brief is not None
    text = session.brief.text
    first = text.index("\n") + 1
    across = (first - 12, first + 8)  # over the end of a paragraph and into the next
    for start, end, key in ((*across, "2"), (first - 6, first - 2, "3"), (first, first + 3, "1")):
        select(view, start, end)
        view.tag_with_shortcut(key)
    session.undo_stack.undo()
    session.push(undo.DeleteAnnotation(session, session.annotations[0].id))
    fresh = DocumentView()
    qtbot.addWidget(fresh)
    fresh.show_brief(session.brief, session.annotations)
    assert _drawn(view) == _drawn(fresh) and len(_drawn(view)) == 1
    session.undo_stack.undo()
    fresh.show_brief(session.brief, session.annotations)
    assert _drawn(view) == _drawn(fresh) and len(_drawn(view)) == 4


def test_a_highlight_tooltip_names_its_annotations_innermost_first(
        view: DocumentView, session: ReviewSession) -> None:
    assert session.brief is not None
    outer = annotate(session.store, session.brief.id, "first joint patrol", tag="Claim",
                     comment="Which patrol?")
    inner = annotate(session.store, session.brief.id, "joint", tag="Risk")
    session.open_brief(session.brief.id)
    caret = inner.start + 2  # a hover's caret position: the character before it is told
    assert view.tooltip_at(caret).splitlines() == [
        f"Risk — {inner.reviewer}", f"Claim — {outer.reviewer}: Which patrol?"]
    assert view.tooltip_at(outer.start) == ""

"""Tags stay apart without their colours (one underline style each, as an option), and cards
follow a dark palette."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette, QTextCharFormat
from pytestqt.qtbot import QtBot

from reviewdesk.ui import undo
from reviewdesk.ui.card_colours import DARK, LIGHT, card_colours
from reviewdesk.ui.document_view import DocumentView
from reviewdesk.ui.session import ReviewSession


def _underline_at(view: DocumentView,
                  position: int) -> tuple[QTextCharFormat.UnderlineStyle, bool]:
    drawn = view.highlight_at(position)
    return drawn.underlineStyle(), drawn.fontOverline()


def test_each_tag_gets_its_own_underline_when_asked(qtbot: QtBot,
                                                    session: ReviewSession) -> None:
    view = DocumentView(session)
    qtbot.addWidget(view)
    assert session.brief is not None
    tags = sorted((tag for tag in session.codebook.tags if tag.parent_id is None),
                  key=lambda tag: tag.position)
    assert len(tags) >= 7  # more tags than underline styles: overlines tell the rest apart
    starts = []
    for number, tag in enumerate(tags):
        start = 40 * number + 5
        session.push(undo.CreateAnnotation(session, session.brief.id, start, start + 4, tag.id))
        starts.append(start)
    none = (QTextCharFormat.UnderlineStyle.NoUnderline, False)
    assert {_underline_at(view, start) for start in starts} == {none}
    view.set_patterns(True)
    styles = [_underline_at(view, start) for start in starts]
    assert none not in styles and len(set(styles)) == len(tags)
    view.set_patterns(False)
    assert {_underline_at(view, start) for start in starts} == {none}


def test_cards_take_dark_colours_in_a_dark_palette() -> None:
    dark = QPalette()
    dark.setColor(QPalette.ColorRole.Base, QColor("#1e1f22"))
    light = QPalette()
    light.setColor(QPalette.ColorRole.Base, QColor("#ffffff"))
    assert card_colours(dark) is DARK and card_colours(light) is LIGHT
    assert DARK.fill.lightnessF() < 0.3 and DARK.strong.lightnessF() > 0.8

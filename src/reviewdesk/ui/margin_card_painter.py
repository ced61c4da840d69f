"""One comment card in the margin, measured and painted: tag stripe and name, reviewer,
the comment in up to three lines, replies and whether it is resolved."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPen, QTextLayout

from reviewdesk.domain.review import AnnotationStatus
from reviewdesk.domain.views import AnnotationView
from reviewdesk.ui.annotation_cards import placement_label
from reviewdesk.ui.card_colours import LIGHT, CardColours
from reviewdesk.ui.highlights import COMMENT_COLOUR

PAD = 8  # inside a card
COMMENT_LINES = 3  # a longer comment is elided: the editor shows it whole


@dataclass(frozen=True, slots=True)
class CardText:
    """A card's comment as it is shown at one width: its lines, the last elided."""

    comment: str
    width: int
    lines: tuple[str, ...]


def comment_lines(text: str, font: QFont, width: int, limit: int = COMMENT_LINES
                  ) -> tuple[str, ...]:
    """The words of `text` wrapped to `width` pixels, at most `limit` lines; the last line
    ends in an ellipsis when words are left over."""
    flat = " ".join(text.split())
    if not flat:
        return ()
    layout = QTextLayout(flat, font)
    layout.beginLayout()
    spans: list[tuple[int, int]] = []
    while len(spans) < limit:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(max(width, 1))
        spans.append((line.textStart(), line.textLength()))
    layout.endLayout()
    units = flat.encode("utf-16-le")  # Qt counts UTF-16 code units, Python code points

    def piece(start: int, length: int | None = None) -> str:
        end = None if length is None else 2 * (start + length)
        return units[2 * start:end].decode("utf-16-le").strip()

    lines = [piece(start, length) for start, length in spans]
    last_start, last_length = spans[-1]
    if last_start + last_length < len(units) // 2:
        lines[-1] = QFontMetrics(font).elidedText(piece(last_start), Qt.TextElideMode.ElideRight,
                                                  width)
    return tuple(lines)


class MarginCardPainter:
    """Measures and paints cards in one font; the comment's lines are kept per card until
    the comment or the width changes, so a repaint wraps nothing."""

    colours: CardColours = LIGHT  # the margin sets them from its palette before painting

    def __init__(self, font: QFont) -> None:
        self.font = font
        self.small = QFont(font)
        self.small.setPointSizeF(font.pointSizeF() * 0.9)
        self.bold = QFont(font)
        self.bold.setBold(True)
        self._line = QFontMetrics(font).lineSpacing()
        self._texts: dict[str, CardText] = {}

    def text_width(self, card_width: int) -> int:
        """The room for text inside a card `card_width` pixels wide."""
        return card_width - 2 * PAD - 6

    def lines(self, view: AnnotationView, card_width: int) -> tuple[str, ...]:
        """The comment's lines on this card (none when it has no comment)."""
        width = self.text_width(card_width)
        kept = self._texts.get(view.id)
        if kept is None or kept.comment != view.comment or kept.width != width:
            kept = CardText(view.comment, width, comment_lines(view.comment, self.font, width))
            self._texts[view.id] = kept
        return kept.lines

    def forget(self, annotation_id: str | None = None) -> None:
        """Drop the kept lines of one card, or of all (a new brief)."""
        if annotation_id is None:
            self._texts.clear()
        else:
            self._texts.pop(annotation_id, None)

    def height(self, view: AnnotationView, card_width: int) -> int:
        """The card's height: a header, one to three lines of comment, a footer."""
        shown = max(len(self.lines(view, card_width)), 1)  # "No comment" takes a line
        return 2 * PAD + 2 * (self._line + 2) + shown * self._line + 4

    def paint(self, painter: QPainter, card: QRect, view: AnnotationView,
              selected: bool) -> None:
        """Paint the card in `card` (its full rectangle)."""
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        colour = QColor(view.colour or COMMENT_COLOUR)
        painter.setPen(QPen((self.colours.accent if selected else self.colours.border),
                            1.5 if selected else 1))
        painter.setBrush(self.colours.selected_fill if selected else self.colours.fill)
        painter.drawRoundedRect(card.adjusted(0, 0, -1, -1), 6, 6)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        painter.drawRoundedRect(QRect(card.left() + 1, card.top() + 1, 5, card.height() - 2),
                                2, 2)
        left, width = card.left() + PAD + 6, self.text_width(card.width())
        top = card.top() + PAD
        self._header(painter, QRect(left, top, width, self._line + 2), view)
        top += self._line + 2
        lines = self.lines(view, card.width())
        painter.setFont(self.font if lines else _italic(self.font))
        painter.setPen(self.colours.text if lines else self.colours.faint)
        for text in lines or ("No comment",):
            painter.drawText(QRect(left, top, width, self._line),
                             Qt.AlignmentFlag.AlignVCenter, text)
            top += self._line
        self._footer(painter, QRect(left, top + 4, width, self._line + 2), view)
        painter.restore()

    def _header(self, painter: QPainter, rect: QRect, view: AnnotationView) -> None:
        who = view.reviewer or view.initials
        painter.setFont(self.small)
        metrics = QFontMetrics(self.small)
        who = metrics.elidedText(who, Qt.TextElideMode.ElideRight, rect.width() // 2)
        painter.setPen(self.colours.muted)
        painter.drawText(rect, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, who)
        room = rect.width() - metrics.horizontalAdvance(who) - 8
        painter.setFont(self.bold)
        painter.setPen(self.colours.strong)
        painter.drawText(rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         QFontMetrics(self.bold).elidedText(
                             view.tag or "Comment", Qt.TextElideMode.ElideMiddle,
                             max(room, 20)))

    def _footer(self, painter: QPainter, rect: QRect, view: AnnotationView) -> None:
        painter.setFont(self.small)
        metrics = QFontMetrics(self.small)
        resolved = view.status == AnnotationStatus.RESOLVED
        status = "✓ Resolved" if resolved else "● Open"
        painter.setPen(self.colours.resolved if resolved else self.colours.accent)
        painter.drawText(rect, Qt.AlignmentFlag.AlignVCenter, status)
        count = len(view.replies)
        replies = f"{count} {'reply' if count == 1 else 'replies'}" if count else ""
        if replies:
            painter.setPen(self.colours.muted)
            painter.drawText(rect, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                             replies)
        placement = placement_label(view)
        if placement:  # carried from an earlier version and not sure: say so on the card
            shift = metrics.horizontalAdvance(status + "  ")
            room = rect.width() - shift - metrics.horizontalAdvance(replies + "  ")
            painter.setPen(self.colours.warn if view.anchor_state == "needs_review"
                           else self.colours.error)
            painter.drawText(rect.adjusted(shift, 0, 0, 0), Qt.AlignmentFlag.AlignVCenter,
                             metrics.elidedText(placement, Qt.TextElideMode.ElideRight,
                                                max(room, 0)))


def _italic(font: QFont) -> QFont:
    shown = QFont(font)
    shown.setItalic(True)
    return shown

"""A brief printed for review on paper: the text with its highlights and numbered marks, the
comments beside their lines in a right-hand margin, the notes that do not fit in an end list,
a header with the title and a footer with the page, the reviewer and the date.

Paints onto any paged device (a QPdfWriter, a QPrinter). Everything is laid out in points,
on a 72 dpi layout device, and the painter scales points to the device's dots.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from PySide6.QtCore import QMarginsF, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QBrush,
    QColor,
    QFont,
    QImage,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPalette,
    QPen,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFrameFormat,
)

from reviewdesk.domain.brief import Brief
from reviewdesk.domain.views import AnnotationView
from reviewdesk.domain.words import count
from reviewdesk.ui.document_view import DocumentView
from reviewdesk.ui.highlights import COMMENT_COLOUR, copy_with_highlights
from reviewdesk.ui.print_notes import (
    NOTE_COLOUR,
    PlacedNote,
    WantedNote,
    fill_columns,
    note_html,
    stack_notes,
)

POINTS_PER_INCH = 72
TEXT_SHARE = 0.62  # of the page's width for the brief; the margin notes take the last 35%
MARGIN_SHARE = 0.35
HEADER = 26.0  # points above the text for the title, and below it for the footer
FOOTER = 26.0
HINT = 14.0  # points at the foot of a margin that overflows, to say where the rest went
NOTE_GAP = 5.0  # points between two notes in the margin
BAR = 2.5  # the coloured bar on a note's left, in its tag's colour
BODY_POINTS = 10.0
NOTE_POINTS = 7.5
END_TITLE = "Notes that did not fit in the margin"
END_TITLE_HEIGHT = 24.0
END_COLUMN_GAP = 18.0


@dataclass(frozen=True, slots=True)
class PrintedReview:
    """What goes on paper: the brief, its annotations in document order, who reviews, when."""

    brief: Brief
    annotations: Sequence[AnnotationView]
    reviewer: str
    day: date


@dataclass(slots=True)
class PrintedPage:
    """One page of the brief's text and the notes placed beside it."""

    notes: list[PlacedNote] = field(default_factory=list)
    left_over: list[int] = field(default_factory=list)  # in the end list instead
    marks: dict[int, float] = field(default_factory=dict)  # number -> its line's middle


def set_up_pdf(device: QPagedPaintDevice) -> None:
    """A4 upright with 15 mm margins: the page the layout is made for."""
    device.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4),
                                     QPageLayout.Orientation.Portrait,
                                     QMarginsF(15, 15, 15, 15), QPageLayout.Unit.Millimeter))


def paint_review(review: PrintedReview, device: QPagedPaintDevice) -> int:
    """Paint the review onto `device`, page after page; returns how many pages it took."""
    layout = ReviewPages(review, device.logicalDpiX() / POINTS_PER_INCH,
                         device.width(), device.height())
    painter = QPainter()
    if not painter.begin(device):
        raise OSError("the printer or file could not be opened for painting")
    try:
        layout.paint(painter, device)
    finally:
        painter.end()
    return layout.page_count


def layout_device() -> QImage:
    """A paint device at 72 dots an inch, so that layouts measure in points."""
    image = QImage(1, 1, QImage.Format.Format_ARGB32)
    dots_per_metre = round(POINTS_PER_INCH / 0.0254)
    image.setDotsPerMeterX(dots_per_metre)
    image.setDotsPerMeterY(dots_per_metre)
    return image


class ReviewPages:
    """The pages of one review, laid out in points before the first is painted (the
    footer's "page N of M" needs M, which needs the end list): for a device `width` by
    `height` dots, at `scale` dots a point."""

    def __init__(self, review: PrintedReview, scale: float, width: int, height: int) -> None:
        self.review = review
        self.scale = scale
        self.width = width / scale
        self.height = height / scale
        self.text_width = self.width * TEXT_SHARE
        self.margin_left = self.width * (1 - MARGIN_SHARE)
        self.body_height = self.height - HEADER - FOOTER
        self._device = layout_device()  # kept: the documents lay out against it
        numbered = list(enumerate(review.annotations, start=1))
        self.body = self._body(numbered)
        self.notes = {number: self._note(number, view) for number, view in numbered}
        self.pages, self.left_over = self._place(numbered)
        self.end_pages = self._end_list()
        self.page_count = len(self.pages) + len(self.end_pages)

    # Laying out ---------------------------------------------------------------------------

    def _document(self, points: float, serif: bool, width: float) -> QTextDocument:
        document = QTextDocument()
        self._set_up(document, points, serif, width)
        return document

    def _set_up(self, document: QTextDocument, points: float, serif: bool,
                width: float) -> None:
        """Lay `document` out in points, in this font size, `width` points wide."""
        document.documentLayout().setPaintDevice(self._device)
        font = QFont("Serif" if serif else "Sans Serif")
        font.setStyleHint(QFont.StyleHint.Serif if serif else QFont.StyleHint.SansSerif)
        font.setPointSizeF(points)
        document.setDefaultFont(font)
        option = document.defaultTextOption()
        option.setUseDesignMetrics(True)  # no hinting: the same widths at every resolution
        document.setDefaultTextOption(option)
        document.setDocumentMargin(0)
        document.setTextWidth(width)

    def _body(self, numbered: Sequence[tuple[int, AnnotationView]]) -> QTextDocument:
        """The brief as the document view renders it (blocks and highlights), with each
        annotation's number raised after its last word."""
        view = DocumentView()
        view.show_brief(self.review.brief, [v for _, v in numbered])
        # Kept while the pages are: PySide ties a clone's life to the document it copies.
        self._view = view
        document = copy_with_highlights(view.document())
        self._set_up(document, BODY_POINTS, True, self.text_width)
        root: QTextFrameFormat = document.rootFrame().frameFormat()
        root.setLeftMargin(0)
        root.setRightMargin(0)
        document.rootFrame().setFrameFormat(root)
        self._marks = _insert_marks(document, numbered)
        document.setPageSize(QSizeF(self.text_width, self.body_height))
        return document

    def _note(self, number: int, view: AnnotationView) -> QTextDocument:
        document = self._document(NOTE_POINTS, False, self.width * MARGIN_SHARE - BAR - 4)
        document.setHtml(note_html(number, view))
        return document

    def _place(self, numbered: Sequence[tuple[int, AnnotationView]]
               ) -> tuple[list[PrintedPage], list[int]]:
        """Which page each note's line is on, and where the note goes in that margin."""
        pages = [PrintedPage() for _ in range(max(self.body.pageCount(), 1))]
        wanted: list[list[WantedNote]] = [[] for _ in pages]
        for number, _view in numbered:
            top, middle = _line_of(self.body, self._marks[number])
            index = min(int(top // self.body_height), len(pages) - 1)
            offset = index * self.body_height
            pages[index].marks[number] = middle - offset
            wanted[index].append(WantedNote(number, top - offset,
                                            self.notes[number].size().height()))
        left_over: list[int] = []
        for page, notes in zip(pages, wanted, strict=True):
            page.notes, page.left_over = stack_notes(notes, self.body_height, NOTE_GAP)
            if page.left_over:  # room at the foot of the margin to say where they went
                page.notes, page.left_over = stack_notes(notes, self.body_height - HINT,
                                                         NOTE_GAP)
            left_over.extend(page.left_over)
        return pages, sorted(left_over)

    def _end_list(self) -> list[list[tuple[int, PlacedNote]]]:
        """The notes left over, in two columns under the list's title."""
        width = (self.width - END_COLUMN_GAP) / 2
        for number in self.left_over:
            view = self.review.annotations[number - 1]
            document = self._document(NOTE_POINTS + 0.5, False, width - BAR - 4)
            document.setHtml(note_html(number, view, quote=True))
            self.notes[number] = document
        heights = [(number, self.notes[number].size().height()) for number in self.left_over]
        return fill_columns(heights, END_TITLE_HEIGHT, self.body_height, 2, NOTE_GAP * 2)

    # Painting -----------------------------------------------------------------------------

    def paint(self, painter: QPainter, device: QPagedPaintDevice) -> None:
        """Every page: the brief's pages with their margins, then the end list's."""
        for number in range(1, self.page_count + 1):
            if number > 1:
                device.newPage()
            painter.save()
            painter.scale(self.scale, self.scale)
            self._frame(painter, number)
            if number <= len(self.pages):
                self._text_page(painter, number - 1)
            else:
                self._end_page(painter, number - len(self.pages) - 1)
            painter.restore()

    def _frame(self, painter: QPainter, number: int) -> None:
        """The title above, a rule under it; the page, reviewer and date below."""
        painter.setPen(QColor("#444444"))
        painter.setFont(_font(8, serif=False))
        flags = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
        painter.drawText(QRectF(0, 0, self.width, HEADER - 8), flags | Qt.TextFlag.TextSingleLine,
                         _elided(painter, self.review.brief.title, self.width))
        painter.setPen(QPen(QColor("#999999"), 0.5))
        painter.drawLine(QPointF(0, HEADER - 8), QPointF(self.width, HEADER - 8))
        bottom = self.height - FOOTER + 8
        painter.drawLine(QPointF(0, bottom), QPointF(self.width, bottom))
        painter.setPen(QColor("#444444"))
        line = QRectF(0, bottom + 4, self.width, FOOTER - 12)
        day = f"{self.review.day.day} {self.review.day:%B %Y}"
        painter.drawText(line, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
                         f"Reviewed by {self.review.reviewer} · {day}")
        painter.drawText(line, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop,
                         f"page {number} of {self.page_count}")

    def _text_page(self, painter: QPainter, index: int) -> None:
        page = self.pages[index]
        painter.save()
        painter.translate(0, HEADER - index * self.body_height)
        _draw(self.body, painter, QRectF(0, index * self.body_height,
                                         self.text_width, self.body_height))
        painter.restore()
        painter.setPen(QPen(QColor("#cccccc"), 0.5))
        rule = self.margin_left - 6
        painter.drawLine(QPointF(rule, HEADER), QPointF(rule, HEADER + self.body_height))
        for note in page.notes:
            self._margin_note(painter, note, page.marks[note.number])
        if page.left_over:
            painter.setPen(QColor(NOTE_COLOUR))
            painter.setFont(_font(8, serif=False))
            painter.drawText(QRectF(self.margin_left, HEADER + self.body_height - HINT + 4,
                                    self.width - self.margin_left, HINT - 4),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom,
                             _continued(page.left_over, self._end_page_of(page.left_over[0])))

    def _end_page_of(self, number: int) -> int:
        """The page of the end list that a note left over is on."""
        for index, notes in enumerate(self.end_pages):
            if any(note.number == number for _, note in notes):
                return len(self.pages) + index + 1
        return len(self.pages) + 1

    def _margin_note(self, painter: QPainter, note: PlacedNote, mark: float) -> None:
        top = HEADER + note.top
        if note.top - mark > 2:  # pushed down: a thin line back to its mark's line
            painter.setPen(QPen(QColor("#c8c8c8"), 0.3))
            painter.drawLine(QPointF(self.text_width + 2, HEADER + mark),
                             QPointF(self.margin_left, top + 4))
        self._note_at(painter, note, self.margin_left)

    def _note_at(self, painter: QPainter, note: PlacedNote, left: float) -> None:
        """A note with its tag's colour in a bar down its left, `left` points in."""
        view = self.review.annotations[note.number - 1]
        top = HEADER + note.top
        painter.fillRect(QRectF(left, top, BAR, note.height),
                         QBrush(QColor(view.colour or COMMENT_COLOUR)))
        painter.save()
        painter.translate(left + BAR + 4, top)
        document = self.notes[note.number]
        _draw(document, painter, QRectF(0, 0, document.textWidth(), note.height))
        painter.restore()

    def _end_page(self, painter: QPainter, index: int) -> None:
        if index == 0:
            painter.setPen(QColor("black"))
            font = _font(12, serif=False)
            font.setBold(True)
            painter.setFont(font)
            painter.drawText(QRectF(0, HEADER, self.width, END_TITLE_HEIGHT),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, END_TITLE)
        column_width = (self.width - END_COLUMN_GAP) / 2
        for column, note in self.end_pages[index]:
            self._note_at(painter, note, column * (column_width + END_COLUMN_GAP))


def _draw(document: QTextDocument, painter: QPainter, clip: QRectF) -> None:
    """Draw the part of `document` inside `clip` in black on paper, whatever the theme (a
    document draws its text in the application palette's colour, light in the dark one)."""
    context = QAbstractTextDocumentLayout.PaintContext()
    palette = QPalette(context.palette)
    palette.setColor(QPalette.ColorRole.Text, QColor("black"))
    palette.setColor(QPalette.ColorRole.Link, QColor("#1a5fb4"))
    context.palette = palette
    context.clip = clip
    painter.save()
    painter.setClipRect(clip)
    document.documentLayout().draw(painter, context)
    painter.restore()


def _insert_marks(document: QTextDocument,
                  numbered: Sequence[tuple[int, AnnotationView]]) -> dict[int, int]:
    """Raise each annotation's number after its last character ("3" or, where two end
    together, "3,4"); returns where each number now stands."""
    last = document.characterCount() - 1
    ends: dict[int, list[int]] = {}
    for number, view in numbered:
        ends.setdefault(min(max(view.end, 0), last), []).append(number)
    marks: dict[int, int] = {}
    shift = 0
    cursor = QTextCursor(document)
    for end in sorted(ends):
        cursor.setPosition(end + shift)
        label = ",".join(str(number) for number in ends[end])
        fmt = QTextCharFormat(cursor.charFormat())
        fmt.clearBackground()
        fmt.setAnchor(False)
        fmt.setFontUnderline(False)
        fmt.setFontWeight(QFont.Weight.Bold)
        fmt.setForeground(QColor(NOTE_COLOUR))
        fmt.setVerticalAlignment(QTextCharFormat.VerticalAlignment.AlignSuperScript)
        cursor.insertText(label, fmt)
        for number in ends[end]:
            marks[number] = end + shift
        shift += len(label)
    return marks


def _line_of(document: QTextDocument, position: int) -> tuple[float, float]:
    """The top and the middle of the line the character at `position` is on, in points
    from the document's top."""
    block = document.findBlock(position)
    top = document.documentLayout().blockBoundingRect(block).top()
    line = block.layout().lineForTextPosition(position - block.position())
    if not line.isValid():
        return top, top
    return top + line.y(), top + line.y() + line.height() / 2


def _continued(numbers: Sequence[int], page: int) -> str:
    """'3 more notes (15–17): see page 4', for the foot of a margin that overflowed."""
    which = str(numbers[0]) if len(numbers) == 1 else f"{min(numbers)}–{max(numbers)}"
    return f"{count(len(numbers), 'more note')} ({which}): see page {page}"


def _font(points: int, serif: bool) -> QFont:
    """A font sized in layout units (points), for a painter that scales points to dots."""
    font = QFont("Serif" if serif else "Sans Serif")
    font.setStyleHint(QFont.StyleHint.Serif if serif else QFont.StyleHint.SansSerif)
    font.setPixelSize(points)
    return font


def _elided(painter: QPainter, text: str, width: float) -> str:
    return painter.fontMetrics().elidedText(" ".join(text.split()), Qt.TextElideMode.ElideRight,
                                            int(width))

"""The annotations over a document's text, found by position, and drawn as highlights.

A highlight is one of the text layout's own format ranges (`QTextLayout.setFormats`, one
list per text block), not a character format of the document. Setting a character format
edits the document: two cursor moves and a merge per piece, its fragments split, its
layout told of every change. On a long brief with ten thousand annotations that was most
of the time it took to open. A block's format ranges are drawn over its characters' own
formats, cost one call per block, and are set before the document's first layout, so
opening a brief lays its text out once. An edit sets the ranges of the blocks it touches
and puts their lines back where they were, so it costs the same with ten annotations or
ten thousand, and in a short brief or a long one.

The formats are cached by how they look (their colours and, with patterns, the innermost
tag), so thousands of highlights share a few dozen QTextCharFormats; what differs for
every annotation, its tooltip, is made when the pointer rests on it (`tooltip`).
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Callable, Iterable, Sequence

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QTextBlock,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextLayout,
    QTextLine,
)

from reviewdesk.domain.views import AnnotationView

COMMENT_COLOUR = "#ffd54f"  # an annotation without a tag, like a sticky note

Span = tuple[int, int, str]  # (start, end, annotation id), sorted in document order
# A tag's underline style, and whether it is overlined too (see DocumentView.pattern_for).
Pattern = tuple[QTextCharFormat.UnderlineStyle, bool]
_Look = tuple[tuple[str, ...], str | None]  # colours outermost first; the patterned tag


def highlight_colour(colours: Sequence[str]) -> QColor:
    """The background of text under these annotations' colours (outermost first).

    One layer is its tag's colour, translucent; overlapping layers mix their colours
    and grow darker, so text under two annotations looks different from text under one.
    """
    if not colours:
        return QColor(Qt.GlobalColor.transparent)
    parts = [QColor(colour) for colour in colours]
    mixed = QColor(sum(c.red() for c in parts) // len(parts),
                   sum(c.green() for c in parts) // len(parts),
                   sum(c.blue() for c in parts) // len(parts))
    mixed.setAlpha(min(90 + 50 * (len(parts) - 1), 210))
    return mixed


def _outermost_first(span: Span) -> int:
    return span[0] - span[1]


def _look_of(view: AnnotationView) -> tuple[str, str | None]:
    return view.colour or COMMENT_COLOUR, view.tag


def tooltip(view: AnnotationView) -> str:
    """One annotation as its highlight's tooltip says it."""
    head = f"{view.tag or 'Comment'} — {view.reviewer}"
    return f"{head}: {view.comment}" if view.comment else head


class Highlights:
    """The annotations of the document a view shows, by position, and their highlights
    in that document's block layouts."""

    def __init__(self) -> None:
        self._views: dict[str, AnnotationView] = {}
        self._looks: dict[str, tuple[str, str | None]] = {}  # id -> colour, tag
        self.spans: list[Span] = []
        self._longest = 0  # the longest annotation ever seen bounds every overlap search
        self._pattern: Callable[[str | None], Pattern] | None = None
        self._ink = QColor()
        self._formats: dict[_Look, QTextCharFormat] = {}

    # The annotations --------------------------------------------------------------------

    def reset(self, views: Iterable[AnnotationView]) -> None:
        """Hold these annotations instead of those held before."""
        self._views = {view.id: view for view in views}
        self._looks = {view.id: _look_of(view) for view in self._views.values()}
        self.spans = sorted((view.start, view.end, view.id) for view in self._views.values())
        self._longest = max((end - start for start, end, _ in self.spans), default=0)

    def view(self, annotation_id: str) -> AnnotationView | None:
        return self._views.get(annotation_id)

    def add(self, view: AnnotationView) -> None:
        self._views[view.id] = view
        self._looks[view.id] = _look_of(view)
        bisect.insort(self.spans, (view.start, view.end, view.id))
        self._longest = max(self._longest, view.end - view.start)

    def update(self, view: AnnotationView) -> bool:
        """Hold the annotation's new state; False if it is not one of these."""
        if view.id not in self._views:
            return False
        self._views[view.id] = view
        self._looks[view.id] = _look_of(view)
        return True

    def remove(self, annotation_id: str) -> AnnotationView | None:
        """Forget the annotation; returns it, or None if it was not one of these."""
        view = self._views.pop(annotation_id, None)
        if view is None:
            return None
        del self._looks[annotation_id]
        index = bisect.bisect_left(self.spans, (view.start, view.end, view.id))
        if index < len(self.spans) and self.spans[index][2] == view.id:
            del self.spans[index]
        return view

    def overlapping(self, start: int, end: int) -> list[Span]:
        """Annotations that cover some of [start, end): a bisect on start, since none
        starts earlier than the longest annotation's length before `start`."""
        low = bisect.bisect_left(self.spans, (start - self._longest,))
        high = bisect.bisect_left(self.spans, (end,))
        return [span for span in self.spans[low:high] if span[1] > start]

    def layers(self, start: int, end: int) -> Iterable[tuple[int, int, list[Span]]]:
        """Cut [start, end) where annotations begin or end; yield each piece with the
        annotations over it, outermost first."""
        spans = self.overlapping(start, end)
        cuts = {start, end}
        cuts.update(point for s, e, _ in spans for point in (s, e) if start < point < end)
        points = sorted(cuts)
        active: list[Span] = []
        waiting = iter(spans)
        upcoming = next(waiting, None)
        for left, right in itertools.pairwise(points):
            while upcoming is not None and upcoming[0] <= left:
                active.append(upcoming)
                upcoming = next(waiting, None)
            active = [span for span in active if span[1] > left]
            yield left, right, (sorted(active, key=_outermost_first) if len(active) > 1
                                else active[:])

    def tooltip(self, position: int) -> str:
        """What the annotations over the character at `position` say, innermost first
        (empty when there are none)."""
        for _, _, layers in self.layers(position, position + 1):
            return "\n".join(tooltip(self._views[key]) for _, _, key in reversed(layers))
        return ""

    # Their looks --------------------------------------------------------------------------

    def set_pattern(self, pattern: Callable[[str | None], Pattern] | None, ink: QColor) -> None:
        """Underline each highlight in its innermost tag's pattern, drawn in `ink` (None:
        colours only). The caller paints again."""
        self._pattern, self._ink = pattern, QColor(ink)
        self.forget_formats()

    def forget_formats(self) -> None:
        """Make the formats again when next painted (a tag's place in the codebook moved)."""
        self._formats.clear()

    def _format(self, layers: list[Span]) -> QTextCharFormat:
        looks = [self._looks[key] for _, _, key in layers]
        look = (tuple(colour for colour, _ in looks),
                looks[-1][1] if self._pattern is not None else None)
        fmt = self._formats.get(look)
        if fmt is None:
            fmt = self._formats[look] = self._make_format(*look)
        return fmt

    def _make_format(self, colours: tuple[str, ...], tag: str | None) -> QTextCharFormat:
        fmt = QTextCharFormat()
        fmt.setBackground(highlight_colour(colours))
        if self._pattern is not None:
            style, overline = self._pattern(tag)
            fmt.setUnderlineStyle(style)
            fmt.setFontOverline(overline)
            # In the text's own colour: the style tells the tag, and it must show on any
            # highlight, in the light theme and the dark one.
            fmt.setUnderlineColor(self._ink)
        return fmt

    # Painting -----------------------------------------------------------------------------

    def paint(self, document: QTextDocument, start: int, end: int) -> QRectF:
        """Set the highlights of every text block with characters in [start, end); returns
        the area (in the document's coordinates) that a view showing it must draw again."""
        first = document.findBlock(max(start, 0))
        last = document.findBlock(max(min(end, document.characterCount() - 1) - 1, 0))
        if not first.isValid() or not last.isValid():
            return QRectF()
        start = first.position()
        end = last.position() + last.length() - 1  # the text, without the block's separator
        painted = _Painted(document)
        block, ranges = first, list[QTextLayout.FormatRange]()
        block_start, text_end = start, start + block.length() - 1
        for left, right, layers in self.layers(start, end):
            if not layers:
                continue
            fmt = self._format(layers)
            while left < right:  # the piece, cut where blocks end
                while left >= text_end:  # this block is done; the piece starts later
                    painted.set(block, ranges)
                    block, ranges = block.next(), list[QTextLayout.FormatRange]()
                    block_start = text_end + 1  # after the separator between blocks
                    text_end = block_start + block.length() - 1
                left = max(left, block_start)
                cut = min(right, text_end)
                if cut > left:
                    ranges.append(_range(left - block_start, cut - left, fmt))
                left = cut
        painted.set(block, ranges)
        while block != last:  # blocks after the last highlight lose what they had
            block = block.next()
            painted.set(block, [])
        return painted.finish()


class _Painted:
    """The blocks of one paint: their formats set, then laid out or drawn again."""

    def __init__(self, document: QTextDocument) -> None:
        self._document = document
        self._redraw: list[QTextBlock] = []
        self._relayout: list[QTextBlock] = []

    def set(self, block: QTextBlock, ranges: list[QTextLayout.FormatRange]) -> None:
        """Give the block these highlights (its lines laid out again where they were)."""
        layout = block.layout()
        if not ranges and not layout.formats():
            return
        kept = [(line.textStart(), line.textLength(), line.width(), line.position(),
                 line.leadingIncluded()) for line in _lines(layout)]
        layout.setFormats(ranges)  # Qt drops the block's lines here
        if not kept:
            return  # not laid out yet: the document lays it out when it needs it
        # A highlight changes colours and underlines, never a width: the lines go back where
        # they were, rather than the document laying out every block after this one again
        # (3-4 ms a block in a 1.28 M-character brief).
        layout.beginLayout()
        for _start, _length, width, position, leading in kept:
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLeadingIncluded(leading)
            line.setLineWidth(width)
            line.setPosition(position)
        layout.endLayout()
        same = [(line.textStart(), line.textLength()) for line in _lines(layout)] == \
            [(start, length) for start, length, *_ in kept]
        (self._redraw if same else self._relayout).append(block)

    def finish(self) -> QRectF:
        """Have the document lay out the blocks whose lines did not come back the same
        (it redraws them itself); returns the area of the others, to be drawn again."""
        for block in self._relayout:
            self._document.markContentsDirty(block.position(), block.length())
        if not self._redraw:
            return QRectF()
        layout = self._document.documentLayout()
        area = QRectF()
        for block in self._redraw:
            area = area.united(layout.blockBoundingRect(block))
        return area


def _lines(layout: QTextLayout) -> list[QTextLine]:
    return [layout.lineAt(index) for index in range(layout.lineCount())]


def highlight_at(document: QTextDocument, position: int) -> QTextCharFormat:
    """The highlight drawn over the character at `position` (an empty format if none)."""
    block = document.findBlock(position)
    offset = position - block.position()
    for found in block.layout().formats() if block.isValid() else ():
        if found.start <= offset < found.start + found.length:
            return QTextCharFormat(found.format)
    return QTextCharFormat()


def _range(start: int, length: int, fmt: QTextCharFormat) -> QTextLayout.FormatRange:
    made = QTextLayout.FormatRange()
    made.start, made.length, made.format = start, length, fmt
    return made


def copy_with_highlights(document: QTextDocument) -> QTextDocument:
    """A copy of `document` whose characters carry its highlights as their own formats
    (a copy has the text and its formats, not the layouts' ranges): for the printed
    pages, which insert text of their own and lay the copy out on paper."""
    copy = document.clone()
    cursor = QTextCursor(copy)
    cursor.beginEditBlock()
    block = document.begin()
    while block.isValid():
        for found in block.layout().formats():
            cursor.setPosition(block.position() + found.start)
            cursor.setPosition(block.position() + found.start + found.length,
                               QTextCursor.MoveMode.KeepAnchor)
            cursor.mergeCharFormat(found.format)
        block = block.next()
    cursor.endEditBlock()
    return copy

"""What every chart of the summary shares: colours, fonts sized to the picture, a title,
a note line, a legend and markers (see ui/charts.py for the charts themselves)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen, QPolygonF

from reviewdesk.domain.summary import Summary

# Tableau 10: distinct, readable on white and in grey print.
PALETTE = ("#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948", "#b07aa1",
           "#ff9da7", "#9c755f", "#bab0ac")
INK = QColor("#202124")
MUTED = QColor("#5f6368")
GRID = QColor("#e0e0e0")
PAPER = QColor("#ffffff")


class ChartPainter:
    """One drawing: fonts sized to the rect, so a picture twice as large reads the same.
    A subclass draws its kind of chart in `draw`, below the title."""

    def __init__(self, painter: QPainter, rect: QRectF, summary: Summary) -> None:
        self.p = painter
        self.rect = rect
        self.summary = summary
        self.unit = max(10.0, min(22.0, rect.width() / 52, rect.height() / 14))
        self.font = self._font(self.unit)
        self.small = self._font(self.unit * 0.85)
        self.bold = self._font(self.unit * 1.2, bold=True)
        self.pad = self.unit * 0.8

    def _font(self, pixels: float, bold: bool = False) -> QFont:
        font = QFont(self.p.font())
        font.setPixelSize(max(6, round(pixels)))
        font.setBold(bold)
        return font

    def draw(self, kind: str, title: str) -> None:
        """Draw the title, then the chart `kind` in the area below it."""
        self.draw_chart(kind, self._title(title))

    def draw_chart(self, kind: str, area: QRectF) -> None:
        """Draw the chart `kind` in `area`."""
        raise NotImplementedError

    def _title(self, title: str) -> QRectF:
        r = self.rect.adjusted(self.pad, self.pad, -self.pad, -self.pad)
        self.p.setFont(self.bold)
        self.p.setPen(INK)
        height = QFontMetricsF(self.bold).height()
        self.p.drawText(QRectF(r.left(), r.top(), r.width(), height),
                        int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), title)
        return r.adjusted(0, height + self.pad * 0.6, 0, 0)

    def _note(self, area: QRectF, text: str) -> QRectF:
        """A grey line at the bottom of the area; returns the area above it."""
        metrics = QFontMetricsF(self.small)
        line = QRectF(area.left(), area.bottom() - metrics.height(), area.width(),
                      metrics.height())
        self.p.setFont(self.small)
        self.p.setPen(MUTED)
        self.p.drawText(line, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                        metrics.elidedText(text, Qt.TextElideMode.ElideRight, line.width()))
        return area.adjusted(0, 0, 0, -metrics.height() - self.pad * 0.4)

    def _empty(self, area: QRectF, text: str) -> None:
        self.p.setFont(self.font)
        self.p.setPen(MUTED)
        self.p.drawText(area, int(Qt.AlignmentFlag.AlignCenter), text)

    def _legend(self, area: QRectF, items: Sequence[tuple[str, str, str]]) -> QRectF:
        """Swatches (shape "box", "dot" or "diamond") with names, in rows across the top of
        the area; returns the area below them."""
        metrics = QFontMetricsF(self.small)
        size = metrics.height() * 0.7
        x, y = area.left(), area.top()
        self.p.setFont(self.small)
        for name, colour, shape in items:
            width = size + self.unit * 0.4 + metrics.horizontalAdvance(name) + self.unit
            if x + width > area.right() and x > area.left():
                x, y = area.left(), y + metrics.height() * 1.2
            centre = QPointF(x + size / 2, y + metrics.height() / 2)
            self._marker(centre, size, colour, shape)
            self.p.setPen(INK)
            self.p.drawText(QPointF(x + size + self.unit * 0.4, y + metrics.ascent()), name)
            x += width
        return area.adjusted(0, y - area.top() + metrics.height() * 1.2 + self.pad * 0.4, 0, 0)

    def _marker(self, centre: QPointF, size: float, colour: str, shape: str) -> None:
        self.p.setPen(QPen(QColor(colour).darker(130), 1))
        self.p.setBrush(QColor(colour))
        half = size / 2
        if shape == "dot":
            self.p.drawEllipse(centre, half, half)
        elif shape == "diamond":
            self.p.drawPolygon(QPolygonF([QPointF(centre.x(), centre.y() - half * 1.2),
                                          QPointF(centre.x() + half * 1.2, centre.y()),
                                          QPointF(centre.x(), centre.y() + half * 1.2),
                                          QPointF(centre.x() - half * 1.2, centre.y())]))
        else:
            self.p.drawRect(QRectF(centre.x() - half, centre.y() - half, size, size))
        self.p.setBrush(Qt.BrushStyle.NoBrush)

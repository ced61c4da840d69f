"""The bar charts of a summary: annotations per brief by top-level tag ("tags"), each
reviewer's progress ("progress"), the reference checks ("references") and the
recommendations by status ("recommendations")."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from math import ceil, floor, log10

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPen

from reviewdesk.domain.codebook import PATH_SEPARATOR
from reviewdesk.ui.chart_painter import GRID, INK, MUTED, PALETTE, PAPER, ChartPainter

BAR_KINDS = ("tags", "progress", "references", "recommendations")
REFERENCE_COLOURS = {"unchecked": "#9e9e9e", "verified": "#59a14f", "problem": "#e15759"}
STATUS_ORDER = ("proposed", "accepted", "in_progress", "done", "deferred", "rejected")
STATUS_COLOURS = {"proposed": "#9e9e9e", "accepted": "#4e79a7", "in_progress": "#f28e2b",
                  "done": "#59a14f", "deferred": "#b07aa1", "rejected": "#e15759"}
# Each ReviewerProgress field shown, its name and colour.
PROGRESS_SERIES = (("annotations", "Annotations", "#4e79a7"),
                   ("resolved", "Resolved", "#59a14f"), ("replies", "Replies", "#f28e2b"))


@dataclass(frozen=True, slots=True)
class _Series:
    name: str
    colour: str


@dataclass(frozen=True, slots=True)
class _Row:
    label: str
    values: tuple[float, ...]


class BarChart(ChartPainter):
    """Draws the bar charts (`BAR_KINDS`)."""

    def draw_chart(self, kind: str, area: QRectF) -> None:
        if kind == "tags":
            self._tags(area)
        elif kind == "progress":
            self._progress(area)
        elif kind == "references":
            self._one_bar_each(area, self.summary.reference_totals, REFERENCE_COLOURS,
                               str.capitalize)
        else:
            self._one_bar_each(area, self.summary.status_counts,
                               {name: STATUS_COLOURS[name] for name in STATUS_ORDER},
                               lambda name: name.replace("_", " ").capitalize())

    def _one_bar_each(self, area: QRectF, counts: dict[str, int], colours: dict[str, str],
                      label: Callable[[str], str]) -> None:
        """A bar for each name of `colours`, in its colour, as long as its count."""
        rows = [_Row(label(name), (float(counts.get(name, 0)),)) for name in colours]
        self._bars(area, rows, [_Series(r.label, c) for r, c in
                                zip(rows, colours.values(), strict=True)],
                   colour_by_row=True)

    def _tags(self, area: QRectF) -> None:
        briefs = self.summary.briefs
        top_level = self.summary.top_level_tags
        tags = sorted(top_level, key=lambda tag: (-top_level[tag], tag))
        if not briefs or not tags:
            self._empty(area, "No annotations yet")
            return
        colours = {tag: PALETTE[i % len(PALETTE)] for i, tag in enumerate(tags)}
        rows = []
        for brief in briefs:
            counts: dict[str, float] = {}
            for path, n in self.summary.tags_in(brief.id).items():
                top = path.split(PATH_SEPARATOR, 1)[0]
                counts[top] = counts.get(top, 0) + n
            rows.append(_Row(brief.label, tuple(counts.get(tag, 0.0) for tag in tags)))
        self._bars(area, rows, [_Series(tag, colours[tag]) for tag in tags], stacked=True,
                   what="briefs", rank=True)

    def _progress(self, area: QRectF) -> None:
        progress = self.summary.progress
        if not progress:
            self._empty(area, "No reviewer has annotated yet")
            return
        rows = [_Row(name, tuple(float(getattr(progress[name], key))
                                 for key, _, _ in PROGRESS_SERIES))
                for name in sorted(progress, key=lambda n: (-progress[n].annotations, n))]
        self._bars(area, rows, [_Series(label, colour) for _, label, colour in PROGRESS_SERIES],
                   what="reviewers")

    def _bars(self, area: QRectF, rows: Sequence[_Row], series: Sequence[_Series], *,
              stacked: bool = False, colour_by_row: bool = False, what: str = "rows",
              rank: bool = False) -> None:
        """Horizontal bars, a row each: stacked segments, side-by-side bars (one per series)
        or, with colour_by_row, one bar a row in the row's own colour."""
        if not colour_by_row and len(series) > 1:
            area = self._legend(area, [(s.name, s.colour, "box") for s in series])
        metrics = QFontMetricsF(self.font)
        row_height = metrics.height() * (1.25 if stacked or colour_by_row else 2.2)
        axis_height = QFontMetricsF(self.small).height() + self.pad * 0.3
        shown = list(rows)
        if len(rows) * row_height > area.height() - axis_height:
            note = QFontMetricsF(self.small).height() + self.pad * 0.4
            fitting = max(1, floor((area.height() - axis_height - note) / row_height))
            if rank:
                order = sorted(range(len(rows)), key=lambda i: -sum(rows[i].values))[:fitting]
                shown = [rows[i] for i in sorted(order)]
                area = self._note(area, f"The {fitting} {what} with the most annotations, "
                                        f"of {len(rows)}")
            else:
                shown = list(rows[:fitting])
                area = self._note(area, f"The first {fitting} {what} of {len(rows)}")
        totals = [sum(r.values) if stacked else max(r.values, default=0) for r in shown]
        top = nice_ceiling(max(totals, default=0))
        labels = min(area.width() * 0.38,
                     max((metrics.horizontalAdvance(r.label) for r in shown), default=0)
                     + self.unit * 0.8)
        value_room = metrics.horizontalAdvance(number(top)) + self.unit
        plot = QRectF(area.left() + labels, area.top(),
                      max(10.0, area.width() - labels - value_room),
                      max(10.0, area.height() - axis_height))
        self._x_axis(plot, top, axis_height)
        band = plot.height() / max(1, len(shown))
        thickness = band * 0.72
        for index, (row, total) in enumerate(zip(shown, totals, strict=True)):
            y = plot.top() + index * band + (band - thickness) / 2
            self.p.setFont(self.font)
            self.p.setPen(INK)
            label_rect = QRectF(area.left(), plot.top() + index * band, labels - self.unit * 0.5,
                                band)
            self.p.drawText(label_rect, int(Qt.AlignmentFlag.AlignRight
                                            | Qt.AlignmentFlag.AlignVCenter),
                            metrics.elidedText(row.label, Qt.TextElideMode.ElideRight,
                                               label_rect.width()))
            scale = plot.width() / top
            if stacked or colour_by_row:
                x = plot.left()
                for value, s in zip(row.values, series if not colour_by_row else
                                    [series[index]], strict=True):
                    if value > 0:
                        width = value * scale
                        self._bar(QRectF(x, y, width, thickness), s.colour)
                        x += width
                self._value(QPointF(x, y + thickness / 2), total, thickness)
            else:
                each = thickness / len(series)
                for k, (value, s) in enumerate(zip(row.values, series, strict=True)):
                    bar = QRectF(plot.left(), y + k * each, value * scale, each * 0.9)
                    if value > 0:
                        self._bar(bar, s.colour)
                    self._value(QPointF(bar.right(), bar.center().y()), value, each)

    def _bar(self, rect: QRectF, colour: str) -> None:
        self.p.setPen(QPen(PAPER, 1))
        self.p.setBrush(QColor(colour))
        self.p.drawRect(rect)
        self.p.setBrush(Qt.BrushStyle.NoBrush)

    def _value(self, at: QPointF, value: float, room: float) -> None:
        font = self.font if room >= QFontMetricsF(self.font).height() * 0.8 else self.small
        metrics = QFontMetricsF(font)
        if room < metrics.height() * 0.6:
            return
        self.p.setFont(font)
        self.p.setPen(INK)
        self.p.drawText(QPointF(at.x() + self.unit * 0.3,
                                at.y() + (metrics.ascent() - metrics.descent()) / 2),
                        number(value))

    def _x_axis(self, plot: QRectF, top: float, height: float) -> None:
        """Grid lines and numbers under the plot, from 0 to `top`."""
        step = nice_step(top)
        self.p.setFont(self.small)
        metrics = QFontMetricsF(self.small)
        value = 0.0
        while value <= top + step / 1000:
            x = plot.left() + plot.width() * value / top
            self.p.setPen(QPen(GRID, 1))
            self.p.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()))
            self.p.setPen(MUTED)
            text = number(value)
            self.p.drawText(QPointF(x - metrics.horizontalAdvance(text) / 2,
                                    plot.bottom() + metrics.ascent() + height * 0.15), text)
            value += step
        self.p.setPen(QPen(MUTED, 1))
        self.p.drawLine(QPointF(plot.left(), plot.top()), QPointF(plot.left(), plot.bottom()))


def nice_step(top: float) -> float:
    """The step between grid lines of an axis up to `top`: 1, 2 or 5 times a power of 10."""
    rough = top / 5
    magnitude = 10 ** floor(log10(rough)) if rough > 0 else 1
    for factor in (1, 2, 5, 10):
        if rough <= factor * magnitude:
            return max(1.0, float(factor * magnitude))
    return max(1.0, float(10 * magnitude))


def nice_ceiling(value: float) -> float:
    """The axis end: the value rounded up to a whole number of nice steps (at least 1)."""
    if value <= 0:
        return 1.0
    step = nice_step(value)
    return max(1.0, ceil(value / step) * step)


def number(value: float) -> str:
    """A value as a bar is labelled: whole numbers without decimals."""
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"

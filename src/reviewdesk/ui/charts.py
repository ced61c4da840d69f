"""Charts of a review summary, drawn with QPainter: onto a QImage for a report (PNG bytes)
or onto a widget in the app; both draw exactly the same picture.

Kinds (`CHART_KINDS`):

* ``tags``: a bar per brief, split by top-level tag (sub-tags counted with their parent);
  the briefs with the most annotations when there are more than fit.
* ``progress``: for each reviewer, annotations made, resolved, and replies written.
* ``references``: the reference entries unchecked, verified and with a problem.
* ``recommendations``: the recommendations in each status.
* ``timeline``: the dated indicators of each brief on one time line, Gregorian years and
  months below it and Solar Hijri ones above; an indicator whose brief wrote both
  calendars is a diamond labelled with both dates, one given in a single calendar is a
  dot labelled as written. A date that covers a period (a month, a year) is a bar.

Every chart takes the summary as `services.summary.Summary` or its `to_dict()`.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from math import ceil, floor, log10
from typing import Any

import jdatetime  # type: ignore[import-untyped]
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QGuiApplication,
    QImage,
    QPainter,
    QPaintEvent,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import QApplication, QSizePolicy, QWidget

from reviewdesk.domain.date_text import AFGHAN_MONTH_NAMES, GREGORIAN_MONTH_NAMES
from reviewdesk.services.summary import Summary

CHART_KINDS = ("tags", "progress", "references", "recommendations", "timeline")
TITLES = {
    "tags": "Annotations per brief, by tag",
    "progress": "Reviewer progress",
    "references": "Reference checks",
    "recommendations": "Recommendations by status",
    "timeline": "Dated indicators",
}

# Tableau 10: distinct, readable on white and in grey print.
PALETTE = ("#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948", "#b07aa1",
           "#ff9da7", "#9c755f", "#bab0ac")
REFERENCE_COLOURS = {"unchecked": "#9e9e9e", "verified": "#59a14f", "problem": "#e15759"}
STATUS_ORDER = ("proposed", "accepted", "in_progress", "done", "deferred", "rejected")
STATUS_COLOURS = {"proposed": "#9e9e9e", "accepted": "#4e79a7", "in_progress": "#f28e2b",
                  "done": "#59a14f", "deferred": "#b07aa1", "rejected": "#e15759"}
PROGRESS_SERIES = (("annotations", "Annotations", "#4e79a7"),
                   ("resolved", "Resolved", "#59a14f"), ("replies", "Replies", "#f28e2b"))
ONE_CALENDAR = "#4e79a7"
BOTH_CALENDARS = "#e15759"
INK = QColor("#202124")
MUTED = QColor("#5f6368")
GRID = QColor("#e0e0e0")
PAPER = QColor("#ffffff")

_applications: list[QGuiApplication] = []  # one made here lives as long as the module


def render_chart(kind: str, summary: Summary | Mapping[str, Any], width: int = 800,
                 height: int = 450) -> bytes:
    """The chart as a PNG image of exactly width x height pixels."""
    if kind not in CHART_KINDS:
        raise ValueError(f"no chart {kind!r}; the charts are {', '.join(CHART_KINDS)}")
    if width < 1 or height < 1:
        raise ValueError("a chart needs a width and height of at least one pixel")
    ensure_application()
    image = QImage(width, height, QImage.Format.Format_ARGB32)
    image.fill(PAPER)
    painter = QPainter(image)
    try:
        paint_chart(painter, QRectF(0, 0, width, height), kind, summary)
    finally:
        painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    # PySide6 takes the format as str although its stubs say bytes.
    image.save(buffer, "PNG")  # type: ignore[call-overload]
    buffer.close()
    return bytes(data.data())


def ensure_application() -> None:
    """Fonts need a QGuiApplication. Outside the app (the command line, a report) make
    one, a QApplication so that widgets can follow, drawing offscreen unless
    QT_QPA_PLATFORM says otherwise: no screen is needed to draw a picture."""
    if QGuiApplication.instance() is not None:
        return
    arguments = ["reviewdesk"]
    if not os.environ.get("QT_QPA_PLATFORM"):
        arguments += ["-platform", "offscreen"]
    _applications.append(QApplication(arguments))


def paint_chart(painter: QPainter, rect: QRectF, kind: str,
                summary: Summary | Mapping[str, Any]) -> None:
    """Draw the chart `kind` of the summary into `rect` (the paper must be filled)."""
    data = summary.to_dict() if isinstance(summary, Summary) else summary
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    try:
        _Chart(painter, rect, data).draw(kind)
    finally:
        painter.restore()


class ChartView(QWidget):
    """One chart of a summary in a widget; it redraws at whatever size it is given."""

    def __init__(self, kind: str = "tags", summary: Summary | Mapping[str, Any] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        if kind not in CHART_KINDS:
            raise ValueError(f"no chart {kind!r}; the charts are {', '.join(CHART_KINDS)}")
        self._kind = kind
        self._data: Mapping[str, Any] = {}
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(320, 200)
        self.setAccessibleName(TITLES[kind])
        if summary is not None:
            self.set_summary(summary)

    @property
    def kind(self) -> str:
        return self._kind

    def set_kind(self, kind: str) -> None:
        if kind not in CHART_KINDS:
            raise ValueError(f"no chart {kind!r}; the charts are {', '.join(CHART_KINDS)}")
        self._kind = kind
        self.setAccessibleName(TITLES[kind])
        self.update()

    def set_summary(self, summary: Summary | Mapping[str, Any]) -> None:
        self._data = summary.to_dict() if isinstance(summary, Summary) else summary
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(720, 400)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        try:
            rect = QRectF(self.rect())
            painter.fillRect(rect, PAPER)
            paint_chart(painter, rect, self._kind, self._data)
        finally:
            painter.end()


# --- Drawing ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Series:
    name: str
    colour: str


@dataclass(frozen=True, slots=True)
class _Row:
    label: str
    values: tuple[float, ...]


class _Chart:
    """One drawing: fonts sized to the rect, so a picture twice as large reads the same."""

    def __init__(self, painter: QPainter, rect: QRectF, data: Mapping[str, Any]) -> None:
        self.p = painter
        self.rect = rect
        self.data = data
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

    def draw(self, kind: str) -> None:
        area = self._title(TITLES[kind])
        if kind == "tags":
            self._tags(area)
        elif kind == "progress":
            self._progress(area)
        elif kind == "references":
            counts = self.data.get("references", {})
            rows = [_Row(name.capitalize(), (float(counts.get(name, 0)),))
                    for name in REFERENCE_COLOURS]
            self._bars(area, rows, [_Series(r.label, c) for r, c in
                                    zip(rows, REFERENCE_COLOURS.values(), strict=True)],
                       colour_by_row=True)
        elif kind == "recommendations":
            counts = self.data.get("recommendations", {}).get("by_status", {})
            rows = [_Row(name.replace("_", " ").capitalize(), (float(counts.get(name, 0)),))
                    for name in STATUS_ORDER]
            self._bars(area, rows, [_Series(r.label, STATUS_COLOURS[s])
                                    for r, s in zip(rows, STATUS_ORDER, strict=True)],
                       colour_by_row=True)
        else:
            self._timeline(area)

    # Layout helpers

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

    # Bar charts

    def _tags(self, area: QRectF) -> None:
        briefs = self.data.get("briefs", [])
        per_brief = self.data.get("by_tag", {}).get("per_brief", {})
        top_level = self.data.get("by_tag", {}).get("top_level", {})
        tags = sorted(top_level, key=lambda tag: (-top_level[tag], tag))
        if not briefs or not tags:
            self._empty(area, "No annotations yet")
            return
        colours = {tag: PALETTE[i % len(PALETTE)] for i, tag in enumerate(tags)}
        rows = []
        for brief in briefs:
            counts: dict[str, float] = {}
            for path, n in per_brief.get(brief["id"], {}).items():
                top = path.split(" › ", 1)[0]
                counts[top] = counts.get(top, 0) + n
            rows.append(_Row(brief["title"] or brief["id"][:8],
                             tuple(counts.get(tag, 0.0) for tag in tags)))
        self._bars(area, rows, [_Series(tag, colours[tag]) for tag in tags], stacked=True,
                   what="briefs", rank=True)

    def _progress(self, area: QRectF) -> None:
        progress = self.data.get("progress", {})
        if not progress:
            self._empty(area, "No reviewer has annotated yet")
            return
        rows = [_Row(name, tuple(float(progress[name].get(key, 0))
                                 for key, _, _ in PROGRESS_SERIES))
                for name in sorted(progress, key=lambda n: (-progress[n]["annotations"], n))]
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
        top = _nice_ceiling(max(totals, default=0))
        labels = min(area.width() * 0.38,
                     max((metrics.horizontalAdvance(r.label) for r in shown), default=0)
                     + self.unit * 0.8)
        value_room = metrics.horizontalAdvance(_number(top)) + self.unit
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
                        _number(value))

    def _x_axis(self, plot: QRectF, top: float, height: float) -> None:
        """Grid lines and numbers under the plot, from 0 to `top`."""
        step = _nice_step(top)
        self.p.setFont(self.small)
        metrics = QFontMetricsF(self.small)
        value = 0.0
        while value <= top + step / 1000:
            x = plot.left() + plot.width() * value / top
            self.p.setPen(QPen(GRID, 1))
            self.p.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()))
            self.p.setPen(MUTED)
            text = _number(value)
            self.p.drawText(QPointF(x - metrics.horizontalAdvance(text) / 2,
                                    plot.bottom() + metrics.ascent() + height * 0.15), text)
            value += step
        self.p.setPen(QPen(MUTED, 1))
        self.p.drawLine(QPointF(plot.left(), plot.top()), QPointF(plot.left(), plot.bottom()))

    # The timeline

    def _timeline(self, area: QRectF) -> None:
        entries = [t for t in self.data.get("timeline", []) if t.get("from") and t.get("to")]
        undated = len(self.data.get("timeline", [])) - len(entries)
        if not entries:
            self._empty(area, "No dated indicators yet")
            return
        area = self._legend(area, [("Date in one calendar (the other converted)",
                                    ONE_CALENDAR, "dot"),
                                   ("Both calendars written in the brief", BOTH_CALENDARS,
                                    "diamond")])
        titles = {b["id"]: b["title"] or b["id"][:8] for b in self.data.get("briefs", [])}
        lanes = [brief_id for brief_id in titles if any(t["brief"] == brief_id
                                                        for t in entries)]
        lanes += sorted({t["brief"] for t in entries} - set(lanes))
        metrics = QFontMetricsF(self.font)
        small = QFontMetricsF(self.small)
        axis = small.height() * 2 + self.pad * 0.5  # years and months, on each side
        fitting = max(1, floor((area.height() - 2 * axis) / (small.height() * 2.6)))
        notes = []
        if len(lanes) > fitting:
            fitting = max(1, fitting - 1)  # room for the note
            notes.append(f"Showing the first {fitting} briefs of {len(lanes)}")
            lanes = lanes[:fitting]
        if undated:
            notes.append(f"{undated} indicator{'s' if undated != 1 else ''} with a date that "
                         "cannot be placed")
        if notes:
            area = self._note(area, "; ".join(notes))
        entries = [t for t in entries if t["brief"] in lanes]
        first = min(date.fromisoformat(t["from"]) for t in entries)
        last = max(date.fromisoformat(t["to"]) for t in entries)
        margin = max(timedelta(days=20), (last - first) / 20)
        start, end = first - margin, last + margin + timedelta(days=1)
        labels = min(area.width() * 0.28,
                     max(metrics.horizontalAdvance(titles.get(b, b[:8])) for b in lanes)
                     + self.unit * 0.8)
        plot = QRectF(area.left() + labels, area.top() + axis, area.width() - labels,
                      area.height() - 2 * axis)
        span = (end - start).days

        def x_of(day: date) -> float:
            return plot.left() + plot.width() * (day - start).days / span

        self._calendar_axes(plot, start, end, x_of, axis)
        lane_height = plot.height() / len(lanes)
        for index, brief_id in enumerate(lanes):
            centre_y = plot.top() + (index + 0.5) * lane_height
            self.p.setFont(self.font)
            self.p.setPen(INK)
            rect = QRectF(area.left(), plot.top() + index * lane_height, labels - self.unit * 0.5,
                          lane_height)
            self.p.drawText(rect, int(Qt.AlignmentFlag.AlignRight
                                      | Qt.AlignmentFlag.AlignVCenter),
                            metrics.elidedText(titles.get(brief_id, brief_id[:8]),
                                               Qt.TextElideMode.ElideRight, rect.width()))
            self.p.setPen(QPen(GRID, 1))
            self.p.drawLine(QPointF(plot.left(), centre_y), QPointF(plot.right(), centre_y))
            self._lane([t for t in entries if t["brief"] == brief_id], centre_y, lane_height,
                       x_of, plot)

    def _lane(self, entries: Sequence[Mapping[str, Any]], y: float, height: float,
              x_of: Callable[[date], float], plot: QRectF) -> None:
        small = QFontMetricsF(self.small)
        size = max(6.0, min(height * 0.3, self.unit * 0.8))
        placed: list[tuple[float, float, int]] = []  # label left, right, side (-1 above)
        sides = (-1, 1) if height >= small.height() * 3.6 else (-1,)  # below only if roomy
        drawn: set[tuple[str, str, str]] = set()
        for entry in sorted(entries, key=lambda t: (t["from"], t["to"])):
            key = (entry["from"], entry["to"], entry["date"])
            if key in drawn:  # the same date of another indicator: one mark
                continue
            drawn.add(key)
            both = bool(entry.get("both_written"))
            colour = BOTH_CALENDARS if both else ONE_CALENDAR
            left = x_of(date.fromisoformat(entry["from"]))
            right = x_of(date.fromisoformat(entry["to"]) + timedelta(days=1))
            if right - left > size:
                bar = QRectF(left, y - size * 0.3, right - left, size * 0.6)
                self.p.setPen(QPen(QColor(colour).darker(130), 1))
                self.p.setBrush(QColor(colour).lighter(150))
                self.p.drawRoundedRect(bar, size * 0.3, size * 0.3)
                self.p.setBrush(Qt.BrushStyle.NoBrush)
            centre = QPointF(left if right - left > size else (left + right) / 2, y)
            self._marker(centre, size, colour, "diamond" if both else "dot")
            text = entry["date"] + (f" / {entry['other_calendar']}"
                                    if both and entry.get("other_calendar") else "")
            text += {"inferred": " (inferred)", "reviewer": " (set)"}.get(
                entry.get("date_origin", ""), "")
            width = small.horizontalAdvance(text)
            label_left = min(max(centre.x() - width / 2, plot.left()), plot.right() - width)
            if height < small.height() * 2.2:
                continue  # lanes too narrow for labels: the markers say enough
            gap = self.unit * 0.3
            for side in sides:
                if all(s != side or label_left > r + gap or label_left + width < l_ - gap
                       for l_, r, s in placed):
                    break
            else:
                continue  # no room above or below
            placed.append((label_left, label_left + width, side))
            baseline = (y - size * 0.7 - small.descent() if side < 0
                        else y + size * 0.7 + small.ascent())
            self.p.setFont(self.small)
            self.p.setPen(INK)
            self.p.drawText(QPointF(label_left, baseline), text)

    def _calendar_axes(self, plot: QRectF, start: date, end: date,
                       x_of: Callable[[date], float], axis: float) -> None:
        """Gregorian years (and months, when there is room) below the plot, Solar Hijri
        ones above, each with its name at the left end."""
        small = QFontMetricsF(self.small)
        self.p.setPen(QPen(MUTED, 1))
        self.p.drawLine(QPointF(plot.left(), plot.bottom()), QPointF(plot.right(), plot.bottom()))
        self.p.drawLine(QPointF(plot.left(), plot.top()), QPointF(plot.right(), plot.top()))
        per_month = plot.width() / max(1.0, (end - start).days / 30.44)
        months = per_month >= small.horizontalAdvance("Sep") * 1.5
        for calendar, below in (("gregorian", True), ("solar_hijri", False)):
            edge = plot.bottom() if below else plot.top()
            direction = 1 if below else -1
            marks = _month_starts(calendar, start, end)
            room = small.horizontalAdvance("0000 SH") + self.unit
            year_step = _year_step(len({year for year, month, _ in marks if month == 1}),
                                   plot.width(), room)
            suffix = "" if below else " SH"
            offset = (small.height() * (2 if months else 1) - small.descent() if below
                      else -small.height() * (1 if months else 0) - small.descent())
            self.p.setFont(self.small)
            years = [x_of(day) for year, month, day in marks if month == 1]
            if not years or years[0] - plot.left() > room:  # the year the line starts in
                self.p.setPen(MUTED)
                self.p.drawText(QPointF(plot.left() + self.unit * 0.2, edge + offset),
                                f"{_year_of(calendar, start)}{suffix}")
            for year, month, day in marks:
                x = x_of(day)
                if month == 1:
                    grid = QPen(GRID.darker(115), 1)
                    if not below:  # Solar Hijri years dashed, Gregorian solid
                        grid.setStyle(Qt.PenStyle.DashLine)
                    self.p.setPen(grid)
                    self.p.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()))
                    if year % year_step:
                        continue
                    self.p.setPen(QPen(MUTED, 1))
                    self.p.drawLine(QPointF(x, edge), QPointF(x, edge + direction * axis * 0.9))
                    self.p.setPen(INK)
                    self.p.drawText(QPointF(x + self.unit * 0.2, edge + offset),
                                    f"{year}{suffix}")
                elif months:
                    self.p.setPen(QPen(MUTED, 1))
                    self.p.drawLine(QPointF(x, edge), QPointF(x, edge + direction * axis * 0.3))
                    names = GREGORIAN_MONTH_NAMES if below else AFGHAN_MONTH_NAMES
                    self.p.setFont(self.small)
                    self.p.setPen(MUTED)
                    offset = (small.ascent() + self.pad * 0.2 if below
                              else -small.descent() - self.pad * 0.2)
                    self.p.drawText(QPointF(x + self.unit * 0.15, edge + offset),
                                    names[month - 1][:3])
        self.p.setFont(self.small)
        self.p.setPen(MUTED)
        self.p.drawText(QRectF(self.rect.left() + self.pad, plot.bottom(),
                               plot.left() - self.rect.left() - self.pad * 2, axis),
                        int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                        "Gregorian")
        self.p.drawText(QRectF(self.rect.left() + self.pad, plot.top() - axis,
                               plot.left() - self.rect.left() - self.pad * 2, axis),
                        int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                        "Solar Hijri")


def _month_starts(calendar: str, start: date, end: date) -> list[tuple[int, int, date]]:
    """(year, month, Gregorian day) of the first day of each month of `calendar` in
    [start, end)."""
    marks: list[tuple[int, int, date]] = []
    if calendar == "gregorian":
        year, month = start.year, start.month
        while True:
            day = date(year, month, 1)
            if day >= end:
                return marks
            if day >= start:
                marks.append((year, month, day))
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    first = jdatetime.date.fromgregorian(date=start)
    year, month = first.year, first.month
    while True:
        day = jdatetime.date(year, month, 1).togregorian()
        if day >= end:
            return marks
        if day >= start:
            marks.append((year, month, day))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


def _year_of(calendar: str, day: date) -> int:
    return day.year if calendar == "gregorian" else int(jdatetime.date.fromgregorian(
        date=day).year)


def _year_step(years: int, width: float, room: float) -> int:
    """Label every year, or every 2nd, 5th, 10th... so that labels keep `room` apart."""
    for step in (1, 2, 5, 10, 20, 50, 100):
        if years / step * room <= width:
            return step
    return 100


def _nice_step(top: float) -> float:
    rough = top / 5
    magnitude = 10 ** floor(log10(rough)) if rough > 0 else 1
    for factor in (1, 2, 5, 10):
        if rough <= factor * magnitude:
            return max(1.0, float(factor * magnitude))
    return max(1.0, float(10 * magnitude))


def _nice_ceiling(value: float) -> float:
    """The axis end: the value rounded up to a whole number of nice steps (at least 1)."""
    if value <= 0:
        return 1.0
    step = _nice_step(value)
    return max(1.0, ceil(value / step) * step)


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"

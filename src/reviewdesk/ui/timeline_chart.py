"""The timeline chart of a summary: the dated indicators of each brief on one time line,
Gregorian years and months below it and Solar Hijri ones above. An indicator whose brief
wrote both calendars is a diamond labelled with both dates, one given in a single calendar
is a dot labelled as written; a date that covers a period (a month, a year) is a bar."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from math import floor

import jdatetime  # type: ignore[import-untyped]
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPen

from reviewdesk.domain.date_text import AFGHAN_MONTH_NAMES, GREGORIAN_MONTH_NAMES
from reviewdesk.domain.summary import TimelineEntry
from reviewdesk.domain.words import count
from reviewdesk.ui.chart_painter import GRID, INK, MUTED, ChartPainter

ONE_CALENDAR = "#4e79a7"
BOTH_CALENDARS = "#e15759"
_ORIGIN_NOTES = {"inferred": " (inferred)", "reviewer": " (set)"}

XOf = Callable[[date], float]


@dataclass(frozen=True, slots=True)
class _Dated:
    """A timeline entry that can be placed: the Gregorian days it covers."""

    entry: TimelineEntry
    first: date
    last: date


class TimelineChart(ChartPainter):
    """Draws the "timeline" chart."""

    def draw_chart(self, kind: str, area: QRectF) -> None:
        timeline = self.summary.timeline
        entries = [_Dated(t, t.first, t.last) for t in timeline
                   if t.first is not None and t.last is not None]
        if not entries:
            self._empty(area, "No dated indicators yet")
            return
        area = self._legend(area, [("Date in one calendar (the other converted)",
                                    ONE_CALENDAR, "dot"),
                                   ("Both calendars written in the brief", BOTH_CALENDARS,
                                    "diamond")])
        titles = {b.id: b.label for b in self.summary.briefs}
        lanes = [brief_id for brief_id in titles if any(t.entry.brief == brief_id
                                                        for t in entries)]
        lanes += sorted({t.entry.brief for t in entries} - set(lanes))
        small = QFontMetricsF(self.small)
        axis = small.height() * 2 + self.pad * 0.5  # years and months, on each side
        lanes, area = self._fit(area, lanes, axis, len(timeline) - len(entries))
        entries = [t for t in entries if t.entry.brief in lanes]
        self._plot(area, [(titles.get(b, b[:8]), [t for t in entries if t.entry.brief == b])
                          for b in lanes], axis)

    def _fit(self, area: QRectF, lanes: list[str], axis: float,
             undated: int) -> tuple[list[str], QRectF]:
        """The lanes that fit, and the area left once a note says what is not shown."""
        small = QFontMetricsF(self.small)
        fitting = max(1, floor((area.height() - 2 * axis) / (small.height() * 2.6)))
        notes = []
        if len(lanes) > fitting:
            fitting = max(1, fitting - 1)  # room for the note
            notes.append(f"Showing the first {count(fitting, 'brief')} of {len(lanes)}")
            lanes = lanes[:fitting]
        if undated:
            notes.append(f"{undated} indicator{'s' if undated != 1 else ''} with a date that "
                         "cannot be placed")
        if notes:
            area = self._note(area, "; ".join(notes))
        return lanes, area

    def _plot(self, area: QRectF, lanes: Sequence[tuple[str, list[_Dated]]],
              axis: float) -> None:
        """The axes and a lane per brief, labelled with its title on the left."""
        metrics = QFontMetricsF(self.font)
        first = min(t.first for _, entries in lanes for t in entries)
        last = max(t.last for _, entries in lanes for t in entries)
        margin = max(timedelta(days=20), (last - first) / 20)
        start, end = first - margin, last + margin + timedelta(days=1)
        labels = min(area.width() * 0.28,
                     max(metrics.horizontalAdvance(title) for title, _ in lanes)
                     + self.unit * 0.8)
        plot = QRectF(area.left() + labels, area.top() + axis, area.width() - labels,
                      area.height() - 2 * axis)
        span = (end - start).days

        def x_of(day: date) -> float:
            return plot.left() + plot.width() * (day - start).days / span

        self._calendar_axes(plot, start, end, x_of, axis)
        lane_height = plot.height() / len(lanes)
        for index, (title, entries) in enumerate(lanes):
            centre_y = plot.top() + (index + 0.5) * lane_height
            self.p.setFont(self.font)
            self.p.setPen(INK)
            rect = QRectF(area.left(), plot.top() + index * lane_height, labels - self.unit * 0.5,
                          lane_height)
            self.p.drawText(rect, int(Qt.AlignmentFlag.AlignRight
                                      | Qt.AlignmentFlag.AlignVCenter),
                            metrics.elidedText(title, Qt.TextElideMode.ElideRight,
                                               rect.width()))
            self.p.setPen(QPen(GRID, 1))
            self.p.drawLine(QPointF(plot.left(), centre_y), QPointF(plot.right(), centre_y))
            self._lane(entries, centre_y, lane_height, x_of, plot)

    def _lane(self, entries: Sequence[_Dated], y: float, height: float, x_of: XOf,
              plot: QRectF) -> None:
        small = QFontMetricsF(self.small)
        size = max(6.0, min(height * 0.3, self.unit * 0.8))
        placed: list[tuple[float, float, int]] = []  # label left, right, side (-1 above)
        sides = (-1, 1) if height >= small.height() * 3.6 else (-1,)  # below only if roomy
        drawn: set[tuple[date, date, str]] = set()
        for dated in sorted(entries, key=lambda t: (t.first, t.last)):
            entry = dated.entry
            key = (dated.first, dated.last, entry.date)
            if key in drawn:  # the same date of another indicator: one mark
                continue
            drawn.add(key)
            centre = self._mark(dated, y, size, x_of)
            text = entry.date + (f" / {entry.other_calendar}"
                                 if entry.both_written and entry.other_calendar else "")
            text += _ORIGIN_NOTES.get(entry.origin, "")
            width = small.horizontalAdvance(text)
            label_left = min(max(centre.x() - width / 2, plot.left()), plot.right() - width)
            if height < small.height() * 2.2:
                continue  # lanes too narrow for labels: the markers say enough
            side = self._free_side(placed, sides, label_left, width)
            if side is None:
                continue  # no room above or below
            placed.append((label_left, label_left + width, side))
            baseline = (y - size * 0.7 - small.descent() if side < 0
                        else y + size * 0.7 + small.ascent())
            self.p.setFont(self.small)
            self.p.setPen(INK)
            self.p.drawText(QPointF(label_left, baseline), text)

    def _mark(self, dated: _Dated, y: float, size: float, x_of: XOf) -> QPointF:
        """The entry's marker (and its bar, for a period wider than the marker); returns
        the marker's centre."""
        both = dated.entry.both_written
        colour = BOTH_CALENDARS if both else ONE_CALENDAR
        left = x_of(dated.first)
        right = x_of(dated.last + timedelta(days=1))
        if right - left > size:
            bar = QRectF(left, y - size * 0.3, right - left, size * 0.6)
            self.p.setPen(QPen(QColor(colour).darker(130), 1))
            self.p.setBrush(QColor(colour).lighter(150))
            self.p.drawRoundedRect(bar, size * 0.3, size * 0.3)
            self.p.setBrush(Qt.BrushStyle.NoBrush)
        centre = QPointF(left if right - left > size else (left + right) / 2, y)
        self._marker(centre, size, colour, "diamond" if both else "dot")
        return centre

    def _free_side(self, placed: Sequence[tuple[float, float, int]], sides: Sequence[int],
                   left: float, width: float) -> int | None:
        """The first side (-1 above, 1 below) where a label from `left`, `width` wide,
        keeps clear of the labels placed; None when neither has room."""
        gap = self.unit * 0.3
        for side in sides:
            if all(s != side or left > r + gap or left + width < l_ - gap
                   for l_, r, s in placed):
                return side
        return None

    def _calendar_axes(self, plot: QRectF, start: date, end: date, x_of: XOf,
                       axis: float) -> None:
        """Gregorian years (and months, when there is room) below the plot, Solar Hijri
        ones above, each with its name at the left end."""
        small = QFontMetricsF(self.small)
        self.p.setPen(QPen(MUTED, 1))
        self.p.drawLine(QPointF(plot.left(), plot.bottom()), QPointF(plot.right(), plot.bottom()))
        self.p.drawLine(QPointF(plot.left(), plot.top()), QPointF(plot.right(), plot.top()))
        per_month = plot.width() / max(1.0, (end - start).days / 30.44)
        months = per_month >= small.horizontalAdvance("Sep") * 1.5
        for calendar, below in (("gregorian", True), ("solar_hijri", False)):
            self._calendar_axis(plot, start, end, x_of, axis, calendar, below, months)
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

    def _calendar_axis(self, plot: QRectF, start: date, end: date, x_of: XOf, axis: float,
                       calendar: str, below: bool, months: bool) -> None:
        """One calendar's years (and months): below the plot or above it."""
        small = QFontMetricsF(self.small)
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
                self.p.drawText(QPointF(x + self.unit * 0.2, edge + offset), f"{year}{suffix}")
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

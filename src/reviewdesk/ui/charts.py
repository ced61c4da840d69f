"""Charts of a review summary, drawn with QPainter: onto a QImage for a report (PNG bytes)
or onto a widget in the app; both draw exactly the same picture.

Kinds (`CHART_KINDS`):

* ``tags``: a bar per brief, split by top-level tag (sub-tags counted with their parent);
  the briefs with the most annotations when there are more than fit.
* ``progress``: for each reviewer, annotations made, resolved, and replies written.
* ``references``: the reference entries unchecked, verified and with a problem.
* ``recommendations``: the recommendations in each status.
* ``timeline``: the dated indicators of each brief on one time line (ui/timeline_chart.py).

The bar charts are drawn by ui/bar_chart.py; every chart takes a `domain.summary.Summary`.
`render_chart` is the `export.report.ChartRenderer` of a Word report.
"""

from __future__ import annotations

import os

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, QSize
from PySide6.QtGui import QGuiApplication, QImage, QPainter, QPaintEvent
from PySide6.QtWidgets import QApplication, QSizePolicy, QWidget

from reviewdesk.domain.summary import Summary
from reviewdesk.ui.bar_chart import BAR_KINDS, BarChart
from reviewdesk.ui.chart_painter import PAPER
from reviewdesk.ui.timeline_chart import TimelineChart

CHART_KINDS = ("tags", "progress", "references", "recommendations", "timeline")
TITLES = {
    "tags": "Annotations per brief, by tag",
    "progress": "Reviewer progress",
    "references": "Reference checks",
    "recommendations": "Recommendations by status",
    "timeline": "Dated indicators",
}

_applications: list[QGuiApplication] = []  # one made here lives as long as the module


def render_chart(kind: str, summary: Summary, width: int = 800,
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


def paint_chart(painter: QPainter, rect: QRectF, kind: str, summary: Summary) -> None:
    """Draw the chart `kind` of the summary into `rect` (the paper must be filled)."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    try:
        chart = BarChart if kind in BAR_KINDS else TimelineChart
        chart(painter, rect, summary).draw(kind, TITLES[kind])
    finally:
        painter.restore()


class ChartView(QWidget):
    """One chart of a summary in a widget; it redraws at whatever size it is given."""

    def __init__(self, kind: str = "tags", summary: Summary | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        if kind not in CHART_KINDS:
            raise ValueError(f"no chart {kind!r}; the charts are {', '.join(CHART_KINDS)}")
        self._kind = kind
        self._summary = Summary()
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(320, 200)
        self._name(kind)
        if summary is not None:
            self.set_summary(summary)

    @property
    def kind(self) -> str:
        return self._kind

    def set_kind(self, kind: str) -> None:
        if kind not in CHART_KINDS:
            raise ValueError(f"no chart {kind!r}; the charts are {', '.join(CHART_KINDS)}")
        self._kind = kind
        self._name(kind)
        self.update()

    def _name(self, kind: str) -> None:
        self.setAccessibleName(TITLES[kind])
        self.setAccessibleDescription(f"A chart of {TITLES[kind][:1].lower()}"
                                      f"{TITLES[kind][1:]}; the Overview tab's tables hold "
                                      "the same numbers")

    def set_summary(self, summary: Summary) -> None:
        self._summary = summary
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(720, 400)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        try:
            rect = QRectF(self.rect())
            painter.fillRect(rect, PAPER)
            paint_chart(painter, rect, self._kind, self._summary)
        finally:
            painter.end()

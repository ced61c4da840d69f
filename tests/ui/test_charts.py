"""The charts of a summary: PNG pictures of the size asked, and the widget that shows the
same picture."""

from __future__ import annotations

import struct
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QImage
from tests.unit.services.test_summary import build_review

from reviewdesk.domain.summary import Summary
from reviewdesk.services.summary import summary_of
from reviewdesk.storage.store import Store
from reviewdesk.ui.charts import CHART_KINDS, ChartView, render_chart

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.fixture
def data(store: Store, tmp_path: Path) -> Summary:
    build_review(store, tmp_path)
    return summary_of(store)


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == PNG_SIGNATURE
    width, height = struct.unpack(">II", data[16:24])  # the IHDR chunk comes first
    return width, height


@pytest.mark.parametrize("size", [(640, 360), (1000, 300), (420, 700)])
def test_every_chart_is_a_png_of_the_asked_size(data: Summary,
                                                size: tuple[int, int]) -> None:
    for kind in CHART_KINDS:
        picture = render_chart(kind, data, *size)
        assert png_size(picture) == size
        image = QImage.fromData(picture, "PNG")
        assert (image.width(), image.height()) == size
        assert _inked(image) > 0.01, kind  # something is drawn, not a blank page


def test_charts_of_an_empty_store(store: Store) -> None:
    summary = summary_of(store)
    for kind in CHART_KINDS:
        image = QImage.fromData(render_chart(kind, summary, 500, 300), "PNG")
        assert 0 < _inked(image) < 0.2, kind  # a title and a "nothing yet" line
        # An empty summary is what a chart view shows before it is given one.
        assert render_chart(kind, Summary(), 500, 300) == render_chart(kind, summary, 500, 300)


def test_charts_refuse_what_they_cannot_draw(data: Summary) -> None:
    with pytest.raises(ValueError, match="no chart 'pie'"):
        render_chart("pie", data)
    with pytest.raises(ValueError, match="at least one pixel"):
        render_chart("tags", data, 0, 10)
    with pytest.raises(ValueError, match="no chart 'pie'"):
        ChartView("pie")


def test_the_chart_view_paints_what_the_picture_shows(data: Summary, qtbot: Any) -> None:
    view = ChartView("timeline", data)
    qtbot.addWidget(view)
    view.resize(700, 380)
    shown = view.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    drawn = QImage.fromData(render_chart("timeline", data, 700, 380), "PNG").convertToFormat(
        QImage.Format.Format_RGB32)
    assert shown.size() == drawn.size()
    assert shown == drawn
    view.set_kind("progress")
    assert view.kind == "progress" and view.accessibleName() == "Reviewer progress"


def _inked(image: Any) -> float:
    """The share of sampled pixels that are not white."""
    step = 4
    samples = inked = 0
    for y in range(0, image.height(), step):
        for x in range(0, image.width(), step):
            samples += 1
            inked += image.pixel(x, y) & 0xFFFFFF != 0xFFFFFF
    return inked / samples

"""The compare view's colours cannot be taken for a tag's: a changed paragraph is not the
Indicator's yellow, nor near any default tag's hue."""

from __future__ import annotations

from PySide6.QtGui import QColor

from reviewdesk.bundled import default_codebook_data
from reviewdesk.domain.codebook import codebook_from_dict
from reviewdesk.ui.compare_pane import BLOCK_COLOURS

APART = 30  # degrees of hue between the changed shade and any tag's colour


def _tag_colours() -> list[QColor]:
    tags = codebook_from_dict(default_codebook_data()).tags
    assert any(tag.name == "Indicator" for tag in tags) and len(tags) > 5
    return [QColor(tag.colour) for tag in tags]


def _hue_apart(one: QColor, other: QColor) -> int:
    apart = abs(one.hslHue() - other.hslHue()) % 360
    return min(apart, 360 - apart)


def test_no_compare_colour_is_a_default_tag_colour() -> None:
    tags = {colour.name() for colour in _tag_colours()}
    assert not tags & {QColor(colour).name() for colour in BLOCK_COLOURS.values()}


def test_a_changed_block_is_not_the_hue_of_any_default_tag() -> None:
    changed = QColor(BLOCK_COLOURS["changed"])
    assert all(_hue_apart(changed, tag) >= APART for tag in _tag_colours())
    indicator = QColor("#f4b400")
    assert _hue_apart(QColor("#fdefc3"), indicator) < APART  # the old yellow was not

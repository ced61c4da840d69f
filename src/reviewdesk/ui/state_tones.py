"""The colours of a tracked row's state: a pale tint of the row, a bar beside it, and red
text for what is late, readable on the light and the dark palette alike."""

from __future__ import annotations

from enum import Enum

from PySide6.QtGui import QColor, QPalette


class Tone(Enum):
    """What a row's state means at a glance (the state column says it in words too)."""

    GOOD = "#2e7d32"      # verified, accepted, done
    BAD = "#c62828"       # a problem, rejected
    PENDING = "#e0a800"   # in progress


TINT = 0.22   # how much of the tone's colour goes into the row's background
DARK_TINT = 0.30  # a little more on a dark base, where a pale tint would not show
LATE_ON_LIGHT, LATE_ON_DARK = "#b71c1c", "#ff8a80"  # overdue text on each kind of base


def is_dark(palette: QPalette) -> bool:
    """Whether the palette's base (the table's background) is dark."""
    return palette.color(QPalette.ColorRole.Base).lightnessF() < 0.5


def blend(base: QColor, colour: QColor, amount: float) -> QColor:
    """`colour` mixed into `base`: 0 leaves `base`, 1 gives `colour`."""
    def mix(a: float, b: float) -> float:
        return a + (b - a) * amount
    return QColor.fromRgbF(mix(base.redF(), colour.redF()), mix(base.greenF(), colour.greenF()),
                           mix(base.blueF(), colour.blueF()))


def row_tint(tone: Tone, palette: QPalette) -> QColor:
    """The row's background for `tone`: the tone blended into the palette's base, so the
    text keeps the contrast it has on the base."""
    amount = DARK_TINT if is_dark(palette) else TINT
    return blend(palette.color(QPalette.ColorRole.Base), QColor(tone.value), amount)


def marker(tone: Tone) -> QColor:
    """The bar drawn beside a row in `tone`, in the tone's full colour."""
    return QColor(tone.value)


def late_text(palette: QPalette) -> QColor:
    """The text colour of a date that has passed, readable on the palette's base."""
    return QColor(LATE_ON_DARK if is_dark(palette) else LATE_ON_LIGHT)

"""The colours of annotation cards, for a light or a dark palette.

Cards are painted, not styled, so they take their colours from here: one set for a light
window and one for a dark one, chosen by how light the palette's base colour is.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QPalette


@dataclass(frozen=True, slots=True)
class CardColours:
    """What a card is painted with."""

    background: QColor  # behind the cards
    fill: QColor
    selected_fill: QColor
    border: QColor
    accent: QColor  # the selected card's border, "open", links
    strong: QColor  # the tag's name, the quote
    text: QColor  # the comment
    muted: QColor  # who, replies
    faint: QColor  # "No comment"
    hint: QColor  # an empty margin's hint
    resolved: QColor
    warn: QColor
    error: QColor


LIGHT = CardColours(*(QColor(code) for code in (
    "#f1f3f4", "#ffffff", "#eef4fe", "#dadce0", "#1a73e8", "#202124", "#3c4043", "#5f6368",
    "#9aa0a6", "#80868b", "#188038", "#b06000", "#c5221f")))
DARK = CardColours(*(QColor(code) for code in (
    "#202124", "#2d2e31", "#283142", "#5f6368", "#8ab4f8", "#f1f3f4", "#e8eaed", "#bdc1c6",
    "#9aa0a6", "#9aa0a6", "#81c995", "#fdd663", "#f28b82")))


def card_colours(palette: QPalette) -> CardColours:
    """The card colours that suit a window with this palette."""
    return DARK if palette.color(QPalette.ColorRole.Base).lightnessF() < 0.5 else LIGHT

"""View → Cards in the margin: the cards beside their words, or in the review pane's list."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from reviewdesk.ui.annotation_cards import AnnotationCards
from reviewdesk.ui.keys import window_action
from reviewdesk.ui.margin_cards import MarginCards
from reviewdesk.ui.settings import Settings


class MarginMode(QObject):
    """Shows the margin or the list, as the settings say. The editor of the selected card
    (comment, resolved, replies) stays in the review pane either way; in the margin mode it
    takes the pane's Annotations tab alone."""

    def __init__(self, margin: MarginCards, cards: AnnotationCards, settings: Settings,
                 parent: QObject | None = None) -> None:
        super().__init__(parent or margin)
        self.margin = margin
        self.cards = cards
        self.settings = settings
        self.apply()

    @property
    def enabled(self) -> bool:
        """Whether the cards are in the margin (remembered between runs)."""
        return self.settings.cards_in_margin

    def set_enabled(self, on: bool) -> None:
        """Switch between the margin and the list, and remember the choice."""
        if on != self.settings.cards_in_margin:
            self.settings.cards_in_margin = on
        self.apply()

    def apply(self) -> None:
        """Show what the settings say."""
        on = self.enabled
        self.margin.setVisible(on)
        self.cards.list.setVisible(not on)
        # Ctrl+2 and the Annotations tab lead to what is there to type in.
        self.cards.setFocusProxy(self.cards.comment if on else self.cards.list)

    def action(self, owner: QWidget) -> QAction:
        """The View menu's checkable "Cards in the margin", a window-wide action."""
        action = window_action(owner, "Cards in the &margin", self.apply, checkable=True,
                               tip="Show each annotation's card beside its words, or in a "
                               "list in the review pane")
        action.setChecked(self.enabled)
        action.toggled.connect(self.set_enabled)
        return action

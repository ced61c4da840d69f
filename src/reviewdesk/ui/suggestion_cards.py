"""What the brief-reading found, as cards the reviewer accepts with one key or dismisses."""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize, Qt, Signal
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QAction,
    QKeySequence,
    QPainter,
    QPalette,
    QShowEvent,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from reviewdesk.domain.brief import Brief
from reviewdesk.domain.codebook import PATH_SEPARATOR
from reviewdesk.domain.findings import Reference
from reviewdesk.domain.references import DUPLICATE, MISSING_DATE, MISSING_URL, NOT_CITED
from reviewdesk.domain.views import AnnotationView
from reviewdesk.domain.words import count
from reviewdesk.services.analysis import BriefAnalysis, analyse
from reviewdesk.ui import undo
from reviewdesk.ui.accessible import describe
from reviewdesk.ui.session import ReviewSession

CARD_ROLE = Qt.ItemDataRole.UserRole
HTML_ROLE = Qt.ItemDataRole.UserRole + 1
_SECTION_CHARS = 16
_TEXT_CHARS = 320
UNSUPPORTED_COMMENT = "No source in the reference list"


class CardKind(StrEnum):
    """What a suggestion card proposes to tag: an indicator, a claim without a source, a date to
    check, or a reference entry."""

    INDICATOR = "indicator"
    CLAIM = "claim"
    DATE = "date"
    REFERENCE = "reference"


@dataclass(frozen=True, slots=True)
class Card:
    """One finding: accepting it tags text[start:end] with `tag`, commented `comment`."""

    kind: CardKind
    title: str
    text: str
    start: int
    end: int
    tag: str
    comment: str = ""
    detail: str = ""

    @property
    def key(self) -> str:
        """Identifies the card within its brief, so a dismissal can be remembered."""
        return f"{self.kind}:{self.start}:{self.end}:{self.title}"


def build_cards(analysis: BriefAnalysis, brief: Brief) -> list[Card]:
    """Every card for one brief, in document order."""
    cards = [*_indicator_cards(analysis), *_claim_cards(analysis), *_date_cards(analysis, brief),
             *_reference_cards(analysis, brief)]
    return sorted(cards, key=lambda card: (card.start, card.end))


def _indicator_cards(analysis: BriefAnalysis) -> Iterable[Card]:
    for found in analysis.indicator_candidates:
        section = _elide(found.section, _SECTION_CHARS)
        yield Card(CardKind.INDICATOR, f"Indicator? · {found.date} · {section}", found.text,
                   found.start, found.end, "Indicator",
                   detail=f"Confidence {found.confidence:.0%} · section {found.section}")


def _claim_cards(analysis: BriefAnalysis) -> Iterable[Card]:
    for claim in analysis.claim_support:
        if claim.unsupported:
            yield Card(CardKind.CLAIM, "No source found", claim.text, claim.start, claim.end,
                       "Claim", UNSUPPORTED_COMMENT,
                       detail="No entry of the reference list appears to back this sentence")


def _date_cards(analysis: BriefAnalysis, brief: Brief) -> Iterable[Card]:
    searched_from: dict[str, int] = {}  # the same pair written twice gets two spans
    for check in analysis.date_checks:
        start = brief.text.find(check.text, searched_from.get(check.text, 0))
        if start < 0:
            continue
        searched_from[check.text] = start + 1
        if not check.consistent:
            pair = f"{check.gregorian} vs {check.solar_hijri}"
            yield Card(CardKind.DATE, f"Dates disagree: {pair}", check.text, start,
                       start + len(check.text), "Question",
                       f"The dates disagree: {check.gregorian} is not {check.solar_hijri}",
                       detail="The Gregorian and Solar Hijri dates name different days")


def _reference_cards(analysis: BriefAnalysis, brief: Brief) -> Iterable[Card]:
    blocks = {block.id: block for block in brief.blocks}
    for reference in analysis.references:
        block = blocks.get(reference.block_id) if reference.block_id else None
        if block is None:
            continue
        for flag in reference.flags:
            title = _flag_title(reference, flag)
            yield Card(CardKind.REFERENCE, title, reference.raw, block.start, block.end,
                       "Question", title, detail="A problem with this reference entry")


def _flag_title(reference: Reference, flag: str) -> str:
    number = reference.position + 1
    if flag == DUPLICATE and reference.duplicate_of is not None:
        return f"Reference {number} duplicates {reference.duplicate_of}"
    titles = {MISSING_URL: "has no link", MISSING_DATE: "has no date",
              NOT_CITED: "is never cited in the text"}
    return f"Reference {number} {titles.get(flag, flag.replace('_', ' '))}"


def _elide(text: str, limit: int) -> str:
    """At most about `limit` characters, cut between words."""
    if len(text) <= limit:
        return text
    cut = text[:limit]
    return (cut.rsplit(" ", 1)[0] if " " in cut else cut).rstrip(" ,;:") + " …"


def is_done(card: Card, annotations: Sequence[AnnotationView]) -> bool:
    """Done when an annotation with the card's tag (or one of its sub-tags) overlaps it."""
    wanted = card.tag.casefold()
    for note in annotations:
        tag = (note.tag or "").casefold()
        tagged = tag == wanted or tag.startswith(wanted + PATH_SEPARATOR)
        if tagged and note.start < card.end and card.start < note.end:
            return True
    return False


def card_html(card: Card, colour: str, done: bool) -> str:
    """The card as rich text: a dot in the tag's colour, its title and its text (elided), greyed
    and marked done when `done`."""
    mark = " <span style='color:#2e7d32'>✓ done</span>" if done else ""
    text = html.escape(_elide(card.text, _TEXT_CHARS))
    body = f"<span style='color:{DONE_GREY}'>{text}</span>" if done else text
    return (f"<div><span style='color:{colour}'>●</span> <b>{html.escape(card.title)}</b>"
            f"{mark}</div><div>{body}</div>")


DONE_GREY = "#8a8a8a"


class HtmlDelegate(QStyledItemDelegate):
    """Draws an item's HTML_ROLE rich text, wrapped to the width of the view."""

    PADDING = 6

    def __init__(self, view: QListView) -> None:
        super().__init__(view)
        self._view = view
        # Heights are measured at the width the items are drawn at: a scroll bar that
        # came and went would leave rows measured for one width and drawn at another.
        view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    def _document(self, option: QStyleOptionViewItem,
                  index: QModelIndex | QPersistentModelIndex) -> QTextDocument:
        document = QTextDocument()
        document.setDefaultFont(option.font)
        document.setDocumentMargin(self.PADDING)
        text = str(index.data(HTML_ROLE) or "")
        if option.state & QStyle.StateFlag.State_Selected:  # grey is unreadable on blue
            selected = option.palette.color(QPalette.ColorRole.HighlightedText).name()
            text = text.replace(DONE_GREY, selected)
        document.setHtml(text)
        margin = 2 * self._view.spacing() + 2
        document.setTextWidth(max(80, self._view.viewport().width() - margin))
        return document

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        styled = QStyleOptionViewItem(option)
        self.initStyleOption(styled, index)
        styled.text = ""
        widget = styled.widget
        style = widget.style() if widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, styled, painter, widget)
        rect = styled.rect
        painter.save()
        painter.setPen(styled.palette.color(QPalette.ColorRole.Mid))
        painter.drawRoundedRect(rect.adjusted(1, 1, -2, -2), 4, 4)
        painter.translate(rect.topLeft())
        context = QAbstractTextDocumentLayout.PaintContext()
        role = (QPalette.ColorRole.HighlightedText
                if styled.state & QStyle.StateFlag.State_Selected else QPalette.ColorRole.Text)
        context.palette.setColor(QPalette.ColorRole.Text, styled.palette.color(role))
        document = self._document(styled, index)  # kept alive while its layout draws
        document.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem,
                 index: QModelIndex | QPersistentModelIndex) -> QSize:
        document = self._document(option, index)
        return QSize(int(document.textWidth()), int(document.size().height()) + 2)


class SuggestionCards(QWidget):
    """Accept (Enter or A) tags the card's text; Dismiss (D or Delete) hides the card for
    this brief until the app closes; selecting a card asks for its text to be selected."""

    range_requested = Signal(int, int)  # connect to DocumentView.select_range

    def __init__(self, session: ReviewSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._cards: list[Card] = []
        self._pending: Brief | None = None
        self._stale = False
        self._dismissed: dict[str, set[str]] = {}  # brief id -> card keys
        self.list = QListWidget()
        self.list.setItemDelegate(HtmlDelegate(self.list))
        describe(self.list, "Suggestions", "Indicators, claims, dates and reference problems "
                 "found in the brief; A or Enter accepts one as an annotation, D dismisses it")
        self.list.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.list.setSpacing(2)
        self.list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.summary = QLabel()
        self.accept_action = self._action("&Accept", self.accept_current,
                                          Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_A)
        self.dismiss_action = self._action("&Dismiss", self.dismiss_current,
                                           Qt.Key.Key_D, Qt.Key.Key_Delete)
        self.restore_action = self._action("Show dismissed", self.restore_dismissed,
                                           QKeySequence("Ctrl+Shift+D"))
        self.setFocusProxy(self.list)
        self._lay_out()
        self.list.currentItemChanged.connect(self._current_changed)
        session.brief_opened.connect(self._brief_opened)
        for signal in (session.annotation_added, session.annotation_updated,
                       session.annotation_removed):
            signal.connect(self._refresh_states)
        if session.brief is not None:
            self._brief_opened(session.brief)

    def _action(self, text: str, slot: object, *keys: Qt.Key | QKeySequence) -> QAction:
        action = QAction(text, self)
        action.setShortcuts([QKeySequence(key) for key in keys])
        # Only while the cards have focus: A and D are plain letters elsewhere.
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _lay_out(self) -> None:
        buttons = QHBoxLayout()
        for action, hint, tip in (
                (self.accept_action, "A", "Accept the selected suggestion as an annotation"),
                (self.dismiss_action, "D", "Dismiss the selected suggestion"),
                (self.restore_action, "Ctrl+Shift+D", "Show the suggestions dismissed before")):
            button = QPushButton(f"{action.text().replace('&', '')} ({hint})")
            button.setToolTip(tip)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keep the keys on the list
            button.clicked.connect(action.trigger)
            buttons.addWidget(button)
        buttons.addStretch()
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.summary)
        column.addWidget(self.list)
        column.addLayout(buttons)

    def cards(self) -> list[Card]:
        """The cards shown, in order (dismissed ones left out)."""
        self._ensure_analysed()
        return [self.list.item(row).data(CARD_ROLE) for row in range(self.list.count())]

    def _brief_opened(self, brief: Brief) -> None:
        # The analysis takes a while on a long brief: it runs once per brief, and only
        # when the cards are first looked at, so opening a brief stays quick.
        self._pending = brief
        self._cards = []
        self.list.clear()
        if self.isVisible():
            self._ensure_analysed()

    def showEvent(self, event: QShowEvent) -> None:
        """The brief is analysed when the cards are first shown, not when it opens."""
        super().showEvent(event)
        self._ensure_analysed()

    def _ensure_analysed(self) -> None:
        brief, self._pending = self._pending, None
        if brief is None:
            return
        analysis = self._session.attempt(
            lambda: analyse(self._session.store, brief.id, brief=brief))
        self._cards = build_cards(analysis, brief) if analysis is not None else []
        self._fill()

    def _fill(self) -> None:
        dismissed = self._dismissed_keys()
        self.list.clear()
        for card in self._cards:
            if card.key not in dismissed:
                item = QListWidgetItem()
                item.setData(CARD_ROLE, card)
                item.setToolTip(card.detail)
                self.list.addItem(item)
        self._refresh_states()
        if self.list.count():
            self.list.setCurrentRow(0)

    def _dismissed_keys(self) -> set[str]:
        brief = self._session.brief
        return self._dismissed.setdefault(brief.id, set()) if brief else set()

    def _refresh_states(self, *_changed: object) -> None:
        # Marking cards done walks every annotation: skip it while nobody looks at the
        # cards (showEvent refreshes them).
        if not self.isVisible() and _changed:
            self._stale = True
            return
        self._stale = False
        annotations = self._session.annotations
        done = 0
        for row in range(self.list.count()):
            item = self.list.item(row)
            card: Card = item.data(CARD_ROLE)
            finished = is_done(card, annotations)
            done += finished
            item.setData(HTML_ROLE, card_html(card, self._colour(card.tag), finished))
        self.list.doItemsLayout()
        hidden = len(self._cards) - self.list.count()
        self.summary.setText(f"{count(self.list.count(), 'finding')} · {done} done"
                             + (f" · {hidden} dismissed" if hidden else ""))

    def _colour(self, tag_name: str) -> str:
        tag = self._session.codebook.find(tag_name)
        return tag.colour if tag else "#9e9e9e"

    def _current_changed(self, item: QListWidgetItem | None) -> None:
        # Only a card the reviewer is looking at moves the document; a list filled in the
        # background (a brief just opened) must not steal the reader's place.
        if item is not None and self.isVisible():
            card: Card = item.data(CARD_ROLE)
            self.range_requested.emit(card.start, card.end)

    def current_card(self) -> Card | None:
        """The card selected in the list; None when none is."""
        self._ensure_analysed()
        item = self.list.currentItem()
        return item.data(CARD_ROLE) if item is not None else None  # type: ignore[no-any-return]

    def accept_current(self) -> None:
        """Tag the current card's text, unless that is already done, then go to the next."""
        card, brief = self.current_card(), self._session.brief
        if card is None or brief is None:
            return
        if is_done(card, self._session.annotations):
            self._go_to_next_open()  # Enter on a done card moves on, as after accepting it
            return
        tag = self._session.codebook.find(card.tag)
        if tag is None:
            self._session.error.emit(f"the codebook has no tag {card.tag!r} to accept this with")
            return
        self._session.push(undo.CreateAnnotation(self._session, brief.id, card.start, card.end,
                                                 tag.id, comment=card.comment, label=card.tag))
        self._go_to_next_open()

    def _go_to_next_open(self) -> None:
        annotations = self._session.annotations
        for row in range(self.list.currentRow() + 1, self.list.count()):
            if not is_done(self.list.item(row).data(CARD_ROLE), annotations):
                self.list.setCurrentRow(row)
                return

    def dismiss_current(self) -> None:
        """Hide the current card for this brief (until the app closes)."""
        row = self.list.currentRow()
        if row < 0 or self._session.brief is None:
            return
        card: Card = self.list.item(row).data(CARD_ROLE)
        self._dismissed_keys().add(card.key)
        self.list.takeItem(row)
        self.list.setCurrentRow(min(row, self.list.count() - 1))
        self._refresh_states()

    def restore_dismissed(self) -> None:
        """Show again every card dismissed for this brief."""
        self._dismissed_keys().clear()
        self._fill()

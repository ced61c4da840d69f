"""Compare with the previous version: the two versions side by side, scrolling in step,
blocks coloured by what happened to them, and the annotations carried to the new version
in a table, where the reviewer confirms or places the ones that need it.

Keys: Enter or C confirms the selected annotation where it was put (needs review); P places
it on the words selected in the new version (an orphan too); Ctrl+Z undoes; Escape closes.
"""

from __future__ import annotations

import bisect
import itertools
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    QRectF,
    Qt,
    QTimer,
)
from PySide6.QtGui import (
    QAction,
    QColor,
    QFont,
    QIcon,
    QKeySequence,
    QPixmap,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reviewdesk.domain.brief import Brief
from reviewdesk.domain.carry import AnchorState
from reviewdesk.domain.compare import (
    BlockChange,
    BlockKindName,
    ListChange,
    Span,
    changed_words,
    compare_blocks,
    compare_lists,
    count_kinds,
)
from reviewdesk.domain.views import AnnotationView
from reviewdesk.domain.words import count as _plural
from reviewdesk.errors import InputError
from reviewdesk.services.annotations import annotations_of
from reviewdesk.services.briefs import load_brief
from reviewdesk.services.tracking import recommendations_of, references_of
from reviewdesk.services.versions import previous_version
from reviewdesk.storage.store import Store
from reviewdesk.ui.carried_model import (
    STATE_HELP,
    STATE_ROLE,
    STATE_WORDS,
    CarriedModel,
    Column,
    StateFilter,
    state_of,
)
from reviewdesk.ui.delegates import fit_columns
from reviewdesk.ui.document_view import DocumentView
from reviewdesk.ui.session import ReviewSession
from reviewdesk.ui.undo_versions import ConfirmPlacement

Index = QModelIndex | QPersistentModelIndex

FIRST_VERSION = ("this is the first version of the brief; there is no earlier version to "
                 "compare it with")
NO_ROW = "Select an annotation in the table first."
NO_WORDS = ("Select the words it belongs on in the new version (right), then press P.")
NOTHING_TO_CONFIRM = "It is already {state}: there is nothing to confirm."

# Light backgrounds with dark text, legible in the light and the dark theme alike.
BLOCK_COLOURS: dict[str, str] = {"inserted": "#d3f5dc", "deleted": "#fbdcdc",
                                 "changed": "#fdefc3", "moved": "#d9e8fc"}
TEXT_ON_COLOUR = "#1f2328"
DELETED_TEXT = "#8a1c1c"
CHANGED_OLD_WORDS = "#a4262c"  # struck through in the old version
CHANGED_NEW_UNDERLINE = "#b45309"  # underlined in the new version
LIST_COLOURS: dict[str, str] = {"added": "#2e7d32", "removed": "#c62828",
                                "changed": "#e69500", "same": "transparent"}
LIST_WORDS = {"same": "same", "changed": "changed", "added": "added", "removed": "removed"}

# What the "Show" list offers: a label and the anchor states it keeps (none: all).
FILTERS: tuple[tuple[str, tuple[AnchorState, ...]], ...] = (
    ("All", ()),
    ("Needs review or orphaned", (AnchorState.NEEDS_REVIEW, AnchorState.ORPHANED)),
    ("Needs review", (AnchorState.NEEDS_REVIEW,)),
    ("Orphaned", (AnchorState.ORPHANED,)),
)


# --- What is compared ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Comparison:
    """A version and the one before it, with what the view shows of them."""

    old: Brief
    new: Brief
    old_annotations: list[AnnotationView]
    new_annotations: list[AnnotationView]
    carried_from: dict[str, str]  # new annotation id -> the old annotation it was carried from
    blocks: list[BlockChange]
    references: list[ListChange]
    recommendations: list[ListChange]


def load_comparison(store: Store, brief_id: str) -> Comparison:
    """The version `brief_id` and the one before it; InputError for a first version."""
    previous = previous_version(store, brief_id)
    if previous is None:
        raise InputError(FIRST_VERSION)
    old, new = load_brief(store, previous), load_brief(store, brief_id)
    with store.transaction() as tx:
        old_views, new_views = annotations_of(tx, old.id), annotations_of(tx, new.id)
        carried = {a.id: a.carried_from for a in tx.annotations.for_brief(new.id)
                   if a.carried_from}
    references = compare_lists([t.reference.raw for t in references_of(store, old.id)],
                               [t.reference.raw for t in references_of(store, new.id)])
    recommendations = compare_lists(
        [t.recommendation.text for t in recommendations_of(store, old.id)],
        [t.recommendation.text for t in recommendations_of(store, new.id)])
    return Comparison(old, new, old_views, new_views, carried, compare_blocks(old, new),
                      references, recommendations)


def block_summary(changes: list[BlockChange]) -> str:
    """"2 changed · 1 inserted · 1 deleted · 1 moved · 9 unchanged"."""
    counts = count_kinds([change.kind for change in changes])
    parts = [f"{counts[kind]} {kind}" for kind in ("changed", "inserted", "deleted", "moved")
             if counts.get(kind)]
    parts.append(f"{counts.get('same', 0)} unchanged")
    return "Paragraphs: " + " · ".join(parts)


# --- The two panes ---------------------------------------------------------------------


class ComparePane(DocumentView):
    """One version, read-only, as the document view renders it (a position is an offset
    in the version's text), its blocks coloured by what happened to them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(None, parent)
        self.setPlaceholderText("")
        self.version: Brief | None = None
        self._starts: list[int] = []

    def show_version(self, brief: Brief, annotations: list[AnnotationView],
                     kinds: dict[int, BlockKindName], words: dict[int, list[Span]],
                     old_side: bool) -> None:
        self.version = brief
        self._starts = [block.start for block in brief.blocks]
        self.show_brief(brief, annotations)
        cursor = QTextCursor(self.document())
        cursor.beginEditBlock()
        for index, kind in kinds.items():
            block = brief.blocks[index]
            shade = QTextBlockFormat()
            shade.setBackground(QColor(BLOCK_COLOURS[kind]))
            cursor.setPosition(block.start)
            cursor.mergeBlockFormat(shade)
            text = QTextCharFormat()
            text.setForeground(QColor(DELETED_TEXT if kind == "deleted" else TEXT_ON_COLOUR))
            text.setFontStrikeOut(kind == "deleted")
            _select(cursor, block.start, block.end)
            cursor.mergeCharFormat(text)
        for index, spans in words.items():
            block = brief.blocks[index]
            marked = QTextCharFormat()
            if old_side:
                marked.setFontStrikeOut(True)
                marked.setForeground(QColor(CHANGED_OLD_WORDS))
            else:
                marked.setFontUnderline(True)
                marked.setUnderlineColor(QColor(CHANGED_NEW_UNDERLINE))
            for start, end in spans:
                _select(cursor, block.start + start, block.start + end)
                cursor.mergeCharFormat(marked)
        cursor.endEditBlock()

    # Annotations changed elsewhere (the document view's own incremental repaint).
    def annotation_added(self, view: AnnotationView) -> None:
        self._on_added(view)

    def annotation_updated(self, view: AnnotationView) -> None:
        self._on_updated(view)

    def annotation_removed(self, annotation_id: str) -> None:
        self._on_removed(annotation_id)

    # Where the pane is scrolled to, in blocks of the version.
    def top_block(self) -> tuple[int, float]:
        """The block at the top of the viewport, and how far down it the top is (0-1)."""
        if self.version is None or not self._starts:
            return 0, 0.0
        position = self.cursorForPosition(QPoint(0, 0)).position()
        index = max(0, bisect.bisect_right(self._starts, position) - 1)
        rect = self._rect(index)
        if rect.height() <= 0:
            return index, 0.0
        offset = self.verticalScrollBar().value() - rect.top()
        return index, min(1.0, max(0.0, offset / rect.height()))

    def scroll_to_block(self, index: int, fraction: float = 0.0) -> None:
        if self.version is None or not self._starts:
            return
        index = min(max(index, 0), len(self._starts) - 1)
        rect = self._rect(index)
        self.verticalScrollBar().setValue(round(rect.top() + fraction * rect.height()))

    def _rect(self, index: int) -> QRectF:
        document = self.document()
        return document.documentLayout().blockBoundingRect(
            document.findBlock(self._starts[index]))

    def selection(self) -> tuple[int, int] | None:
        """The words selected, as offsets in the version's text, if any."""
        cursor = self.textCursor()
        if not cursor.hasSelection() or not cursor.selectedText().strip():
            return None
        return cursor.selectionStart(), cursor.selectionEnd()


def _select(cursor: QTextCursor, start: int, end: int) -> None:
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)


class StepScroll(QObject):
    """Scroll one pane and the other follows: the same (or changed) paragraph at the top,
    as far down it; past a deleted or inserted one, the paragraph after the last pair."""

    def __init__(self, old: ComparePane, new: ComparePane, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.old, self.new = old, new
        self.enabled = True
        self._pairs: list[tuple[int, int]] = []  # (old index, new index), both ascending
        self._keys: tuple[list[int], list[int]] = ([], [])
        self._busy = False
        old.verticalScrollBar().valueChanged.connect(lambda _value: self._follow(True))
        new.verticalScrollBar().valueChanged.connect(lambda _value: self._follow(False))

    def set_changes(self, changes: list[BlockChange]) -> None:
        self._pairs = [(c.old_index, c.new_index) for c in changes
                       if c.kind in ("same", "changed")
                       and c.old_index is not None and c.new_index is not None]
        self._keys = ([old for old, _ in self._pairs], [new for _, new in self._pairs])

    def partner(self, index: int, from_old: bool) -> tuple[int, bool]:
        """The block of the other version at the height of block `index`, and whether it
        is that very block (same or changed) rather than the one after the last pair."""
        side, other = (0, 1) if from_old else (1, 0)
        at = bisect.bisect_right(self._keys[side], index) - 1
        if at < 0:
            return 0, False
        pair = self._pairs[at]
        if pair[side] == index:
            return pair[other], True
        return pair[other] + 1, False

    def _follow(self, from_old: bool) -> None:
        if self._busy or not self.enabled:
            return
        source, target = (self.old, self.new) if from_old else (self.new, self.old)
        self._busy = True
        try:
            bar, other = source.verticalScrollBar(), target.verticalScrollBar()
            if bar.value() in (bar.minimum(), bar.maximum()):  # both at the top or the end
                other.setValue(other.minimum() if bar.value() == bar.minimum()
                               else other.maximum())
            else:
                index, fraction = source.top_block()
                partner, same = self.partner(index, from_old)
                target.scroll_to_block(partner, fraction if same else 0.0)
        finally:
            self._busy = False


# --- The reference and recommendation changes -------------------------------------------


KIND_ROLE = Qt.ItemDataRole.UserRole + 1


class ListChangesModel(QAbstractTableModel):
    """compare_lists as a table: what happened, the entry before, the entry now."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._headers = ("Change", "Before", "Now")
        self._rows: list[ListChange] = []
        self._icons = {kind: _swatch(colour) for kind, colour in LIST_COLOURS.items()}

    def reset(self, rows: list[ListChange], old_label: str, new_label: str) -> None:
        self.beginResetModel()
        self._headers = ("Change", old_label, new_label)
        self._rows = list(rows)
        self.endResetModel()

    def change(self, row: int) -> ListChange:
        return self._rows[row]

    def changed_count(self) -> int:
        return sum(row.kind != "same" for row in self._rows)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's default)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 3

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < 3):
            return self._headers[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        change = self._rows[index.row()]
        column = index.column()
        if role == KIND_ROLE:
            return change.kind
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return (LIST_WORDS[change.kind], change.old_text, change.new_text)[column]
        if role == Qt.ItemDataRole.DecorationRole and column == 0:
            return self._icons.get(change.kind)
        if role == Qt.ItemDataRole.FontRole and column == 1 and change.kind == "removed":
            font = QFont()
            font.setStrikeOut(True)
            return font
        return None


def _swatch(colour: str) -> QIcon:
    pixmap = QPixmap(10, 10)
    pixmap.fill(QColor(colour))
    return QIcon(pixmap)


def _list_table(model: ListChangesModel) -> QTableView:
    table = QTableView()
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().setVisible(False)
    table.setWordWrap(False)
    table.setTabKeyNavigation(False)
    header = table.horizontalHeader()
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
    header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
    return table


# --- The window ----------------------------------------------------------------------


class CompareView(QDialog):
    """The open brief (a later version) beside the version before it."""

    def __init__(self, session: ReviewSession, comparison: Comparison,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.comparison = comparison
        self.setWindowTitle(f"Compare versions — {comparison.new.title}")
        self.setSizeGripEnabled(True)
        self.resize(1280, 800)
        self.old_pane, self.new_pane = ComparePane(), ComparePane()
        self.old_label, self.new_label = QLabel(), QLabel()
        self.summary = QLabel()
        self.step_scroll = StepScroll(self.old_pane, self.new_pane, self)
        self.model = CarriedModel(self)
        self.proxy = StateFilter(self.model, self)
        self.table = self._make_table()
        self.counts = QLabel()
        self.show_filter = QComboBox()
        self.hint = QLabel()
        self.references = ListChangesModel(self)
        self.recommendations = ListChangesModel(self)
        self.tabs = QTabWidget()
        self.confirm_action = self._action("Confirm the place", ("C",), self.confirm,
                                           "Confirm a needs-review annotation where it "
                                           "was put (C or Enter)")
        self.place_action = self._action("Place on the selected words", ("P",), self.place,
                                         "Put the annotation on the words selected in the "
                                         "new version (P)")
        self._reselect: str | None = None
        self._lay_out()
        self._connect()
        self.load(comparison)

    # Building --------------------------------------------------------------------------

    def _make_table(self) -> QTableView:
        table = QTableView()
        table.setModel(self.proxy)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.verticalHeader().setVisible(False)
        table.setWordWrap(False)
        table.setAlternatingRowColors(True)
        table.setTabKeyNavigation(False)  # Tab goes on to the next control
        # Enter confirms while the table has the focus (elsewhere it presses buttons).
        enter = QAction("Confirm the place", table)
        enter.setShortcuts([QKeySequence(Qt.Key.Key_Return), QKeySequence(Qt.Key.Key_Enter)])
        enter.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        enter.triggered.connect(self.confirm)
        table.addAction(enter)
        return table

    def _action(self, text: str, keys: tuple[str, ...], slot: Any, tip: str) -> QAction:
        action = QAction(text, self)
        action.setShortcuts([QKeySequence(key) for key in keys])
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.setToolTip(tip)
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)
        return action

    def _lay_out(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.summary)
        top.addStretch(1)
        legend = QLabel(_legend())
        legend.setTextFormat(Qt.TextFormat.RichText)
        top.addWidget(legend)

        sides = QSplitter(Qt.Orientation.Horizontal)
        for label, pane in ((self.old_label, self.old_pane), (self.new_label, self.new_pane)):
            column = QWidget()
            layout = QVBoxLayout(column)
            layout.setContentsMargins(0, 0, 0, 0)
            label.setBuddy(pane)
            layout.addWidget(label)
            layout.addWidget(pane)
            sides.addWidget(column)
        sides.setSizes([640, 640])

        for text, states in FILTERS:
            self.show_filter.addItem(text, tuple(state.value for state in states))
        show = QLabel("&Show:")
        show.setBuddy(self.show_filter)
        bar = QHBoxLayout()
        bar.addWidget(self.counts)
        bar.addStretch(1)
        bar.addWidget(show)
        bar.addWidget(self.show_filter)
        keys: list[QWidget] = [self.old_pane, self.new_pane, self.tabs.tabBar(), self.table,
                               self.show_filter]
        for action in (self.confirm_action, self.place_action):
            button = QToolButton()
            keys.append(button)
            button.setDefaultAction(action)
            button.setText(f"{action.text()} ({action.shortcut().toString()})")
            button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            bar.addWidget(button)
        self.hint.setWordWrap(True)
        annotations = QWidget()
        rows = QVBoxLayout(annotations)
        rows.setContentsMargins(4, 4, 4, 4)
        rows.addLayout(bar)
        rows.addWidget(self.table)
        rows.addWidget(self.hint)
        annotations.setFocusProxy(self.table)
        self.tabs.addTab(annotations, "&Annotations")
        self.reference_table = _list_table(self.references)
        self.recommendation_table = _list_table(self.recommendations)
        self.tabs.addTab(self.reference_table, "&References")
        self.tabs.addTab(self.recommendation_table, "Recommen&dations")

        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(sides)
        split.addWidget(self.tabs)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setSizes([470, 290])
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        for closing in buttons.buttons():
            if isinstance(closing, QPushButton):
                closing.setAutoDefault(False)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split, 1)
        layout.addWidget(buttons)
        keys.extend([*buttons.buttons(), *keys[:3]])  # and round again
        for before, after in itertools.pairwise(keys):
            self.setTabOrder(before, after)  # the panes, the tabs, the table and its controls
        # A tab's Alt key (Alt+A, Alt+R, Alt+D) goes on into its table.
        self.tabs.tabBar().installEventFilter(self)

    def _connect(self) -> None:
        self.show_filter.currentIndexChanged.connect(self._filter_changed)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        session = self.session
        session.annotation_added.connect(self._added)
        session.annotation_updated.connect(self._updated)
        session.annotation_removed.connect(self._removed)
        session.brief_opened.connect(self._brief_opened)
        undo = session.undo_stack.createUndoAction(self, "&Undo")
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = session.undo_stack.createRedoAction(self, "&Redo")
        redo.setShortcut(QKeySequence.StandardKey.Redo)
        self.addActions([undo, redo])

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.tabs.tabBar() and event.type() == QEvent.Type.Shortcut:
            QTimer.singleShot(0, self, self._focus_tab)
        return super().eventFilter(watched, event)

    def _focus_tab(self) -> None:
        page = self.tabs.currentWidget()
        if page is not None:
            page.setFocus(Qt.FocusReason.ShortcutFocusReason)

    # Contents --------------------------------------------------------------------------

    def load(self, comparison: Comparison) -> None:
        self.comparison = comparison
        old, new = comparison.old, comparison.new
        old_kinds: dict[int, BlockKindName] = {}
        new_kinds: dict[int, BlockKindName] = {}
        old_words: dict[int, list[Span]] = {}
        new_words: dict[int, list[Span]] = {}
        for change in comparison.blocks:
            if change.kind == "same":
                continue
            if change.old_index is not None:
                old_kinds[change.old_index] = change.kind
            if change.new_index is not None:
                new_kinds[change.new_index] = change.kind
            if (change.kind == "changed" and change.old_index is not None
                    and change.new_index is not None):
                gone, came = changed_words(old.blocks[change.old_index].text,
                                           new.blocks[change.new_index].text)
                old_words[change.old_index], new_words[change.new_index] = gone, came
        self.step_scroll.enabled = False
        self.old_pane.show_version(old, comparison.old_annotations, old_kinds, old_words, True)
        self.new_pane.show_version(new, comparison.new_annotations, new_kinds, new_words,
                                   False)
        self.step_scroll.set_changes(comparison.blocks)
        self.step_scroll.enabled = True
        self.old_label.setText(f"&Old: {_version_line(old)}")
        self.new_label.setText(f"&New: {_version_line(new)}")
        self.summary.setText(block_summary(comparison.blocks))
        self.model.reset(comparison.new_annotations)
        before, after = f"Version {old.version}", f"Version {new.version}"
        for model, tab, changes, name in (
                (self.references, 1, comparison.references, "&References"),
                (self.recommendations, 2, comparison.recommendations, "Recommen&dations")):
            model.reset(changes, before, after)
            count = model.changed_count()
            self.tabs.setTabText(tab, f"{name} ({_plural(count, 'change')})" if count
                                 else f"{name} (no changes)")
        self._counts_changed()
        fit_columns(self.table, stretch=Column.COMMENT, widest=420)
        self._select_first()

    def _select_first(self) -> None:
        """The first annotation that needs the reviewer, else the first."""
        for row in range(self.proxy.rowCount()):
            state = self.proxy.index(row, 0).data(STATE_ROLE)
            if state in (AnchorState.NEEDS_REVIEW, AnchorState.ORPHANED):
                self._select_row(row)
                return
        if self.proxy.rowCount():
            self._select_row(0)

    def _select_row(self, row: int) -> None:
        flags = (QItemSelectionModel.SelectionFlag.ClearAndSelect
                 | QItemSelectionModel.SelectionFlag.Rows)
        self.table.selectionModel().setCurrentIndex(self.proxy.index(row, 0), flags)

    def select_annotation(self, annotation_id: str) -> bool:
        row = self.model.row_of(annotation_id)
        if row is None:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():
            return False
        self._select_row(index.row())
        return True

    def current_view(self) -> AnnotationView | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return self.model.view_at(self.proxy.mapToSource(index).row())

    def _counts_changed(self) -> None:
        counts = self.model.state_counts()
        self.counts.setText(
            f"{_plural(sum(counts.values()), 'carried annotation')}: "
            + " · ".join(f"{counts[state]} {STATE_WORDS[state]}" for state in AnchorState))
        for item, (text, states) in enumerate(FILTERS):
            shown = sum(counts[state] for state in states) if states else sum(counts.values())
            self.show_filter.setItemText(item, f"{text} ({shown})")

    def _filter_changed(self) -> None:
        states = self.show_filter.currentData() or ()
        current = self.current_view()
        self.proxy.set_states(states)
        if current is None or not self.select_annotation(current.id):
            self._select_first()

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._reselect is not None:
            return  # the row is being put back after a placement
        view = self.current_view() if current.isValid() else None
        if view is None:
            self.hint.setText("")
            return
        self.hint.setText(STATE_HELP[state_of(view)] + ".")
        self._show_in_panes(view)

    def _show_in_panes(self, view: AnnotationView) -> None:
        """Its words in the new version (the caret where they were expected, for an
        orphan), and the words it was carried from in the old one."""
        self.step_scroll.enabled = False
        try:
            old_id = self.comparison.carried_from.get(view.id)
            old = next((v for v in self.comparison.old_annotations if v.id == old_id), None)
            if old is not None:
                self.old_pane.select_range(old.start, old.end)
            self.new_pane.select_range(view.start, view.end)
        finally:
            self.step_scroll.enabled = True

    # The reviewer's keys ----------------------------------------------------------------

    def confirm(self) -> None:
        """Enter or C: a needs-review annotation stays where it was put, as anchored."""
        view = self.current_view()
        if view is None:
            self.say(NO_ROW)
            return
        if view.anchor_state == AnchorState.ORPHANED:
            self.say("An orphan has no place to confirm. " + NO_WORDS)
            return
        if view.anchor_state != AnchorState.NEEDS_REVIEW:
            self.say(NOTHING_TO_CONFIRM.format(state=view.anchor_state))
            return
        self.session.push(ConfirmPlacement(self.session, view.id))

    def place(self) -> None:
        """P: the selected annotation goes on the words selected in the new version."""
        view = self.current_view()
        if view is None:
            self.say(NO_ROW)
            return
        words = self.new_pane.selection()
        if words is None:
            self.say(NO_WORDS)
            return
        self.session.push(ConfirmPlacement(self.session, view.id, *words))

    def say(self, message: str) -> None:
        self.hint.setText(message)

    # Edits, from here or from the undo stack --------------------------------------------

    def _ours(self, view: AnnotationView) -> bool:
        return view.brief_id == self.comparison.new.id

    def _added(self, view: AnnotationView) -> None:
        if not self._ours(view):
            return
        self.model.upsert(view)
        self.new_pane.annotation_added(view)
        self._counts_changed()
        if self._reselect == view.id:
            self._reselect = None
            if not self.select_annotation(view.id):
                self._select_first()
        elif self.current_view() is None:
            self.select_annotation(view.id)

    def _updated(self, view: AnnotationView) -> None:
        if not self._ours(view):
            return
        current = self.current_view()
        self.model.upsert(view)
        self.new_pane.annotation_updated(view)
        self._counts_changed()
        if current is None:
            self.select_annotation(view.id)  # back in the list (an undo): choose it again
        elif current.id == view.id and self.current_view() is None:
            self._select_first()  # the filter hid it: on to the next that needs the reviewer
        elif current.id == view.id:
            self._current_changed(self.table.currentIndex(), QModelIndex())

    def _removed(self, annotation_id: str) -> None:
        if self.model.row_of(annotation_id) is None:
            return
        current = self.current_view()
        if current is not None and current.id == annotation_id:
            # A placement takes it out and puts it back at once; a deletion does not.
            self._reselect = annotation_id
            QTimer.singleShot(0, self, self._settle)
        self.model.remove(annotation_id)
        self.new_pane.annotation_removed(annotation_id)
        self._counts_changed()

    def _settle(self) -> None:
        """The chosen annotation was deleted: show whichever row is chosen now."""
        if self._reselect is None:
            return
        self._reselect = None
        if self.current_view() is None:
            self._select_first()
        else:
            self._current_changed(self.table.currentIndex(), QModelIndex())

    def _brief_opened(self, brief: object) -> None:
        if isinstance(brief, Brief) and brief.id == self.comparison.new.id:
            self.reload()
        else:
            self.close()  # another brief is on screen; its undo steps are gone

    def reload(self) -> None:
        comparison = self.session.attempt(
            lambda: load_comparison(self.session.store, self.comparison.new.id))
        if comparison is not None:
            self.load(comparison)


def _version_line(brief: Brief) -> str:
    when = brief.imported_at.astimezone().strftime("%d %b %Y %H:%M") \
        if brief.imported_at else ""
    return f"version {brief.version}" + (f", imported {when}" if when else "")


def _legend() -> str:
    swatches = " ".join(
        f'<span style="background:{colour}; color:{TEXT_ON_COLOUR}">&nbsp;{kind}&nbsp;</span>'
        for kind, colour in BLOCK_COLOURS.items())
    return (f"{swatches} &nbsp;<s style='color:{CHANGED_OLD_WORDS}'>words gone</s> "
            f"<u style='text-decoration-color:{CHANGED_NEW_UNDERLINE}'>words new</u>")


def open_compare(session: ReviewSession, parent: QWidget | None = None) -> CompareView | None:
    """The compare view for the open brief, or None (and a message) for a first version."""
    brief = session.brief
    if brief is None:
        return None
    comparison = session.attempt(lambda: load_comparison(session.store, brief.id))
    if comparison is None:
        return None
    view = CompareView(session, comparison, parent)
    view.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    return view

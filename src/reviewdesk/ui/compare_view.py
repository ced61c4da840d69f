"""Compare with the previous version: the two versions side by side, scrolling in step,
blocks coloured by what happened to them, and the annotations carried to the new version
in a table, where the reviewer confirms or places the ones that need it.

Keys: Enter or C confirms the selected annotation where it was put (needs review); P places
it on the words selected in the new version (an orphan too); Ctrl+Z undoes; Escape closes.
"""

from __future__ import annotations

import itertools
from typing import Any

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
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
from reviewdesk.domain.compare import BlockChange, count_kinds
from reviewdesk.domain.views import AnnotationView
from reviewdesk.domain.words import count as _plural
from reviewdesk.services.comparison import Comparison, load_comparison
from reviewdesk.ui.accessible import describe, describe_buttons
from reviewdesk.ui.carried_model import (
    STATE_HELP,
    STATE_ROLE,
    STATE_WORDS,
    CarriedModel,
    Column,
    StateFilter,
    state_of,
)
from reviewdesk.ui.compare_pane import (
    BLOCK_COLOURS,
    CHANGED_NEW_UNDERLINE,
    CHANGED_OLD_WORDS,
    TEXT_ON_COLOUR,
    ComparePane,
)
from reviewdesk.ui.delegates import fit_columns
from reviewdesk.ui.list_changes_model import ListChangesModel, list_table
from reviewdesk.ui.session import ReviewSession
from reviewdesk.ui.step_scroll import StepScroll
from reviewdesk.ui.undo_versions import ConfirmPlacement

NO_ROW = "Select an annotation in the table first."
NO_WORDS = ("Select the words it belongs on in the new version (right), then press P.")
NOTHING_TO_CONFIRM = "It is already {state}: there is nothing to confirm."

# What the "Show" list offers: a label and the anchor states it keeps (none: all).
FILTERS: tuple[tuple[str, tuple[AnchorState, ...]], ...] = (
    ("All", ()),
    ("Needs review or orphaned", (AnchorState.NEEDS_REVIEW, AnchorState.ORPHANED)),
    ("Needs review", (AnchorState.NEEDS_REVIEW,)),
    ("Orphaned", (AnchorState.ORPHANED,)),
)


def block_summary(changes: list[BlockChange]) -> str:
    """"2 changed · 1 inserted · 1 deleted · 1 moved · 9 unchanged"."""
    counts = count_kinds([change.kind for change in changes])
    parts = [f"{counts[kind]} {kind}" for kind in ("changed", "inserted", "deleted", "moved")
             if counts.get(kind)]
    parts.append(f"{counts.get('same', 0)} unchanged")
    return "Paragraphs: " + " · ".join(parts)


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
        self.old_pane, self.new_pane = ComparePane(old_side=True), ComparePane()
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
        describe(table, "Carried annotations", "The annotations carried to the new version "
                 "and where each landed; Enter or C confirms the place, P moves it to the "
                 "selected words")
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
        describe(self.show_filter, "Show", "Which carried annotations the table lists")
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
        self.reference_table = list_table(
            self.references, "Reference changes", "References added, removed or changed "
            "between the two versions")
        self.recommendation_table = list_table(
            self.recommendations, "Recommendation changes", "Recommendations added, removed "
            "or changed between the two versions")
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
        describe_buttons(buttons)
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
        """Show this comparison: both versions, the carried annotations and the lists."""
        self.comparison = comparison
        old, new = comparison.old, comparison.new
        old_marks, new_marks = comparison.marks()
        self.step_scroll.enabled = False
        self.old_pane.show_version(old, comparison.old_annotations, old_marks.kinds,
                                   old_marks.words, True)
        self.new_pane.show_version(new, comparison.new_annotations, new_marks.kinds,
                                   new_marks.words, False)
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
        """Choose the annotation's row; False when it is not in the table or is filtered out."""
        row = self.model.row_of(annotation_id)
        if row is None:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():
            return False
        self._select_row(index.row())
        return True

    def current_view(self) -> AnnotationView | None:
        """The annotation of the chosen row, if any."""
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
        """Show a hint or a reason under the table."""
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
        """Read the comparison again (after the brief was opened anew)."""
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

"""View → Summary: the review at a glance, for the open brief or every brief (see
services/summary.py for what each figure counts).

Three tabs:

* Overview: tables of annotations by tag, by reviewer and by section, the reference checks,
  the recommendations by status and by addressee, the recommendations that recur across
  briefs (grouped), the comments still open and each reviewer's progress. Enter or a
  double-click on an open comment asks the main window to show it (`annotation_requested`).
* Charts: every chart of ui/charts.py, in a grid.
* Agreement: ui/agreement_tab.py; Enter or a double-click on a sentence asks the main
  window to select it (`range_requested`).

Refresh (F5) asks services/summary.py again; Export report writes it as DOCX, CSV or XLSX
(export/report.py, with the charts of ui/charts.py) off the GUI thread. Every tab, table
and button has an Alt letter.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from reviewdesk.domain.summary import NO_TAG, Summary
from reviewdesk.domain.words import count
from reviewdesk.errors import ReviewDeskError
from reviewdesk.export.report import REPORT_FORMATS, ReportResult, write_report
from reviewdesk.services.briefs import list_briefs
from reviewdesk.services.summary import SummaryWithTexts, compute_summary
from reviewdesk.storage.store import Store
from reviewdesk.ui.accessible import describe
from reviewdesk.ui.agreement_tab import AgreementTab
from reviewdesk.ui.charts import CHART_KINDS, ChartView, render_chart
from reviewdesk.ui.settings import Settings
from reviewdesk.ui.summary_tables import TABLE_DESCRIPTIONS, Row, fill_table, make_table, payload
from reviewdesk.ui.work_runner import WorkRunner

ALL_BRIEFS = "All briefs"
REPORT_FILTERS = {"Word documents (*.docx)": ".docx", "CSV files (*.csv)": ".csv",
                  "Excel workbooks (*.xlsx)": ".xlsx"}

# The Overview's tables: key, group title (with its Alt letter), columns, sorted by
# (column, descending) or not sortable, and its place in the grid (row, column, span).
# The column that takes the room left is the last one holding words.
_TABLES: tuple[tuple[str, str, tuple[str, ...], tuple[int, bool] | None,
                     tuple[int, int, int]], ...] = (
    ("briefs", "Br&iefs", ("Brief", "Version", "Annotations", "References unchecked",
                           "Verified", "With a problem", "Recommendations decided",
                           "Recommendations"), None, (0, 0, 3)),
    ("by_tag", "By &tag", ("Tag", "Annotations"), (1, True), (1, 0, 1)),
    ("by_reviewer", "By re&viewer", ("Reviewer", "Annotations"), (1, True), (1, 1, 1)),
    ("progress", "Reviewer &progress", ("Reviewer", "Annotations", "Resolved", "Replies"),
     (1, True), (1, 2, 1)),
    ("by_section_kind", "By section &kind", ("Kind", "Annotations"), (1, True), (2, 0, 1)),
    ("by_section", "By &section", ("Brief", "Section", "Kind", "Annotations"), None,
     (2, 1, 2)),
    ("references", "Re&ferences", ("Check", "Entries"), None, (3, 0, 1)),
    ("recommendations_by_status", "Recommendations by stat&us", ("Status", "Recommendations"),
     None, (3, 1, 1)),
    ("recommendations_by_addressee", "Recommendations by &addressee",
     ("Addressee", "Recommendations"), (1, True), (3, 2, 1)),
    ("recurring", "Recurring recommen&dations", ("Group", "Brief", "Recommendation"), None,
     (4, 0, 3)),
    ("unresolved", "Unresolved co&mments", ("Brief", "Reviewer", "Tag", "Quote", "Comment"),
     None, (5, 0, 3)),
)

_STRETCH = {"by_section": 1, "recurring": 2, "unresolved": 4}  # else the first column


def _label(status: str) -> str:
    return status.replace("_", " ").capitalize()


class SummaryWindow(QDialog):
    """The summary, non-modal. `annotation_requested(brief id, annotation id)` and
    `range_requested(brief id, start, end)` ask the main window to show something;
    `report_written(ReportResult)` says a report was written."""

    annotation_requested = Signal(str, str)
    range_requested = Signal(str, int, int)
    report_written = Signal(object)
    refreshed = Signal()

    def __init__(self, store: Store, parent: QWidget | None = None,
                 settings: Settings | None = None, brief_id: str | None = None) -> None:
        """`brief_id`: the brief shown first (None: every brief); the Brief box switches."""
        super().__init__(parent)
        self._store = store
        self._settings = settings
        self._shown = SummaryWithTexts(Summary())
        self.setWindowTitle("Review summary — ReviewDesk")
        self.setModal(False)
        self.setSizeGripEnabled(True)
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.resize(1280, 800)

        self.brief_box = QComboBox()
        self.brief_box.setMinimumContentsLength(28)
        self.brief_box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        describe(self.brief_box, "Brief", "Whose summary to show: one brief, or every brief")
        self.refresh_button = QPushButton("&Refresh")
        self.refresh_button.setToolTip("Compute the summary again (F5)")
        self.export_button = QPushButton("E&xport report…")
        self.export_button.setToolTip("Write this summary as a Word document, a CSV file or "
                                      "an Excel workbook")
        self.headline = QLabel()
        self.headline.setWordWrap(True)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.tables: dict[str, QTableWidget] = {}
        self.charts: dict[str, ChartView] = {}
        self.tabs = QTabWidget()
        self.tabs.addTab(self._overview(), "&Overview")
        self.tabs.addTab(self._charts(), "&Charts")
        self.agreement = AgreementTab()
        self.tabs.addTab(self.agreement, "A&greement")

        top = QHBoxLayout()
        chooser = QLabel("&Brief:")
        chooser.setBuddy(self.brief_box)
        top.addWidget(chooser)
        top.addWidget(self.brief_box, 1)
        top.addStretch(1)
        top.addWidget(self.refresh_button)
        top.addWidget(self.export_button)
        column = QVBoxLayout(self)
        column.addLayout(top)
        column.addWidget(self.headline)
        column.addWidget(self.tabs, 1)
        column.addWidget(self.status)

        for button in (self.refresh_button, self.export_button):
            button.setAutoDefault(False)  # Enter in a table shows its row, not a button
            button.setDefault(False)
        self.refresh_button.clicked.connect(self.refresh)
        self.export_button.clicked.connect(lambda: self.export_report())
        self._refresh_key = QShortcut(QKeySequence(Qt.Key.Key_F5), self)
        self._refresh_key.activated.connect(self.refresh)
        self.brief_box.currentIndexChanged.connect(lambda _index: self.refresh())
        self.tables["unresolved"].activated.connect(self._open_comment)
        self.agreement.range_requested.connect(self.range_requested)
        self.open_on(brief_id)

    # --- Building ------------------------------------------------------------------------

    def _overview(self) -> QWidget:
        grid_widget = QWidget()
        grid = QGridLayout(grid_widget)
        for key, title, columns, sort, (row, col, span) in _TABLES:
            table = make_table(columns, title.replace("&", ""), _STRETCH.get(key, 0))
            table.installEventFilter(self)
            table.setAccessibleDescription(TABLE_DESCRIPTIONS[key])
            if sort is not None:
                table.setSortingEnabled(True)
                table.sortByColumn(sort[0], Qt.SortOrder.DescendingOrder if sort[1]
                                   else Qt.SortOrder.AscendingOrder)
            self.tables[key] = table
            box = QGroupBox(title)
            inside = QVBoxLayout(box)
            inside.addWidget(table)
            grid.addWidget(box, row, col, 1, span, Qt.AlignmentFlag.AlignTop)
        self.tables["unresolved"].setToolTip("Enter or double-click: show the comment in "
                                             "its brief")
        for column in range(3):
            grid.setColumnStretch(column, 1)
        grid.setRowStretch(len(_TABLES), 1)  # room left over goes below the tables
        self._scroll = QScrollArea()
        self._scroll.setWidgetResizable(True)
        self._scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self._scroll.setWidget(grid_widget)
        return self._scroll

    def _charts(self) -> QWidget:
        page = QWidget()
        grid = QGridLayout(page)
        grid.setSpacing(8)
        places = {"tags": (0, 0, 1), "progress": (0, 1, 1), "references": (0, 2, 1),
                  "recommendations": (1, 0, 1), "timeline": (1, 1, 2)}
        for index, kind in enumerate(CHART_KINDS):
            view = ChartView(kind)
            view.setMinimumSize(300, 200)
            self.charts[kind] = view
            row, col, span = places.get(kind, (2 + index // 3, index % 3, 1))
            grid.addWidget(view, row, col, 1, span)
        for column in range(3):
            grid.setColumnStretch(column, 1)
        return page

    # --- What is shown -------------------------------------------------------------------

    @property
    def summary(self) -> Summary:
        """The summary on screen."""
        return self._shown.summary

    def brief(self) -> str | None:
        """The brief chosen (its id), or None for every brief."""
        chosen = self.brief_box.currentData()
        return str(chosen) if chosen else None

    def set_brief(self, brief_id: str | None) -> None:
        """Show one brief's summary (None: every brief's)."""
        index = self.brief_box.findData(brief_id) if brief_id else 0
        if index >= 0:
            self.brief_box.setCurrentIndex(index)

    def open_on(self, brief_id: str | None) -> None:
        """Show `brief_id`'s summary (None, or a brief no longer stored: every brief's),
        computed afresh, once."""
        self._fill_chooser()
        box = self.brief_box
        box.blockSignals(True)  # one computation, below, not one for the change too
        try:
            box.setCurrentIndex(max(box.findData(brief_id) if brief_id else 0, 0))
        finally:
            box.blockSignals(False)
        self.refresh()

    def refresh(self) -> None:
        """Compute the summary again, for the brief chosen (F5)."""
        self._fill_chooser()
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            shown = compute_summary(self._store, self.brief())
        except ReviewDeskError as error:
            QGuiApplication.restoreOverrideCursor()
            self.show_error(str(error))
            return
        QGuiApplication.restoreOverrideCursor()
        self._shown = shown
        self._fill(shown)
        self.refreshed.emit()

    def _fill_chooser(self) -> None:
        box = self.brief_box
        chosen = self.brief()
        briefs = list_briefs(self._store)
        entries: list[tuple[str, str | None]] = [(ALL_BRIEFS, None)]
        entries += [(b.title + (f" (version {b.version})" if b.version > 1 else ""), b.id)
                    for b in briefs]
        if [(box.itemText(i), box.itemData(i)) for i in range(box.count())] == entries:
            return
        box.blockSignals(True)
        try:
            box.clear()
            for text, brief_id in entries:
                box.addItem(text, brief_id)
            index = box.findData(chosen) if chosen else 0
            box.setCurrentIndex(max(index, 0))
        finally:
            box.blockSignals(False)

    def _fill(self, shown: SummaryWithTexts) -> None:
        summary = shown.summary
        labels = summary.labels

        def title(brief_id: str) -> str:
            return labels.get(brief_id, brief_id[:8])

        self._put("briefs", [
            ((b.label, b.version, b.annotations, b.checked("unchecked"), b.checked("verified"),
              b.checked("problem"), b.recommendations_decided, b.recommendations_total), b.id)
            for b in summary.briefs])
        self._counts("by_tag", summary.tag_totals)
        self._counts("by_reviewer", summary.reviewer_totals)
        self._put("progress", [((name, p.annotations, p.resolved, p.replies), name)
                               for name, p in summary.reviewer_progress.items()])
        self._counts("by_section_kind", summary.section_kinds, _label)
        self._put("by_section", [((title(b.id), s.title or "(untitled)", _label(s.kind),
                                   s.annotations), b.id)
                                 for b in summary.briefs for s in summary.sections.get(b.id, ())])
        self.tables["by_section"].setColumnHidden(0, len(summary.briefs) <= 1)
        self._counts("references", summary.reference_totals, _label)
        self._counts("recommendations_by_status", summary.status_counts, _label)
        self._counts("recommendations_by_addressee", summary.addressee_counts)
        self._put("recurring", [((number, title(item.brief), item.text), item.brief)
                                for number, group in enumerate(summary.recurring, 1)
                                for item in group])
        self._put("unresolved", [((title(u.brief), u.reviewer, u.tag or NO_TAG, u.quote,
                                   u.comment), (u.brief, u.id)) for u in summary.unresolved])
        self.headline.setText(_headline(summary))
        for view in self.charts.values():
            view.set_summary(summary)
        self.agreement.show_summary(shown)

    def _counts(self, key: str, counts: Mapping[str, int],
                label: Callable[[str], str] = str) -> None:
        """A count a row, named by `label` (a check, status or kind as people read it)."""
        self._put(key, [((label(name), n), name) for name, n in counts.items()])

    def _put(self, key: str, rows: Sequence[Row]) -> None:
        fill_table(self.tables[key], rows)

    # --- Going to the brief --------------------------------------------------------------

    def _open_comment(self, index: QModelIndex) -> None:
        found = payload(self.tables["unresolved"], index.row())
        if len(found) == 2:
            self.annotation_requested.emit(str(found[0]), str(found[1]))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """A table that takes the keys (Tab, its Alt letter) scrolls into view."""
        if event.type() == QEvent.Type.FocusIn and isinstance(watched, QTableWidget):
            box = watched.parentWidget()
            if box is not None:
                self._scroll.ensureWidgetVisible(box, 0, 0)
        return super().eventFilter(watched, event)

    # --- The report ----------------------------------------------------------------------

    def _folder(self) -> Path:
        chosen = self._settings.last_export_folder if self._settings is not None else ""
        folder = Path(chosen).expanduser() if chosen else Path.home()
        return folder if folder.is_dir() else Path.home()

    def choose_report_file(self) -> Path | None:
        """Ask where to write the report; the format follows the name (or the filter)."""
        name, chosen = QFileDialog.getSaveFileName(
            self, "Export the summary report", str(self._folder() / "Review summary.docx"),
            ";;".join(REPORT_FILTERS))
        if not name:
            return None
        path = Path(name)
        if path.suffix.lower() not in REPORT_FORMATS:
            path = path.with_name(path.name + REPORT_FILTERS.get(chosen, ".docx"))
        return path

    def export_report(self, target: Path | None = None) -> None:
        """Write the summary on screen as a report (asking where when `target` is None),
        off the GUI thread: a Word report draws its charts."""
        path = target if target is not None else self.choose_report_file()
        if path is None:
            return
        summary = self.summary
        runner = WorkRunner(lambda _progress: write_report(summary, path, charts=render_chart),
                            f"Writing {path.name}…", "Exporting the summary", self)
        runner.done.connect(self._report_done)
        runner.failed.connect(self.show_error)
        self.status.setText(f"Writing {path}…")
        self.export_button.setEnabled(False)
        runner.ended.connect(lambda: self.export_button.setEnabled(True))
        runner.start()

    def _report_done(self, result: ReportResult) -> None:
        if self._settings is not None:
            self._settings.last_export_folder = str(result.path.parent)
        charts = f" and {count(result.charts, 'chart')}" if result.charts else ""
        self.status.setText(f"Wrote {count(result.tables, 'table')}{charts} to {result.path}")
        self.report_written.emit(result)

    def show_error(self, message: str) -> None:
        self.status.setText("")
        text = message[:1].upper() + message[1:]
        QMessageBox.warning(self, "ReviewDesk", text if text.endswith(".") else text + ".")


def _headline(summary: Summary) -> str:
    references = summary.reference_totals
    return (f"{count(len(summary.briefs), 'brief')} · "
            f"{count(summary.annotation_total, 'annotation')} by "
            f"{count(len(summary.progress), 'reviewer')} · "
            f"{count(len(summary.unresolved), 'open comment')} · "
            f"references {references.get('verified', 0)} verified, "
            f"{references.get('problem', 0)} with a problem, "
            f"{references.get('unchecked', 0)} unchecked · recommendations "
            f"{summary.recommendations_decided} of {summary.recommendations_total} decided")

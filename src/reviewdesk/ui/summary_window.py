"""View → Summary: the review at a glance, for every brief or one (see
services/summary.py for what each figure counts).

Three tabs:

* Overview: tables of annotations by tag, by reviewer and by section, the reference checks,
  the recommendations by status and by addressee, the recommendations that recur across
  briefs (grouped), the comments still open and each reviewer's progress. Enter or a
  double-click on an open comment asks the main window to show it (`annotation_requested`).
* Charts: every chart of ui/charts.py, in a grid.
* Agreement: for a brief that two or more reviewers tagged, each top-level tag with the
  pairs of reviewers under it (precision, recall, F1, kappa; alpha_u for the tag), and the
  sentences they tagged differently, quoted from the brief; Enter or a double-click asks
  the main window to select that sentence (`range_requested`).

Refresh (F5) computes everything again; Export report writes it as DOCX, CSV or XLSX
(export/report.py) off the GUI thread. Every tab, table and button has an Alt letter.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reviewdesk.errors import ReviewDeskError
from reviewdesk.export.report import REPORT_FORMATS, ReportResult, write_report
from reviewdesk.services.briefs import list_briefs
from reviewdesk.services.summary import NO_TAG, summary_of
from reviewdesk.storage.store import Store
from reviewdesk.ui.charts import CHART_KINDS, ChartView
from reviewdesk.ui.settings import Settings
from reviewdesk.ui.work_runner import WorkRunner

ALL_BRIEFS = "All briefs"
PAYLOAD_ROLE = Qt.ItemDataRole.UserRole  # on a row's first cell: what the row points at
REPORT_FILTERS = {"Word documents (*.docx)": ".docx", "CSV files (*.csv)": ".csv",
                  "Excel workbooks (*.xlsx)": ".xlsx"}
UNDEFINED = "—"
QUOTE_LIMIT = 160

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
_ROWS_SHOWN = 8  # a table is as tall as this many rows, or fewer when it has fewer
_SCORE_COLUMNS = ("Tag / reviewers", "Precision", "Recall", "F1", "Kappa", "Alpha_u")
_DISAGREEMENT_COLUMNS = ("Words", "Tag", "Tagged by", "Not tagged by", "Their tags")

Cell = str | int | float | None


@dataclass(slots=True)
class SummaryData:
    """What the window shows: the summary's JSON, the title of each brief it names, and
    the text of each brief with an agreement report (to quote its sentences)."""

    data: dict[str, Any]
    titles: dict[str, str] = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict)


def compute_summary(store: Store, brief: str | None = None) -> SummaryData:
    """The summary of every brief, or of the one named, with what the window needs beside
    it (no Qt: this may run on any thread)."""
    data = summary_of(store, brief).to_dict()
    titles = {b["id"]: b["title"] or b["id"][:8] for b in data["briefs"]}
    texts: dict[str, str] = {}
    with store.transaction() as tx:
        for brief_id in data["agreement"]:
            found = tx.briefs.title_and_text(brief_id)
            if found is not None:
                texts[brief_id] = found[1]
    return SummaryData(data, titles, texts)


def score_text(value: float | None) -> str:
    """A score as shown: two decimals, or a dash when it is undefined."""
    return UNDEFINED if value is None else f"{value:.2f}"


def quoted(text: str, start: int, end: int, limit: int = QUOTE_LIMIT) -> str:
    """The brief's words from start to end, in quotation marks, shortened in the middle
    when long."""
    words = " ".join(text[max(start, 0):max(end, 0)].split())
    if len(words) > limit:
        half = (limit - 1) // 2
        words = words[:half].rstrip() + " … " + words[-half:].lstrip()
    return f"“{words}”"


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
                 settings: Settings | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._settings = settings
        self._shown = SummaryData({})
        self.setWindowTitle("Review summary — ReviewDesk")
        self.setModal(False)
        self.setSizeGripEnabled(True)
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.resize(1280, 800)

        self.brief_box = QComboBox()
        self.brief_box.setMinimumContentsLength(28)
        self.brief_box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.brief_box.setAccessibleName("Brief")
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
        self.tabs.addTab(self._agreement(), "A&greement")

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
        self.disagreements.activated.connect(self._open_disagreement)
        self.agreement_box.currentIndexChanged.connect(lambda _index: self._show_agreement())
        self.refresh()

    # --- Building ------------------------------------------------------------------------

    def _overview(self) -> QWidget:
        grid_widget = QWidget()
        grid = QGridLayout(grid_widget)
        for key, title, columns, sort, (row, col, span) in _TABLES:
            table = _table(columns, title.replace("&", ""), _STRETCH.get(key, 0))
            table.installEventFilter(self)
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

    def _agreement(self) -> QWidget:
        page = QWidget()
        self.agreement_box = QComboBox()
        self.agreement_box.setAccessibleName("Brief with two or more reviewers")
        self.agreement_note = QLabel()
        self.agreement_note.setWordWrap(True)
        self.scores = QTreeWidget()
        self.scores.setColumnCount(len(_SCORE_COLUMNS))
        self.scores.setHeaderLabels(list(_SCORE_COLUMNS))
        self.scores.setAlternatingRowColors(True)
        self.scores.setRootIsDecorated(True)
        self.scores.setAccessibleName("Agreement by tag")
        self.scores.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.scores.header().setStretchLastSection(False)
        self.disagreements = _table(_DISAGREEMENT_COLUMNS, "Disagreements", 0)
        self.disagreements.setToolTip("Enter or double-click: select these words in the brief")

        top = QHBoxLayout()
        label = QLabel("Brief &with two or more reviewers:")
        label.setBuddy(self.agreement_box)
        top.addWidget(label)
        top.addWidget(self.agreement_box, 1)
        scores_box = QGroupBox("Agr&eement by tag (the first reviewer of a pair is the "
                               "reference for precision and recall)")
        QVBoxLayout(scores_box).addWidget(self.scores)
        disagreements_box = QGroupBox("Sentences tagged differently (disagreeme&nts)")
        QVBoxLayout(disagreements_box).addWidget(self.disagreements)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(scores_box)
        splitter.addWidget(disagreements_box)
        splitter.setChildrenCollapsible(False)
        column = QVBoxLayout(page)
        column.addLayout(top)
        column.addWidget(self.agreement_note)
        column.addWidget(splitter, 1)
        return page

    # --- What is shown -------------------------------------------------------------------

    @property
    def data(self) -> dict[str, Any]:
        """The summary on screen, as `summary_of(...).to_dict()` gave it."""
        return self._shown.data

    def brief(self) -> str | None:
        """The brief chosen (its id), or None for every brief."""
        chosen = self.brief_box.currentData()
        return str(chosen) if chosen else None

    def set_brief(self, brief_id: str | None) -> None:
        """Show one brief's summary (None: every brief's)."""
        index = self.brief_box.findData(brief_id) if brief_id else 0
        if index >= 0:
            self.brief_box.setCurrentIndex(index)

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

    def _fill(self, shown: SummaryData) -> None:
        data, titles = shown.data, shown.titles

        def title(brief_id: str) -> str:
            return titles.get(brief_id, brief_id[:8])

        briefs = data["briefs"]
        recommendations = data["recommendations"]
        references = data["references"]
        self._put("briefs", [
            ((b["title"] or b["id"][:8], b["version"], b["annotations"],
              b["references"]["unchecked"], b["references"]["verified"],
              b["references"]["problem"], b["recommendations"]["decided"],
              b["recommendations"]["total"]), b["id"]) for b in briefs])
        self._counts("by_tag", data["by_tag"]["total"])
        self._counts("by_reviewer", data["by_reviewer"]["total"])
        self._put("progress", [((name, p["annotations"], p["resolved"], p["replies"]), name)
                               for name, p in data["progress"].items()])
        self._put("by_section_kind", [((_label(kind), n), kind)
                                      for kind, n in data["by_section"]["by_kind"].items()])
        self._put("by_section", [((title(b["id"]), s["title"] or "(untitled)",
                                   _label(s["kind"]), s["annotations"]), b["id"])
                                 for b in briefs
                                 for s in data["by_section"]["per_brief"].get(b["id"], [])])
        self.tables["by_section"].setColumnHidden(0, len(briefs) <= 1)
        self._put("references", [((_label(check), n), check) for check, n in references.items()])
        self._put("recommendations_by_status", [
            ((_label(status), n), status) for status, n in recommendations["by_status"].items()])
        self._counts("recommendations_by_addressee", recommendations["by_addressee"])
        self._put("recurring", [((number, title(item["brief"]), item["text"]), item["brief"])
                                for number, group in
                                enumerate(data["recurring_recommendations"], 1)
                                for item in group])
        self._put("unresolved", [((title(u["brief"]), u["reviewer"], u["tag"] or NO_TAG,
                                   u["quote"], u["comment"]), (u["brief"], u["id"]))
                                 for u in data["unresolved"]])
        annotations = sum(b["annotations"] for b in briefs)
        noun = "brief" if len(briefs) == 1 else "briefs"
        self.headline.setText(
            f"{len(briefs)} {noun} · {annotations} annotations by "
            f"{len(data['progress'])} reviewers · {len(data['unresolved'])} open comments · "
            f"references {references.get('verified', 0)} verified, "
            f"{references.get('problem', 0)} with a problem, "
            f"{references.get('unchecked', 0)} unchecked · recommendations "
            f"{recommendations['decided']} of {recommendations['total']} decided")
        for view in self.charts.values():
            view.set_summary(data)
        self._fill_agreement_chooser(shown)

    def _counts(self, key: str, counts: Mapping[str, int]) -> None:
        self._put(key, [((name, n), name) for name, n in counts.items()])

    def _put(self, key: str, rows: Sequence[tuple[tuple[Cell, ...], object]]) -> None:
        _fill_table(self.tables[key], rows)

    # --- Agreement -----------------------------------------------------------------------

    def _fill_agreement_chooser(self, shown: SummaryData) -> None:
        box = self.agreement_box
        chosen = box.currentData()
        box.blockSignals(True)
        try:
            box.clear()
            for brief_id in shown.data["agreement"]:
                box.addItem(shown.titles.get(brief_id, brief_id[:8]), brief_id)
            index = box.findData(chosen) if chosen else 0
            box.setCurrentIndex(max(index, 0) if box.count() else -1)
        finally:
            box.blockSignals(False)
        box.setEnabled(box.count() > 1)
        self._show_agreement()

    def _show_agreement(self) -> None:
        brief_id = self.agreement_box.currentData()
        report = self.data.get("agreement", {}).get(brief_id) if brief_id else None
        self.scores.clear()
        if not report:
            self.agreement_note.setText("No brief here has annotations by two or more "
                                        "reviewers yet: there is nothing to compare.")
            _fill_table(self.disagreements, [], fit=False)
            return
        reviewers = ", ".join(report.get("reviewers", []))
        self.agreement_note.setText(
            f"Reviewers: {reviewers}. Precision, recall and F1 compare the spans each pair "
            "tagged; kappa compares the sentences they tagged; alpha_u is Krippendorff's "
            "unitized alpha over every reviewer. A dash: not defined here.")
        for tag, entry in report.get("tags", {}).items():
            parent = QTreeWidgetItem([tag, "", "", "", "", score_text(entry.get("alpha_u"))])
            parent.setData(0, PAYLOAD_ROLE, tag)
            _align_numbers(parent)
            for pair in entry.get("pairs", []):
                child = QTreeWidgetItem([f"{pair['a']} — {pair['b']}",
                                         *(score_text(pair.get(name)) for name in
                                           ("precision", "recall", "f1", "kappa")), ""])
                child.setData(0, PAYLOAD_ROLE, (pair["a"], pair["b"]))
                _align_numbers(child)
                parent.addChild(child)
            self.scores.addTopLevelItem(parent)
        self.scores.expandAll()
        for column in range(1, len(_SCORE_COLUMNS)):
            self.scores.resizeColumnToContents(column)
        text = self._shown.texts.get(str(brief_id), "")
        rows: list[tuple[tuple[Cell, ...], object]] = []
        for item in report.get("disagreements", []):
            theirs = "; ".join(f"{name}: {tags}" for name, tags in
                               item.get("other_tags", {}).items())
            rows.append(((quoted(text, item["start"], item["end"]), item["tag"],
                          ", ".join(item["tagged_by"]), ", ".join(item["not_tagged_by"]),
                          theirs), (str(brief_id), item["start"], item["end"])))
        _fill_table(self.disagreements, rows, fit=False)
        for row, item in enumerate(report.get("disagreements", [])):
            cell = self.disagreements.item(row, 0)
            if cell is not None:
                cell.setToolTip(f"{' '.join(text[item['start']:item['end']].split())}\n"
                                f"(characters {item['start']}–{item['end']})")

    # --- Going to the brief --------------------------------------------------------------

    def _open_comment(self, index: QModelIndex) -> None:
        payload = _payload(self.tables["unresolved"], index.row())
        if len(payload) == 2:
            self.annotation_requested.emit(str(payload[0]), str(payload[1]))

    def _open_disagreement(self, index: QModelIndex) -> None:
        payload = _payload(self.disagreements, index.row())
        if len(payload) == 3:
            self.range_requested.emit(str(payload[0]), int(payload[1]), int(payload[2]))

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
        data = self.data
        runner = WorkRunner(lambda _progress: write_report(data, path), f"Writing {path.name}…",
                            "Exporting the summary", self)
        runner.done.connect(self._report_done)
        runner.failed.connect(self.show_error)
        self.status.setText(f"Writing {path}…")
        self.export_button.setEnabled(False)
        runner.ended.connect(lambda: self.export_button.setEnabled(True))
        runner.start()

    def _report_done(self, result: ReportResult) -> None:
        if self._settings is not None:
            self._settings.last_export_folder = str(result.path.parent)
        charts = f" and {result.charts} charts" if result.charts else ""
        message = f"Wrote {result.tables} tables{charts} to {result.path}"
        if result.warnings:
            message += " (" + "; ".join(result.warnings) + ")"
        self.status.setText(message)
        self.report_written.emit(result)

    def show_error(self, message: str) -> None:
        self.status.setText("")
        text = message[:1].upper() + message[1:]
        QMessageBox.warning(self, "ReviewDesk", text if text.endswith(".") else text + ".")


# --- Tables ---------------------------------------------------------------------------------


def _table(columns: Sequence[str], name: str, stretch: int) -> QTableWidget:
    """A read-only table of rows; the column `stretch` takes the width left."""
    table = QTableWidget(0, len(columns))
    table.setHorizontalHeaderLabels(list(columns))
    table.setAccessibleName(name)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setTabKeyNavigation(False)  # Tab goes on to the next table
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    rows = table.verticalHeader()
    rows.hide()
    rows.setDefaultSectionSize(table.fontMetrics().height() + 8)
    header = table.horizontalHeader()
    header.setStretchLastSection(False)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return table


def _fill_table(table: QTableWidget, rows: Sequence[tuple[tuple[Cell, ...], object]],
                fit: bool = True) -> None:
    """Replace the rows; the second of each pair is kept on the row's first cell. A table
    that sorts keeps its order (rows with the same value stay in the order given). With
    `fit`, the table is as tall as its rows, up to _ROWS_SHOWN of them."""
    sorting = table.isSortingEnabled()
    table.setSortingEnabled(False)
    table.clearContents()
    table.setRowCount(len(rows))
    for row, (cells, payload) in enumerate(rows):
        for column, value in enumerate(cells):
            item = QTableWidgetItem()
            if isinstance(value, int | float) and not isinstance(value, bool):
                item.setData(Qt.ItemDataRole.DisplayRole, value)
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                      | Qt.AlignmentFlag.AlignVCenter)
            else:
                text = "" if value is None else str(value)
                item.setText(" ".join(text.split()))
                if len(text) > 40:
                    item.setToolTip(text)
            if column == 0:
                item.setData(PAYLOAD_ROLE, payload)
            table.setItem(row, column, item)
    table.setSortingEnabled(sorting)
    table.resizeColumnsToContents()
    header = table.horizontalHeader()
    for column in range(table.columnCount()):  # long words: the stretching column wraps
        header.resizeSection(column, min(header.sectionSize(column), 320))
    if fit:
        shown = max(1, min(len(rows), _ROWS_SHOWN))
        height = (header.height() + shown * table.verticalHeader().defaultSectionSize()
                  + 2 * table.frameWidth() + 2)
        table.setFixedHeight(height)


def _payload(table: QTableWidget, row: int) -> tuple[Any, ...]:
    """What the row points at, as a tuple (Qt may give a tuple back as a list)."""
    item = table.item(row, 0)
    value = item.data(PAYLOAD_ROLE) if item is not None else None
    return tuple(value) if isinstance(value, tuple | list) else ()


def _align_numbers(item: QTreeWidgetItem) -> None:
    for column in range(1, item.columnCount()):
        item.setTextAlignment(column, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


def table_rows(table: QTableWidget) -> list[tuple[str, ...]]:
    """Every row's cells as shown (for tests and for copying)."""
    rows = []
    for row in range(table.rowCount()):
        items = (table.item(row, column) for column in range(table.columnCount()))
        rows.append(tuple(item.text() if item is not None else "" for item in items))
    return rows

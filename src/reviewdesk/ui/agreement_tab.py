"""The summary window's Agreement tab: for a brief that two or more reviewers tagged, each
top-level tag with the pairs of reviewers under it (precision, recall, F1, kappa; alpha_u
for the tag), and the sentences they tagged differently, quoted from the brief; Enter or a
double-click asks to select that sentence (`range_requested`)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reviewdesk.domain.agreement import AgreementReport, rounded
from reviewdesk.domain.summary import Summary
from reviewdesk.services.summary import SummaryWithTexts
from reviewdesk.ui.accessible import describe
from reviewdesk.ui.summary_tables import (
    PAYLOAD_ROLE,
    Row,
    align_numbers,
    fill_table,
    make_table,
    payload,
)

UNDEFINED = "—"
QUOTE_LIMIT = 160
_SCORE_COLUMNS = ("Tag / reviewers", "Precision", "Recall", "F1", "Kappa", "Alpha_u")
_DISAGREEMENT_COLUMNS = ("Words", "Tag", "Tagged by", "Not tagged by", "Their tags")


def score_text(value: float | None) -> str:
    """A score as shown: two decimals, or a dash when it is undefined."""
    return UNDEFINED if value is None else f"{value:.2f}"


def _score(value: float | None) -> str:
    """A measure as shown: rounded as in the report first, then to two decimals."""
    return score_text(rounded(value))


def quoted(text: str, start: int, end: int, limit: int = QUOTE_LIMIT) -> str:
    """The brief's words from start to end, in quotation marks, shortened in the middle
    when long."""
    words = " ".join(text[max(start, 0):max(end, 0)].split())
    if len(words) > limit:
        half = (limit - 1) // 2
        words = words[:half].rstrip() + " … " + words[-half:].lstrip()
    return f"“{words}”"


class AgreementTab(QWidget):
    """The Agreement tab; `show_summary` fills it. `range_requested(brief id, start, end)`
    asks the main window to select a sentence."""

    range_requested = Signal(str, int, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._shown = SummaryWithTexts(Summary())
        self.box = QComboBox()
        describe(self.box, "Brief with two or more reviewers", "Whose agreement to show: "
                 "only briefs that two or more reviewers annotated are listed")
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.scores = QTreeWidget()
        self.scores.setColumnCount(len(_SCORE_COLUMNS))
        self.scores.setHeaderLabels(list(_SCORE_COLUMNS))
        self.scores.setAlternatingRowColors(True)
        self.scores.setRootIsDecorated(True)
        describe(self.scores, "Agreement by tag", "For each tag, how far the reviewers agree "
                 "on the words they tagged; open a tag for each pair of reviewers")
        self.scores.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.scores.header().setStretchLastSection(False)
        self.disagreements = make_table(_DISAGREEMENT_COLUMNS, "Disagreements", 0)
        self.disagreements.setToolTip("Enter or double-click: select these words in the brief")

        top = QHBoxLayout()
        label = QLabel("Brief &with two or more reviewers:")
        label.setBuddy(self.box)
        top.addWidget(label)
        top.addWidget(self.box, 1)
        scores_box = QGroupBox("Agr&eement by tag (the first reviewer of a pair is the "
                               "reference for precision and recall)")
        QVBoxLayout(scores_box).addWidget(self.scores)
        disagreements_box = QGroupBox("Sentences tagged differently (disagreeme&nts)")
        QVBoxLayout(disagreements_box).addWidget(self.disagreements)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(scores_box)
        splitter.addWidget(disagreements_box)
        splitter.setChildrenCollapsible(False)
        column = QVBoxLayout(self)
        column.addLayout(top)
        column.addWidget(self.note)
        column.addWidget(splitter, 1)

        self.disagreements.activated.connect(self._open_disagreement)
        self.box.currentIndexChanged.connect(lambda _index: self._show_agreement())

    def show_summary(self, shown: SummaryWithTexts) -> None:
        """Offer every brief of the summary with an agreement report, keeping the one
        chosen when it is still there."""
        self._shown = shown
        labels = shown.summary.labels
        box = self.box
        chosen = box.currentData()
        box.blockSignals(True)
        try:
            box.clear()
            for brief_id in shown.summary.agreement_reports:
                box.addItem(labels.get(brief_id, brief_id[:8]), brief_id)
            index = box.findData(chosen) if chosen else 0
            box.setCurrentIndex(max(index, 0) if box.count() else -1)
        finally:
            box.blockSignals(False)
        box.setEnabled(box.count() > 1)
        self._show_agreement()

    def _show_agreement(self) -> None:
        brief_id = self.box.currentData()
        report = self._shown.summary.agreement.get(brief_id) if brief_id else None
        self.scores.clear()
        if report is None:
            self.note.setText("No brief here has annotations by two or more "
                              "reviewers yet: there is nothing to compare.")
            fill_table(self.disagreements, [], fit=False)
            return
        self.note.setText(
            f"Reviewers: {', '.join(report.reviewers)}. Precision, recall and F1 compare the "
            "spans each pair tagged; kappa compares the sentences they tagged; alpha_u is "
            "Krippendorff's unitized alpha over every reviewer. A dash: not defined here.")
        self._show_scores(report)
        self._show_disagreements(str(brief_id), report)

    def _show_scores(self, report: AgreementReport) -> None:
        for entry in report.tags:
            parent = QTreeWidgetItem([entry.tag, "", "", "", "", _score(entry.alpha_u)])
            parent.setData(0, PAYLOAD_ROLE, entry.tag)
            align_numbers(parent)
            for pair in entry.pairs:
                scores = pair.scores
                child = QTreeWidgetItem([f"{scores.reviewer_a} — {scores.reviewer_b}",
                                         *(_score(value) for value in
                                           (scores.precision, scores.recall, scores.f1,
                                            pair.kappa)), ""])
                child.setData(0, PAYLOAD_ROLE, (scores.reviewer_a, scores.reviewer_b))
                align_numbers(child)
                parent.addChild(child)
            self.scores.addTopLevelItem(parent)
        self.scores.expandAll()
        for column in range(1, len(_SCORE_COLUMNS)):
            self.scores.resizeColumnToContents(column)

    def _show_disagreements(self, brief_id: str, report: AgreementReport) -> None:
        text = self._shown.texts.get(brief_id, "")
        rows: list[Row] = []
        for item in report.disagreements:
            theirs = "; ".join(f"{name}: {item.other_tags[name]}"
                               for name in sorted(item.other_tags))
            rows.append(((quoted(text, item.start, item.end), item.tag,
                          ", ".join(item.tagged_by), ", ".join(item.not_tagged_by), theirs),
                         (brief_id, item.start, item.end)))
        fill_table(self.disagreements, rows, fit=False)
        for row, item in enumerate(report.disagreements):
            cell = self.disagreements.item(row, 0)
            if cell is not None:
                cell.setToolTip(f"{' '.join(text[item.start:item.end].split())}\n"
                                f"(characters {item.start}–{item.end})")

    def _open_disagreement(self, index: QModelIndex) -> None:
        found = payload(self.disagreements, index.row())
        if len(found) == 3:
            self.range_requested.emit(str(found[0]), int(found[1]), int(found[2]))

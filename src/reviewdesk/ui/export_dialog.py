"""Exporting the open brief as a marked-up Word document: a dialog to choose the file and
what goes into it (the main window writes it off the GUI thread, ui/work_runner.py), and the
one-line summary of what was written."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QWidget,
)

from reviewdesk.domain.words import count as _count
from reviewdesk.errors import WriteError
from reviewdesk.files import check_writable
from reviewdesk.services.export import ExportOptions, ExportReport
from reviewdesk.services.tracking import suggestion_views
from reviewdesk.ui.accessible import describe, describe_buttons
from reviewdesk.ui.session import ReviewSession
from reviewdesk.ui.settings import Settings

WORD_FILTER = "Word documents (*.docx)"
SUFFIX = ".docx"
NAME_ROLE = Qt.ItemDataRole.UserRole  # the reviewer name or tag path of a list item

# Characters that no file name may hold on Windows, macOS or Linux.
_UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f]+')


def default_file_name(title: str) -> str:
    """'<brief title> (reviewed).docx', with characters a file name cannot hold replaced."""
    name = " ".join(_UNSAFE.sub(" - ", title).split()).strip(" .-")[:120].rstrip(" .-")
    return f"{name or 'Brief'} (reviewed){SUFFIX}"


def export_summary(report: ExportReport) -> str:
    """'Exported 3 comments, 1 reply, 2 highlights and 0 tracked changes to PATH'."""
    counts = [_count(report.comments, "comment"), _count(report.replies, "reply", "replies"),
              _count(report.highlights, "highlight"),
              _count(report.tracked_changes, "tracked change")]
    return f"Exported {', '.join(counts[:-1])} and {counts[-1]} to {report.path}"


class ExportDialog(QDialog):
    """Where to write the brief and what to put in it. `target()` and `options()` give the
    choice once the dialog is accepted; an existing file is only replaced when confirmed."""

    def __init__(self, session: ReviewSession, settings: Settings,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export as Word")
        brief = session.brief
        folder = Path(settings.last_export_folder).expanduser() \
            if settings.last_export_folder else Path.home()
        self._folder = folder if folder.is_dir() else Path.home()
        self._default = self._folder / default_file_name(brief.title if brief else "")

        self.path = QLineEdit(str(self._default))
        self.path.setClearButtonEnabled(True)
        self.browse = QPushButton("&Browse…")
        self.browse.setAutoDefault(False)  # Enter exports, whichever control has the keys
        self.browse.clicked.connect(self.choose_file)
        self.reviewers = self._checklist(_reviewer_counts(session), "No annotations yet")
        self.tags = self._checklist(_tag_counts(session), "No tags used yet")
        self._untagged = sum(1 for view in session.annotations if not view.tag)
        self.resolved = QCheckBox("Include resolved &comments")
        self.suggestions = QCheckBox("Include &suggested edits as tracked changes")
        self.appendix = QCheckBox("Add the review a&ppendix")
        for box in (self.resolved, self.suggestions, self.appendix):
            box.setChecked(True)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.hide()
        self._describe_controls()

        buttons = QDialogButtonBox()
        self.export_button = buttons.addButton("&Export", QDialogButtonBox.ButtonRole.AcceptRole)
        cancel = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText("Ca&ncel")
        self.export_button.setDefault(True)
        cancel.setAutoDefault(False)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.export_button.setToolTip("Write the Word document and close (Enter)")
        describe_buttons(buttons)

        grid = QGridLayout(self)
        file_row = QHBoxLayout()
        file_row.addWidget(self.path, 1)
        file_row.addWidget(self.browse)
        grid.addWidget(self._label("Sa&ve as:", self.path), 0, 0, 1, 2)
        grid.addLayout(file_row, 1, 0, 1, 2)
        grid.addWidget(self._label("&Reviewers:", self.reviewers), 2, 0)
        grid.addWidget(self._label("&Tags:", self.tags), 2, 1)
        grid.addWidget(self.reviewers, 3, 0)
        grid.addWidget(self.tags, 3, 1)
        for row, widget in enumerate((self.resolved, self.suggestions, self.appendix,
                                      self.hint, buttons), start=4):
            grid.addWidget(widget, row, 0, 1, 2)

        self.path.textChanged.connect(self._update)
        self.reviewers.itemChanged.connect(self._update)
        self.tags.itemChanged.connect(self._update)
        self._update()
        self.resize(560, 440)
        self.path.setFocus()
        self.path.selectAll()

    # --- Building ------------------------------------------------------------------------

    def _describe_controls(self) -> None:
        describe(self.path, "Save as", "The Word file to write; a name without a folder goes "
                 "to the last export folder")
        self.browse.setToolTip("Choose the file and its folder in a file dialog")
        describe(self.reviewers, "Reviewers", "Whose annotations to export: space ticks or "
                 "unticks the selected reviewer")
        describe(self.tags, "Tags", "Which tags' annotations to export: space ticks or "
                 "unticks the selected tag")
        self.resolved.setToolTip("Put comments that were resolved in the document too")
        self.suggestions.setToolTip("Write suggested edits as Word's tracked changes, for "
                                    "the author to accept or reject")
        self.appendix.setToolTip("End the document with the review's tables: indicators, "
                                 "references and recommendations")

    @staticmethod
    def _label(text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text)
        label.setBuddy(buddy)
        return label

    @staticmethod
    def _checklist(counts: Iterable[tuple[str, int]], empty: str) -> QListWidget:
        checklist = QListWidget()
        for name, count in counts:
            item = QListWidgetItem(f"{name} ({count})")
            item.setData(NAME_ROLE, name)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                          | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            checklist.addItem(item)
        if checklist.count() == 0:
            placeholder = QListWidgetItem(empty)
            placeholder.setFlags(Qt.ItemFlag.NoItemFlags)
            checklist.addItem(placeholder)
        else:
            checklist.setCurrentRow(0)
        return checklist

    # --- What the caller reads -------------------------------------------------------------

    def target(self) -> Path:
        """The file to write: a name without a folder goes to the default folder, and
        '.docx' is added when the name does not end with it."""
        text = self.path.text().strip()
        if not text:
            return self._default
        path = Path(text).expanduser()
        if not path.is_absolute():
            path = self._folder / path
        if path.suffix.lower() != SUFFIX:
            path = path.with_name(path.name + SUFFIX)
        return path

    def options(self) -> ExportOptions:
        """What to export, as the check boxes and lists stand."""
        return ExportOptions(reviewers=_chosen(self.reviewers), tags=_chosen(self.tags),
                             include_resolved=self.resolved.isChecked(),
                             include_suggestions=self.suggestions.isChecked(),
                             include_appendix=self.appendix.isChecked())

    # --- Acting ----------------------------------------------------------------------------

    def choose_file(self) -> None:
        """Pick the file with a save dialog; whether to replace an existing file is asked once,
        on Export."""
        name, _ = QFileDialog.getSaveFileName(
            self, "Export as Word", str(self.target()), WORD_FILTER,
            options=QFileDialog.Option.DontConfirmOverwrite)  # accept() asks, once
        if name:
            self.path.setText(name)

    def _problems(self) -> list[str]:
        problems = []
        if not self.path.text().strip():
            problems.append("Give the file to export to.")
        if _checked_none(self.reviewers):
            problems.append("Check at least one reviewer.")
        if _checked_none(self.tags):
            problems.append("Check at least one tag.")
        return problems

    def _update(self) -> None:
        problems = self._problems()
        self.export_button.setEnabled(not problems)
        notes = []
        if self._untagged and _chosen(self.tags) and not _checked_none(self.tags):
            notes.append(f"{_count(self._untagged, 'annotation')} without a tag will be "
                         "left out.")
        self._show_hint(" ".join(problems or notes))

    def _show_hint(self, text: str) -> None:
        self.hint.setText(text)
        self.hint.setVisible(bool(text))

    def accept(self) -> None:
        """Close with Export only when the choices are complete and the file can be written,
        asking before an existing file is replaced; otherwise say why and stay open."""
        if self._problems():
            return
        target = self.target()
        if target.is_dir():
            self._show_hint(f"{target} is a folder: give a file name.")
            return
        try:
            check_writable(target)  # said here, where another file can be chosen
        except WriteError as error:
            message = str(error)
            self._show_hint(f"{message[:1].upper()}{message[1:]}.")
            return
        if target.exists():
            answer = QMessageBox.question(
                self, "Replace the file?",
                f"{target.name} already exists in {target.parent}. Replace it?")
            if answer != QMessageBox.StandardButton.Yes:
                return
        super().accept()


def _items(checklist: QListWidget) -> list[QListWidgetItem]:
    items = (checklist.item(row) for row in range(checklist.count()))
    return [item for item in items if item.flags() & Qt.ItemFlag.ItemIsUserCheckable]


def _checked(checklist: QListWidget) -> list[str]:
    return [str(item.data(NAME_ROLE)) for item in _items(checklist)
            if item.checkState() == Qt.CheckState.Checked]


def _checked_none(checklist: QListWidget) -> bool:
    return bool(_items(checklist)) and not _checked(checklist)


def _chosen(checklist: QListWidget) -> tuple[str, ...]:
    """All checked means no filter: an empty tuple (everyone, every tag)."""
    checked = _checked(checklist)
    return () if len(checked) == len(_items(checklist)) else tuple(checked)


def _reviewer_counts(session: ReviewSession) -> list[tuple[str, int]]:
    """Everyone who annotated the brief or suggested an edit to it, by name, with how many
    annotations and suggestions each made: the reviewers the export can choose between
    (replies go with their annotation, whoever wrote them)."""
    brief = session.brief
    suggested = session.attempt(lambda: suggestion_views(session.store, brief.id)) \
        if brief is not None else None
    counts: Counter[str] = Counter()
    names: dict[str, str] = {}  # the service matches names regardless of case
    for name in [view.reviewer for view in session.annotations] + \
            [suggestion.reviewer for suggestion in suggested or []]:
        key = name.casefold()
        names.setdefault(key, name)
        counts[key] += 1
    return [(names[key], counts[key]) for key in sorted(names)]


def _tag_counts(session: ReviewSession) -> list[tuple[str, int]]:
    """The tags the brief's annotations use, by path, in codebook order."""
    counts = Counter(view.tag for view in session.annotations if view.tag)
    codebook = session.codebook
    order = {codebook.path(tag): index for index, tag in enumerate(codebook.tags)}
    paths = sorted(counts, key=lambda path: (order.get(path, len(order)), path.casefold()))
    return [(path, counts[path]) for path in paths]

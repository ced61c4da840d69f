"""Review bundles from the app: File → Export review bundle writes the briefs the reviewer
ticks (ui/bundle_export_dialog.py), with everything reviewed on them, to a `.rdbundle`
file; File → Import review bundle (or opening, dropping or naming a `.rdbundle` file on
the command line) merges one in.

Both run off the GUI thread (ui/work_runner.py: a busy dialog without a Cancel button,
since a merge cannot stop half-way),
one at a time: a second request waits for the first. The window hears how each went
through `exported`, `imported` and `failed` (one sentence, for `show_error`)."""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QCheckBox, QDialog, QFileDialog, QMessageBox, QWidget

from reviewdesk.domain.trust import Role
from reviewdesk.domain.words import count as _count
from reviewdesk.files import check_writable
from reviewdesk.services.bundle.format import SUFFIX
from reviewdesk.services.reviewers import configured_reviewer
from reviewdesk.storage.store import Store
from reviewdesk.ui.settings import Settings
from reviewdesk.ui.work_runner import WorkRunner

if TYPE_CHECKING:  # the bundle services load with the first bundle written or merged
    from reviewdesk.services.bundles import BundleReport, MergeReport, UnknownSignerError

BUNDLE_FILTER = f"Review bundles (*{SUFFIX})"

# Characters that no file name may hold on Windows, macOS or Linux.
_UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f]+')


def is_bundle(path: Path) -> bool:
    """Whether the file is a review bundle, by its name (as `export_bundle` names them)."""
    return path.suffix.lower() == SUFFIX


def split_bundles(paths: Iterable[Path]) -> tuple[list[Path], list[Path]]:
    """(the briefs, the bundles) among files to open, each in the order given."""
    briefs: list[Path] = []
    bundles: list[Path] = []
    for path in paths:
        (bundles if is_bundle(path) else briefs).append(path)
    return briefs, bundles


def default_bundle_name(reviewer: str, day: date) -> str:
    """'Ines Duarte review 2025-03-04.rdbundle', without characters a file name cannot
    hold."""
    name = " ".join(_UNSAFE.sub(" - ", f"{reviewer} review {day.isoformat()}").split())
    return name.strip(" .-")[:120].rstrip(" .-") + SUFFIX


def export_message(report: BundleReport) -> str:
    """'Wrote 2 briefs with 5 annotations, 1 reply and 0 suggested edits to PATH'."""
    from reviewdesk.services.bundles import held_phrase

    held = held_phrase(report.briefs, report.annotations, report.replies, report.suggestions)
    return f"Wrote {held} to {report.path}"


def import_message(report: MergeReport) -> str:
    """What a merge changed, in one line for the status bar."""
    name = report.path.name
    if not report.changed and (report.left_out or report.decisions_left_out):
        return f"Nothing merged from {name}: what it holds is here already, or was left out"
    if not report.changed:
        return f"Nothing new in {name}: this database already has all of it"
    parts = [f"{_count(report.briefs_added, 'brief')} added",
             f"annotations: {report.annotations_added} added, {report.annotations_updated} "
             f"updated, {report.annotations_deleted} deleted",
             f"{_count(report.replies_added, 'reply', 'replies')} added"]
    if report.suggestions_added:
        parts.append(f"{_count(report.suggestions_added, 'suggested edit')} added")
    if report.suggestions_decided:
        parts.append(f"{_count(report.suggestions_decided, 'suggested edit')} decided")
    if report.reference_checks or report.recommendation_states:
        parts.append(f"{_count(report.reference_checks, 'reference check')} and "
                     f"{_count(report.recommendation_states, 'recommendation')} updated")
    message = f"Merged {name}: " + "; ".join(parts)
    if report.conflicts:
        message += (f" — {_count(report.conflicts, 'annotation was', 'annotations were')} "
                    "edited in both copies: the later edit was kept, the other is in its "
                    "history")
    return message


# --- The bundle actions -------------------------------------------------------------------


class BundleActions(QObject):
    """File → Export review bundle and Import review bundle for a window. Requests run
    one after another; `idle` says the last one has ended."""

    exported = Signal(object)  # BundleReport
    imported = Signal(object)  # MergeReport
    failed = Signal(str)
    idle = Signal()

    def __init__(self, store: Store, parent: QWidget, settings: Settings | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._parent = parent
        self._settings = settings
        self._waiting: deque[tuple[Callable[[], object], str, str,
                                   Callable[[object], None]]] = deque()
        self._running: WorkRunner | None = None
        # The open brief's id, ticked first in the export dialog (the window sets it).
        self.current_brief: Callable[[], str | None] = lambda: None

    @property
    def busy(self) -> bool:
        """Whether a bundle is being written or merged, or waits its turn."""
        return self._running is not None or bool(self._waiting)

    # Asking for the file

    def _folder(self) -> Path:
        chosen = self._settings.last_export_folder if self._settings is not None else ""
        folder = Path(chosen).expanduser() if chosen else Path.home()
        return folder if folder.is_dir() else Path.home()

    def ask_briefs(self) -> list[str] | None:
        """Which briefs to bundle (ids), asked in the export dialog; None: cancelled."""
        from reviewdesk.ui.bundle_export_dialog import BundleExportDialog

        dialog = BundleExportDialog(self._store, self.current_brief(), self._parent)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            return dialog.chosen()
        finally:
            dialog.deleteLater()

    def choose_export(self) -> None:
        """Ask which briefs to bundle and where to write the bundle, then write it."""
        briefs = self.ask_briefs()
        if not briefs:
            return
        default = self._folder() / default_bundle_name(configured_reviewer(self._store),
                                                       date.today())
        name, _ = QFileDialog.getSaveFileName(self._parent, "Export review bundle",
                                              str(default), BUNDLE_FILTER)
        if name:
            path = Path(name)
            self.export_to(path if is_bundle(path) else path.with_name(path.name + SUFFIX),
                           briefs)

    def choose_import(self) -> None:
        """Ask for a bundle, then merge it in."""
        name, _ = QFileDialog.getOpenFileName(self._parent, "Import review bundle",
                                              str(self._folder()),
                                              f"{BUNDLE_FILTER};;All files (*)")
        if name:
            self.import_paths([Path(name)])

    # Doing it

    def export_to(self, target: Path, briefs: Sequence[str] = ()) -> None:
        """Write the briefs (ids, id starts or titles; none: every brief) to the bundle
        `target`, off the GUI thread."""
        chosen = list(briefs)

        def work() -> BundleReport:
            from reviewdesk.services.bundles import export_bundle

            check_writable(target)  # a folder that cannot be written fails before any work
            return export_bundle(self._store, chosen, target)

        self._queue(work, f"Writing {target.name}…", "Exporting a review bundle",
                    self.exported.emit)

    def import_paths(self, paths: Iterable[Path]) -> None:
        """Merge each bundle in, one after another, off the GUI thread. A bundle signed
        with a key this database does not trust yet (or not signed) is asked about first,
        and merged only if the reviewer says so."""
        for path in paths:
            self._queue(partial(_merge_or_ask, self._store, path), f"Merging {path.name}…",
                        "Importing a review bundle", self._merged)

    def _merged(self, outcome: object) -> None:
        from reviewdesk.services.bundles import UnknownSignerError, import_bundle

        if not isinstance(outcome, UnknownSignerError):
            self.imported.emit(outcome)
            return
        role = self.ask_trust(outcome)
        if role is None:
            self.failed.emit(f"{outcome.path.name} was not merged: its signer is not trusted "
                             "here")
            return
        path, signer = outcome.path, outcome.signer
        if signer is None:
            work = partial(import_bundle, self._store, path, trust=True)
        else:
            work = partial(_trust_then_merge, self._store, path, role)
        self._queue(work, f"Merging {path.name}…", "Importing a review bundle",
                    self.imported.emit)

    def ask_trust(self, unknown: UnknownSignerError) -> Role | None:
        """Ask whether to trust the signer of a bundle (and as what); None: do not."""
        box = QMessageBox(self._parent)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle("Trust this bundle's signer?")
        name = unknown.path.name
        if unknown.signer is None:
            box.setText(f"{name} is not signed: an older ReviewDesk wrote it, so nothing "
                        "shows who made it.")
            box.setInformativeText("Merge it only if you know where it came from. It can "
                                   "add work, but cannot change what other reviewers "
                                   "signed.")
        else:
            box.setText(f"{name} is signed by {unknown.signer.name}, with a key this "
                        "database does not know yet.")
            box.setInformativeText(
                f"Fingerprint: {unknown.fingerprint}\n\nAsk {unknown.signer.name} to read "
                "theirs out to you (File → Trusted reviewers in their ReviewDesk, or "
                "'reviewdesk reviewers') before you trust it. A trusted key's bundles change "
                "only its own reviewers' work.")
            lead = QCheckBox(f"{unknown.signer.name} is the team's lead: also take their "
                             "reference checks and recommendation decisions", box)
            box.setCheckBox(lead)
        trust = box.addButton("Trust and merge", QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        if box.clickedButton() is not trust:
            return None
        chosen = box.checkBox()
        return Role.LEAD if chosen is not None and chosen.isChecked() else Role.REVIEWER

    def import_now(self, path: Path) -> MergeReport:
        """Merge a bundle in on this thread, raising what goes wrong (for the command line's
        --screenshot, where no one reads a message box)."""
        from reviewdesk.services.bundles import import_bundle

        report = import_bundle(self._store, path)
        self.imported.emit(report)
        return report

    def _queue(self, work: Callable[[], object], label: str, title: str,
               outcome: Callable[[object], None]) -> None:
        self._waiting.append((work, label, title, outcome))
        self._next()

    def _next(self) -> None:
        if self._running is not None:
            return
        if not self._waiting:
            self.idle.emit()
            return
        work, label, title, outcome = self._waiting.popleft()
        runner = WorkRunner(lambda _progress: work(), label, title, self._parent)
        runner.done.connect(outcome)
        runner.done.connect(self._remember_folder)
        runner.failed.connect(self.failed.emit)
        runner.ended.connect(self._ended)
        self._running = runner
        runner.start()

    def _ended(self) -> None:
        self._running = None
        self._next()

    def _remember_folder(self, report: object) -> None:
        from reviewdesk.services.bundles import BundleReport

        if self._settings is not None and isinstance(report, BundleReport):
            self._settings.last_export_folder = str(report.path.parent)

    def show_warnings(self, summary: str, warnings: Sequence[str]) -> None:
        """What a merge warned about, after the line saying what it did."""
        lines = [line[:1].upper() + line[1:] for line in warnings]
        QMessageBox.warning(self._parent, "Imported with warnings", summary + ".\n\n" + "\n".join(
            f"• {line}" if line.endswith(".") else f"• {line}." for line in lines))


def _merge_or_ask(store: Store, path: Path) -> MergeReport | UnknownSignerError:
    """Merge the bundle, or say whose trust it needs (asked on the GUI thread)."""
    from reviewdesk.services.bundles import UnknownSignerError, import_bundle

    try:
        return import_bundle(store, path)
    except UnknownSignerError as unknown:
        return unknown


def _trust_then_merge(store: Store, path: Path, role: Role) -> MergeReport:
    from reviewdesk.services.bundles import import_bundle, trust_bundle_signer

    trust_bundle_signer(store, path, role)
    return import_bundle(store, path)

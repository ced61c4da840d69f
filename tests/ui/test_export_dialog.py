"""File → Export as Word: the dialog's choices, and the export run off the GUI thread."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QDialog, QListWidget, QMessageBox
from pytestqt.qtbot import QtBot
from tests.ui.qt_helpers import show_active

from reviewdesk.errors import InputError
from reviewdesk.services import export as export_service
from reviewdesk.services.annotations import add_reply, annotate, create_annotation
from reviewdesk.services.export import ExportOptions, ExportReport, Progress
from reviewdesk.services.tracking import suggest_edit
from reviewdesk.storage.store import Store
from reviewdesk.ui import export_dialog
from reviewdesk.ui.export_dialog import ExportDialog, default_file_name, export_summary
from reviewdesk.ui.main_window import MainWindow
from reviewdesk.ui.session import ReviewSession
from reviewdesk.ui.settings import Settings

TITLE = "Lake Corrin Fisheries Outlook"


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    chosen = Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    folder = tmp_path / "exports"
    folder.mkdir()
    chosen.last_export_folder = str(folder)
    return chosen


@pytest.fixture
def annotated(session: ReviewSession) -> ReviewSession:
    """The test brief with annotations by two reviewers under three tags, a reply by a
    third and an edit suggested by a fourth."""
    assert session.brief is not None
    brief = session.brief.id
    annotate(session.store, brief, "shared quota for perch", tag="Indicator › diplomatic",
             reviewer="Ines Duarte")
    patrol = annotate(session.store, brief, "first joint patrol", tag="Indicator › security",
                      reviewer="Farida Nazarova")
    annotate(session.store, brief, "closed season", tag="Question", reviewer="Ines Duarte")
    add_reply(session.store, patrol.id, "Which month?", reviewer="Ravshan Karimov")
    start = session.brief.text.index("six weeks")
    suggest_edit(session.store, brief, start, start + len("six weeks"), "seven weeks",
                 reviewer="Alma Berg")
    session.open_brief(brief)
    return session


def _names(checklist: QListWidget) -> list[str]:
    return [checklist.item(row).data(Qt.ItemDataRole.UserRole)
            for row in range(checklist.count())]


def _uncheck(checklist: QListWidget, name: str) -> None:
    row = _names(checklist).index(name)
    checklist.item(row).setCheckState(Qt.CheckState.Unchecked)


def test_the_defaults_export_everything(qtbot: QtBot, annotated: ReviewSession,
                                        settings: Settings) -> None:
    dialog = ExportDialog(annotated, settings)
    qtbot.addWidget(dialog)
    assert dialog.target() == Path(settings.last_export_folder) / f"{TITLE} (reviewed).docx"
    # Replies travel with their annotation: only annotators and suggesters are offered.
    assert _names(dialog.reviewers) == ["Alma Berg", "Farida Nazarova", "Ines Duarte"]
    assert _names(dialog.tags) == ["Indicator › diplomatic", "Indicator › security",
                                   "Question"]
    assert dialog.options() == ExportOptions()
    assert dialog.export_button.isEnabled() and dialog.export_button.isDefault()


def test_unchecking_narrows_the_options(qtbot: QtBot, annotated: ReviewSession,
                                        settings: Settings) -> None:
    dialog = ExportDialog(annotated, settings)
    qtbot.addWidget(dialog)
    _uncheck(dialog.reviewers, "Farida Nazarova")
    _uncheck(dialog.reviewers, "Alma Berg")
    _uncheck(dialog.tags, "Question")
    dialog.resolved.setChecked(False)
    assert dialog.options() == ExportOptions(
        reviewers=("Ines Duarte",), tags=("Indicator › diplomatic", "Indicator › security"),
        include_resolved=False)
    dialog.suggestions.setChecked(False)
    dialog.appendix.setChecked(False)
    options = dialog.options()
    assert not options.include_suggestions and not options.include_appendix


def test_export_waits_for_a_tag_and_a_reviewer(qtbot: QtBot, annotated: ReviewSession,
                                               settings: Settings) -> None:
    dialog = ExportDialog(annotated, settings)
    show_active(qtbot, dialog, 560, 440)
    for name in _names(dialog.tags):
        _uncheck(dialog.tags, name)
    assert not dialog.export_button.isEnabled()
    assert dialog.hint.isVisible() and "tag" in dialog.hint.text()
    qtbot.keyClick(dialog.path, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    dialog.tags.item(0).setCheckState(Qt.CheckState.Checked)
    assert dialog.export_button.isEnabled() and not dialog.hint.isVisible()
    assert dialog.options().tags == ("Indicator › diplomatic",)
    for name in _names(dialog.reviewers):
        _uncheck(dialog.reviewers, name)
    assert not dialog.export_button.isEnabled() and "reviewer" in dialog.hint.text()


def test_untagged_annotations_are_named_when_tags_are_chosen(
        qtbot: QtBot, annotated: ReviewSession, settings: Settings) -> None:
    assert annotated.brief is not None
    start = annotated.brief.text.index("second patrol boat")
    create_annotation(annotated.store, annotated.brief.id, start, start + 6,
                      comment="Who pays?", reviewer="Ines Duarte")
    annotated.open_brief(annotated.brief.id)
    dialog = ExportDialog(annotated, settings)
    show_active(qtbot, dialog, 560, 440)
    assert not dialog.hint.isVisible()
    _uncheck(dialog.tags, "Question")
    assert dialog.hint.isVisible() and "1 annotation without a tag" in dialog.hint.text()
    assert dialog.export_button.isEnabled()


def test_a_brief_without_annotations_exports_with_no_filters(
        qtbot: QtBot, session: ReviewSession, settings: Settings) -> None:
    dialog = ExportDialog(session, settings)
    qtbot.addWidget(dialog)
    assert dialog.export_button.isEnabled()
    assert dialog.options() == ExportOptions()


def test_docx_is_added_when_missing(qtbot: QtBot, session: ReviewSession, settings: Settings,
                                    tmp_path: Path) -> None:
    dialog = ExportDialog(session, settings)
    qtbot.addWidget(dialog)
    dialog.path.setText(str(tmp_path / "for the board"))
    assert dialog.target() == tmp_path / "for the board.docx"
    dialog.path.setText(str(tmp_path / "Final.DOCX"))
    assert dialog.target() == tmp_path / "Final.DOCX"
    dialog.path.setText("notes.v2")
    assert dialog.target() == Path(settings.last_export_folder) / "notes.v2.docx"
    dialog.path.clear()
    assert not dialog.export_button.isEnabled()


def test_the_default_name_is_a_valid_file_name() -> None:
    assert default_file_name("Tajikistan: a/b policy?") == \
        "Tajikistan - a - b policy (reviewed).docx"
    assert default_file_name("") == "Brief (reviewed).docx"


def test_the_home_folder_before_the_first_export(qtbot: QtBot, session: ReviewSession,
                                                 tmp_path: Path) -> None:
    fresh = Settings(QSettings(str(tmp_path / "fresh.ini"), QSettings.Format.IniFormat))
    dialog = ExportDialog(session, fresh)
    qtbot.addWidget(dialog)
    assert dialog.target() == Path.home() / f"{TITLE} (reviewed).docx"


def test_enter_exports_and_escape_cancels(qtbot: QtBot, session: ReviewSession,
                                          settings: Settings) -> None:
    dialog = ExportDialog(session, settings)
    show_active(qtbot, dialog, 560, 440)
    dialog.resolved.setFocus()
    qtbot.keyClick(dialog.resolved, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    other = ExportDialog(session, settings)
    show_active(qtbot, other, 560, 440)
    qtbot.keyClick(other.path, Qt.Key.Key_Escape)
    assert other.result() == QDialog.DialogCode.Rejected


def test_alt_keys_reach_the_controls(qtbot: QtBot, annotated: ReviewSession,
                                     settings: Settings) -> None:
    dialog = ExportDialog(annotated, settings)
    show_active(qtbot, dialog, 560, 440)
    for key, widget in ((Qt.Key.Key_R, dialog.reviewers), (Qt.Key.Key_T, dialog.tags),
                        (Qt.Key.Key_V, dialog.path)):
        qtbot.keyClick(dialog, key, Qt.KeyboardModifier.AltModifier)
        assert dialog.focusWidget() is widget
    qtbot.keyClick(dialog, Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)
    qtbot.keyClick(dialog.reviewers, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.reviewers, Qt.Key.Key_Space)  # Space unchecks the current one
    assert dialog.options().reviewers == ("Alma Berg", "Ines Duarte")
    qtbot.keyClick(dialog, Qt.Key.Key_C, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: not dialog.resolved.isChecked())  # a shortcut clicks animated
    assert not dialog.options().include_resolved


def test_an_existing_file_is_replaced_only_when_confirmed(
        qtbot: QtBot, session: ReviewSession, settings: Settings, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    existing = tmp_path / "old.docx"
    existing.write_bytes(b"keep me")
    answers = iter([QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes])
    asked: list[str] = []

    def question(_parent: object, _title: str, text: str) -> QMessageBox.StandardButton:
        asked.append(text)
        return next(answers)

    monkeypatch.setattr(export_dialog.QMessageBox, "question", question)
    dialog = ExportDialog(session, settings)
    qtbot.addWidget(dialog)
    dialog.path.setText(str(existing))
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert len(asked) == 2 and "old.docx already exists" in asked[0]


# --- From the main window ----------------------------------------------------------------


@dataclass
class FakeExport:
    """Stands in for export_brief: records its call, writes the file, reports."""

    error: Exception | None = None
    warnings: tuple[str, ...] = ()
    calls: list[tuple[str, Path, ExportOptions]] = field(default_factory=list)
    threads: list[threading.Thread] = field(default_factory=list)

    def __call__(self, store: Store, reference: str, target: Path,
                 options: ExportOptions, progress: Progress | None = None) -> ExportReport:
        self.calls.append((reference, target, options))
        self.threads.append(threading.current_thread())
        if self.error is not None:
            raise self.error
        for done in range(3):
            if progress is not None:
                progress(done, 2)
        target.write_bytes(b"PK")
        return ExportReport(target, "clean", comments=2, replies=1, highlights=2,
                            tracked_changes=0, warnings=self.warnings)


@pytest.fixture
def window(qtbot: QtBot, store: Store, settings: Settings,
           monkeypatch: pytest.MonkeyPatch) -> MainWindow:
    opened = MainWindow(store, settings)
    qtbot.addWidget(opened)
    opened.show()
    monkeypatch.setattr(ExportDialog, "exec", lambda _self: QDialog.DialogCode.Accepted)
    return opened


def test_the_action_needs_an_open_brief(window: MainWindow) -> None:
    assert window.export_action.shortcut().toString() == "Ctrl+Shift+E"
    assert window.export_action.text() == "&Export as Word…"
    assert not window.export_action.isEnabled()
    window.open_sample()
    assert window.export_action.isEnabled()


def test_the_export_runs_off_the_gui_thread_and_is_reported(
        qtbot: QtBot, window: MainWindow, settings: Settings, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    fake = FakeExport(warnings=("The brief's own .docx is gone; exported its text.",))
    monkeypatch.setattr(export_service, "export_brief", fake)
    shown: list[tuple[str, tuple[str, ...]]] = []
    monkeypatch.setattr(window, "show_warnings", lambda summary, lines: shown.append(
        (summary, lines)))
    window.open_sample()
    assert window.session.brief is not None
    window.export_action.trigger()
    qtbot.waitUntil(lambda: window.statusBar().currentMessage().startswith("Exported"))

    [(reference, target, options)] = fake.calls
    assert reference == window.session.brief.id and options == ExportOptions()
    assert target.parent == Path(settings.last_export_folder) and target.is_file()
    assert fake.threads[0] is not threading.main_thread()
    message = window.statusBar().currentMessage()
    assert message == (f"Exported 2 comments, 1 reply, 2 highlights and 0 tracked changes "
                       f"to {target}")
    assert shown == [(message, fake.warnings)]


def test_the_last_export_folder_is_remembered(qtbot: QtBot, window: MainWindow,
                                              settings: Settings, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    fake = FakeExport()
    monkeypatch.setattr(export_service, "export_brief", fake)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.setattr(ExportDialog, "target",
                        lambda _self: elsewhere / "chosen.docx")
    window.open_sample()
    window.export_action.trigger()
    qtbot.waitUntil(lambda: (elsewhere / "chosen.docx").is_file())
    qtbot.waitUntil(lambda: settings.last_export_folder == str(elsewhere))
    monkeypatch.undo()
    dialog = ExportDialog(window.session, settings)
    qtbot.addWidget(dialog)
    assert dialog.target().parent == elsewhere


def test_a_known_error_reaches_show_error(qtbot: QtBot, window: MainWindow,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    fake = FakeExport(error=InputError("cannot write there"))
    monkeypatch.setattr(export_service, "export_brief", fake)
    messages: list[str] = []
    monkeypatch.setattr(window, "show_error", messages.append)
    window.open_sample()
    window.export_action.trigger()
    qtbot.waitUntil(lambda: bool(messages))
    assert messages == ["cannot write there"]
    assert not window.statusBar().currentMessage().startswith("Exported")


def test_a_bug_in_the_export_reaches_the_crash_hook(qtbot: QtBot, window: MainWindow,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(export_service, "export_brief", FakeExport(error=KeyError("oops")))
    window.open_sample()
    with qtbot.captureExceptions() as exceptions:
        window.export_action.trigger()
        qtbot.waitUntil(lambda: bool(exceptions))
    [(kind, error, _trace)] = exceptions
    assert kind is KeyError and error.args == ("oops",)


def test_the_summary_counts_in_words(tmp_path: Path) -> None:
    report = ExportReport(tmp_path / "x.docx", "original", comments=1, replies=0,
                          highlights=1, tracked_changes=1)
    assert export_summary(report) == (f"Exported 1 comment, 0 replies, 1 highlight and "
                                      f"1 tracked change to {tmp_path / 'x.docx'}")

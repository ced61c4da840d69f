"""File → Export review bundle and Import review bundle, run off the GUI thread; a
.rdbundle file opened, dropped or named on the command line is merged in too."""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QTimer, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from reviewdesk.domain.trust import Role
from reviewdesk.errors import InputError
from reviewdesk.services.annotations import annotate, list_annotations
from reviewdesk.services.briefs import import_files, list_briefs
from reviewdesk.services.bundle.format import Signer
from reviewdesk.services.bundles import MergeReport, UnknownSignerError, export_bundle
from reviewdesk.services.trust import own_key, trust_reviewer, trusted_keys
from reviewdesk.storage.store import Store
from reviewdesk.ui.bundle_actions import (
    BundleActions,
    default_bundle_name,
    import_message,
    is_bundle,
    split_bundles,
)
from reviewdesk.ui.main_window import OPEN_FILTER, MainWindow
from reviewdesk.ui.settings import Settings

TIDE_MD = """\
# Tidal Barrier Maintenance

## Summary

The Orvel tidal barrier closed nine times last winter, twice more than planned.

## Findings

- In January 2024 a gate seal failed during a spring tide.
- The repair crew waited four days for parts from abroad.

## Recommendations

1. The barrier agency should keep spare seals at the site.

## References

- Orvel Barrier Agency. (2024). Winter operations log.
"""

ANYA = "Anya Petrov"
TOMAS = "Tomas Quill"



@pytest.fixture
def other(tmp_path: Path, store: Store) -> Iterator[Store]:
    """A second reviewer's database, empty, that trusts the first one's key."""
    with Store(tmp_path / "other.sqlite3") as opened:
        trust_reviewer(opened, own_key(store).public_key, ANYA)
        yield opened


@pytest.fixture
def stranger(tmp_path: Path) -> Iterator[Store]:
    """A database that has never met the first one."""
    with Store(tmp_path / "stranger.sqlite3") as opened:
        yield opened


@pytest.fixture
def brief_id(store: Store, tmp_path: Path) -> str:
    path = tmp_path / "tide.md"
    path.write_text(TIDE_MD, encoding="utf-8")
    brief = import_files(store, [path])[0].id
    annotate(store, brief, "a gate seal failed during a spring tide", tag="Indicator",
             reviewer=ANYA, comment="Which gate?")
    annotate(store, brief, "waited four days for parts", tag="Risk", reviewer=TOMAS)
    return brief


def _window(qtbot: QtBot, store: Store, settings: Settings) -> MainWindow:
    window = MainWindow(store, settings)
    qtbot.addWidget(window)
    window.show()
    return window


def _errors(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    messages: list[str] = []
    monkeypatch.setattr(window, "show_error", messages.append)
    return messages


def _backups(store: Store) -> list[Path]:
    return sorted(store.path.parent.glob(f"{store.path.name}.*.bak"))


def test_export_from_the_window_and_import_into_another(
        qtbot: QtBot, store: Store, other: Store, brief_id: str, settings: Settings,
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = _window(qtbot, store, settings)
    target = tmp_path / "from-anya"  # the suffix is added
    asked: list[str] = []

    def save_name(_parent: object, _title: str, default: str, _filter: str) -> tuple[str, str]:
        asked.append(default)
        return str(target), _filter

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_name)
    # The dialog of briefs to bundle is tested in test_bundle_export_dialog.py.
    monkeypatch.setattr(first.bundles, "ask_briefs", lambda: [brief_id])
    with qtbot.waitSignal(first.bundles.exported, timeout=30_000) as exported:
        first.export_bundle_action.trigger()
    bundle = tmp_path / "from-anya.rdbundle"
    assert exported.args[0].path == bundle and bundle.is_file()
    assert exported.args[0].briefs == 1 and exported.args[0].annotations == 2
    assert asked[0].endswith(".rdbundle")
    assert "Wrote 1 brief with 2 annotations" in first.statusBar().currentMessage()
    assert settings.last_export_folder == str(tmp_path)

    second = _window(qtbot, other, settings)
    errors = _errors(second, monkeypatch)
    assert second.library_model.rowCount() == 0
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        lambda *args, **kwargs: (str(bundle), ""))
    with qtbot.waitSignal(second.bundles.imported, timeout=30_000) as imported:
        second.import_bundle_action.trigger()
    report: MergeReport = imported.args[0]
    assert report.changed and report.briefs_added == 1 and report.annotations_added == 2
    assert errors == []
    assert second.library_model.rowCount() == 1
    assert "Tidal Barrier Maintenance" in second.library_model.index(0).data()
    assert "2 annotations" in second.library_model.index(0).data()
    assert {a.reviewer for a in list_annotations(other, brief_id)} == {ANYA, TOMAS}
    assert "Merged from-anya.rdbundle: 1 brief added" in second.statusBar().currentMessage()


def test_the_open_brief_is_read_again_after_a_merge(
        qtbot: QtBot, store: Store, other: Store, brief_id: str, settings: Settings,
        tmp_path: Path) -> None:
    first_bundle = export_bundle(store, [], tmp_path / "one.rdbundle").path
    window = _window(qtbot, other, settings)
    with qtbot.waitSignal(window.bundles.imported, timeout=30_000):
        window.import_paths([first_bundle])  # File → Open and drag and drop come here
    window.open_brief(brief_id)
    assert window.session.annotation_count == 2
    annotate(store, brief_id, "closed nine times last winter", tag="Claim", reviewer=ANYA)
    second_bundle = export_bundle(store, [], tmp_path / "two.rdbundle").path
    with qtbot.waitSignal(window.bundles.imported, timeout=30_000):
        window.import_paths([second_bundle])
    assert window.session.brief is not None and window.session.brief.id == brief_id
    assert window.session.annotation_count == 3
    assert window.cards.model.rowCount() == 3
    assert "3 annotations" in window.library_model.index(0).data()
    # The same bundle again brings nothing new, and says so.
    with qtbot.waitSignal(window.bundles.imported, timeout=30_000) as again:
        window.import_paths([second_bundle])
    assert not again.args[0].changed
    assert "Nothing new in two.rdbundle" in window.statusBar().currentMessage()


def _damage(bundle: Path, target: Path) -> Path:
    """The bundle with one annotation's comment changed after its checksum was taken."""
    with zipfile.ZipFile(bundle) as source, zipfile.ZipFile(target, "w") as damaged:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "annotations.json":
                data = data.replace(b"Which gate?", b"Which door?")
            damaged.writestr(info, data)
    return target


def test_a_damaged_bundle_shows_one_error_and_changes_nothing(
        qtbot: QtBot, store: Store, other: Store, brief_id: str, settings: Settings,
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    good = export_bundle(store, [], tmp_path / "good.rdbundle").path
    damaged = _damage(good, tmp_path / "damaged.rdbundle")
    window = _window(qtbot, other, settings)
    errors = _errors(window, monkeypatch)
    before = list_briefs(other)
    with qtbot.waitSignal(window.bundles.idle, timeout=30_000):
        window.import_paths([damaged])
    assert len(errors) == 1
    assert errors[0] == ("cannot import damaged.rdbundle: it is damaged (annotations.json "
                         "does not match its checksum)")
    assert list_briefs(other) == before == []
    assert window.library_model.rowCount() == 0
    assert _backups(other) == []
    # Nor does a file that is no bundle at all, dropped on the window.
    errors.clear()
    fake = tmp_path / "notes.rdbundle"
    fake.write_text("just some notes", encoding="utf-8")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(fake))])
    drop = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime,
                      Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    with qtbot.waitSignal(window.bundles.idle, timeout=30_000):
        window.dropEvent(drop)
    assert len(errors) == 1 and "not a ReviewDesk bundle" in errors[0]
    assert list_briefs(other) == []


def test_file_open_routes_bundles_and_briefs(
        qtbot: QtBot, store: Store, other: Store, brief_id: str, settings: Settings,
        tmp_path: Path, brief_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bundle = export_bundle(store, [], tmp_path / "mixed.rdbundle").path
    window = _window(qtbot, other, settings)
    assert "*.rdbundle" in OPEN_FILTER
    monkeypatch.setattr(QFileDialog, "getOpenFileNames",
                        lambda *args, **kwargs: ([str(brief_file), str(bundle)], ""))
    with qtbot.waitSignal(window.bundles.imported, timeout=30_000), \
            qtbot.waitSignal(window.library_model.modelReset, timeout=30_000):
        window.open_files()
    qtbot.waitUntil(lambda: window.library_model.rowCount() == 2, timeout=30_000)
    assert {b.title for b in list_briefs(other)} == {"Tidal Barrier Maintenance",
                                                     "Lake Corrin Fisheries Outlook"}
    assert str(bundle) not in settings.recent_files  # Open recent lists briefs
    assert str(brief_file) in settings.recent_files


def test_the_command_line_argument_merges_a_bundle(
        qtbot: QtBot, store: Store, other: Store, brief_id: str, settings: Settings,
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bundle = export_bundle(store, [], tmp_path / "argument.rdbundle").path
    window = _window(qtbot, other, settings)
    window.open_reference(str(bundle), raise_errors=True)  # --screenshot: here and now
    assert window.library_model.rowCount() == 1
    errors = _errors(window, monkeypatch)
    again = _window(qtbot, other, settings)
    again_errors = _errors(again, monkeypatch)
    with qtbot.waitSignal(again.bundles.imported, timeout=30_000):
        again.open_reference(str(bundle))  # interactive: off the GUI thread
    assert errors == again_errors == []
    broken = tmp_path / "broken.rdbundle"
    broken.write_bytes(b"nothing here")
    with pytest.raises(InputError, match="not a ReviewDesk bundle"):
        window.open_reference(str(broken), raise_errors=True)


def test_a_bundle_from_an_unknown_key_is_asked_about_first(
        qtbot: QtBot, store: Store, stranger: Store, brief_id: str, settings: Settings,
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bundle = export_bundle(store, [], tmp_path / "unknown.rdbundle").path
    window = _window(qtbot, stranger, settings)
    errors = _errors(window, monkeypatch)
    asked: list[UnknownSignerError] = []
    answers: list[Role | None] = [None, Role.LEAD]

    def ask(unknown: UnknownSignerError) -> Role | None:
        asked.append(unknown)
        return answers.pop(0)

    monkeypatch.setattr(window.bundles, "ask_trust", ask)
    with qtbot.waitSignal(window.bundles.idle, timeout=30_000):
        window.import_paths([bundle])
    assert asked[0].fingerprint == own_key(store).fingerprint
    assert errors == ["unknown.rdbundle was not merged: its signer is not trusted here"]
    assert list_briefs(stranger) == [] and _backups(stranger) == []
    errors.clear()
    with qtbot.waitSignal(window.bundles.imported, timeout=30_000) as imported:
        window.import_paths([bundle])
    assert imported.args[0].annotations_added == 2 and errors == []
    [_, trusted] = trusted_keys(stranger)
    assert (trusted.public_key, trusted.role) == (own_key(store).public_key, Role.LEAD)


def test_the_trust_question_names_the_signer_and_the_fingerprint(
        qtbot: QtBot, store: Store, stranger: Store, brief_id: str, settings: Settings,
        tmp_path: Path) -> None:
    bundle = export_bundle(store, [], tmp_path / "unknown.rdbundle").path
    window = _window(qtbot, stranger, settings)
    key = own_key(store)
    unknown = UnknownSignerError("x", bundle, Signer(key.public_key, "Anya Petrov"))
    seen: list[str] = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        seen.append(box.text() + " " + box.informativeText())
        checkbox = box.checkBox()
        assert checkbox is not None
        checkbox.setChecked(True)
        [trust] = [b for b in box.buttons() if b.text() == "Trust and merge"]
        trust.click()

    QTimer.singleShot(200, answer)
    assert window.bundles.ask_trust(unknown) is Role.LEAD
    assert "signed by Anya Petrov" in seen[0] and key.fingerprint in seen[0]


def test_requests_run_one_after_another(qtbot: QtBot, store: Store, brief_id: str,
                                        tmp_path: Path) -> None:
    parent = MainWindow(store)
    qtbot.addWidget(parent)
    actions = BundleActions(store, parent)
    reports: list[object] = []
    actions.exported.connect(reports.append)
    actions.imported.connect(reports.append)
    with qtbot.waitSignal(actions.idle, timeout=30_000):
        actions.export_to(tmp_path / "a.rdbundle")
        actions.export_to(tmp_path / "b.rdbundle", [brief_id[:8]])
        actions.import_paths([tmp_path / "a.rdbundle"])
        assert actions.busy
    assert not actions.busy
    assert [type(r).__name__ for r in reports] == ["BundleReport", "BundleReport",
                                                   "MergeReport"]


def test_names_and_messages(tmp_path: Path) -> None:
    assert is_bundle(Path("x/Review.RDBUNDLE")) and not is_bundle(Path("x/brief.docx"))
    briefs, bundles = split_bundles([Path("a.md"), Path("b.rdbundle"), Path("c.pdf")])
    assert briefs == [Path("a.md"), Path("c.pdf")] and bundles == [Path("b.rdbundle")]
    assert default_bundle_name("Anya: Petrov", date(2025, 3, 4)) == \
        "Anya - Petrov review 2025-03-04.rdbundle"
    merged = MergeReport(path=tmp_path / "x.rdbundle", briefs_added=1, annotations_added=2,
                         replies_added=1, conflicts=1, changed=True)
    message = import_message(merged)
    assert message.startswith("Merged x.rdbundle: 1 brief added; annotations: 2 added")
    assert "1 reply added" in message and "1 annotation was edited in both copies" in message

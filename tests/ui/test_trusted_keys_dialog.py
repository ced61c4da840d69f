"""File → Trusted reviewers: this database's key, the keys it trusts, and their roles."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from reviewdesk.domain.trust import Role
from reviewdesk.services.briefs import import_files
from reviewdesk.services.bundles import export_bundle
from reviewdesk.services.reviewers import set_configured_reviewer
from reviewdesk.services.trust import own_key, trusted_keys
from reviewdesk.storage.store import Store
from reviewdesk.ui.main_window import MainWindow
from reviewdesk.ui.trusted_keys_dialog import TrustedKeysDialog


def _colleague_bundle(tmp_path: Path, brief_file: Path, name: str) -> tuple[Path, str]:
    with Store(tmp_path / f"{name}.sqlite3") as colleague:
        set_configured_reviewer(colleague, name)
        import_files(colleague, [brief_file])
        bundle = export_bundle(colleague, [], tmp_path / f"{name}.rdbundle").path
        return bundle, own_key(colleague).fingerprint


def test_the_dialog_trusts_a_bundles_key_and_changes_its_role(
        qtbot: QtBot, store: Store, tmp_path: Path, brief_file: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    set_configured_reviewer(store, "Ines Duarte")
    bundle, fingerprint = _colleague_bundle(tmp_path, brief_file, "Ana Lima")
    dialog = TrustedKeysDialog(store)
    qtbot.addWidget(dialog)
    dialog.show()
    assert own_key(store).fingerprint in dialog.own_label.text()
    assert "Ines Duarte" in dialog.own_label.text()
    assert dialog.model.rowCount() == 0 and dialog.empty.isVisibleTo(dialog)
    assert not dialog.forget_button.isEnabled()

    dialog.trust_bundle(bundle)
    assert dialog.model.rowCount() == 1 and not dialog.empty.isVisibleTo(dialog)
    assert dialog.model.index(0, 0).data() == fingerprint
    assert dialog.model.index(0, 1).data() == "Ana Lima"
    assert dialog.model.index(0, 2).data() == "reviewer"
    assert dialog.model.index(0, 3).data().startswith("by hand, ")
    assert dialog.lead_button.isEnabled() and not dialog.reviewer_button.isEnabled()

    dialog.lead_button.click()
    assert [k.role for k in trusted_keys(store) if not k.own] == [Role.LEAD]
    assert dialog.model.index(0, 2).data() == "lead" and not dialog.lead_button.isEnabled()

    monkeypatch.setattr(QMessageBox, "question",
                        lambda *args, **kwargs: QMessageBox.StandardButton.Yes)
    dialog.forget_button.click()
    assert [k for k in trusted_keys(store) if not k.own] == []
    assert dialog.model.rowCount() == 0


def test_a_file_that_is_not_a_bundle_is_one_message(
        qtbot: QtBot, store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    dialog = TrustedKeysDialog(store)
    qtbot.addWidget(dialog)
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text: shown.append(text))
    notes = tmp_path / "notes.rdbundle"
    notes.write_text("meeting notes", encoding="utf-8")
    dialog.trust_bundle(notes)
    assert len(shown) == 1 and "not a ReviewDesk bundle" in shown[0]
    assert dialog.model.rowCount() == 0


def test_the_file_menu_opens_it(qtbot: QtBot, store: Store) -> None:
    window = MainWindow(store)
    qtbot.addWidget(window)
    [action] = [a for a in window.menuBar().actions()[0].menu().actions()
                if a.text() == "&Trusted reviewers…"]
    action.trigger()
    dialogs = window.findChildren(TrustedKeysDialog)
    assert len(dialogs) == 1 and dialogs[0].isVisible()
    dialogs[0].close()

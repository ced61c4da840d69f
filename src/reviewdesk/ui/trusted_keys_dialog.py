"""File → Trusted reviewers: this database's own key (to read out to colleagues), and the
keys it trusts with their roles; trust a bundle's key by hand, make a key a lead's or a
reviewer's, forget one."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from reviewdesk.domain.trust import Role, Trust
from reviewdesk.errors import ReviewDeskError
from reviewdesk.services.bundles import SUFFIX, trust_bundle_signer
from reviewdesk.services.trust import KeyView, forget_key, own_key, set_role, trusted_keys
from reviewdesk.storage.store import Store
from reviewdesk.ui.accessible import describe, describe_buttons

_HOW = {Trust.FIRST_USE: "on first use", Trust.EXPLICIT: "by hand", Trust.SELF: "its own"}
Index = QModelIndex | QPersistentModelIndex


class TrustedKeysModel(QAbstractTableModel):
    """The keys a database trusts, other than its own: one row each."""

    HEADERS = ("Fingerprint", "Reviewers", "Role", "Trusted")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._keys: list[KeyView] = []

    def set_keys(self, keys: list[KeyView]) -> None:
        """Show these keys, leaving out the database's own."""
        self.beginResetModel()
        self._keys = [key for key in keys if not key.own]
        self.endResetModel()

    def key(self, row: int) -> KeyView:
        """The key shown on `row`."""
        return self._keys[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._keys)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole,
                                               Qt.ItemDataRole.ToolTipRole):
            return None
        key = self._keys[index.row()]
        column = index.column()
        if column == 0:
            return key.fingerprint
        if column == 1:
            return ", ".join(key.reviewers) or key.name
        if column == 2:
            return key.role.value
        return f"{_HOW[key.trust]}, {key.trusted_at:%Y-%m-%d}"


class TrustedKeysDialog(QDialog):
    """Reviewers → Trusted reviewers: this database's own key to read out, the keys it trusts
    with their roles, and buttons to change a role, forget a key or trust a bundle's signer."""

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self.setWindowTitle("Trusted reviewers")
        self.resize(720, 360)
        mine = own_key(store)
        who = ", ".join(mine.reviewers) or "no reviewer yet"
        self.own_label = QLabel(
            f"This database's key: <b>{mine.fingerprint}</b> ({who}). Read it out to the "
            "colleagues who merge your bundles, so they know the key is yours.")
        self.own_label.setWordWrap(True)
        self.own_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.model = TrustedKeysModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        for column in (0, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.empty = QLabel("No other keys yet: merging a colleague's bundle asks whether to "
                            "trust its key.")
        self.lead_button = QPushButton("Make &lead", self)
        self.reviewer_button = QPushButton("Make &reviewer", self)
        self.forget_button = QPushButton("&Forget", self)
        self.trust_button = QPushButton("&Trust a bundle's key…", self)
        self.lead_button.clicked.connect(lambda: self._set_role(Role.LEAD))
        self.reviewer_button.clicked.connect(lambda: self._set_role(Role.REVIEWER))
        self.forget_button.clicked.connect(self._forget)
        self.trust_button.clicked.connect(self.choose_bundle)
        row = QHBoxLayout()
        for button in (self.lead_button, self.reviewer_button, self.forget_button):
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(self.trust_button)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        describe(self.table, "Trusted keys", "The colleagues' keys this database trusts, "
                 "with their reviewers, fingerprints and roles")
        self.lead_button.setToolTip("Let the selected key also decide reference checks and "
                                    "recommendations when its bundles are merged")
        self.reviewer_button.setToolTip("Let the selected key decide only its own reviewers' "
                                        "work when its bundles are merged")
        self.forget_button.setToolTip("Stop trusting the selected key; what was merged from "
                                      "it stays")
        self.trust_button.setToolTip("Choose a colleague's bundle file and trust the key "
                                     "that signed it")
        describe_buttons(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.own_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addLayout(row)
        layout.addWidget(close)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.refresh()

    def refresh(self) -> None:
        """Read the trusted keys from the store again, selecting the first."""
        self.model.set_keys(trusted_keys(self._store))
        self.empty.setVisible(self.model.rowCount() == 0)
        if self.model.rowCount():
            self.table.selectRow(0)
        self._update_buttons()

    def selected(self) -> KeyView | None:
        """The key selected in the table; None when none is."""
        rows = self.table.selectionModel().selectedRows()
        return self.model.key(rows[0].row()) if rows else None

    def _update_buttons(self) -> None:
        key = self.selected()
        self.lead_button.setEnabled(key is not None and key.role is not Role.LEAD)
        self.reviewer_button.setEnabled(key is not None and key.role is not Role.REVIEWER)
        self.forget_button.setEnabled(key is not None)

    def _set_role(self, role: Role) -> None:
        key = self.selected()
        if key is not None:
            self._attempt(lambda: set_role(self._store, key.fingerprint, role))

    def _forget(self) -> None:
        key = self.selected()
        if key is None:
            return
        who = ", ".join(key.reviewers) or key.name
        answer = QMessageBox.question(
            self, "Forget this key?",
            f"Stop trusting the key of {who} ({key.fingerprint})? Their next bundle will be "
            "asked about again; what was merged from them stays.")
        if answer == QMessageBox.StandardButton.Yes:
            self._attempt(lambda: forget_key(self._store, key.fingerprint))

    def choose_bundle(self) -> None:
        """Ask for a bundle file and trust the key that signed it."""
        name, _ = QFileDialog.getOpenFileName(self, "Trust the key that signed a bundle",
                                              str(Path.home()),
                                              f"Review bundles (*{SUFFIX})")
        if name:
            self.trust_bundle(Path(name))

    def trust_bundle(self, path: Path) -> None:
        """Trust the key that signed this bundle; a refusal is shown in a warning box."""
        self._attempt(lambda: trust_bundle_signer(self._store, path))

    def _attempt(self, work: Callable[[], object]) -> None:
        try:
            work()
        except ReviewDeskError as error:
            QMessageBox.warning(self, "Trusted reviewers", str(error))
        self.refresh()

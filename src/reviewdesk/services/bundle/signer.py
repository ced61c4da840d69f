"""Who signed a review bundle, trusting them, and how this database stands to them: a
database merges only bundles whose key it trusts, on first use (`trust=True`, the CLI's
--trust, a question in the app) or by hand."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from reviewdesk.domain.trust import Role, Trust, fingerprint
from reviewdesk.errors import InputError
from reviewdesk.services.bundle.format import Bundle, Signer
from reviewdesk.services.bundle.read import read_bundle
from reviewdesk.services.identity import local_identity, trust_key, verify
from reviewdesk.storage.repositories import Transaction
from reviewdesk.storage.store import Store


class UnknownSignerError(InputError):
    """A bundle signed with a key this database does not trust yet (or not signed at
    all): nothing was written. The app asks whether to trust it; the CLI needs --trust."""

    def __init__(self, message: str, path: Path, signer: Signer | None) -> None:
        super().__init__(message)
        self.path = path
        self.signer = signer

    @property
    def fingerprint(self) -> str | None:
        """The signer's key as people compare it; None for an unsigned bundle."""
        return fingerprint(self.signer.public_key) if self.signer is not None else None


@dataclass(frozen=True, slots=True)
class Standing:
    """How the database stands to a bundle's signer."""

    key: str | None  # the signer's public key; None: an unsigned bundle trusted by hand
    name: str
    role: Role
    trust: Trust
    own: bool  # signed by this database itself
    new: bool  # trusted now, on first use

    @property
    def decides(self) -> bool:
        """Whether its reference checks and recommendation decisions are taken."""
        return self.own or self.role is Role.LEAD


def bundle_signer(path: Path) -> Signer | None:
    """Who signed the bundle at `path` (its signature checked), or None if it is not
    signed. Refuses a bundle that is damaged or whose signature fails, in one sentence."""
    return read_bundle(path, verify).signer


def trust_bundle_signer(store: Store, path: Path, role: Role | None = None) -> Signer:
    """Trust the key that signed the bundle at `path` (by hand: the explicit step), with
    `role` (default: the role it has, else reviewer)."""
    signer = bundle_signer(path)
    if signer is None:
        raise InputError(f"{path.name} is not signed (it was written before bundles were "
                         "signed), so there is no key to trust; import it with --trust")
    with store.transaction() as tx:
        trust_key(tx, signer.public_key, signer.name, role, Trust.EXPLICIT)
    return signer


def standing_of(tx: Transaction, bundle: Bundle, trust: bool) -> Standing:
    """How this database stands to the bundle's signer; UnknownSignerError when it does not
    trust the signer and was not told to."""
    signer, name = bundle.signer, bundle.path.name
    own = local_identity(tx).public_key
    if signer is None:
        if not trust:
            raise UnknownSignerError(
                f"cannot import {name}: it is not signed (an older ReviewDesk wrote it), so "
                "nothing shows who made it; import it with --trust if you know where it "
                "came from", bundle.path, None)
        return Standing(key=None, name="an unsigned bundle", role=Role.REVIEWER,
                        trust=Trust.FIRST_USE, own=False, new=False)
    known = tx.keys.get(signer.public_key)
    if known is None:
        if not trust:
            raise UnknownSignerError(
                f"cannot import {name}: it is signed by {signer.name!r} with a key this "
                f"database does not know yet (fingerprint {fingerprint(signer.public_key)}); "
                f"check the fingerprint with {signer.name}, then import it again with "
                "--trust", bundle.path, signer)
        return Standing(key=signer.public_key, name=signer.name, role=Role.REVIEWER,
                        trust=Trust.FIRST_USE, own=False, new=True)
    return Standing(key=signer.public_key, name=signer.name, role=known.role,
                    trust=known.trust, own=signer.public_key == own, new=False)

"""Identity that a name cannot fake: each database makes an Ed25519 key pair on its first
run and signs the review bundles it writes with it; the reviewers who work in it are bound
to its public key. A database keeps the public keys of the team it trusts, each with a
role (reviewer or lead): trusted on first use (`--trust`, or a question in the app) or by
hand (`reviewdesk reviewers trust FILE`).

The private key is kept in the database's settings: it never travels in a bundle, and a
copy of the database (a backup, a new laptop) keeps its identity."""

from __future__ import annotations

from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from reviewdesk.domain.ids import utc_now
from reviewdesk.domain.trust import Role, Trust, TrustedKey, fingerprint
from reviewdesk.storage.repositories import Transaction

PRIVATE_KEY_SETTING = "identity.private_key"


@dataclass(frozen=True, slots=True)
class Identity:
    """This database's key pair."""

    private_key: Ed25519PrivateKey

    @property
    def public_key(self) -> str:
        return public_hex(self.private_key.public_key())

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.public_key)

    def sign(self, data: bytes) -> str:
        return self.private_key.sign(data).hex()


def public_hex(key: Ed25519PublicKey) -> str:
    return key.public_bytes(Encoding.Raw, PublicFormat.Raw).hex()


def local_identity(tx: Transaction) -> Identity:
    """This database's key pair, made (and its public key trusted as its own) the first
    time it is asked for."""
    stored = tx.settings.get(PRIVATE_KEY_SETTING)
    if stored:
        identity = Identity(Ed25519PrivateKey.from_private_bytes(bytes.fromhex(stored)))
    else:
        identity = Identity(Ed25519PrivateKey.generate())
        raw = identity.private_key.private_bytes_raw()
        tx.settings.set(PRIVATE_KEY_SETTING, raw.hex())
    if tx.keys.get(identity.public_key) is None:
        tx.keys.put(TrustedKey(public_key=identity.public_key, name="this database",
                               role=Role.LEAD, trust=Trust.SELF, trusted_at=utc_now()))
    return identity


def verify(public_key: str, data: bytes, signature: str) -> bool:
    """Whether `signature` (hex) is the signature of `data` by `public_key` (hex)."""
    try:
        key = Ed25519PublicKey.from_public_bytes(bytes.fromhex(public_key))
        key.verify(bytes.fromhex(signature), data)
    except (InvalidSignature, ValueError):
        return False
    return True


def trust_key(tx: Transaction, public_key: str, name: str, role: Role | None,
              how: Trust) -> TrustedKey:
    """Trust `public_key` (keeping the role it has, unless `role` is given; a new key is
    a reviewer's unless said otherwise)."""
    known = tx.keys.get(public_key)
    if known is not None and known.trust is Trust.SELF:
        return known
    key = TrustedKey(public_key=public_key, name=name,
                     role=role or (known.role if known is not None else Role.REVIEWER),
                     trust=Trust.EXPLICIT if how is Trust.EXPLICIT or (
                         known is not None and known.trust is Trust.EXPLICIT) else how,
                     trusted_at=known.trusted_at if known is not None else utc_now())
    tx.keys.put(key)
    return key

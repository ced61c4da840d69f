"""Whom a database trusts, and with what: roles, how a key came to be trusted, and the
short fingerprint people compare to tell one key from another."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class Role(StrEnum):
    """What a trusted key may decide in a merge besides its own reviewers' work: a lead
    also decides reference checks and recommendations."""

    REVIEWER = "reviewer"
    LEAD = "lead"


class Trust(StrEnum):
    """Why this database trusts a key."""

    SELF = "self"  # this database's own key
    FIRST_USE = "first-use"  # trusted when its first bundle was merged (--trust)
    EXPLICIT = "explicit"  # trusted by hand ('reviewdesk reviewers trust')


@dataclass(frozen=True, slots=True)
class TrustedKey:
    """A reviewer's key that this database accepts bundles from, with the role it was given."""

    public_key: str  # Ed25519, 32 bytes as 64 hex digits
    name: str  # who signed with it when it was trusted
    role: Role
    trust: Trust
    trusted_at: datetime

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.public_key)


def fingerprint(public_key: str) -> str:
    """'3F2A 9C1B 77D0 E4A1 0B5C': the first 80 bits of the key's SHA-256, in groups of
    four, for people to read out to each other (a key's own digits are too many)."""
    digest = hashlib.sha256(bytes.fromhex(public_key)).hexdigest()[:20].upper()
    return " ".join(digest[i:i + 4] for i in range(0, len(digest), 4))


def is_public_key(text: str) -> bool:
    """Whether `text` has the shape of a public key as databases store it."""
    if len(text) != 64:
        return False
    try:
        bytes.fromhex(text)
    except ValueError:
        return False
    return text == text.lower()

"""Key fingerprints people read out to each other, and the shape of a stored public key."""

from __future__ import annotations

from datetime import UTC, datetime

from reviewdesk.domain.trust import Role, Trust, TrustedKey, fingerprint, is_public_key

KEY = "ab" * 32


def test_a_fingerprint_is_five_groups_of_four_hex_digits_of_the_keys_hash() -> None:
    printed = fingerprint(KEY)
    groups = printed.split(" ")
    assert len(groups) == 5 and all(len(group) == 4 for group in groups)
    assert printed == printed.upper()
    assert fingerprint(KEY) == printed
    assert fingerprint("cd" * 32) != printed


def test_a_trusted_key_shows_its_fingerprint() -> None:
    key = TrustedKey(KEY, "Amina Rahimi", Role.LEAD, Trust.EXPLICIT, datetime.now(UTC))
    assert key.fingerprint == fingerprint(KEY)


def test_a_public_key_is_64_lower_case_hex_digits() -> None:
    assert is_public_key(KEY)
    assert not is_public_key(KEY.upper())
    assert not is_public_key(KEY[:-2])
    assert not is_public_key("zz" * 32)

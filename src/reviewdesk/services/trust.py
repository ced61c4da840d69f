"""The keys a database trusts, as the CLI and the app show and change them: list them with
the reviewers who work with each, trust one by hand, give it a role, forget it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from reviewdesk.domain.trust import Role, Trust, TrustedKey, fingerprint
from reviewdesk.errors import InputError, NotFoundError
from reviewdesk.services.identity import local_identity, trust_key
from reviewdesk.storage.repositories import Transaction
from reviewdesk.storage.store import Store


@dataclass(frozen=True, slots=True)
class KeyView:
    """A trusted key with the reviewers this database knows to work with it."""

    public_key: str
    fingerprint: str
    name: str
    role: Role
    trust: Trust
    trusted_at: datetime
    reviewers: tuple[str, ...]

    @property
    def own(self) -> bool:
        return self.trust is Trust.SELF


def own_key(store: Store) -> KeyView:
    """This database's own key (made now if it has none yet)."""
    with store.transaction() as tx:
        public_key = local_identity(tx).public_key
        return _views(tx, [k for k in tx.keys.all() if k.public_key == public_key])[0]


def trusted_keys(store: Store) -> list[KeyView]:
    """Every key this database trusts, its own first, then by name."""
    with store.transaction() as tx:
        local_identity(tx)
        keys = sorted(tx.keys.all(), key=lambda k: (k.trust is not Trust.SELF,
                                                    k.name.casefold(), k.public_key))
        return _views(tx, keys)


def _views(tx: Transaction, keys: list[TrustedKey]) -> list[KeyView]:
    people: dict[str | None, list[str]] = {}
    for reviewer in tx.reviewers.all().values():
        people.setdefault(reviewer.public_key, []).append(reviewer.name)
    return [KeyView(public_key=k.public_key, fingerprint=k.fingerprint, name=k.name,
                    role=k.role, trust=k.trust, trusted_at=k.trusted_at,
                    reviewers=tuple(sorted(people.get(k.public_key, []), key=str.casefold)))
            for k in keys]


def trust_reviewer(store: Store, public_key: str, name: str,
                   role: Role | None = None) -> KeyView:
    """Trust `public_key` by hand (the explicit step), as `role` (default: the role it
    has, else reviewer)."""
    with store.transaction() as tx:
        key = trust_key(tx, public_key, name, role, Trust.EXPLICIT)
        return _views(tx, [key])[0]


def set_role(store: Store, who: str, role: Role) -> KeyView:
    """Give the key named by `who` (a reviewer's name, the name it was trusted under, or
    the start of its fingerprint) the role `role`."""
    with store.transaction() as tx:
        key = _find(tx, who)
        if key.trust is Trust.SELF:
            raise InputError("this database's own key needs no role: what it decides here "
                             "is its own")
        changed = TrustedKey(public_key=key.public_key, name=key.name, role=role,
                             trust=key.trust, trusted_at=key.trusted_at)
        tx.keys.put(changed)
        return _views(tx, [changed])[0]


def forget_key(store: Store, who: str) -> KeyView:
    """Stop trusting the key named by `who`: its bundles are asked about again. The work
    already merged from it stays."""
    with store.transaction() as tx:
        key = _find(tx, who)
        if key.trust is Trust.SELF:
            raise InputError("this database's own key cannot be forgotten")
        view = _views(tx, [key])[0]
        tx.keys.remove(key.public_key)
        return view


def _find(tx: Transaction, who: str) -> TrustedKey:
    wanted = " ".join(who.split())
    if not wanted:
        raise InputError("name a reviewer, or give the start of a key's fingerprint")
    keys = tx.keys.all()
    by_reviewer = {r.public_key for r in tx.reviewers.all().values()
                   if r.name.casefold() == wanted.casefold() and r.public_key}
    digits = wanted.replace(" ", "").upper()
    found = [k for k in keys if k.public_key in by_reviewer
             or k.name.casefold() == wanted.casefold()
             or (len(digits) >= 4 and fingerprint(k.public_key).replace(" ", "")
                 .startswith(digits))]
    if not found:
        raise NotFoundError(f"no trusted key of {who!r}; 'reviewdesk reviewers' lists them")
    if len(found) > 1:
        raise InputError(f"{who!r} names more than one trusted key; give the start of its "
                         "fingerprint instead")
    return found[0]

"""The codebook reviewers tag with: the default one is created from resources on first use."""

from __future__ import annotations

from reviewdesk.bundled import default_codebook_data
from reviewdesk.domain.codebook import Codebook, Tag, codebook_from_dict
from reviewdesk.errors import NotFoundError
from reviewdesk.storage.repositories import Transaction
from reviewdesk.storage.store import Store


def ensure_default_codebook(tx: Transaction) -> Codebook:
    codebook = tx.codebooks.default()
    if codebook is None:
        codebook = codebook_from_dict(default_codebook_data())
        tx.codebooks.add(codebook, default=True)
    return codebook


def default_codebook(store: Store) -> Codebook:
    with store.transaction() as tx:
        return ensure_default_codebook(tx)


def find_tag(codebook: Codebook, name: str) -> Tag:
    """The tag called `name` (or its path), with a helpful error listing what exists."""
    tag = codebook.find(name)
    if tag is not None:
        return tag
    same_name = codebook.matching(name)
    if len(same_name) > 1:
        paths = ", ".join(codebook.path(t) for t in same_name)
        raise NotFoundError(f"tag {name!r} is ambiguous; name one of: {paths}")
    known = ", ".join(codebook.path(t) for t in codebook.tags)
    raise NotFoundError(f"no tag {name!r} in the codebook; known tags: {known}")

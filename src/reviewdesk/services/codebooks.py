"""The codebook reviewers tag with: the default one is created from resources on first use."""

from __future__ import annotations

import re

from reviewdesk.bundled import default_codebook_data
from reviewdesk.domain.codebook import Codebook, Tag, codebook_from_dict
from reviewdesk.domain.limits import MAX_TAG_DEPTH, MAX_TAG_NAME_CHARS
from reviewdesk.domain.words import count
from reviewdesk.errors import InputError, NotFoundError
from reviewdesk.storage.repositories import Transaction
from reviewdesk.storage.store import Store


def ensure_default_codebook(tx: Transaction) -> Codebook:
    """The default codebook, created from the bundled one the first time it is asked for."""
    codebook = tx.codebooks.default()
    if codebook is None:
        codebook = codebook_from_dict(default_codebook_data())
        tx.codebooks.add(codebook, default=True)
    return codebook


def default_codebook(store: Store) -> Codebook:
    """The default codebook, in its own transaction (created on first use)."""
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


# Edits of the default codebook, made in the codebook editor. Each one is validated before
# anything is written, so a refused edit leaves the codebook exactly as it was.

SHORTCUT_KEYS = "123456789"
_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
_UNSET = object()


def add_tag(store: Store, name: str, colour: str, *, parent_id: str | None = None,
            shortcut: str | None = None, description: str = "",
            index: int | None = None) -> Tag:
    """Add a tag under `parent_id` (None: top level) at sibling `index` (None: last)."""
    with store.transaction() as tx:
        codebook = ensure_default_codebook(tx)
        if parent_id is not None:
            _check_depth(codebook, _tag(codebook, parent_id), 1)
        tag = Tag(name=_name(codebook, name, parent_id, None), colour=_colour(colour),
                  codebook_id=codebook.id, parent_id=parent_id,
                  shortcut=_shortcut(codebook, shortcut, None),
                  description=description.strip(), position=len(codebook.tags))
        tx.codebooks.add_tag(tag)
        codebook.tags.append(tag)
        _place(tx, codebook, tag, parent_id, index)
        return tag


def update_tag(store: Store, tag_id: str, *, name: str | None = None,
               colour: str | None = None, shortcut: object = _UNSET,
               description: str | None = None) -> Tag:
    """Rename, recolour, describe or re-key a tag (shortcut=None clears its key); returns
    the tag as it now is."""
    with store.transaction() as tx:
        codebook = ensure_default_codebook(tx)
        tag = _tag(codebook, tag_id)
        values: dict[str, object] = {}
        if name is not None:
            values["name"] = _name(codebook, name, tag.parent_id, tag.id)
        if colour is not None:
            values["colour"] = _colour(colour)
        if shortcut is not _UNSET:
            values["shortcut"] = _shortcut(codebook, shortcut, tag.id)
        if description is not None:
            values["description"] = description.strip()
        tx.codebooks.update_tag(tag.id, **values)
        for key, value in values.items():
            setattr(tag, key, value)
        return tag


def move_tag(store: Store, tag_id: str, parent_id: str | None, index: int | None = None) -> Tag:
    """Nest a tag (and its sub-tags) under `parent_id` (None: top level) at sibling
    `index` (None: last); also how siblings are reordered."""
    with store.transaction() as tx:
        codebook = ensure_default_codebook(tx)
        tag = _tag(codebook, tag_id)
        if parent_id is not None:
            parent = _tag(codebook, parent_id)
            if parent.id == tag.id or _is_below(codebook, parent, tag.id):
                raise InputError(f"{tag.name!r} cannot go inside itself or its own sub-tags")
            _check_depth(codebook, parent, _levels(codebook, tag))
        if parent_id != tag.parent_id:
            _name(codebook, tag.name, parent_id, tag.id)
        _place(tx, codebook, tag, parent_id, index)
        return tag


def delete_tag(store: Store, tag_id: str) -> None:
    """Delete a tag that has no sub-tags and that no annotation uses."""
    with store.transaction() as tx:
        codebook = ensure_default_codebook(tx)
        tag = _tag(codebook, tag_id)
        if any(other.parent_id == tag.id for other in codebook.tags):
            raise InputError(f"{codebook.path(tag)!r} has sub-tags; move or delete them first")
        used = tx.codebooks.delete_tag(tag.id)
        if used:
            raise InputError(f"{codebook.path(tag)!r} is used by {count(used, 'annotation')}; "
                             "retag or delete them first")
        codebook.tags.remove(tag)
        _renumber(tx, codebook, _children(codebook))


def swap_shortcuts(store: Store, tag_id: str, other_id: str) -> Tag:
    """Give `tag_id` the key of `other_id` and `other_id` the key `tag_id` had (or none);
    swapping again puts them back. Returns the tag as it now is."""
    with store.transaction() as tx:
        codebook = ensure_default_codebook(tx)
        tag, other = _tag(codebook, tag_id), _tag(codebook, other_id)
        if tag.id == other.id:
            raise InputError("a tag cannot swap keys with itself")
        keys = (other.shortcut, tag.shortcut)
        tx.codebooks.update_tag(other.id, shortcut=None)  # the key is unique meanwhile
        tx.codebooks.update_tag(tag.id, shortcut=keys[0])
        tx.codebooks.update_tag(other.id, shortcut=keys[1])
        tag.shortcut, other.shortcut = keys
        return tag


def sibling_index(codebook: Codebook, tag: Tag) -> int:
    """Where `tag` stands among the tags that share its parent (0: first)."""
    return _children(codebook)[tag.parent_id].index(tag)


def take_out_tag(tx: Transaction, codebook: Codebook, tag: Tag) -> None:
    """Inside `tx`, delete a tag no annotation uses any more; refused while it has sub-tags."""
    if any(other.parent_id == tag.id for other in codebook.tags):
        raise InputError(f"{codebook.path(tag)!r} has sub-tags; move or delete them first")
    used = tx.codebooks.delete_tag(tag.id)
    if used:
        raise InputError(f"{codebook.path(tag)!r} is still used by {used} annotation"
                         f"{'s' if used != 1 else ''}")
    codebook.tags.remove(tag)
    _renumber(tx, codebook, _children(codebook))


def put_back_tag(tx: Transaction, codebook: Codebook, tag: Tag, index: int) -> None:
    """Inside `tx`, store a deleted tag again with its id, colour and key, at sibling
    `index` under its parent; refused if its parent, name or key has gone elsewhere."""
    if tag.parent_id is not None:
        _tag(codebook, tag.parent_id)
    if codebook.by_id(tag.id) is not None:
        raise InputError(f"{codebook.path(tag)!r} is already in the codebook")
    _name(codebook, tag.name, tag.parent_id, tag.id)
    _shortcut(codebook, tag.shortcut, tag.id)
    tag.codebook_id, tag.position = codebook.id, len(codebook.tags)
    tx.codebooks.add_tag(tag)
    codebook.tags.append(tag)
    _place(tx, codebook, tag, tag.parent_id, index)


def _tag(codebook: Codebook, tag_id: str) -> Tag:
    tag = codebook.by_id(tag_id)
    if tag is None:
        raise NotFoundError("that tag is no longer in the codebook")
    return tag


def _name(codebook: Codebook, name: str, parent_id: str | None, own_id: str | None) -> str:
    cleaned = " ".join(name.split())
    if not cleaned:
        raise InputError("a tag needs a name")
    if len(cleaned) > MAX_TAG_NAME_CHARS:
        raise InputError(f"a tag's name is at most {MAX_TAG_NAME_CHARS} characters, "
                         f"not {len(cleaned):,}")
    for other in codebook.tags:
        if (other.parent_id == parent_id and other.id != own_id
                and other.name.casefold() == cleaned.casefold()):
            raise InputError(f"there is already a tag {codebook.path(other)!r}")
    return cleaned


def _colour(colour: str) -> str:
    if not _COLOUR.match(colour.strip()):
        raise InputError(f"{colour!r} is not a colour; write it as #rrggbb")
    return colour.strip().lower()


def _shortcut(codebook: Codebook, key: object, own_id: str | None) -> str | None:
    if key is None or key == "":
        return None
    if not isinstance(key, str) or len(key) != 1 or key not in SHORTCUT_KEYS:
        raise InputError(f"{key!r} cannot be a shortcut; choose a key from 1 to 9")
    for other in codebook.tags:
        if other.shortcut == key and other.id != own_id:
            raise InputError(f"key {key} already belongs to {codebook.path(other)!r}; "
                             "clear it there first")
    return key


def _check_depth(codebook: Codebook, parent: Tag, levels: int) -> None:
    """Refuse to put `levels` levels of tags under `parent` beyond MAX_TAG_DEPTH (a file
    with a deeper tag path is refused on import, so the codebook makes none)."""
    depth = 1
    ancestor = codebook.by_id(parent.parent_id) if parent.parent_id else None
    while ancestor is not None and depth <= MAX_TAG_DEPTH:
        depth += 1
        ancestor = codebook.by_id(ancestor.parent_id) if ancestor.parent_id else None
    if depth + levels > MAX_TAG_DEPTH:
        raise InputError(f"tags nest at most {MAX_TAG_DEPTH} levels deep, and under "
                         f"{codebook.path(parent)!r} this would be {depth + levels}")


def _levels(codebook: Codebook, tag: Tag) -> int:
    """How many levels `tag` and its sub-tags take (1 for a tag without sub-tags)."""
    children = _children(codebook)
    deepest, level, below = 1, 1, [tag.id]
    while below and level <= MAX_TAG_DEPTH:
        below = [child.id for parent_id in below for child in children.get(parent_id, [])]
        level += 1
        if below:
            deepest = level
    return deepest


def _is_below(codebook: Codebook, tag: Tag, ancestor_id: str) -> bool:
    parent = codebook.by_id(tag.parent_id) if tag.parent_id else None
    while parent is not None:
        if parent.id == ancestor_id:
            return True
        parent = codebook.by_id(parent.parent_id) if parent.parent_id else None
    return False


def _children(codebook: Codebook) -> dict[str | None, list[Tag]]:
    children: dict[str | None, list[Tag]] = {}
    for tag in sorted(codebook.tags, key=lambda t: t.position):
        children.setdefault(tag.parent_id, []).append(tag)
    return children


def _place(tx: Transaction, codebook: Codebook, tag: Tag, parent_id: str | None,
           index: int | None) -> None:
    children = _children(codebook)
    children[tag.parent_id].remove(tag)
    siblings = children.setdefault(parent_id, [])
    siblings.insert(len(siblings) if index is None else max(0, min(index, len(siblings))), tag)
    if tag.parent_id != parent_id:
        tx.codebooks.update_tag(tag.id, parent_id=parent_id)
        tag.parent_id = parent_id
    _renumber(tx, codebook, children)


def _renumber(tx: Transaction, codebook: Codebook,
              children: dict[str | None, list[Tag]]) -> None:
    """Positions follow the tree walked depth-first, so a flat list sorted by position
    shows each tag under its parent (see domain.codebook.Tag)."""
    order: list[Tag] = []

    def walk(parent_id: str | None) -> None:
        for child in children.get(parent_id, []):
            order.append(child)
            walk(child.id)

    walk(None)
    for position, tag in enumerate(order):
        if tag.position != position:
            tx.codebooks.update_tag(tag.id, position=position)
            tag.position = position

"""Codebooks: the tags reviewers apply, nested (Indicator › economic) and keyed 1 to 9."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from reviewdesk.domain.ids import new_id

PATH_SEPARATOR = " › "
_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")


@dataclass(slots=True)
class Tag:
    """A tag of a codebook; a tag with a parent is shown under it ('Indicator › economic').
    `shortcut` is the key that applies it in the app, if any."""

    name: str
    colour: str
    codebook_id: str
    parent_id: str | None = None
    # Order in the codebook as a whole (a tree walked depth-first), so a flat list
    # sorted by position shows each tag under its parent.
    shortcut: str | None = None
    description: str = ""
    position: int = 0
    id: str = field(default_factory=new_id)


@dataclass(slots=True)
class Codebook:
    """A named tree of tags, kept as a flat list ordered by position."""

    name: str
    tags: list[Tag] = field(default_factory=list)
    id: str = field(default_factory=new_id)

    def by_id(self, tag_id: str) -> Tag | None:
        return next((tag for tag in self.tags if tag.id == tag_id), None)

    def path(self, tag: Tag) -> str:
        """The tag's full name from the root: 'Indicator › diplomatic'."""
        by_id = {t.id: t for t in self.tags}
        names = [tag.name]
        parent = by_id.get(tag.parent_id) if tag.parent_id else None
        while parent is not None:
            names.append(parent.name)
            parent = by_id.get(parent.parent_id) if parent.parent_id else None
        return PATH_SEPARATOR.join(reversed(names))

    def find(self, name: str) -> Tag | None:
        """A tag by its name or its path ('economic', 'Indicator › economic',
        'indicator/economic'); case does not matter. An ambiguous short name matches
        nothing, so the caller can ask for the full path."""
        wanted = path_key(name)
        if not wanted:
            return None
        by_path = {path_key(self.path(tag)): tag for tag in self.tags}
        if wanted in by_path:
            return by_path[wanted]
        by_name = [tag for tag in self.tags if tag.name.casefold() == wanted]
        return by_name[0] if len(by_name) == 1 else None

    def matching(self, name: str) -> list[Tag]:
        """The tags whose own name is `name`, whatever its case; several tags may share a
        name under different parents."""
        wanted = path_key(name)
        return [tag for tag in self.tags if tag.name.casefold() == wanted]


def path_key(name: str) -> str:
    """A tag's name or path as find() compares them: the names casefolded, joined by " › "
    whichever separator was typed."""
    parts = re.split(r"\s*(?:›|>|/|::)\s*", name.strip())
    return PATH_SEPARATOR.join(part.casefold() for part in parts if part)


def codebook_from_dict(data: Mapping[str, Any]) -> Codebook:
    """Build a codebook from its JSON form: {"name", "tags": [{"name", "colour",
    "shortcut", "description", "children": [...]}]}. Raises ValueError on bad data."""
    name = data.get("name")
    if not isinstance(name, str) or not name.strip():
        raise ValueError("a codebook needs a name")
    codebook = Codebook(name=name.strip())
    _add_tags(codebook, data.get("tags", []), parent=None)
    shortcuts = [tag.shortcut for tag in codebook.tags if tag.shortcut]
    if len(shortcuts) != len(set(shortcuts)):
        raise ValueError("two tags share a shortcut key")
    return codebook


def _add_tags(codebook: Codebook, items: Iterable[Any], parent: Tag | None) -> None:
    for item in items:
        if not isinstance(item, Mapping) or not str(item.get("name", "")).strip():
            raise ValueError("every tag needs a name")
        colour = str(item.get("colour", parent.colour if parent else "#9e9e9e"))
        if not _COLOUR.match(colour):
            raise ValueError(f"tag {item['name']!r} has colour {colour!r}, expected #rrggbb")
        shortcut = item.get("shortcut")
        if shortcut is not None and not (isinstance(shortcut, str) and len(shortcut) == 1):
            raise ValueError(f"tag {item['name']!r}: a shortcut is one key, such as '1'")
        tag = Tag(name=str(item["name"]).strip(), colour=colour.lower(), codebook_id=codebook.id,
                  parent_id=parent.id if parent else None, shortcut=shortcut,
                  description=str(item.get("description", "")),
                  position=len(codebook.tags))
        codebook.tags.append(tag)
        _add_tags(codebook, item.get("children", []), parent=tag)

"""The parts Word writes beside its comments, for the new comments of an export:
commentsIds (each comment's durable id, by the paraId of its last paragraph),
commentsExtensible (the durable id's time in UTC) and people (each author, known to no
directory), merged with the file's own when it has them."""

from __future__ import annotations

import os
from dataclasses import dataclass

from lxml import etree

from reviewdesk.export.docx_comments import Ids, NewComment, children_part
from reviewdesk.ooxml.elements import escape_attribute, writes_prefixes
from reviewdesk.ooxml.ignorable import declare_ignorable
from reviewdesk.ooxml.namespaces import (
    COMMENTS_EXTENSIBLE_CT,
    COMMENTS_EXTENSIBLE_TYPE,
    COMMENTS_IDS_CT,
    COMMENTS_IDS_TYPE,
    PEOPLE_CT,
    PEOPLE_TYPE,
    W15,
    W15_NS,
    W16CEX,
    W16CEX_NS,
    W16CID,
    W16CID_NS,
)
from reviewdesk.ooxml.package import (
    Package,
    Part,
    ensure_override,
    ensure_relationship,
    relative_target,
    serialise,
)


@dataclass(frozen=True, slots=True)
class _Kind:
    related: str  # the relationship type's last segment (Package.related's key)
    file: str  # the part's name beside the main part, for a file without one
    rel_type: str
    content_type: str
    tag: str  # the root's tag
    prefix: str
    uri: str


_IDS = _Kind("commentsIds", "commentsIds.xml", COMMENTS_IDS_TYPE, COMMENTS_IDS_CT,
             f"{W16CID}commentsIds", "w16cid", W16CID_NS)
_EXTENSIBLE = _Kind("commentsExtensible", "commentsExtensible.xml", COMMENTS_EXTENSIBLE_TYPE,
                    COMMENTS_EXTENSIBLE_CT, f"{W16CEX}commentsExtensible", "w16cex",
                    W16CEX_NS)
_PEOPLE = _Kind("people", "people.xml", PEOPLE_TYPE, PEOPLE_CT, f"{W15}people", "w15", W15_NS)


def extension_parts(package: Package, comments: list[NewComment], last_paras: list[str],
                    ids: Ids, types: etree._Element, main_rels: etree._Element,
                    ) -> dict[str, Part]:
    """commentsIds, commentsExtensible and people with `comments` (the paraIds of their last
    paragraphs `last_paras`) added, by member name; their content types go in `types` and
    their relationships in `main_rels`."""
    durable = [ids.durable() for _comment in comments]
    parts: dict[str, Part] = {}
    name, root = _root(package, _IDS)
    pairs = list(zip(last_paras, durable, strict=True))
    if writes_prefixes(root, {_IDS.prefix: _IDS.uri}):
        parts[name] = _with_sources(root, _IDS, [
            f'<w16cid:commentId w16cid:paraId="{escape_attribute(para_id)}" '
            f'w16cid:durableId="{durable_id}"/>' for para_id, durable_id in pairs])
    else:
        for para_id, durable_id in pairs:
            entry = etree.SubElement(root, f"{W16CID}commentId")
            entry.set(f"{W16CID}paraId", para_id)
            entry.set(f"{W16CID}durableId", durable_id)
        parts[name] = serialise(root)
    _refer(package, name, _IDS, types, main_rels)
    name, root = _root(package, _EXTENSIBLE)
    if writes_prefixes(root, {_EXTENSIBLE.prefix: _EXTENSIBLE.uri}):
        parts[name] = _with_sources(root, _EXTENSIBLE, [
            f'<w16cex:commentExtensible w16cex:durableId="{durable_id}"'
            + (f' w16cex:dateUtc="{escape_attribute(comment.date_utc)}"/>'
               if comment.date_utc else "/>")
            for comment, durable_id in zip(comments, durable, strict=True)])
    else:
        for comment, durable_id in zip(comments, durable, strict=True):
            entry = etree.SubElement(root, f"{W16CEX}commentExtensible")
            entry.set(f"{W16CEX}durableId", durable_id)
            if comment.date_utc:
                entry.set(f"{W16CEX}dateUtc", comment.date_utc)
        parts[name] = serialise(root)
    _refer(package, name, _EXTENSIBLE, types, main_rels)
    name, root = _root(package, _PEOPLE)
    known = {person.get(f"{W15}author", "") for person in root.iter(f"{W15}person")}
    for comment in comments:
        if comment.author in known:
            continue
        known.add(comment.author)
        person = etree.SubElement(root, f"{W15}person")
        person.set(f"{W15}author", comment.author)
        presence = etree.SubElement(person, f"{W15}presenceInfo")
        presence.set(f"{W15}providerId", "None")
        presence.set(f"{W15}userId", comment.author)
    parts[name] = serialise(root)
    _refer(package, name, _PEOPLE, types, main_rels)
    return parts


def _with_sources(root: etree._Element, kind: _Kind, sources: list[str]) -> Part:
    """The part as serialise() writes `root` with `sources` (XML source of new entries,
    written with the kind's prefix, as the root writes it) after its last child: ten
    thousand comments are twenty thousand entries, too many to make one by one."""
    return children_part(root, {kind.prefix: kind.uri}, bool(sources), lambda: sources)


def _root(package: Package, kind: _Kind) -> tuple[str, etree._Element]:
    """The part's member name and root: the file's own (with the namespace declared
    ignorable), or a new one beside the main part."""
    name = package.related.get(kind.related)
    existing = package.xml(name) if name else None
    if name is None or existing is None or existing.tag != kind.tag:
        folder = os.path.dirname(package.main)
        name = name or f"{folder}/{kind.file}".lstrip("/")
        existing = etree.Element(kind.tag, nsmap={kind.prefix: kind.uri})
    return package.member(name) or name, declare_ignorable(existing, {kind.prefix: kind.uri})


def _refer(package: Package, name: str, kind: _Kind, types: etree._Element,
           main_rels: etree._Element) -> None:
    """The part's content type and its relationship from the main part."""
    ensure_override(types, name, kind.content_type)
    ensure_relationship(main_rels, kind.rel_type, relative_target(package.main, name))

"""The parts an export changes, as they are written: the comment parts, the custom
properties naming the brief, the relationships and content types that find them, and
every WordprocessingML part with the XML source kept for it (comment markers, run
properties, the appendix) in place of its placeholders."""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import IO

from lxml import etree

from reviewdesk.domain.appendix import AppendixData
from reviewdesk.domain.brief import Brief
from reviewdesk.export import docx_marks as marks
from reviewdesk.export.docx_appendix import appendix_elements, appendix_source, style_ids
from reviewdesk.export.docx_comment_extras import extension_parts
from reviewdesk.export.docx_comments import (
    Ids,
    NewComment,
    comment_para_id,
    comment_parts,
    comments_by_id,
    paragraph_ids,
)
from reviewdesk.export.docx_format import (
    CUSTOM_PART,
    PROPERTY_BRIEF_ID,
    PROPERTY_BRIEF_VERSION,
    PROPERTY_EXPORTED,
    PROPERTY_TEXT_SHA256,
    custom_properties,
    text_sha256,
)
from reviewdesk.export.docx_run_properties import RunProperties
from reviewdesk.ooxml.elements import writes_w
from reviewdesk.ooxml.namespaces import (
    COMMENTS_CT,
    COMMENTS_EX_CT,
    COMMENTS_EX_TYPE,
    COMMENTS_TYPE,
    CUSTOM_CT,
    CUSTOM_TYPE,
    W,
)
from reviewdesk.ooxml.package import (
    CONTENT_TYPES,
    PACKAGE_RELS,
    Package,
    Part,
    content_types,
    empty_rels,
    ensure_override,
    ensure_relationship,
    relative_target,
    rels_name,
    serialise,
)

Appendix = tuple[bytes, Iterator[str]]  # the placeholder as written, and the source


@dataclass(slots=True)
class Splices:
    """XML source that goes in place of placeholders left in parts, when they are written:
    comment markers (the parts `roots`: marker_source(key) for a placeholder's key) and
    the appendix (the placeholder as written, and the source)."""

    roots: set[etree._Element]
    marker_source: Callable[[int], str]
    runs: RunProperties
    main: etree._Element
    appendix: Appendix | None = None

    def written(self, root: etree._Element) -> Part:
        """The part as serialise() writes it, with the source in place of its placeholders:
        a writer (see Part) when there are any, serialising the part when it is written."""
        if root not in self.roots and (self.appendix is None or root is not self.main):
            return serialise(root)

        def write(out: IO[bytes]) -> None:
            data = serialise(root)
            appendix = self.appendix
            at = data.find(appendix[0]) if appendix is not None else -1
            whole = memoryview(data)
            if appendix is None or at < 0:
                self._write(whole, out, root)
                return
            self._write(whole[:at], out, root)
            for piece in appendix[1]:
                out.write(piece.encode("utf-8"))
            self._write(whole[at + len(appendix[0]):], out, root)

        return write

    def _write(self, data: memoryview, out: IO[bytes], root: etree._Element) -> None:
        if root in self.roots:
            marks.write_marks(data, self.marker_source, out, self.runs)
        else:
            out.write(data)


@dataclass(frozen=True, slots=True)
class NewParts:
    """What an export adds to a package: its comments, the paraIds of the file's comments
    resolved since, the appendix (None for none), and the time of the export."""

    comments: list[NewComment]
    resolved: list[str]
    appendix: AppendixData | None
    exported: str  # ISO 8601, to the second


def package_parts(package: Package, brief: Brief, new: NewParts, ids: Ids,
                  splices: Splices) -> dict[str, Part]:
    """Every part the export writes anew, by member name (see write_package)."""
    changed: dict[str, Part] = {}
    types = content_types(package)
    main_rels_name = rels_name(package.main)
    main_rels = package.xml(main_rels_name)
    if main_rels is None:
        main_rels = empty_rels()
    if new.comments or new.resolved or package.related.get("comments"):
        _comment_parts(package, changed, new, ids, types, main_rels)
    if new.appendix is not None:
        splices.appendix = _append_appendix(package, splices.main, new.appendix)
    custom_name = package.member(CUSTOM_PART) or CUSTOM_PART
    existing = package.xml(custom_name) if package.member(CUSTOM_PART) else None
    properties = custom_properties(existing, {
        PROPERTY_BRIEF_ID: brief.id, PROPERTY_BRIEF_VERSION: "1",
        PROPERTY_TEXT_SHA256: text_sha256(brief.text), PROPERTY_EXPORTED: new.exported})
    changed[custom_name] = serialise(properties)
    ensure_override(types, custom_name, CUSTOM_CT)
    top = package.xml(PACKAGE_RELS)
    if top is None:
        top = empty_rels()
    ensure_relationship(top, CUSTOM_TYPE, custom_name)
    changed[package.member(PACKAGE_RELS) or PACKAGE_RELS] = serialise(top)
    changed[package.member(CONTENT_TYPES) or CONTENT_TYPES] = serialise(types)
    changed[package.member(main_rels_name) or main_rels_name] = serialise(main_rels)
    assert package.cache is not None
    for name, root in package.cache.items():
        if root.tag.startswith(W) and name not in changed:
            changed[name] = splices.written(root)
    return changed


def _comment_parts(package: Package, changed: dict[str, Part], new: NewParts, ids: Ids,
                   types: etree._Element, main_rels: etree._Element) -> None:
    """comments.xml and commentsExtended.xml (the file's own, or new ones beside the main
    part), and for new comments commentsIds, commentsExtensible and people, with their
    content types and relationships."""
    folder = os.path.dirname(package.main)
    name = package.related.get("comments") or f"{folder}/comments.xml".lstrip("/")
    comments_root = package.xml(name) if package.member(name) else None
    ex_name = package.related.get("commentsExtended") or \
        f"{folder}/commentsExtended.xml".lstrip("/")
    extended = package.xml(ex_name) if package.member(ex_name) else None
    kept = [para for comment in comments_by_id(comments_root).values()
            if (para := comment_para_id(comment, ids)) is not None]
    paras = paragraph_ids(new.comments, ids)
    changed[name], changed[ex_name] = comment_parts(comments_root, extended, new.comments,
                                                    paras, kept, new.resolved)
    ensure_override(types, name, COMMENTS_CT)
    ensure_override(types, ex_name, COMMENTS_EX_CT)
    ensure_relationship(main_rels, COMMENTS_TYPE, relative_target(package.main, name))
    ensure_relationship(main_rels, COMMENTS_EX_TYPE, relative_target(package.main, ex_name))
    if new.comments:
        changed.update(extension_parts(package, new.comments, [p[-1] for p in paras], ids,
                                       types, main_rels))


def _append_appendix(package: Package, main: etree._Element,
                     appendix: AppendixData) -> Appendix | None:
    """The appendix tables go at the end of the body, before its last section's settings.

    Where the body writes WordprocessingML with the prefix w (as Word and LibreOffice do),
    a placeholder comment goes there and the tables stay XML source, put in its place when
    the part is written (Splices.written): returns the placeholder as written and the
    source. An appendix of 100,000 indicators is millions of elements, too many to make one
    by one."""
    body = main.find(f"{W}body")
    if body is None:
        return None
    heading, subheading = style_ids(package.part("styles"))
    section = body.find(f"{W}sectPr")
    spliced = writes_w(main)
    token = f"ReviewDeskAppendix{secrets.token_hex(8)}"
    elements = [etree.Comment(token)] if spliced else \
        appendix_elements(appendix, heading, subheading)
    for element in elements:
        if section is not None:
            section.addprevious(element)
        else:
            body.append(element)
    if not spliced:
        return None
    return f"<!--{token}-->".encode(), appendix_source(appendix, heading, subheading)

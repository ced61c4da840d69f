"""The package around the marked-up document: the comments part and its threading
(commentsExtended), custom properties, content types and relationships, and writing it all
as a new .docx that copies every untouched part byte for byte."""

from __future__ import annotations

import posixpath
import random
import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import BinaryIO, cast

from lxml import etree

from reviewdesk.export.docx_format import CUSTOM_NS, CUSTOM_PART, VT_NS
from reviewdesk.export.docx_marks import W_NS, W, escape_attribute, escape_text
from reviewdesk.importers.docx_package import Package

W14_NS = "http://schemas.microsoft.com/office/word/2010/wordml"
W15_NS = "http://schemas.microsoft.com/office/word/2012/wordml"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_OFFICE_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
COMMENTS_TYPE = f"{_OFFICE_RELS}/comments"
COMMENTS_EX_TYPE = "http://schemas.microsoft.com/office/2011/relationships/commentsExtended"
CUSTOM_TYPE = f"{_OFFICE_RELS}/custom-properties"
COMMENTS_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"
COMMENTS_EX_CT = ("application/vnd.openxmlformats-officedocument.wordprocessingml."
                  "commentsExtended+xml")
CUSTOM_CT = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"
_PARA_ID = f"{{{W14_NS}}}paraId"
# Every w:id and w14:paraId value of a part, found by libxml2 rather than element by element.
_W_IDS = etree.XPath("//@w:id", namespaces={"w": W_NS}, smart_strings=False)
_PARA_IDS = etree.XPath("//@w14:paraId", namespaces={"w14": W14_NS}, smart_strings=False)


@dataclass(frozen=True, slots=True)
class NewComment:
    ident: int
    author: str
    initials: str
    date: str
    text: str
    parent: int | None = None  # the new comment a reply answers
    done: bool = False
    parent_para: str | None = None  # or the paraId of a comment already in the file


@dataclass(slots=True)
class Ids:
    """Fresh w:id numbers above every id the document already uses, and paragraph ids
    (w14:paraId) that collide with none; allocated once, so 10,000 comments cost no scans."""

    next_id: int
    para_ids: set[str]
    _random: random.Random = field(default_factory=lambda: random.Random(20261124))

    @classmethod
    def scan(cls, roots: Iterable[etree._Element]) -> Ids:
        highest, para_ids = -1, set[str]()
        for root in roots:
            for value in cast(list[str], _W_IDS(root)):
                if value.lstrip("-").isdigit():
                    highest = max(highest, int(value))
            para_ids.update(para.upper() for para in cast(list[str], _PARA_IDS(root)) if para)
        return cls(highest + 1, para_ids)

    def take(self) -> int:
        ident, self.next_id = self.next_id, self.next_id + 1
        return ident

    def para(self) -> str:
        while True:
            value = f"{self._random.randrange(1, 0x7FFFFFFF):08X}"
            if value not in self.para_ids:
                self.para_ids.add(value)
                return value


def new_comments_root() -> etree._Element:
    root = etree.Element(f"{W}comments", nsmap={"w": W_NS, "w14": W14_NS, "mc": MC_NS})
    root.set(f"{{{MC_NS}}}Ignorable", "w14")
    return root


def new_comments_ex_root() -> etree._Element:
    root = etree.Element(f"{{{W15_NS}}}commentsEx", nsmap={"w15": W15_NS, "mc": MC_NS})
    root.set(f"{{{MC_NS}}}Ignorable", "w15")
    return root


def comment_parts(comments_root: etree._Element | None, extended_root: etree._Element | None,
                  comments: list[NewComment], resolved: list[str], ids: Ids) -> tuple[bytes, bytes]:
    """The comments part and commentsExtended (where Word and LibreOffice read replies and
    done states) as written: the file's own (None when it has none) with `comments` added
    and the original comments whose paraIds are in `resolved` marked done.

    The new comments are XML source: ten thousand of them are over a hundred thousand
    elements, too many to make one by one. A part the file did not have is that source
    inside its root as serialise() writes it (the escaping is libxml2's); a part it had
    gets them parsed once and appended."""
    source, extended = _comment_sources(comments, ids)
    if comments_root is None:
        comments_part = _new_part(new_comments_root(), source)
    else:
        comments_root.extend(_parse(source, f'xmlns:w="{W_NS}" xmlns:w14="{W14_NS}"'))
        comments_part = serialise(comments_root)
    if extended_root is None:
        marked: set[str] = set()  # (the new comments' paraIds are fresh: none is here)
        for para_id in resolved:
            if para_id.upper() not in marked:
                marked.add(para_id.upper())
                extended.append(f'<w15:commentEx w15:paraId="{escape_attribute(para_id)}" '
                                'w15:done="1"/>')
        return comments_part, _new_part(new_comments_ex_root(), extended)
    extended_root.extend(_parse(extended, f'xmlns:w15="{W15_NS}"'))
    for para_id in resolved:
        mark_done(extended_root, para_id)
    return comments_part, serialise(extended_root)


def _comment_sources(comments: list[NewComment], ids: Ids) -> tuple[list[str], list[str]]:
    """The XML source of each comment (prefixes w and w14) and of its commentsEx entry
    (w15)."""
    para_of: dict[int, str] = {}
    source: list[str] = []
    extended: list[str] = []
    for comment in comments:
        source.append(f'<w:comment w:id="{comment.ident}" '
                      f'w:author="{escape_attribute(_xml_safe(comment.author))}" '
                      f'w:date="{escape_attribute(_xml_safe(comment.date))}" '
                      f'w:initials="{escape_attribute(_xml_safe(comment.initials))}">')
        last = ""
        for number, line in enumerate(comment.text.split("\n")):
            last = ids.para()
            source.append(f'<w:p w14:paraId="{last}" w14:textId="77777777">{_COMMENT_PPR}')
            if number == 0:
                source.append(_ANNOTATION_REF)
            if line:
                text = _xml_safe(line)
                if not text:
                    source.append("<w:r><w:t/></w:r>")
                elif text != text.strip() or "  " in text:
                    source.append(f'<w:r><w:t xml:space="preserve">{escape_text(text)}</w:t></w:r>')
                else:
                    source.append(f"<w:r><w:t>{escape_text(text)}</w:t></w:r>")
            source.append("</w:p>")
        source.append("</w:comment>")
        para_of[comment.ident] = last
        parent = para_of.get(comment.parent) if comment.parent is not None else \
            comment.parent_para
        parent_attribute = f' w15:paraIdParent="{escape_attribute(parent)}"' if parent else ""
        extended.append(f'<w15:commentEx w15:paraId="{last}"{parent_attribute} '
                        f'w15:done="{"1" if comment.done else "0"}"/>')
    return source, extended


_COMMENT_PPR = '<w:pPr><w:pStyle w:val="CommentText"/></w:pPr>'
_ANNOTATION_REF = ('<w:r><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr>'
                   '<w:annotationRef/></w:r>')
_SPLIT = "ReviewDeskChildrenGoHere"


def _new_part(root: etree._Element, children: list[str]) -> bytes:
    """serialise() of `root` (new, empty, declaring the prefixes `children` use) with
    `children` (XML source) inside it."""
    if not children:
        return serialise(root)
    root.text = _SPLIT
    start, end = serialise(root).split(_SPLIT.encode())
    return b"".join([start, "".join(children).encode("utf-8"), end])


def _parse(source: list[str], namespaces: str) -> list[etree._Element]:
    if not source:
        return []
    return list(etree.fromstring(f"<x {namespaces}>{''.join(source)}</x>"))


def mark_done(extended_root: etree._Element, para_id: str) -> None:
    """Resolve a comment already in the file (its thread shows as done)."""
    for entry in extended_root.iter(f"{{{W15_NS}}}commentEx"):
        if entry.get(f"{{{W15_NS}}}paraId", "").upper() == para_id.upper():
            entry.set(f"{{{W15_NS}}}done", "1")
            return
    entry = etree.SubElement(extended_root, f"{{{W15_NS}}}commentEx")
    entry.set(f"{{{W15_NS}}}paraId", para_id)
    entry.set(f"{{{W15_NS}}}done", "1")


def comment_para_id(comments_root: etree._Element | None, ident: str, ids: Ids) -> str | None:
    """The paraId of the last paragraph of comment `ident` in the file, given one if it has
    none (replies and done states refer to it)."""
    if comments_root is None or not ident:
        return None
    for comment in comments_root.iterchildren(f"{W}comment"):
        if comment.get(f"{W}id") == ident:
            paragraphs = list(comment.iter(f"{W}p"))
            if not paragraphs:
                return None
            last = paragraphs[-1]
            if not last.get(_PARA_ID):
                last.set(_PARA_ID, ids.para())
            return last.get(_PARA_ID)
    return None


def _xml_safe(text: str) -> str:
    """Without the characters XML 1.0 cannot hold (control characters, U+FFFE, U+FFFF, lone
    surrogates)."""
    return _NOT_XML.sub("", text)


_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def custom_properties(existing: etree._Element | None,
                      values: dict[str, str]) -> etree._Element:
    """docProps/custom.xml with `values` set (others kept)."""
    root = existing if existing is not None else etree.Element(
        f"{{{CUSTOM_NS}}}Properties", nsmap={None: CUSTOM_NS, "vt": VT_NS})  # type: ignore[dict-item]
    pids = [int(p.get("pid", "1")) for p in root if p.get("pid", "").isdigit()]
    next_pid = max([1, *pids]) + 1
    for name, value in values.items():
        for old in [p for p in root if p.get("name") == name]:
            root.remove(old)
        prop = etree.SubElement(root, f"{{{CUSTOM_NS}}}property")
        prop.set("fmtid", _FMTID)
        prop.set("pid", str(next_pid))
        prop.set("name", name)
        etree.SubElement(prop, f"{{{VT_NS}}}lpwstr").text = value
        next_pid += 1
    return root


def ensure_override(types_root: etree._Element, part: str, content_type: str) -> None:
    name = "/" + part.lstrip("/")
    for override in types_root.iter(f"{{{CT_NS}}}Override"):
        if override.get("PartName", "").lower() == name.lower():
            override.set("ContentType", content_type)
            return
    element = etree.SubElement(types_root, f"{{{CT_NS}}}Override")
    element.set("PartName", name)
    element.set("ContentType", content_type)


def ensure_relationship(rels_root: etree._Element, rel_type: str, target: str) -> None:
    for rel in rels_root.iter(f"{{{REL_NS}}}Relationship"):
        if rel.get("Type") == rel_type:
            return
    used = {rel.get("Id") for rel in rels_root.iter(f"{{{REL_NS}}}Relationship")}
    number = len(used) + 1
    while f"rIdRd{number}" in used:
        number += 1
    rel = etree.SubElement(rels_root, f"{{{REL_NS}}}Relationship")
    rel.set("Id", f"rIdRd{number}")
    rel.set("Type", rel_type)
    rel.set("Target", target)


def rels_name(part: str) -> str:
    folder, base = posixpath.split(part)
    return posixpath.join(folder, "_rels", base + ".rels")


def empty_rels() -> etree._Element:
    return etree.Element(f"{{{REL_NS}}}Relationships",
                         nsmap={None: REL_NS})  # type: ignore[dict-item]


def relative_target(source_part: str, target_part: str) -> str:
    return posixpath.relpath(target_part, posixpath.dirname(source_part) or ".")


def serialise(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def write_package(package: Package, changed: dict[str, bytes], target: BinaryIO) -> None:
    """A new .docx written to the stream `target`: every member of the original, with
    `changed` ones (real or new member names) replaced or added."""
    pending = dict(changed)
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as out:
        for info in package.archive.infolist():
            data = pending.pop(info.filename, None)
            if data is None:
                data = package.archive.read(info.filename)
            copied = zipfile.ZipInfo(info.filename, date_time=info.date_time)
            copied.compress_type = zipfile.ZIP_DEFLATED
            copied.external_attr = info.external_attr
            out.writestr(copied, data)
        for name, data in pending.items():
            out.writestr(zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0)), data,
                         compress_type=zipfile.ZIP_DEFLATED)


def content_types(package: Package) -> etree._Element:
    root = package.xml("[Content_Types].xml")
    if root is None:  # a package without one is not a .docx the importer accepted
        root = etree.Element(f"{{{CT_NS}}}Types",
                             nsmap={None: CT_NS})  # type: ignore[dict-item]
    return root


def part_or_new(package: Package, name: str | None, make: etree._Element) -> etree._Element:
    if name:
        found = package.xml(name)
        if found is not None:
            return found
    return make


__all__ = ["CUSTOM_PART", "Ids", "NewComment", "comment_parts"]

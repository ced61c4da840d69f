"""A Word package: its parts (zip members), the relationships that find them, its content
types, and writing it again with some parts changed and every other copied byte for byte.

How a part's bytes are read and parsed safely (bounded sizes, no entity tricks) is the
reader's business: `Package` is given the two functions (see `importers.docx_package`)."""

from __future__ import annotations

import io
import posixpath
import zipfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import IO, BinaryIO, cast
from urllib.parse import unquote

from lxml import etree

from reviewdesk.ooxml.namespaces import CT, CT_NS, REL, REL_NS, STRICT_TO_TRANSITIONAL

DEFAULT_MAIN = "word/document.xml"
CONTENT_TYPES = "[Content_Types].xml"
PACKAGE_RELS = "_rels/.rels"

ReadMember = Callable[[zipfile.ZipFile, str], bytes]  # (archive, member name) -> its bytes
ParseXml = Callable[[bytes, str], etree._Element]  # (bytes, member name) -> its root

# A part of the package as it is to be written: its bytes, or a function that writes them
# to the stream it is given (so that a part of hundreds of megabytes is never held whole).
PartWriter = Callable[[IO[bytes]], None]
Part = bytes | PartWriter


@dataclass(slots=True)
class Package:
    """An opened .docx: the main part's XML and its related parts by relationship type."""

    archive: zipfile.ZipFile
    filename: str
    read_member: ReadMember
    parse_xml: ParseXml
    main: str = DEFAULT_MAIN
    related: dict[str, str] = field(default_factory=dict)  # type suffix -> part name
    _names: dict[str, str] = field(default_factory=dict)  # lower-cased -> real member name
    # When set (by the export), each part is parsed once and the same tree is handed out,
    # so that what is changed in it can be written back.
    cache: dict[str, etree._Element] | None = None

    def __post_init__(self) -> None:
        if not self._names:
            self._names = {info.filename.lower(): info.filename
                           for info in self.archive.infolist()}

    def part(self, kind: str) -> etree._Element | None:
        """The related part of this kind ("styles", "comments", ...), parsed, if present."""
        name = self.related.get(kind)
        return self.xml(name) if name else None

    def hyperlinks(self, part: str | None) -> dict[str, str]:
        """Relationship id -> target of the hyperlinks a part (the body, the footnotes)
        points to, targets as written."""
        if not part:
            return {}
        root = self.xml(rels_name(part))
        if root is None:
            return {}
        return {rel.get("Id", ""): rel.get("Target", "")
                for rel in root.iter(f"{REL}Relationship")
                if rel.get("Type", "").rstrip("/").endswith("/hyperlink")}

    def xml(self, name: str) -> etree._Element | None:
        """The part `name` (any case) parsed, Strict namespaces renamed; None if absent."""
        real = self._names.get(name.lower())
        if real is None:
            return None
        if self.cache is not None:
            if real not in self.cache:
                self.cache[real] = self._parse(real)
            return self.cache[real]
        return self._parse(real)

    def member(self, name: str) -> str | None:
        """The archive's own spelling of a part name, if the part exists."""
        return self._names.get(name.lower())

    def relate(self) -> None:
        """Find the main part through _rels/.rels, and the parts related to it."""
        top = self.relationships(PACKAGE_RELS, "")
        self.main = top.get("officeDocument", DEFAULT_MAIN)
        if "core-properties" in top:
            self.related["core-properties"] = top["core-properties"]
        self.related.update(self.relationships(rels_name(self.main),
                                               posixpath.dirname(self.main)))
        self.related.setdefault("core-properties", "docProps/core.xml")

    def relationships(self, rels: str, folder: str) -> dict[str, str]:
        """Relationship type (its last path segment) -> target part name, internal targets
        only, the first of each type."""
        root = self.xml(rels)
        found: dict[str, str] = {}
        if root is None:
            return found
        for rel in root.iter(f"{REL}Relationship"):
            kind = rel.get("Type", "").rstrip("/").rsplit("/", 1)[-1]
            target = rel.get("Target", "")
            if not target or rel.get("TargetMode") == "External" or kind in found:
                continue
            target = unquote(target)
            if target.startswith("/"):
                found[kind] = target.lstrip("/")
            else:
                found[kind] = posixpath.normpath(posixpath.join(folder, target))
        return found

    def _parse(self, real: str) -> etree._Element:
        data = self.read_member(self.archive, real)
        for strict, transitional in STRICT_TO_TRANSITIONAL:
            data = data.replace(strict, transitional)
        return self.parse_xml(data, real)


def is_strict(data: bytes) -> bool:
    """Whether a .docx (its first bytes suffice) is written in Strict Open XML."""
    return b"purl.oclc.org/ooxml" in data[:200_000]


# --- Relationships and content types -----------------------------------------------------


def rels_name(part: str) -> str:
    """The relationships part of `part`: word/document.xml -> word/_rels/document.xml.rels."""
    folder, base = posixpath.split(part)
    return posixpath.join(folder, "_rels", base + ".rels")


def relative_target(source_part: str, target_part: str) -> str:
    """`target_part` as a relationship of `source_part` names it."""
    return posixpath.relpath(target_part, posixpath.dirname(source_part) or ".")


def empty_rels() -> etree._Element:
    """A relationships part with none in it."""
    return etree.Element(f"{REL}Relationships", nsmap={None: REL_NS})  # type: ignore[dict-item]


def ensure_relationship(rels_root: etree._Element, rel_type: str, target: str) -> None:
    """Relate `target` with `rel_type` unless a relationship of that type is there."""
    for rel in rels_root.iter(f"{REL}Relationship"):
        if rel.get("Type") == rel_type:
            return
    used = {rel.get("Id") for rel in rels_root.iter(f"{REL}Relationship")}
    number = len(used) + 1
    while f"rIdRd{number}" in used:
        number += 1
    rel = etree.SubElement(rels_root, f"{REL}Relationship")
    rel.set("Id", f"rIdRd{number}")
    rel.set("Type", rel_type)
    rel.set("Target", target)


def content_types(package: Package) -> etree._Element:
    """The package's [Content_Types].xml, or an empty one."""
    root = package.xml(CONTENT_TYPES)
    if root is None:  # a package without one is not a .docx the importer accepted
        root = etree.Element(f"{CT}Types", nsmap={None: CT_NS})  # type: ignore[dict-item]
    return root


def ensure_override(types_root: etree._Element, part: str, content_type: str) -> None:
    """Give `part` its content type (replacing the one it has)."""
    name = "/" + part.lstrip("/")
    for override in types_root.iter(f"{CT}Override"):
        if override.get("PartName", "").lower() == name.lower():
            override.set("ContentType", content_type)
            return
    element = etree.SubElement(types_root, f"{CT}Override")
    element.set("PartName", name)
    element.set("ContentType", content_type)


# --- Writing ---------------------------------------------------------------------------------


def serialise(root: etree._Element) -> bytes:
    """A part as Word writes it: UTF-8, declared standalone."""
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def write_package(package: Package, changed: Mapping[str, Part], target: BinaryIO) -> None:
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
            _write_member(out, copied, data)
        for name, data in pending.items():
            added = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
            added.compress_type = zipfile.ZIP_DEFLATED
            _write_member(out, added, data)


def _write_member(out: zipfile.ZipFile, info: zipfile.ZipInfo, data: Part) -> None:
    if isinstance(data, bytes):
        out.writestr(info, data)
        return
    with out.open(info, "w") as stream:
        # A writer writes many small pieces; the zip compresses and checksums each write,
        # so they are gathered into writes of a megabyte. (The zip's stream is written to
        # as a raw stream is; detached, the buffer leaves it for the zip to close.)
        gathered = io.BufferedWriter(cast(io.RawIOBase, stream), buffer_size=1 << 20)
        data(gathered)
        gathered.flush()
        gathered.detach()

"""The parts of a Word package: the main document found through its relationships, Strict or not."""

from __future__ import annotations

import posixpath
import zipfile
from dataclasses import dataclass, field
from urllib.parse import unquote

from lxml import etree

from reviewdesk.errors import InputError
from reviewdesk.importers.zipguard import read_member, safe_xml, too_big

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
# Strict OOXML renames the namespaces but keeps the vocabulary, so renaming them back lets
# one reader serve both. The relationships rename also fixes the relationship types.
_STRICT_TO_TRANSITIONAL: tuple[tuple[bytes, bytes], ...] = (
    (b"http://purl.oclc.org/ooxml/wordprocessingml/main", W_NS.encode()),
    (b"http://purl.oclc.org/ooxml/officeDocument/relationships",
     b"http://schemas.openxmlformats.org/officeDocument/2006/relationships"),
)
_DEFAULT_MAIN = "word/document.xml"
# All the XML of a package together, as declared (zipfile never reads a member past its
# declared size): fifty times the document part of a million-character brief, and about
# 750 MB of memory once parsed when every word is a formatted run.
MAX_XML_BYTES = 50_000_000
_XML_SUFFIXES = (".xml", ".rels")


@dataclass(slots=True)
class Package:
    """An opened .docx: the main part's XML and its related parts by relationship type."""

    archive: zipfile.ZipFile
    filename: str
    main: str
    related: dict[str, str] = field(default_factory=dict)  # type suffix -> part name
    _names: dict[str, str] = field(default_factory=dict)  # lower-cased -> real member name
    # When set (by the export), each part is parsed once and the same tree is handed out,
    # so that what is changed in it can be written back.
    cache: dict[str, etree._Element] | None = None

    def part(self, kind: str) -> etree._Element | None:
        """The related part of this kind ("styles", "comments", ...), parsed, if present."""
        name = self.related.get(kind)
        return self.xml(name) if name else None

    def hyperlinks(self, part: str | None) -> dict[str, str]:
        """Relationship id -> target of the hyperlinks a part (the body, the footnotes)
        points to, targets as written."""
        if not part:
            return {}
        folder, base = posixpath.split(part)
        root = self.xml(posixpath.join(folder, "_rels", base + ".rels"))
        if root is None:
            return {}
        return {rel.get("Id", ""): rel.get("Target", "")
                for rel in root.iter(f"{{{_REL_NS}}}Relationship")
                if rel.get("Type", "").rstrip("/").endswith("/hyperlink")}

    def xml(self, name: str) -> etree._Element | None:
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

    def _parse(self, real: str) -> etree._Element:
        data = read_member(self.archive, real, self.filename, limit=MAX_XML_BYTES)
        for strict, transitional in _STRICT_TO_TRANSITIONAL:
            data = data.replace(strict, transitional)
        return safe_xml(data, real, self.filename)


def open_package(archive: zipfile.ZipFile, filename: str) -> Package:
    """Locate the main document part through _rels/.rels and the parts it relates to."""
    entries = archive.infolist()
    xml = sum(info.file_size for info in entries if info.filename.lower().endswith(_XML_SUFFIXES))
    if xml > MAX_XML_BYTES:
        raise InputError(too_big(filename, "its XML parts", MAX_XML_BYTES))
    names = {info.filename.lower(): info.filename for info in entries}
    package = Package(archive=archive, filename=filename, main=_DEFAULT_MAIN, _names=names)
    top = _relationships(package, "_rels/.rels", "")
    package.main = top.get("officeDocument", _DEFAULT_MAIN)
    if "core-properties" in top:
        package.related["core-properties"] = top["core-properties"]
    folder, base = posixpath.split(package.main)
    rels = posixpath.join(folder, "_rels", base + ".rels")
    package.related.update(_relationships(package, rels, folder))
    package.related.setdefault("core-properties", "docProps/core.xml")
    if package.main.lower() not in names:
        raise InputError(f"cannot import {filename}: it is not a Word document "
                         "(it has no document part)")
    return package


def _relationships(package: Package, rels: str, folder: str) -> dict[str, str]:
    """Relationship type (its last path segment) -> target part name, internal targets only."""
    root = package.xml(rels)
    found: dict[str, str] = {}
    if root is None:
        return found
    for rel in root.iter(f"{{{_REL_NS}}}Relationship"):
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

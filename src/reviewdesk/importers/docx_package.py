"""Opening a Word package safely: its members read within bounds and parsed without entity
tricks (zipguard), its main part found through its relationships, Strict or not.

The package itself, its parts and relationships, is `reviewdesk.ooxml.package.Package`."""

from __future__ import annotations

import zipfile

from lxml import etree

from reviewdesk.errors import InputError
from reviewdesk.importers.zipguard import read_member, safe_xml, too_big
from reviewdesk.ooxml.package import Package

# All the XML of a package together, as declared (zipfile never reads a member past its
# declared size): fifty times the document part of a million-character brief, and about
# 750 MB of memory once parsed when every word is a formatted run.
MAX_XML_BYTES = 50_000_000
_XML_SUFFIXES = (".xml", ".rels")


def open_package(archive: zipfile.ZipFile, filename: str) -> Package:
    """Locate the main document part through _rels/.rels and the parts it relates to."""
    entries = archive.infolist()
    xml = sum(info.file_size for info in entries if info.filename.lower().endswith(_XML_SUFFIXES))
    if xml > MAX_XML_BYTES:
        raise InputError(too_big(filename, "its XML parts", MAX_XML_BYTES))
    names = {info.filename.lower(): info.filename for info in entries}

    def read(archive: zipfile.ZipFile, name: str) -> bytes:
        return read_member(archive, name, filename, limit=MAX_XML_BYTES)

    def parse(data: bytes, name: str) -> etree._Element:
        return safe_xml(data, name, filename)

    package = Package(archive=archive, filename=filename, read_member=read, parse_xml=parse,
                      _names=names)
    package.relate()
    if package.main.lower() not in names:
        raise InputError(f"cannot import {filename}: it is not a Word document "
                         "(it has no document part)")
    return package


__all__ = ["MAX_XML_BYTES", "open_package"]

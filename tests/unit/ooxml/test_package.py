"""A Word package: its main part found through the relationships, Strict names read as
transitional, relationships and content types added once, and every untouched member
copied byte for byte when it is written again."""

from __future__ import annotations

import io
import zipfile

from lxml import etree

from reviewdesk.ooxml.namespaces import CT, REL, STRICT_W_NS, W_NS, W
from reviewdesk.ooxml.package import (
    Package,
    content_types,
    ensure_override,
    ensure_relationship,
    is_strict,
    relative_target,
    rels_name,
    write_package,
)

_RELS = ('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
         '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
         'relationships/officeDocument" Target="/doc/main.xml"/></Relationships>')
_MAIN_RELS = ('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
              'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
              'officeDocument/2006/relationships/styles" Target="styles.xml"/>'
              '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/'
              '2006/relationships/hyperlink" Target="https://example.org/" '
              'TargetMode="External"/></Relationships>')


def _package(document: str) -> Package:
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types xmlns='http://schemas.openxmlformats"
                                                 ".org/package/2006/content-types'/>")
        archive.writestr("_rels/.rels", _RELS)
        archive.writestr("doc/main.xml", document)
        archive.writestr("doc/_rels/main.xml.rels", _MAIN_RELS)
        archive.writestr("doc/styles.xml", f'<w:styles xmlns:w="{W_NS}"/>')
        archive.writestr("media/image.bin", b"\x00\x01 not xml")
    package = Package(zipfile.ZipFile(io.BytesIO(data.getvalue())), "test.docx",
                      lambda archive, name: archive.read(name),
                      lambda data, _name: etree.fromstring(data))
    package.relate()
    return package


def test_main_part_and_related_parts_through_the_relationships() -> None:
    package = _package(f'<w:document xmlns:w="{W_NS}"/>')
    assert package.main == "doc/main.xml"
    assert package.related["styles"] == "doc/styles.xml"
    assert package.related["core-properties"] == "docProps/core.xml"  # the default
    assert package.hyperlinks("doc/main.xml") == {"rId2": "https://example.org/"}
    assert package.member("DOC/MAIN.XML") == "doc/main.xml"
    styles = package.part("styles")
    assert styles is not None and styles.tag == f"{W}styles"


def test_strict_names_read_as_transitional() -> None:
    strict = f'<w:document xmlns:w="{STRICT_W_NS}"/>'
    assert is_strict(strict.encode()) and not is_strict(f'xmlns:w="{W_NS}"'.encode())
    root = _package(strict).xml("doc/main.xml")
    assert root is not None and root.tag == f"{W}document"


def test_relationships_and_overrides_are_added_once() -> None:
    package = _package(f'<w:document xmlns:w="{W_NS}"/>')
    rels = package.xml(rels_name(package.main))
    assert rels is not None and rels_name("doc/main.xml") == "doc/_rels/main.xml.rels"
    target = relative_target(package.main, "doc/comments.xml")
    for _ in range(2):
        ensure_relationship(rels, "urn:comments", target)
    added = [rel for rel in rels.iter(f"{REL}Relationship") if rel.get("Type") == "urn:comments"]
    assert [(rel.get("Id"), rel.get("Target")) for rel in added] == [("rIdRd3", "comments.xml")]
    types = content_types(package)
    ensure_override(types, "doc/comments.xml", "a/b")
    ensure_override(types, "/DOC/comments.xml", "c/d")
    assert [(o.get("PartName"), o.get("ContentType")) for o in types.iter(f"{CT}Override")] \
        == [("/doc/comments.xml", "c/d")]


def test_written_again_with_untouched_members_as_they_were() -> None:
    package = _package(f'<w:document xmlns:w="{W_NS}"/>')
    out = io.BytesIO()
    write_package(package, {"doc/main.xml": b"<changed/>",
                            "doc/new.xml": lambda stream: stream.write(b"<new/>")}, out)
    with zipfile.ZipFile(io.BytesIO(out.getvalue())) as written:
        assert written.namelist() == [*package.archive.namelist(), "doc/new.xml"]
        assert written.read("doc/main.xml") == b"<changed/>"
        assert written.read("doc/new.xml") == b"<new/>"
        assert written.read("media/image.bin") == package.archive.read("media/image.bin")

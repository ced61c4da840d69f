"""What a ReviewDesk export writes into a Word file that it reads back: the custom properties
naming the brief, and the "[Tag › sub-tag] comment" form of each exported comment."""

from __future__ import annotations

import hashlib
import re
import zipfile
from io import BytesIO

from lxml import etree

from reviewdesk.importers.zipguard import read_member, safe_xml
from reviewdesk.ooxml.namespaces import CUSTOM, CUSTOM_NS, VT, VT_NS

PROPERTY_BRIEF_ID = "ReviewDeskBriefId"
PROPERTY_BRIEF_VERSION = "ReviewDeskBriefVersion"
PROPERTY_TEXT_SHA256 = "ReviewDeskTextSha256"  # of the brief's text as exported
PROPERTY_EXPORTED = "ReviewDeskExported"  # ISO time of the export

CUSTOM_PART = "docProps/custom.xml"
_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"  # of user-defined properties

_TAGGED = re.compile(r"^\[(?P<tag>[^\[\]\n]{1,200})\](?:[ \t]+|\n|$)")


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def comment_text(tag_path: str | None, comment: str) -> str:
    """The text of an exported comment: "[Indicator › diplomatic] Which council?"; a
    comment-only annotation is its comment alone."""
    comment = comment.strip()
    if not tag_path:
        return comment
    return f"[{tag_path}] {comment}" if comment else f"[{tag_path}]"


def split_comment_text(text: str) -> tuple[str | None, str]:
    """The tag path and comment of a comment written by comment_text(), or (None, text)."""
    match = _TAGGED.match(text.strip())
    if match is None:
        return None, text.strip()
    return match["tag"].strip(), text.strip()[match.end():].strip()


def read_custom_properties(data: bytes, filename: str = "document") -> dict[str, str]:
    """The custom document properties of a .docx (name -> text value); {} when it has none
    or is not a zip. Never raises for a damaged file: the importer reports those."""
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            names = {info.filename.lower(): info.filename for info in archive.infolist()}
            real = names.get(CUSTOM_PART.lower())
            if real is None:
                return {}
            root = safe_xml(read_member(archive, real, filename), real, filename)
    except Exception:  # a damaged file: the importer says what is wrong
        return {}
    found: dict[str, str] = {}
    for prop in root.iter(f"{CUSTOM}property"):
        name = prop.get("name")
        if name and len(prop):
            found[name] = "".join(str(text) for text in prop[0].itertext())
    return found


def custom_properties(existing: etree._Element | None,
                      values: dict[str, str]) -> etree._Element:
    """docProps/custom.xml with `values` set (others kept)."""
    root = existing if existing is not None else etree.Element(
        f"{CUSTOM}Properties", nsmap={None: CUSTOM_NS, "vt": VT_NS})  # type: ignore[dict-item]
    pids = [int(p.get("pid", "1")) for p in root if p.get("pid", "").isdigit()]
    next_pid = max([1, *pids]) + 1
    for name, value in values.items():
        for old in [p for p in root if p.get("name") == name]:
            root.remove(old)
        prop = etree.SubElement(root, f"{CUSTOM}property")
        prop.set("fmtid", _FMTID)
        prop.set("pid", str(next_pid))
        prop.set("name", name)
        etree.SubElement(prop, f"{VT}lpwstr").text = value
        next_pid += 1
    return root

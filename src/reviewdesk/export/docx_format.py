"""What a ReviewDesk export writes into a Word file that it reads back: the custom properties
naming the brief, and the "[Tag › sub-tag] comment" form of each exported comment."""

from __future__ import annotations

import hashlib
import re
import zipfile
from io import BytesIO

from reviewdesk.importers.zipguard import read_member, safe_xml

PROPERTY_BRIEF_ID = "ReviewDeskBriefId"
PROPERTY_BRIEF_VERSION = "ReviewDeskBriefVersion"
PROPERTY_TEXT_SHA256 = "ReviewDeskTextSha256"  # of the brief's text as exported
PROPERTY_EXPORTED = "ReviewDeskExported"  # ISO time of the export

CUSTOM_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
VT_NS = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
CUSTOM_PART = "docProps/custom.xml"

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
    for prop in root.iter(f"{{{CUSTOM_NS}}}property"):
        name = prop.get("name")
        if name and len(prop):
            found[name] = "".join(str(text) for text in prop[0].itertext())
    return found

"""REFI-QDA project exchange (.qdpx): a zip holding project.qde, the QDA-XML project
(namespace urn:QDA-XML:project:1.0), and each text source as sources/<guid>.txt.

This module turns plain project data into the archive's bytes; services.qdpx gathers it."""

from __future__ import annotations

import io
import uuid
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

from lxml import etree

NAMESPACE = "urn:QDA-XML:project:1.0"
PROJECT_PART = "project.qde"
ORIGIN = "ReviewDesk"
_Q = "{" + NAMESPACE + "}"


@dataclass(slots=True)
class QdaCode:
    """A code (a codebook tag); `parent` is the guid of the code it sits under."""

    guid: str
    name: str
    color: str
    parent: str | None = None
    description: str = ""


@dataclass(slots=True)
class QdaNote:
    """A note: an annotation's comment or a reply to it."""

    guid: str
    name: str
    text: str
    user: str | None
    created: datetime


@dataclass(slots=True)
class QdaSelection:
    """A stretch of a text source, from `start` to `end` in code points, with its code
    (None: an untagged comment) and the notes on it, in thread order."""

    guid: str
    start: int
    end: int
    user: str | None
    created: datetime
    code: str | None = None
    notes: list[str] = field(default_factory=list)


@dataclass(slots=True)
class QdaSource:
    """A text source: a brief's canonical text."""

    guid: str
    name: str
    text: str
    created: datetime | None = None
    selections: list[QdaSelection] = field(default_factory=list)


@dataclass(slots=True)
class QdaProject:
    """Everything the project file holds."""

    name: str
    users: list[tuple[str, str]] = field(default_factory=list)  # (guid, name)
    codes: list[QdaCode] = field(default_factory=list)
    sources: list[QdaSource] = field(default_factory=list)
    notes: list[QdaNote] = field(default_factory=list)
    description: str = ""
    created: datetime | None = None


def _time(moment: datetime) -> str:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _sub(parent: etree._Element, tag: str, /, **attributes: str | None) -> etree._Element:
    element = etree.SubElement(parent, _Q + tag)
    for key, value in attributes.items():
        if value is not None:
            element.set(key, value)
    return element


def project_xml(project: QdaProject) -> bytes:
    """The project.qde document, UTF-8, in the order the project schema requires."""
    root = etree.Element(_Q + "Project", nsmap={None: NAMESPACE})  # type: ignore[dict-item]
    root.set("name", project.name)
    root.set("origin", ORIGIN)
    root.set("creationDateTime", _time(project.created or datetime.now(UTC)))
    if project.users:
        users = _sub(root, "Users")
        for guid, name in project.users:
            _sub(users, "User", guid=guid, name=name)
    if project.codes:
        codes = _sub(_sub(root, "CodeBook"), "Codes")
        _add_codes(codes, project.codes, None)
    if project.sources:
        sources = _sub(root, "Sources")
        for source in project.sources:
            _add_source(sources, source)
    if project.notes:
        notes = _sub(root, "Notes")
        for note in project.notes:
            element = _sub(notes, "Note", guid=note.guid, name=note.name,
                           creatingUser=note.user, creationDateTime=_time(note.created))
            _sub(element, "PlainTextContent").text = note.text
    if project.description:
        _sub(root, "Description").text = project.description
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                pretty_print=True))


def _add_codes(parent: etree._Element, codes: Sequence[QdaCode], under: str | None) -> None:
    for code in codes:
        if code.parent != under:
            continue
        element = _sub(parent, "Code", guid=code.guid, name=code.name, isCodable="true",
                       color=code.color)
        if code.description:
            _sub(element, "Description").text = code.description
        _add_codes(element, codes, code.guid)


def _add_source(parent: etree._Element, source: QdaSource) -> None:
    element = _sub(parent, "TextSource", guid=source.guid, name=source.name,
                   plainTextPath=f"internal://{source.guid}.txt",
                   creationDateTime=_time(source.created) if source.created else None)
    for selection in source.selections:
        chosen = _sub(element, "PlainTextSelection", guid=selection.guid,
                      name=source.text[selection.start:selection.end][:60],
                      startPosition=str(selection.start), endPosition=str(selection.end),
                      creatingUser=selection.user,
                      creationDateTime=_time(selection.created))
        if selection.code is not None:
            coding = _sub(chosen, "Coding", guid=_coding_guid(selection.guid),
                          creatingUser=selection.user,
                          creationDateTime=_time(selection.created))
            _sub(coding, "CodeRef", targetGUID=selection.code)
        for note in selection.notes:
            _sub(chosen, "NoteRef", targetGUID=note)


def _coding_guid(selection_guid: str) -> str:
    """The coding's guid, derived from its selection's so that an export is repeatable."""
    return str(uuid.uuid5(uuid.UUID(selection_guid), "coding"))


def qdpx_bytes(project: QdaProject, extra: Mapping[str, bytes] | None = None) -> bytes:
    """The .qdpx archive: project.qde, sources/<guid>.txt for each source (UTF-8), and
    `extra` members (ReviewDesk's own, which other tools leave alone)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(PROJECT_PART, project_xml(project))
        for source in project.sources:
            archive.writestr(f"sources/{source.guid}.txt", source.text.encode("utf-8"))
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return buffer.getvalue()

"""Reading a REFI-QDA project (.qdpx: a zip holding project.qde, QDA-XML in the namespace
urn:QDA-XML:project:1.0, and sources/ for the source files) into plain data.

Only text sources are read; every other kind of source is left out with one sentence
in `ForeignProject.left_out`. Sizes are guarded as for every other import (guards.py,
zipguard.py)."""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from lxml import etree

from reviewdesk.errors import InputError
from reviewdesk.importers.guards import DEFAULT_MAX_BYTES, check_text_size, read_bytes
from reviewdesk.importers.zipguard import open_zip, read_member, safe_xml

NAMESPACE = "urn:QDA-XML:project:1.0"
PROJECT_PART = "project.qde"
BUNDLE_MEMBER = "reviewdesk/review.rdbundle"
_Q = "{" + NAMESPACE + "}"
_COLOUR = re.compile(r"^#([0-9a-fA-F]{6}|[0-9a-fA-F]{3})$")
_OTHER_SOURCES = {"PDFSource": "PDF source", "PictureSource": "picture source",
                  "AudioSource": "audio source", "VideoSource": "video source"}


@dataclass(slots=True)
class ForeignCode:
    """A code of the project's codebook, in document order (a parent before its codes)."""

    guid: str
    name: str
    colour: str | None
    parent: str | None
    description: str = ""


@dataclass(slots=True)
class ForeignNote:
    """A note's text and who wrote it when."""

    guid: str
    text: str
    user: str | None
    created: datetime | None


@dataclass(slots=True)
class ForeignSelection:
    """A stretch of a text source, in code points, with its codes and notes."""

    guid: str
    start: int
    end: int
    user: str | None
    created: datetime | None
    codes: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass(slots=True)
class ForeignSource:
    """A text source with its plain text."""

    guid: str
    name: str
    text: str
    selections: list[ForeignSelection] = field(default_factory=list)


@dataclass(slots=True)
class ForeignProject:
    """What a .qdpx holds that ReviewDesk can take."""

    name: str
    users: dict[str, str] = field(default_factory=dict)
    codes: list[ForeignCode] = field(default_factory=list)
    sources: list[ForeignSource] = field(default_factory=list)
    notes: dict[str, ForeignNote] = field(default_factory=dict)
    left_out: list[str] = field(default_factory=list)
    bundle: bytes | None = None  # ReviewDesk's own record of the review, if it wrote the file


def read_qdpx(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> ForeignProject:
    """Read the project at `path`. A file that is not a readable .qdpx raises InputError,
    one sentence; nothing is stored by reading."""
    data = read_bytes(path, max_bytes)
    name = path.name
    if not data.startswith(b"PK"):
        raise InputError(f"cannot import {name}: it is not a REFI-QDA project (not a zip file)")
    archive = open_zip(data, name)
    members = set(archive.namelist())
    if PROJECT_PART not in members:
        raise InputError(f"cannot import {name}: it is not a REFI-QDA project "
                         f"(it holds no {PROJECT_PART})")
    root = safe_xml(read_member(archive, PROJECT_PART, name, limit=max_bytes), PROJECT_PART, name)
    if root.tag != _Q + "Project":
        raise InputError(f"cannot import {name}: {PROJECT_PART} is not a REFI-QDA project "
                         f"(its root is not a Project of {NAMESPACE})")
    project = ForeignProject(name=root.get("name") or path.stem)
    for user in root.iterfind(f"{_Q}Users/{_Q}User"):
        guid = _guid(user)
        if guid:
            project.users[guid] = user.get("name") or user.get("id") or guid
    codes = root.find(f"{_Q}CodeBook/{_Q}Codes")
    if codes is not None:
        _read_codes(codes, None, project)
    for note in root.iterfind(f"{_Q}Notes/{_Q}Note"):
        guid = _guid(note)
        text = _text_of(note, archive, members, name, project)
        if guid and text is not None:
            project.notes[guid] = ForeignNote(guid, text, _guid(note, "creatingUser"),
                                              _moment(note.get("creationDateTime")))
    sources = root.find(f"{_Q}Sources")
    for source in sources if sources is not None else ():
        if not isinstance(source.tag, str):
            continue
        _read_source(source, archive, members, name, project)
    _left_out_parts(root, project)
    if BUNDLE_MEMBER in members:
        project.bundle = read_member(archive, BUNDLE_MEMBER, name, limit=max_bytes)
    return project


_PARTS = (("Sets", "sets"), ("Cases", "cases"), ("Variables", "variables"),
          ("Links", "links"), ("Graphs", "graphs"))


def _left_out_parts(root: etree._Element, project: ForeignProject) -> None:
    """One sentence for the parts of a project ReviewDesk has no place for, and for the
    notes no selection points to (memos on a source, a code or the project)."""
    for part, words in _PARTS:
        if root.find(_Q + part) is not None:
            project.left_out.append(f"The project's {words} were left out: ReviewDesk has no "
                                    "place for them")
    pointed = {note for source in project.sources for selection in source.selections
               for note in selection.notes}
    loose = len(set(project.notes) - pointed)
    if loose:
        project.left_out.append(f"{loose} note(s) not attached to a selection of text were "
                                "left out")


def _local(tag: str) -> str:
    return tag.removeprefix(_Q)


def _guid(element: etree._Element, attribute: str = "guid") -> str | None:
    value = element.get(attribute)
    return value.strip("{}").lower() if value else None


def _moment(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _read_codes(parent: etree._Element, under: str | None, project: ForeignProject) -> None:
    for code in parent.iterfind(f"{_Q}Code"):
        guid, name = _guid(code), " ".join((code.get("name") or "").split())
        if not guid or not name:
            continue
        colour = code.get("color")
        if colour and _COLOUR.match(colour):
            digits = colour[1:]
            colour = "#" + (digits if len(digits) == 6 else "".join(c * 2 for c in digits))
        else:
            colour = None
        project.codes.append(ForeignCode(guid, name, colour.lower() if colour else None, under,
                                         code.findtext(f"{_Q}Description") or ""))
        _read_codes(code, guid, project)


def _text_of(element: etree._Element, archive: zipfile.ZipFile, members: set[str],
             name: str, project: ForeignProject) -> str | None:
    """A text source's or note's plain text: inline, or the archive's internal file."""
    inline = element.findtext(f"{_Q}PlainTextContent")
    if inline is not None:
        return inline
    where = element.get("plainTextPath") or ""
    if where.startswith("internal://"):
        wanted = "sources/" + where.removeprefix("internal://")
        # Some tools write the folder as "Sources": the member is found whatever its case.
        member = next((m for m in members if m.casefold() == wanted.casefold()), wanted)
        if member in members:
            data = read_member(archive, member, name, limit=DEFAULT_MAX_BYTES)
            try:
                return data.decode("utf-8-sig").replace("\r\n", "\n")
            except UnicodeDecodeError:
                project.left_out.append(f"{element.get('name') or member} was left out: "
                                        f"{member} is not UTF-8 text")
                return None
    label = element.get("name") or _guid(element) or "a source"
    project.left_out.append(f"{_local(element.tag)} {label!r} was left out: its plain text "
                            "is not inside the project file")
    return None


def _read_source(source: etree._Element, archive: zipfile.ZipFile, members: set[str],
                 name: str, project: ForeignProject) -> None:
    kind = _local(source.tag)
    label = source.get("name") or _guid(source) or "?"
    if kind != "TextSource":
        what = _OTHER_SOURCES.get(kind, kind)
        project.left_out.append(f"The {what} {label!r} was left out: ReviewDesk reads only "
                                "the text sources of a REFI-QDA project")
        return
    guid = _guid(source)
    text = _text_of(source, archive, members, name, project)
    if guid is None or text is None:
        return
    check_text_size(text, Path(label))
    found = ForeignSource(guid, label, text)
    for selection in source.iterfind(f"{_Q}PlainTextSelection"):
        chosen = _selection(selection, len(text))
        if chosen is None:
            project.left_out.append(f"A selection in {label!r} was left out: its positions "
                                    "are not within the text")
            continue
        found.selections.append(chosen)
    whole = len(source.findall(f"{_Q}Coding"))
    if whole:
        project.left_out.append(f"{whole} coding(s) of the whole source {label!r} were left "
                                "out: ReviewDesk tags stretches of text")
    project.sources.append(found)


def _selection(element: etree._Element, length: int) -> ForeignSelection | None:
    guid = _guid(element)
    try:
        start = int(element.get("startPosition", ""))
        end = int(element.get("endPosition", ""))
    except ValueError:
        return None
    if guid is None or not 0 <= start < end <= length:
        return None
    chosen = ForeignSelection(guid, start, end, _guid(element, "creatingUser"),
                              _moment(element.get("creationDateTime")))
    for coding in element.iterfind(f"{_Q}Coding"):
        ref = coding.find(f"{_Q}CodeRef")
        target = _guid(ref, "targetGUID") if ref is not None else None
        if target:
            chosen.codes.append(target)
    for ref in element.iterfind(f"{_Q}NoteRef"):
        target = _guid(ref, "targetGUID")
        if target:
            chosen.notes.append(target)
    return chosen

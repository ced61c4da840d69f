"""REFI-QDA project exchange: export validates, round trip keeps everything, projects
written by QDA tools come in, broken archives change nothing."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from lxml import etree

from reviewdesk.domain.review import AnnotationStatus, Reply
from reviewdesk.errors import InputError
from reviewdesk.services.annotations import (
    annotate,
    create_annotation,
    list_annotations,
    update_annotation,
)
from reviewdesk.services.briefs import import_files
from reviewdesk.services.codebooks import add_tag, default_codebook
from reviewdesk.services.qdpx import export_qdpx
from reviewdesk.services.reviewers import ensure_reviewer
from reviewdesk.storage.store import Store

SHARED = Path(__file__).resolve().parents[3].parent / "shared"
XSD = SHARED / "standards" / "refi-qda" / "Project-mrt2019.xsd"
NS = {"q": "urn:QDA-XML:project:1.0"}


@pytest.fixture
def reviewed(store: Store, brief_file: Path) -> str:
    brief_id = import_files(store, [brief_file])[0].id
    parent = add_tag(store, "Lake", "#3366cc")
    add_tag(store, "fisheries", "#aa2200", parent_id=parent.id)
    first = annotate(store, brief_id, "first joint patrol", tag="Lake › fisheries",
                     comment="Date checked", reviewer="Ines Duarte")
    annotate(store, brief_id, "shared quota", tag="Lake", reviewer="Bo Lind")
    with store.transaction() as tx:
        author = ensure_reviewer(tx, "Bo Lind")
        tx.annotations.add_reply(Reply(annotation_id=first.id, reviewer_id=author.id,
                                       text="Which port? Ålby or Alby 🐟"))
    update_annotation(store, first.id, status=AnnotationStatus.RESOLVED)
    with store.transaction() as tx:
        text = tx.briefs.title_and_text(brief_id)[1]  # type: ignore[index]
    start = text.index("closed season")
    create_annotation(store, brief_id, start, start + len("closed season"),
                      comment="Six weeks — from when?", reviewer="Ines Duarte")
    return brief_id


def _schema() -> etree.XMLSchema:
    if not XSD.is_file():
        pytest.skip("../shared is not beside this checkout")
    return etree.XMLSchema(etree.parse(str(XSD)))


def test_export_validates_against_the_refi_qda_schema(store: Store, reviewed: str,
                                                      tmp_path: Path) -> None:
    target = tmp_path / "review.qdpx"
    report = export_qdpx(store, [], target)
    assert report.briefs == 1 and report.selections == 3 and report.notes == 3
    with zipfile.ZipFile(target) as archive:
        project = etree.fromstring(archive.read("project.qde"))
        schema = _schema()
        assert schema.validate(project), schema.error_log
        source = project.find("q:Sources/q:TextSource", NS)
        assert source is not None
        text = archive.read(f"sources/{source.get('guid')}.txt").decode("utf-8")
        assert source.get("plainTextPath") == f"internal://{source.get('guid')}.txt"
    codes = project.findall("q:CodeBook/q:Codes/q:Code", NS)
    top = next(code for code in codes if code.get("name") == "Lake")
    assert top.get("color") == "#3366cc"
    child = top.find("q:Code", NS)
    assert child is not None and child.get("name") == "fisheries"
    for selection in source.findall("q:PlainTextSelection", NS):
        start, end = int(selection.get("startPosition", "")), int(selection.get("endPosition", ""))
        quoted = text[start:end]
        assert quoted in ("first joint patrol", "shared quota", "closed season")
        codings = selection.findall("q:Coding", NS)
        assert len(codings) == (0 if quoted == "closed season" else 1)
        notes = selection.findall("q:NoteRef", NS)
        assert len(notes) == {"first joint patrol": 2, "shared quota": 0,
                              "closed season": 1}[quoted]


def _state(store: Store) -> dict[str, object]:
    """Everything a round trip must keep, keyed by what does not depend on the database."""
    from reviewdesk.services.briefs import list_briefs, load_brief

    briefs = {}
    for summary in list_briefs(store):
        brief = load_brief(store, summary.id)
        notes = sorted((a.start, a.end, a.quote, a.tag, a.colour, a.comment, a.reviewer,
                        str(a.status), tuple((r.reviewer, r.text) for r in a.replies))
                       for a in list_annotations(store, summary.id))
        briefs[brief.title] = (brief.text, notes)
    codebook = default_codebook(store)
    tags = sorted((codebook.path(tag), tag.colour) for tag in codebook.tags)
    return {"briefs": briefs, "tags": tags}


def test_round_trip_into_a_fresh_database_keeps_everything(store: Store, reviewed: str,
                                                           tmp_path: Path) -> None:
    from reviewdesk.services.qdpx import import_qdpx

    target = tmp_path / "review.qdpx"
    export_qdpx(store, [reviewed], target)
    with Store(tmp_path / "fresh.sqlite3") as fresh:
        report = import_qdpx(fresh, target, trust=True)
        assert report.merged is not None and report.merged.changed
        assert _state(fresh) == _state(store)
        statuses = {a.quote: a.status for a in list_annotations(fresh, reviewed)}
        assert statuses["first joint patrol"] == AnnotationStatus.RESOLVED


def test_refi_parts_alone_keep_ranges_tags_comments_and_replies(store: Store, reviewed: str,
                                                                tmp_path: Path) -> None:
    """What another tool would read of ReviewDesk's export comes back as it went out."""
    from reviewdesk.services.qdpx import import_qdpx

    target = tmp_path / "review.qdpx"
    export_qdpx(store, [reviewed], target)
    with Store(tmp_path / "fresh.sqlite3") as fresh:
        report = import_qdpx(fresh, target, refi_only=True)
        assert report.briefs_added == 1 and report.annotations_added == 3
        assert report.replies_added == 1 and report.warnings == []
        mine, theirs = _state(store), _state(fresh)
        paths = {path for path, _ in theirs["tags"]}  # type: ignore[attr-defined]
        assert ("Lake", "#3366cc") in theirs["tags"]  # type: ignore[operator]
        assert ("Lake › fisheries", "#aa2200") in theirs["tags"]  # type: ignore[operator]
        assert paths == {path for path, _ in mine["tags"]}  # type: ignore[attr-defined]
        (text, notes), = theirs["briefs"].values()  # type: ignore[attr-defined]
        (my_text, my_notes), = mine["briefs"].values()  # type: ignore[attr-defined]
        assert text == my_text
        # REFI-QDA has no resolved state: everything comes back open.
        assert [n[:7] + n[8:] for n in notes] == [n[:7] + n[8:] for n in my_notes]
        again = import_qdpx(fresh, target, refi_only=True)
        assert again.annotations_added == 0 and again.already_present == 3


TOOL_TEXT = ("Harbour fees rose twice in 2023.\n"
             "The ferry line to Nørby stopped in May. 🚢 Fishers met in June.")
TOOL_TEXT_2 = "A second interview about nets and weather."
U1, U2 = "0F5A3C1E-1111-4A4A-8B8B-000000000001", "0F5A3C1E-1111-4A4A-8B8B-000000000002"
C_TOP, C_CHILD, C_OTHER = ("{AA000000-0000-4000-8000-000000000001}",
                           "AA000000-0000-4000-8000-000000000002",
                           "AA000000-0000-4000-8000-000000000003")
S1, S2, S3 = ("BB000000-0000-4000-8000-000000000001", "BB000000-0000-4000-8000-000000000002",
              "BB000000-0000-4000-8000-000000000003")
N1, N2 = "CC000000-0000-4000-8000-000000000001", "CC000000-0000-4000-8000-000000000002"


def _tool_project() -> bytes:
    """A project as QDA tools write one: nested codes, Sets, several users and sources
    (one inline, one in the archive), notes, and a PDF source."""
    ferry = TOOL_TEXT.index("The ferry line")
    fishers = TOOL_TEXT.index("Fishers met")
    return f"""<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="Harbour study" origin="QualCoder 3.5"
 creationDateTime="2024-05-01T10:00:00Z">
 <Users><User guid="{U1}" name="Ada Ek"/><User guid="{U2}" name="Bo Lind"/></Users>
 <CodeBook><Codes>
  <Code guid="{C_TOP}" name="Transport" isCodable="true" color="#0A6">
   <Description>Ways of moving</Description>
   <Code guid="{C_CHILD}" name="Ferries" isCodable="true" color="#FF8800"/>
  </Code>
  <Code guid="{C_OTHER}" name="Meetings" isCodable="false"/>
 </Codes></CodeBook>
 <Sources>
  <TextSource guid="DD000000-0000-4000-8000-000000000001" name="Interview one"
   plainTextPath="internal://DD000000-0000-4000-8000-000000000001.txt" creatingUser="{U1}">
   <PlainTextSelection guid="{S1}" startPosition="{ferry}" endPosition="{ferry + 14}"
    creatingUser="{U1}" creationDateTime="2024-05-02T09:00:00Z">
    <Coding guid="EE000000-0000-4000-8000-000000000001" creatingUser="{U1}">
     <CodeRef targetGUID="{C_CHILD}"/></Coding>
    <Coding guid="EE000000-0000-4000-8000-000000000002" creatingUser="{U1}">
     <CodeRef targetGUID="{C_TOP}"/></Coding>
    <NoteRef targetGUID="{N1}"/><NoteRef targetGUID="{N2}"/>
   </PlainTextSelection>
   <PlainTextSelection guid="{S2}" startPosition="{fishers}" endPosition="{fishers + 11}"
    creatingUser="{U2}"><NoteRef targetGUID="{N2}"/></PlainTextSelection>
  </TextSource>
  <PDFSource guid="DD000000-0000-4000-8000-000000000002" name="Port report"
   path="internal://DD000000-0000-4000-8000-000000000002.pdf"/>
  <TextSource guid="DD000000-0000-4000-8000-000000000003" name="Interview two">
   <PlainTextContent>{TOOL_TEXT_2}</PlainTextContent>
   <PlainTextSelection guid="{S3}" startPosition="9" endPosition="18" creatingUser="{U2}">
    <Coding guid="EE000000-0000-4000-8000-000000000003"><CodeRef targetGUID="{C_OTHER}"/>
    </Coding></PlainTextSelection>
  </TextSource>
 </Sources>
 <Notes>
  <Note guid="CC000000-0000-4000-8000-000000000009" name="project memo">
   <PlainTextContent>Ask about winter.</PlainTextContent></Note>
  <Note guid="{N1}" name="memo" creatingUser="{U1}">
   <PlainTextContent>Check the timetable.</PlainTextContent></Note>
  <Note guid="{N2}" name="memo 2" creatingUser="{U2}">
   <PlainTextContent>Timetable checked.</PlainTextContent></Note>
 </Notes>
 <Sets><Set guid="FF000000-0000-4000-8000-000000000001" name="Mobility">
  <MemberCode targetGUID="{C_CHILD}"/></Set></Sets>
</Project>""".encode()


def _zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def test_a_project_written_by_a_qda_tool_comes_in(store: Store, tmp_path: Path) -> None:
    from reviewdesk.services.briefs import list_briefs
    from reviewdesk.services.qdpx import import_qdpx

    xml = _tool_project()
    schema = _schema() if XSD.is_file() else None
    if schema is not None:
        assert schema.validate(etree.fromstring(xml)), schema.error_log
    path = _zip(tmp_path / "harbour.qdpx", {
        "project.qde": xml,
        "Sources/DD000000-0000-4000-8000-000000000001.txt": TOOL_TEXT.encode(),
        "sources/DD000000-0000-4000-8000-000000000002.pdf": b"%PDF-1.4 not read"})
    report = import_qdpx(store, path)
    assert report.briefs_added == 2
    assert report.warnings == [
        "The PDF source 'Port report' was left out: ReviewDesk reads only the text sources "
        "of a REFI-QDA project",
        "The project's sets were left out: ReviewDesk has no place for them",
        "1 note(s) not attached to a selection of text were left out"]
    assert set(report.tags_added) == {"Transport", "Transport › Ferries", "Meetings"}
    codebook = default_codebook(store)
    colours = {codebook.path(tag): tag.colour for tag in codebook.tags}
    assert colours["Transport"] == "#00aa66" and colours["Transport › Ferries"] == "#ff8800"
    titles = {b.title: b.id for b in list_briefs(store)}
    one = list_annotations(store, titles["Interview one"])
    assert sorted((a.quote, a.tag, a.reviewer, a.comment) for a in one) == [
        ("Fishers met", None, "Bo Lind", "Timetable checked."),
        ("The ferry line", "Transport", "Ada Ek", ""),
        ("The ferry line", "Transport › Ferries", "Ada Ek", "Check the timetable."),
    ]
    coded = next(a for a in one if a.tag == "Transport › Ferries")
    assert [(r.reviewer, r.text) for r in coded.replies] == [("Bo Lind", "Timetable checked.")]
    two = list_annotations(store, titles["Interview two"])
    assert [(a.quote, a.tag) for a in two] == [("interview", "Meetings")]


@pytest.mark.parametrize("content", [
    b"not a zip at all",
    b"PK\x03\x04 truncated",
    "zip-bad-xml",
    "zip-no-project",
])
def test_a_broken_archive_is_one_sentence_and_stores_nothing(store: Store, tmp_path: Path,
                                                             content: object) -> None:
    from reviewdesk.services.briefs import list_briefs
    from reviewdesk.services.qdpx import import_qdpx

    path = tmp_path / "broken.qdpx"
    if content == "zip-bad-xml":
        _zip(path, {"project.qde": _tool_project()[:-40]})
    elif content == "zip-no-project":
        _zip(path, {"other.xml": b"<a/>"})
    else:
        assert isinstance(content, bytes)
        path.write_bytes(content)
    before = default_codebook(store)
    with pytest.raises(InputError) as caught:
        import_qdpx(store, path)
    message = str(caught.value)
    assert "broken.qdpx" in message and "\n" not in message
    assert list_briefs(store) == []
    assert len(default_codebook(store).tags) == len(before.tags)


def test_the_commands_export_and_import_and_say_what_others_will_not_read(
        store: Store, reviewed: str, db_path: Path, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    from reviewdesk import cli

    target = tmp_path / "out.qdpx"
    assert cli.main(["--db", str(db_path), "qdpx", "export", "-o", str(target)]) == 0
    out = capsys.readouterr().out
    assert "Wrote 1 brief with" in out and "Other tools will not read this:" in out
    fresh = tmp_path / "fresh.sqlite3"
    assert cli.main(["--db", str(fresh), "qdpx", "import", str(target)]) == 1
    refused = capsys.readouterr().err
    assert "out.qdpx" in refused and "--trust" in refused and "--refi-only" in refused
    assert cli.main(["--db", str(fresh), "qdpx", "import", str(target), "--refi-only"]) == 0
    assert "1 brief added" in capsys.readouterr().out

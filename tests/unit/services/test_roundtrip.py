"""A reviewed Word file of a brief already in the store merges into that brief."""

from __future__ import annotations

import io
import json
import zipfile
from dataclasses import dataclass
from pathlib import Path

import docx
import pytest
from lxml import etree

from reviewdesk.cli import main
from reviewdesk.domain.views import AnnotationView
from reviewdesk.export.docx_format import (
    PROPERTY_BRIEF_ID,
    PROPERTY_BRIEF_VERSION,
    PROPERTY_TEXT_SHA256,
    text_sha256,
)
from reviewdesk.services.annotations import annotate, list_annotations
from reviewdesk.services.briefs import ImportResult, import_files, list_briefs, load_brief
from reviewdesk.services.roundtrip import similarity
from reviewdesk.storage.store import Store

TITLE = "Ferry Subsidies on the Tarvik Coast"
PARAGRAPHS = [
    "The three island parishes off the Tarvik coast depend on two ferry routes for food, "
    "fuel and hospital visits. Since the regional board cut the subsidy in 2022, fares have "
    "risen by a third and the winter timetable has shrunk to four sailings a week.",
    "Parish councils report that younger families are leaving. The school on Skerra closed "
    "last spring, and the doctor now visits once a fortnight instead of every week. Freight "
    "costs have pushed the price of heating oil well above the mainland average.",
    "The board argues that the routes lose money and that the subsidy favours a few hundred "
    "residents over the wider region. Its own figures, however, count neither the tourist "
    "trade nor the fish landed at Skerra harbour, which together keep the routes busy.",
    "We recommend that the board restore the winter subsidy for two years, publish the full "
    "costs of each route, and consult the parish councils before any further cut to the "
    "timetable.",
]
INSERTED = "A survey in May found that half of all islanders had skipped a medical visit. "

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
W15 = "http://schemas.microsoft.com/office/word/2012/wordml"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"


@dataclass(frozen=True)
class Note:
    """A Word comment on `words` (the n-th paragraph holding them, first by default)."""

    words: str
    text: str
    author: str = "Ana Ruiz"
    replies: tuple[tuple[str, str], ...] = ()  # (author, text)
    paragraph: int | None = None


def build_docx(paragraphs: list[str], notes: tuple[Note, ...] = (), *,
               brief_id: str | None = None, text: str | None = None,
               title: str = TITLE) -> bytes:
    """A Word file with a heading, the paragraphs and the comments, threaded replies
    (commentsExtended) and, given a brief id, ReviewDesk's custom properties."""
    document = docx.Document()
    document.add_heading(title, level=1)
    parents: dict[int, int] = {}  # reply comment id -> parent comment id
    for index, paragraph_text in enumerate(paragraphs):
        mine = [note for note in notes if note.words in paragraph_text
                and note.paragraph in (None, index)]
        mine = [note for note in mine
                if note.paragraph == index or not any(note.words in p for p in paragraphs[:index])]
        mine.sort(key=lambda note: paragraph_text.index(note.words))
        paragraph = document.add_paragraph()
        position = 0
        for note in mine:
            start = paragraph_text.index(note.words, position)
            if start > position:
                paragraph.add_run(paragraph_text[position:start])
            run = paragraph.add_run(note.words)
            comment = document.add_comment(run, text=note.text, author=note.author,
                                           initials="".join(w[0] for w in note.author.split()))
            for author, reply in note.replies:
                answer = document.add_comment(run, text=reply, author=author)
                parents[answer.comment_id] = comment.comment_id
            position = start + len(note.words)
        if position < len(paragraph_text):
            paragraph.add_run(paragraph_text[position:])
    out = io.BytesIO()
    document.save(out)
    properties = None
    if brief_id is not None:
        properties = {PROPERTY_BRIEF_ID: brief_id, PROPERTY_BRIEF_VERSION: "1",
                      PROPERTY_TEXT_SHA256: text_sha256(text or "")}
    return _post_process(out.getvalue(), parents, properties)


def _post_process(data: bytes, parents: dict[int, int],
                  properties: dict[str, str] | None) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    parts = {name: source.read(name) for name in source.namelist()}
    if "word/comments.xml" in parts:
        root = etree.fromstring(parts["word/comments.xml"])
        extended = etree.Element(f"{{{W15}}}commentsEx", nsmap={"w15": W15})
        for comment in root.iter(f"{{{W}}}comment"):
            ident = int(comment.get(f"{{{W}}}id", "0"))
            comment.findall(f"{{{W}}}p")[-1].set(f"{{{W14}}}paraId", _para_id(ident))
            entry = etree.SubElement(extended, f"{{{W15}}}commentEx")
            entry.set(f"{{{W15}}}paraId", _para_id(ident))
            if ident in parents:
                entry.set(f"{{{W15}}}paraIdParent", _para_id(parents[ident]))
            entry.set(f"{{{W15}}}done", "0")
        parts["word/comments.xml"] = etree.tostring(root, xml_declaration=True,
                                                    encoding="UTF-8", standalone=True)
        parts["word/commentsExtended.xml"] = etree.tostring(extended, xml_declaration=True,
                                                            encoding="UTF-8", standalone=True)
        _add_override(parts, "/word/commentsExtended.xml", "application/vnd.openxmlformats-"
                      "officedocument.wordprocessingml.commentsExtended+xml")
        _add_relationship(parts, "word/_rels/document.xml.rels",
                          "http://schemas.microsoft.com/office/2011/relationships/"
                          "commentsExtended", "commentsExtended.xml")
    if properties:
        parts["docProps/custom.xml"] = _custom_xml(properties)
        _add_override(parts, "/docProps/custom.xml",
                      "application/vnd.openxmlformats-officedocument.custom-properties+xml")
        _add_relationship(parts, "_rels/.rels", "http://schemas.openxmlformats.org/"
                          "officeDocument/2006/relationships/custom-properties",
                          "docProps/custom.xml")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name, content in parts.items():
            target.writestr(name, content)
    return out.getvalue()


def _para_id(ident: int) -> str:
    return f"{0x100 + ident:08X}"


def _add_override(parts: dict[str, bytes], part_name: str, content_type: str) -> None:
    root = etree.fromstring(parts["[Content_Types].xml"])
    override = etree.SubElement(root, f"{{{CT}}}Override")
    override.set("PartName", part_name)
    override.set("ContentType", content_type)
    parts["[Content_Types].xml"] = etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                                  standalone=True)


def _add_relationship(parts: dict[str, bytes], rels: str, kind: str, target: str) -> None:
    root = etree.fromstring(parts[rels])
    relationship = etree.SubElement(root, f"{{{PKG_REL}}}Relationship")
    relationship.set("Id", f"rIdRoundTrip{len(root)}")
    relationship.set("Type", kind)
    relationship.set("Target", target)
    parts[rels] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _custom_xml(properties: dict[str, str]) -> bytes:
    ns = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
    vt = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
    root = etree.Element(f"{{{ns}}}Properties", nsmap={None: ns, "vt": vt})
    for pid, (name, value) in enumerate(properties.items(), start=2):
        prop = etree.SubElement(root, f"{{{ns}}}property",
                                fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}",
                                pid=str(pid), name=name)
        etree.SubElement(prop, f"{{{vt}}}lpwstr").text = value
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def import_one(store: Store, path: Path) -> ImportResult:
    [result] = import_files(store, [path])
    return result


@pytest.fixture
def original(store: Store, tmp_path: Path) -> ImportResult:
    result = import_one(store, write(tmp_path, "tarvik.docx", build_docx(PARAGRAPHS)))
    assert result.merged_into is None and not result.already_imported
    return result


def notes_of(store: Store, brief_id: str) -> list[AnnotationView]:
    return list_annotations(store, brief_id)


def edited(paragraphs: list[str]) -> list[str]:
    """The brief with a sentence inserted at the start of the second paragraph."""
    return [paragraphs[0], INSERTED + paragraphs[1], *paragraphs[2:]]


TWO_NOTES = (Note("the doctor now visits once a fortnight", "Which doctor? Source?"),
             Note("tourist trade", "[Indicator › economic] How large is it?",
                  author="Bo Lind"))


# --- (a) and (b) -----------------------------------------------------------------------------

def test_changed_copy_with_its_id_merges_its_comments(store: Store, tmp_path: Path,
                                                      original: ImportResult) -> None:
    changed = [PARAGRAPHS[0].replace("four sailings", "three sailings"), *PARAGRAPHS[1:]]
    path = write(tmp_path, "tarvik-reviewed.docx",
                 build_docx(changed, TWO_NOTES, brief_id=original.id,
                            text=load_brief(store, original.id).text))
    result = import_one(store, path)

    assert result.merged_into == original.id and result.id == original.id
    assert result.matched_by == "id" and not result.already_imported
    assert (result.comments_added, result.replies_added, result.comments_present) == (2, 0, 0)
    assert result.comments == 2 and result.unplaced == ()
    assert result.title == TITLE and result.source_format.value == "docx"
    assert [b.id for b in list_briefs(store)] == [original.id]
    doctor, tourist = notes_of(store, original.id)
    text = load_brief(store, original.id).text
    assert doctor.quote == "the doctor now visits once a fortnight"
    assert text[doctor.start:doctor.end] == doctor.quote
    assert (doctor.reviewer, doctor.tag, doctor.comment) == (
        "Ana Ruiz", None, "Which doctor? Source?")
    assert tourist.quote == "tourist trade" and text[tourist.start:tourist.end] == "tourist trade"
    assert (tourist.reviewer, tourist.tag, tourist.comment) == (
        "Bo Lind", "Indicator › economic", "How large is it?")

    # (b) The same file again adds nothing.
    again = import_one(store, path)
    assert again.merged_into == original.id
    assert (again.comments_added, again.replies_added, again.comments_present) == (0, 0, 2)
    assert len(notes_of(store, original.id)) == 2
    assert len(list_briefs(store)) == 1


def test_a_merge_and_a_new_brief_in_one_import(store: Store, tmp_path: Path,
                                               original: ImportResult) -> None:
    copy = write(tmp_path, "copy.docx", build_docx(PARAGRAPHS, TWO_NOTES[:1]))
    other = write(tmp_path, "other.docx",
                  build_docx(["A different brief about wind farms on the moor."],
                             title="Moorland Wind"))
    merged, new = import_files(store, [copy, other])
    assert merged.merged_into == original.id and merged.comments_added == 1
    assert new.merged_into is None and new.title == "Moorland Wind"
    assert len(list_briefs(store)) == 2


# --- (c) -------------------------------------------------------------------------------------

def test_comment_from_reviewdesk_is_present_and_its_new_reply_is_added(
        store: Store, tmp_path: Path, original: ImportResult) -> None:
    existing = annotate(store, original.id, "the winter timetable", tag="Indicator",
                        comment="Which year?", reviewer="Ines Duarte")
    note = Note("the winter timetable", "[Indicator] Which year?", author="Ines Duarte",
                replies=(("Bo Lind", "The 2023 timetable, per the board."),))
    path = write(tmp_path, "replied.docx",
                 build_docx(PARAGRAPHS, (note,), brief_id=original.id))
    result = import_one(store, path)

    assert (result.comments_added, result.replies_added, result.comments_present) == (0, 1, 1)
    [stored] = notes_of(store, original.id)
    assert stored.id == existing.id and stored.tag == "Indicator"
    assert [(r.reviewer, r.text) for r in stored.replies] == [
        ("Bo Lind", "The 2023 timetable, per the board.")]

    again = import_one(store, path)
    assert (again.comments_added, again.replies_added, again.comments_present) == (0, 0, 1)
    [stored] = notes_of(store, original.id)
    assert len(stored.replies) == 1


def test_new_comment_with_replies_and_a_tag_only_comment(store: Store, tmp_path: Path,
                                                         original: ImportResult) -> None:
    notes = (Note("heating oil", "Compared with which year?", author="Ana Ruiz",
                  replies=(("Bo Lind", "2021."), ("Ana Ruiz", "Thanks."))),
             Note("fish landed at Skerra harbour", "[Evidence]", author="Bo Lind"),
             Note("publish the full costs", "[Not a tag] keep the brackets"))
    result = import_one(store, write(tmp_path, "threads.docx",
                                     build_docx(PARAGRAPHS, notes, brief_id=original.id)))
    assert (result.comments_added, result.replies_added) == (3, 2)
    oil, fish, costs = notes_of(store, original.id)
    assert [(r.reviewer, r.text) for r in oil.replies] == [("Bo Lind", "2021."),
                                                           ("Ana Ruiz", "Thanks.")]
    assert (fish.tag, fish.comment) == ("Evidence", "")
    assert (costs.tag, costs.comment) == (None, "[Not a tag] keep the brackets")


# --- (d) -------------------------------------------------------------------------------------

def test_identical_text_without_properties_merges(store: Store, tmp_path: Path,
                                                  original: ImportResult) -> None:
    path = write(tmp_path, "forwarded.docx", build_docx(PARAGRAPHS, TWO_NOTES))
    result = import_one(store, path)
    assert result.merged_into == original.id and result.matched_by == "text"
    assert result.comments_added == 2
    assert [n.quote for n in notes_of(store, original.id)] == [
        "the doctor now visits once a fortnight", "tourist trade"]
    assert len(list_briefs(store)) == 1


def test_byte_identical_file_is_still_already_imported(store: Store, tmp_path: Path) -> None:
    data = build_docx(PARAGRAPHS, TWO_NOTES)
    first = import_one(store, write(tmp_path, "one.docx", data))
    second = import_one(store, write(tmp_path, "two.docx", data))
    assert first.comments == 2 and first.merged_into is None
    assert second.already_imported and second.merged_into is None and second.id == first.id
    assert len(notes_of(store, first.id)) == 2


def test_other_formats_with_the_same_text_stay_separate(store: Store, tmp_path: Path) -> None:
    body = "\n\n".join(PARAGRAPHS)
    first = import_one(store, write(tmp_path, "a.txt", body.encode()))
    second = import_one(store, write(tmp_path, "b.txt", (body + "\n").encode()))
    assert first.id != second.id and second.merged_into is None


# --- (e) -------------------------------------------------------------------------------------

@pytest.mark.parametrize("with_id", [True, False])
def test_edited_text_is_re_anchored_on_the_same_words(store: Store, tmp_path: Path,
                                                      original: ImportResult,
                                                      with_id: bool) -> None:
    # "the subsidy" stands twice in the brief; the comment is on the second one.
    note = Note("the subsidy", "Which subsidy exactly?", paragraph=2)
    path = write(tmp_path, "edited.docx",
                 build_docx(edited(PARAGRAPHS), (note, TWO_NOTES[0]),
                            brief_id=original.id if with_id else None))
    result = import_one(store, path)
    assert result.merged_into == original.id
    assert result.matched_by == ("id" if with_id else "title")
    assert result.comments_added == 2 and result.unplaced == ()
    text = load_brief(store, original.id).text
    assert INSERTED.strip() not in text
    doctor, subsidy = notes_of(store, original.id)
    assert subsidy.quote == "the subsidy" and subsidy.comment == "Which subsidy exactly?"
    assert subsidy.start == text.index("the subsidy favours")
    assert doctor.start == text.index("the doctor now visits")
    assert text[doctor.start:doctor.end] == "the doctor now visits once a fortnight"


def test_a_different_brief_with_the_same_title_is_new(store: Store, tmp_path: Path,
                                                      original: ImportResult) -> None:
    other = ["An unrelated note on harbour dredging schedules and their costs.",
             "It shares only the title with the ferry brief."]
    result = import_one(store, write(tmp_path, "same-title.docx", build_docx(other)))
    assert result.merged_into is None and result.id != original.id
    assert similarity(" ".join(PARAGRAPHS), " ".join(other)) < 0.5


# --- (f) -------------------------------------------------------------------------------------

def test_comment_on_words_not_in_the_brief_is_reported(store: Store, tmp_path: Path,
                                                       original: ImportResult) -> None:
    added = "An editor added this closing remark about lighthouse keepers."
    notes = (Note("lighthouse keepers", "Is this needed at all here?", author="Cai Moss",
                  replies=(("Ana Ruiz", "No."),)),
             TWO_NOTES[1])
    path = write(tmp_path, "extra.docx",
                 build_docx([*PARAGRAPHS, added], notes, brief_id=original.id))
    result = import_one(store, path)
    assert result.comments_added == 1 and result.replies_added == 0
    assert result.unplaced == ('Cai Moss: "Is this needed at all here?"',)
    [tourist] = notes_of(store, original.id)
    assert tourist.quote == "tourist trade"


# --- (g) -------------------------------------------------------------------------------------

def test_docx_with_the_id_of_a_markdown_brief_merges_into_it(store: Store,
                                                             tmp_path: Path) -> None:
    markdown = f"# {TITLE}\n\n" + "\n\n".join(PARAGRAPHS) + "\n"
    brief = import_one(store, write(tmp_path, "tarvik.md", markdown.encode()))
    assert brief.source_format.value == "md"
    path = write(tmp_path, "tarvik-from-word.docx",
                 build_docx(edited(PARAGRAPHS), TWO_NOTES, brief_id=brief.id))
    result = import_one(store, path)
    assert result.merged_into == brief.id and result.source_format.value == "md"
    assert result.comments_added == 2
    text = load_brief(store, brief.id).text
    doctor, tourist = notes_of(store, brief.id)
    assert text[doctor.start:doctor.end] == "the doctor now visits once a fortnight"
    assert tourist.tag == "Indicator › economic"
    assert [b.id for b in list_briefs(store)] == [brief.id]


# --- The command line -------------------------------------------------------------------------

def test_cli_reports_a_merge(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "cli.sqlite3")
    first = write(tmp_path, "first.docx", build_docx(PARAGRAPHS))
    assert main(["--db", db, "import", str(first), "--json"]) == 0
    [imported] = json.loads(capsys.readouterr().out)
    assert imported["merged_into"] is None and imported["comments_added"] == 0

    notes = (*TWO_NOTES, Note("lighthouse keepers", "Why this?", author="Cai Moss"))
    copy = write(tmp_path, "copy.docx",
                 build_docx([*PARAGRAPHS, "A line about lighthouse keepers."], notes,
                            brief_id=imported["id"]))
    assert main(["--db", db, "import", str(copy)]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == (
        f"Merged 2 new comments and 0 replies from {copy} into {TITLE!r} "
        '(1 could not be placed: Cai Moss: "Why this?")')

    assert main(["--db", db, "import", str(copy), "--json"]) == 0
    [merged] = json.loads(capsys.readouterr().out)
    assert merged["merged_into"] == imported["id"] and merged["matched_by"] == "id"
    assert (merged["comments_added"], merged["replies_added"],
            merged["comments_present"]) == (0, 0, 2)
    assert merged["unplaced"] == ['Cai Moss: "Why this?"']


def test_a_reworded_quote_is_placed_between_its_unchanged_context() -> None:
    from reviewdesk.services.roundtrip import _Placer

    stored = ("The ministers met at the old Consulate of Khorog on a cold morning and agreed "
              "to reopen the bridge before the spring floods reached the valley.")
    imported = stored.replace("Consulate of Khorog", "Consulate General in Khorog")
    start = imported.index("Consulate General in Khorog")
    span = _Placer(stored, imported).place(start, start + len("Consulate General in Khorog"))
    assert span is not None and stored[span[0]:span[1]] == "Consulate of Khorog"
    # Without telling context on both sides, nothing is guessed.
    assert _Placer("Short text here.", "Short words here.").place(6, 11) is None

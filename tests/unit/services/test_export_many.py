"""The Word export at scale and off the beaten path: thousands of overlapping annotations on a
long paragraph each get their comment on exactly their words, and a document that writes
WordprocessingML with another prefix than w, or a comments part without the w14 prefix,
gets the same comments (its parts are marked up element by element instead of as source)."""

from __future__ import annotations

import random
import re
import zipfile
from io import BytesIO
from pathlib import Path

import docx
import pytest
from tests.docx_checks import folded, read_export

from reviewdesk.domain.anchor import anchor_at
from reviewdesk.domain.review import Annotation, AnnotationStatus, Reply
from reviewdesk.services.annotations import add_reply, annotate, list_annotations
from reviewdesk.services.briefs import import_files, load_brief
from reviewdesk.services.codebooks import default_codebook
from reviewdesk.services.export import ExportOptions, export_brief
from reviewdesk.services.reviewers import ensure_reviewer
from reviewdesk.storage.store import Store

WORDS = ("harbour", "levy", "quota", "perch", "council", "patrol", "season", "boat", "storm",
         "catch", "report", "board")


def _long_brief(path: Path, words: int) -> Path:
    """A Markdown brief: a heading, a short paragraph, one very long paragraph (one text of
    one run in the exported document), a list."""
    chance = random.Random(11)
    long = " ".join(chance.choice(WORDS) for _ in range(words))
    path.write_text(f"# Harbour Levies Review\n\nThe board met twice.\n\n{long}.\n\n"
                    "- The council should publish the catch.\n", encoding="utf-8")
    return path


@pytest.mark.slow
def test_thousands_of_overlapping_annotations_on_a_long_paragraph(store: Store,
                                                                   tmp_path: Path) -> None:
    brief_id = import_files(store, [_long_brief(tmp_path / "long.md", 60_000)])[0].id
    text = load_brief(store, brief_id).text
    spans = [(m.start(), m.end()) for m in re.finditer(r"\S+", text)]
    tags = default_codebook(store).tags
    chance = random.Random(5)
    count = 20_000  # twice what ReviewDesk is built for
    with store.transaction() as tx:
        reviewers = [ensure_reviewer(tx, name) for name in ("Ines Duarte", "Bo Lind")]
        annotations = []
        for number in range(count):
            first = chance.randrange(len(spans) - 12)
            start, end = spans[first][0], spans[first + chance.randint(0, 11)][1]
            end = start + text[start:end].find("\n") if "\n" in text[start:end] else end
            annotations.append(Annotation(
                brief_id=brief_id, anchor=anchor_at(text, start, end),
                reviewer_id=reviewers[number % 2].id,
                tag_id=None if number % 7 == 0 else chance.choice(tags).id,
                comment=f"note {number}",
                status=AnnotationStatus.RESOLVED if number % 9 == 0 else AnnotationStatus.OPEN))
        replies = [Reply(annotation_id=a.id, reviewer_id=reviewers[1].id, text=f"re {n}")
                   for n, a in enumerate(annotations) if n % 10 == 0]
        tx.annotations.add_all(annotations, replies)

    target = tmp_path / "long-reviewed.docx"
    report = export_brief(store, brief_id, target, ExportOptions())
    assert (report.comments, report.replies) == (count, len(replies))
    assert report.highlights == sum(1 for a in annotations if a.tag_id)
    found = read_export(target)
    by_text = {c.text.split("] ")[-1]: c for c in found.comments.values()
               if c.parent_para is None}
    assert len(found.comments) == count + len(replies)
    for number, annotation in enumerate(annotations):
        comment = by_text[f"note {number}"]
        assert folded(found.anchored[comment.ident]) == folded(annotation.anchor.quote.exact)
        assert comment.done == (number % 9 == 0)
    with zipfile.ZipFile(target) as archive:
        document = archive.read("word/document.xml")
    assert b"reviewdesk" not in document.lower()  # no placeholder is left
    assert b"Review appendix" in document


def _with_prefix(data: bytes, part: str, old: str, new: str) -> bytes:
    """The .docx `data` with `part` written with the prefix `new` for the namespace that
    it wrote with `old`."""
    source = zipfile.ZipFile(BytesIO(data))
    out = BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            payload = source.read(info.filename)
            if info.filename == part:
                payload = re.sub(rf"(?<=[<\s/]){old}:|xmlns:{old}=".encode(),
                                 lambda m: m[0].replace(old.encode(), new.encode()), payload)
            target.writestr(info, payload)
    return out.getvalue()


def _word_brief(path: Path) -> Path:
    document = docx.Document()
    document.add_heading("Harbour Levies Review", level=1)
    paragraph = document.add_paragraph("The levy ")
    paragraph.add_run("rose sharply").bold = True
    paragraph.add_run(" after the storm in March 2024, says the harbour board.")
    second = document.add_paragraph("Fishers paid twice in ")
    year = second.add_run("2024")
    document.add_comment([year], text="Which quarter?", author="Old Editor", initials="OE")
    buffer = BytesIO()
    document.save(buffer)
    path.write_bytes(buffer.getvalue())
    return path


def _review(store: Store, brief_id: str) -> None:
    annotate(store, brief_id, "levy rose", tag="Indicator › economic", comment="Across runs",
             reviewer="Farida Nazarova")
    annotate(store, brief_id, "rose sharply after the storm", tag="Claim", comment="Overlaps",
             reviewer="Bo Lind")
    own = next(a for a in list_annotations(store, brief_id) if a.comment == "Which quarter?")
    add_reply(store, own.id, "The second.", reviewer="Farida Nazarova")


def _check(target: Path) -> None:
    found = read_export(target)
    anchored = {c.text: folded(found.anchored.get(c.ident, "")) for c in found.comments.values()}
    assert anchored["[Indicator › economic] Across runs"] == "levy rose"
    assert anchored["[Claim] Overlaps"] == "rose sharply after the storm"
    assert anchored["Which quarter?"] == "2024"
    [reply] = [c for c in found.comments.values() if c.text == "The second."]
    assert reply.parent_para is not None
    assert "".join(found.shaded) == "levy rose sharply after the storm"


def test_a_document_with_another_prefix_for_wordprocessingml(store: Store,
                                                             tmp_path: Path) -> None:
    source = _word_brief(tmp_path / "levies.docx")
    source.write_bytes(_with_prefix(source.read_bytes(), "word/document.xml", "w", "wx"))
    brief_id = import_files(store, [source])[0].id
    _review(store, brief_id)
    target = tmp_path / "reviewed.docx"
    assert export_brief(store, brief_id, target).base == "original"
    _check(target)
    with zipfile.ZipFile(target) as archive:
        document = archive.read("word/document.xml")
    assert b"<wx:commentRangeStart " in document and b"<w:" not in document
    assert b"Review appendix" in document


def test_a_comments_part_without_the_w14_prefix(store: Store, tmp_path: Path) -> None:
    source = _word_brief(tmp_path / "levies.docx")
    source.write_bytes(_with_prefix(source.read_bytes(), "word/comments.xml", "w14", "x14"))
    brief_id = import_files(store, [source])[0].id
    _review(store, brief_id)
    target = tmp_path / "reviewed.docx"
    export_brief(store, brief_id, target, ExportOptions(include_appendix=False))
    _check(target)


def _formatted_brief(path: Path) -> Path:
    """Runs with properties (bold, size, colour, a revision id), as Word writes them."""
    document = docx.Document()
    document.add_heading("Harbour Levies Review", level=1)
    paragraph = document.add_paragraph("The levy ")
    loud = paragraph.add_run("rose sharply after the storm and the harbour board met")
    loud.bold, loud.font.size = True, docx.shared.Pt(14)
    loud._r.set(docx.oxml.ns.qn("w:rsidR"), "00A1B2C3")
    paragraph.add_run(" in March, says the council.")
    second = document.add_paragraph("Fishers paid twice in ")
    year = second.add_run("2024")
    document.add_comment([year], text="Which quarter?", author="Old Editor", initials="OE")
    buffer = BytesIO()
    document.save(buffer)
    path.write_bytes(buffer.getvalue())
    return path


def _parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()
                if name != "docProps/custom.xml"}  # (it holds the time of the export)


def test_formatted_runs_cut_in_many_places_are_written_as_one_by_one(
        store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Markers, shading and the properties of cut runs are written as source where a part
    writes WordprocessingML with the prefix w; what is written is exactly what making
    every element one by one writes (as for any other part)."""
    from reviewdesk.export import docx_comments
    from reviewdesk.ooxml import elements
    from reviewdesk.services.tracking import suggest_edit

    brief_id = import_files(store, [_formatted_brief(tmp_path / "levies.docx")])[0].id
    for quote, tag in (("rose", "Claim"), ("sharply after", "Reason"),
                       ("after the storm", "Indicator › economic"), ("levy rose sharply", None),
                       ("storm and the harbour", "Evidence"), ("board met in March", "Risk")):
        annotate(store, brief_id, quote, tag=tag or "Question", comment=quote,
                 reviewer="Farida Nazarova")
    note = next(a for a in list_annotations(store, brief_id) if a.quote == "rose")
    add_reply(store, note.id, "Why so?", reviewer="Bo Lind")
    text = load_brief(store, brief_id).text
    start = text.index("harbour board")
    suggest_edit(store, brief_id, start, start + len("harbour"), "port")

    # (the same ids in both, to compare them byte for byte)
    monkeypatch.setattr(docx_comments, "id_generator", lambda: random.Random(20261202))
    as_source = tmp_path / "as-source.docx"
    export_brief(store, brief_id, as_source)
    monkeypatch.setattr(elements, "writes_prefixes", lambda *_args: False)
    monkeypatch.setattr(docx_comments, "writes_prefixes", lambda *_args: False)
    one_by_one = tmp_path / "one-by-one.docx"
    export_brief(store, brief_id, one_by_one)
    assert _parts(as_source) == _parts(one_by_one)

    found = read_export(as_source)
    anchored = {c.text.split("] ")[-1]: folded(found.anchored[c.ident])
                for c in found.comments.values() if c.parent_para is None}
    for quote in ("rose", "sharply after", "after the storm", "levy rose sharply"):
        assert anchored[quote] == quote
    assert anchored["storm and the harbour"] == "storm and the port"  # the change inside
    assert found.inserted == ["port"]
    runs = docx.Document(str(as_source)).paragraphs[1].runs
    pieces = [run for run in runs if run.text and run.text in
              "rose sharply after the storm and the harbour board met"]
    assert len(pieces) > 6
    assert all(run.bold and run.font.size == docx.shared.Pt(14) for run in pieces)

"""The Word export: comments on exactly the annotated words, threads, highlights, tracked
changes, filters and safety, checked by reading the file back without ReviewDesk."""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from tests.docx_checks import Export, folded, read_export
from tests.support.disks import full_disk, leftovers, read_only_folder

from reviewdesk.domain.review import AnnotationStatus, SuggestionStatus
from reviewdesk.errors import InputError, NotFoundError, WriteError
from reviewdesk.services.annotations import (
    add_reply,
    annotate,
    list_annotations,
    update_annotation,
)
from reviewdesk.services.briefs import import_files, load_brief
from reviewdesk.services.export import ExportOptions, export_brief
from reviewdesk.services.tracking import decide_suggestion, suggest_edit
from reviewdesk.storage.store import Store

# Run on SQLite and on a PostgreSQL server (the store fixture, tests/conftest.py).
pytestmark = pytest.mark.both_engines

NO_APPENDIX = ExportOptions(include_appendix=False)


def _threads(found: Export) -> dict[str, list[str]]:
    """Top comment text -> its replies' texts."""
    by_para = {c.para_id: c for c in found.comments.values()}
    threads: dict[str, list[str]] = {}
    for comment in found.comments.values():
        if comment.parent_para:
            threads.setdefault(by_para[comment.parent_para].text, []).append(comment.text)
        else:
            threads.setdefault(comment.text, [])
    return threads


def _anchored(found: Export, text: str) -> str:
    [ident] = [c.ident for c in found.comments.values() if c.text == text]
    return folded(found.anchored[ident])


@pytest.fixture
def brief_id(store: Store, brief_file: Path) -> str:
    return import_files(store, [brief_file])[0].id


def test_a_text_brief_exports_comments_replies_highlights_and_changes(
        store: Store, brief_id: str, tmp_path: Path) -> None:
    first = annotate(store, brief_id, "shared quota for perch", tag="Indicator › diplomatic",
                     comment="Which month exactly?", reviewer="Farida Nazarova")
    add_reply(store, first.id, "March, per the minutes.", reviewer="Ines Duarte")
    done = annotate(store, brief_id, "closed season", tag="Claim", comment="Source?",
                    reviewer="Farida Nazarova")
    update_annotation(store, done.id, status=AnnotationStatus.RESOLVED)
    brief = load_brief(store, brief_id)
    across_start = brief.text.index("last year.")
    across_end = brief.text.index("Indicators of") + len("Indicators")
    from reviewdesk.services.annotations import create_annotation
    from reviewdesk.services.codebooks import default_codebook

    reason = next(t for t in default_codebook(store).tags if t.name == "Reason")
    create_annotation(store, brief_id, across_start, across_end, tag_id=reason.id,
                      comment="Spans two paragraphs")
    start = brief.text.index("six weeks")
    suggest_edit(store, brief_id, start, start + len("six weeks"), "eight weeks",
                 reviewer="Ines Duarte")

    target = tmp_path / "out.docx"
    report = export_brief(store, brief_id, target, NO_APPENDIX)
    assert (report.base, report.comments, report.replies, report.highlights) == \
        ("clean", 3, 1, 3)
    assert report.tracked_changes == 2  # "six" deleted, "eight" inserted

    found = read_export(target)
    assert _anchored(found, "[Indicator › diplomatic] Which month exactly?") == \
        "shared quota for perch"
    assert _anchored(found, "[Claim] Source?") == "closed season"
    assert _anchored(found, "[Reason] Spans two paragraphs") == \
        "last year. Indicators"
    assert _threads(found)["[Indicator › diplomatic] Which month exactly?"] == \
        ["March, per the minutes."]
    by_text = {c.text: c for c in found.comments.values()}
    assert by_text["[Claim] Source?"].done
    assert not by_text["[Indicator › diplomatic] Which month exactly?"].done
    assert (by_text["March, per the minutes."].author,
            by_text["March, per the minutes."].initials) == ("Ines Duarte", "ID")
    assert by_text["[Claim] Source?"].initials == "FN"
    assert found.deleted == ["six"] and found.inserted == ["eight"]
    assert "shared quota for perch" in "".join(found.shaded)
    assert found.properties["ReviewDeskBriefId"] == brief_id
    assert found.properties["ReviewDeskBriefVersion"] == "1"
    # A clean document uses real heading and list styles.
    styles = {p.style.name for p in docx.Document(str(target)).paragraphs}
    assert {"Heading 1", "Heading 2", "List Bullet"} <= styles


def test_filters_leave_out_what_was_not_asked_for(store: Store, brief_id: str,
                                                  tmp_path: Path) -> None:
    annotate(store, brief_id, "perch", tag="Indicator › security", comment="a",
             reviewer="Farida Nazarova")
    closed = annotate(store, brief_id, "closed season", tag="Claim", comment="b",
                      reviewer="Ines Duarte")
    update_annotation(store, closed.id, status=AnnotationStatus.RESOLVED)
    brief = load_brief(store, brief_id)
    start = brief.text.index("six weeks")
    suggest_edit(store, brief_id, start, start + 3, "eight", reviewer="Ines Duarte")
    other = brief.text.index("perch")
    rejected = suggest_edit(store, brief_id, other, other + 5, "pike", reviewer="Ines Duarte")
    decide_suggestion(store, rejected.id, SuggestionStatus.REJECTED)  # never exported

    only_indicators = export_brief(store, brief_id, tmp_path / "a.docx",
                                   ExportOptions(tags=("Indicator",), include_appendix=False))
    assert only_indicators.comments == 1
    texts = {c.text for c in read_export(tmp_path / "a.docx").comments.values()}
    assert texts == {"[Indicator › security] a"}
    no_resolved = export_brief(store, brief_id, tmp_path / "b.docx",
                               ExportOptions(include_resolved=False, include_suggestions=False,
                                             include_appendix=False))
    assert (no_resolved.comments, no_resolved.tracked_changes) == (1, 0)
    one_reviewer = export_brief(store, brief_id, tmp_path / "c.docx",
                                ExportOptions(reviewers=("ines duarte",),
                                              include_appendix=False))
    assert (one_reviewer.comments, one_reviewer.tracked_changes) == (1, 2)
    with pytest.raises(InputError, match="no reviewer 'Nobody Here'"):
        export_brief(store, brief_id, tmp_path / "d.docx",
                     ExportOptions(reviewers=("Nobody Here",)))
    with pytest.raises(NotFoundError, match="no tag 'Rumour'"):
        export_brief(store, brief_id, tmp_path / "d.docx", ExportOptions(tags=("Rumour",)))
    assert not (tmp_path / "d.docx").exists()


def test_the_appendix_holds_the_three_tables(store: Store, brief_id: str,
                                             tmp_path: Path) -> None:
    annotate(store, brief_id, "On 4 June 2024 the first joint patrol left the port of Alby",
             tag="Indicator", reviewer="Farida Nazarova")
    export_brief(store, brief_id, tmp_path / "out.docx")
    document = docx.Document(str(tmp_path / "out.docx"))
    assert len(document.tables) == 3
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert any("4 June 2024" in text for text in cells)
    assert any("Corrin Council" in text for text in cells)
    assert any("publish its catch data" in text for text in cells)


def _word_brief(path: Path) -> Path:
    """A Word brief with formatted runs, a hyperlink and a comment of its own."""
    document = docx.Document()
    document.add_heading("Harbour Levies Review", level=1)
    paragraph = document.add_paragraph("The levy ")
    bold = paragraph.add_run("rose sharply")
    bold.bold = True
    paragraph.add_run(" after the storm, says the ")
    rel = document.part.relate_to("https://example.org/board", RT.HYPERLINK, is_external=True)
    paragraph._p.append(parse_xml(
        f'<w:hyperlink {nsdecls("w", "r")} r:id="{rel}"><w:r><w:t>harbour board</w:t></w:r>'
        "</w:hyperlink>"))
    paragraph.add_run(".")
    second = document.add_paragraph("Fishers paid twice in ")
    year = second.add_run("2024")
    document.add_comment([year], text="Which quarter?", author="Old Editor", initials="OE")
    document.save(str(path))
    return path


def test_a_word_brief_keeps_its_look_and_its_own_comments(store: Store,
                                                          tmp_path: Path) -> None:
    source = _word_brief(tmp_path / "levies.docx")
    brief_id = import_files(store, [source])[0].id
    split = annotate(store, brief_id, "levy rose", tag="Claim", comment="Across runs",
                     reviewer="Farida Nazarova")
    annotate(store, brief_id, "harbour board", tag="Evidence", comment="In the link",
             reviewer="Farida Nazarova")
    annotate(store, brief_id, "storm, says the harbour", tag="Reason", comment="Into the link",
             reviewer="Farida Nazarova")
    own = next(a for a in list_annotations(store, brief_id) if a.comment == "Which quarter?")
    add_reply(store, own.id, "The second.", reviewer="Farida Nazarova")
    del split

    target = tmp_path / "levies-reviewed.docx"
    report = export_brief(store, brief_id, target, NO_APPENDIX)
    assert (report.base, report.comments, report.replies) == ("original", 3, 1)
    found = read_export(target)
    assert _anchored(found, "[Claim] Across runs") == "levy rose"
    assert _anchored(found, "[Evidence] In the link") == "harbour board"
    assert _anchored(found, "[Reason] Into the link") == "storm, says the harbour"
    # The file's own comment is kept once, and the new reply joins its thread.
    assert [c.text for c in found.comments.values()].count("Which quarter?") == 1
    assert _threads(found)["Which quarter?"] == ["The second."]
    # Formatting survives the split: "rose" is still bold, in a shaded run.
    runs = docx.Document(str(target)).paragraphs[1].runs
    assert any(run.text == "rose" and run.bold for run in runs)
    assert any(run.text.strip() == "sharply" and run.bold for run in runs)
    # The original file is untouched and cannot be the target.
    with pytest.raises(InputError, match="original file"):
        export_brief(store, brief_id, source, NO_APPENDIX)


def test_a_failed_export_leaves_nothing_behind(store: Store, brief_id: str,
                                               tmp_path: Path) -> None:
    annotate(store, brief_id, "perch", tag="Claim", reviewer="Farida Nazarova")
    with pytest.raises(InputError, match=r"name it with \.docx"):
        export_brief(store, brief_id, tmp_path / "out.pdf")
    with pytest.raises(InputError, match="does not exist"):
        export_brief(store, brief_id, tmp_path / "missing" / "out.docx")
    with full_disk(tmp_path / "full", {"out.docx": b"an older export"}) as disk:
        target = disk.folder / "out.docx"
        with pytest.raises(WriteError, match=f"^cannot write {target}: the disk is full$"):
            export_brief(store, brief_id, target, NO_APPENDIX)
        assert target.read_bytes() == b"an older export"
        assert leftovers(disk.folder) == ["out.docx"]
    with read_only_folder(tmp_path / "ro", {"out.docx": b"an older export"}) as disk:
        target = disk.folder / "out.docx"
        with pytest.raises(WriteError, match=disk.reason):
            export_brief(store, brief_id, target, NO_APPENDIX)
        assert target.read_bytes() == b"an older export"
        assert leftovers(disk.folder) == ["out.docx"]


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_reads_every_comment_reply_and_change(store: Store, brief_id: str,
                                                           tmp_path: Path) -> None:
    first = annotate(store, brief_id, "shared quota for perch", tag="Indicator",
                     comment="Which month?", reviewer="Farida Nazarova")
    add_reply(store, first.id, "March.", reviewer="Ines Duarte")
    annotate(store, brief_id, "closed season", tag="Claim", reviewer="Ines Duarte")
    brief = load_brief(store, brief_id)
    start = brief.text.index("six weeks")
    suggest_edit(store, brief_id, start, start + 3, "eight", reviewer="Ines Duarte")
    target = tmp_path / "out.docx"
    export_brief(store, brief_id, target)
    profile = (tmp_path / "lo-profile").as_uri()
    subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless",
                    "--convert-to", "fodt", "--outdir", str(tmp_path), str(target)],
                   check=True, capture_output=True, timeout=180)
    flat = (tmp_path / "out.fodt").read_text(encoding="utf-8")
    assert flat.count("<office:annotation ") + flat.count("<office:annotation>") == 3
    assert "Which month?" in flat and "March." in flat and "[Claim]" in flat
    assert flat.count("<text:changed-region") == 2
    assert "<text:deletion>" in flat and "<text:insertion>" in flat


def test_the_export_is_a_valid_package(store: Store, brief_id: str, tmp_path: Path) -> None:
    annotate(store, brief_id, "perch", tag="Claim", reviewer="Farida Nazarova")
    export_brief(store, brief_id, tmp_path / "out.docx")
    with zipfile.ZipFile(tmp_path / "out.docx") as archive:
        names = archive.namelist()
        assert len(names) == len(set(names))
        types = archive.read("[Content_Types].xml").decode()
    for part in ("/word/comments.xml", "/word/commentsExtended.xml", "/docProps/custom.xml"):
        assert part in types

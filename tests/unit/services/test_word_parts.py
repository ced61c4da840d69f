"""The comment parts of a Word export as Word writes them: every XML part valid against the
ISO 29500 transitional schemas once what it declares ignorable is taken out, commentsIds,
commentsExtensible and people beside comments.xml and commentsExtended.xml, a commentEx
for every comment, fresh random ids, and w:date in local time with dateUtc in UTC."""

from __future__ import annotations

import os
import re
import time
import zipfile
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import docx
import pytest
from lxml import etree
from tests.ooxml_checks import SCHEMAS, W14, W15, W16CEX, W16CID, W, new_problems

from reviewdesk.domain.ids import as_utc
from reviewdesk.domain.review import AnnotationStatus
from reviewdesk.errors import InputError
from reviewdesk.importers.docx import parse_docx
from reviewdesk.services.annotations import (
    add_reply,
    annotate,
    list_annotations,
    update_annotation,
)
from reviewdesk.services.briefs import import_files, load_brief
from reviewdesk.services.export import ExportOptions, export_brief
from reviewdesk.storage.store import Store

pytestmark = [pytest.mark.shared,
              pytest.mark.skipif(not SCHEMAS.is_dir(), reason="../shared is not beside this "
                                 "checkout")]

NO_APPENDIX = ExportOptions(include_appendix=False)
PARAGRAPHS = ["Harbour levies in Velmora rose twice within one season.",
              "The port board blamed the storm damage to the north quay.",
              "Fishers asked for the second rise to be deferred until spring."]


def _word_file(path: Path, with_comment: bool = False) -> Path:
    document = docx.Document()
    for text in PARAGRAPHS:
        document.add_paragraph(text)
    if with_comment:
        runs = document.paragraphs[1].runs
        document.add_comment(runs, text="Which board meeting?", author="Orla Brennan",
                             initials="OB")
        document.add_comment(document.paragraphs[2].runs, text="Deferred by whom?",
                             author="Orla Brennan", initials="OB")
    document.save(str(path))
    return path


def _review(store: Store, source: Path, target: Path) -> Path:
    brief_id = import_files(store, [source])[0].id
    first = annotate(store, brief_id, "rose twice", tag="Claim", comment="Source for both?",
                     reviewer="Farida Nazarova")
    add_reply(store, first.id, "The harbour notice of May.", reviewer="Ines Duarte")
    done = annotate(store, brief_id, "storm damage", tag="Reason", comment="Which storm?",
                    reviewer="Ines Duarte")
    update_annotation(store, done.id, status=AnnotationStatus.RESOLVED)
    export_brief(store, brief_id, target, NO_APPENDIX)
    return target


def _parts(path: Path) -> dict[str, etree._Element]:
    with zipfile.ZipFile(path) as archive:
        return {name: etree.fromstring(archive.read(name)) for name in archive.namelist()
                if name.endswith((".xml", ".rels"))}


def _new_ids(path: Path) -> tuple[set[str], set[str]]:
    """The paraIds of the export's comment paragraphs and its durable ids."""
    parts = _parts(path)
    paras = {p.get(f"{W14}paraId", "") for p in parts["word/comments.xml"].iter(f"{W}p")}
    durable = {e.get(f"{W16CID}durableId", "") for e in parts["word/commentsIds.xml"]}
    return paras, durable


def test_an_export_is_valid_and_has_the_parts_word_writes(store: Store,
                                                           tmp_path: Path) -> None:
    source = _word_file(tmp_path / "levies.docx")
    out = _review(store, source, tmp_path / "out.docx")
    assert new_problems(out, source) == []
    parts = _parts(out)
    rels = parts["word/_rels/document.xml.rels"]
    types = parts["[Content_Types].xml"]
    for name, kind in (("commentsIds", "2016/09/relationships/commentsIds"),
                       ("commentsExtensible", "2018/08/relationships/commentsExtensible"),
                       ("people", "2011/relationships/people")):
        assert f"word/{name}.xml" in parts
        assert any(r.get("Type", "").endswith(kind) and r.get("Target") == f"{name}.xml"
                   for r in rels)
        assert any(o.get("PartName") == f"/word/{name}.xml" and
                   o.get("ContentType", "").endswith(f".{name}+xml") for o in types)
    people = {p.get(f"{W15}author"): p.find(f"{W15}presenceInfo")
              for p in parts["word/people.xml"]}
    assert set(people) == {"Farida Nazarova", "Ines Duarte"}
    assert all(info is not None and info.get(f"{W15}providerId") == "None"
               and info.get(f"{W15}userId") == author for author, info in people.items())
    assert len(parts["word/commentsIds.xml"]) == len(parts["word/commentsExtensible.xml"]) == 3


def test_ids_are_random_unique_and_below_the_limit(store: Store, tmp_path: Path) -> None:
    source = _word_file(tmp_path / "levies.docx")
    first = _review(store, source, tmp_path / "one.docx")
    second = tmp_path / "two.docx"
    export_brief(store, import_files(store, [source])[0].id, second, NO_APPENDIX)
    paras_one, durable_one = _new_ids(first)
    paras_two, durable_two = _new_ids(second)
    assert len(paras_one) == len(paras_two) == len(durable_one) == len(durable_two) == 3
    assert not paras_one & paras_two and not durable_one & durable_two
    body_paras = {p.get(f"{W14}paraId") for p in _parts(first)["word/document.xml"].iter()}
    assert not paras_one & body_paras
    assert all(int(value, 16) < 0x80000000 for value in paras_one | durable_one)


@pytest.fixture
def far_zone() -> Iterator[None]:
    """The machine's local time 5 h 30 ahead of UTC."""
    before = os.environ.get("TZ")
    os.environ["TZ"] = "Asia/Kolkata"
    time.tzset()
    yield
    if before is None:
        del os.environ["TZ"]
    else:
        os.environ["TZ"] = before
    time.tzset()


@pytest.mark.usefixtures("far_zone")
def test_w_date_is_local_time_and_date_utc_is_utc(store: Store, tmp_path: Path) -> None:
    out = _review(store, _word_file(tmp_path / "levies.docx"), tmp_path / "out.docx")
    parts = _parts(out)
    local = [c.get(f"{W}date", "") for c in parts["word/comments.xml"]]
    utc = [e.get(f"{W16CEX}dateUtc", "") for e in parts["word/commentsExtensible.xml"]]
    assert len(local) == len(utc) == 3
    for written, in_utc in zip(local, utc, strict=True):
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d", written)
        moment = datetime.strptime(in_utc, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
        assert moment.astimezone().strftime("%Y-%m-%dT%H:%M:%S") == written
        assert moment.strftime("%H:%M") != written[11:16]  # (5 h 30 apart)


@pytest.mark.usefixtures("far_zone")
def test_reading_an_export_back_takes_the_utc_time(store: Store, tmp_path: Path) -> None:
    """w:date says local time without its zone: the importer takes dateUtc instead, so a
    comment comes back at the moment it was made."""
    out = _review(store, _word_file(tmp_path / "levies.docx"), tmp_path / "out.docx")
    made = {view.comment: view.created for view in list_annotations(
        store, import_files(store, [tmp_path / "levies.docx"])[0].id)}
    read = parse_docx(out.read_bytes(), out.name)
    back = {comment.text.split("] ")[-1]: comment.date for comment in read.source_comments}
    for text, created in made.items():
        assert back[text] == as_utc(created).replace(microsecond=0)


def test_a_word_original_with_w14_undeclared_ignorable_becomes_valid(
        store: Store, tmp_path: Path) -> None:
    """A comments part declaring w14 without mc:Ignorable, and commentsExtended lacking
    entries for the file's comments: the export declares what it writes ignorable and
    gives every comment its commentEx."""
    source = _word_file(tmp_path / "commented.docx", with_comment=True)
    _declare_w14_without_ignorable(source)
    out = _review(store, source, tmp_path / "out.docx")
    assert new_problems(out, source) == []
    parts = _parts(out)
    comments = parts["word/comments.xml"]
    assert len(comments) == 5
    assert len(parts["word/commentsExtended.xml"]) == 5


def _declare_w14_without_ignorable(path: Path) -> None:
    with zipfile.ZipFile(path) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    root = etree.fromstring(members["word/comments.xml"])
    remade = etree.Element(root.tag, nsmap={**root.nsmap, "w14": W14[1:-1]})
    remade.extend(list(root))
    assert remade.get("{http://schemas.openxmlformats.org/markup-compatibility/2006}"
                      "Ignorable") is None
    members["word/comments.xml"] = etree.tostring(remade, xml_declaration=True,
                                                  encoding="UTF-8", standalone=True)
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)


CORPUS = SCHEMAS.parents[1] / "corpus" / "docx"
CORPUS_FILES = ["docx2python__test_file_with_comments.docx",
                "python-docx__comments-rich-para.docx", "pandoc__comments.docx",
                "docx2python__example.docx"]


@pytest.mark.slow
@pytest.mark.parametrize("name", CORPUS_FILES)
def test_corpus_exports_are_valid(store: Store, tmp_path: Path, name: str) -> None:
    source = CORPUS / name
    if not source.is_file():
        pytest.skip(f"{name} is not in the corpus")
    brief = load_brief(store, import_files(store, [source])[0].id)
    words = list(re.finditer(r"\w{4,}", brief.text))[:6]
    for number, found in enumerate(words):
        annotate(store, brief.id, found.group(), tag="Claim", comment=f"note {number}")
    out = tmp_path / "out.docx"
    report = export_brief(store, brief.id, out, NO_APPENDIX)
    assert new_problems(out, source) == []
    before, after = _parts(source), _parts(out)
    for name in ("word/commentsIds.xml", "word/commentsExtensible.xml"):
        had = [dict(e.attrib) for e in before[name]] if name in before else []
        assert [dict(e.attrib) for e in after[name]][:len(had)] == had  # kept, then added
        assert len(after[name]) == len(had) + report.comments + report.replies
    if "word/people.xml" in before:
        authors = {p.get(f"{W15}author") for p in after["word/people.xml"]}
        assert authors >= {p.get(f"{W15}author") for p in before["word/people.xml"]}


EVERY_DOCX = sorted(path.name for path in CORPUS.glob("*.docx")) if CORPUS.is_dir() else []


@pytest.mark.slow
@pytest.mark.parametrize("name", EVERY_DOCX or ["(no corpus)"])
def test_every_corpus_docx_exports_valid(store: Store, tmp_path: Path, name: str) -> None:
    """Every Word file of the shared corpus, with annotations added, exports with no part
    the ISO 29500 schemas refuse that the original did not already have."""
    source = CORPUS / name
    if not source.is_file():
        pytest.skip("the shared corpus is not beside the checkout")
    try:
        brief = load_brief(store, import_files(store, [source])[0].id)
    except InputError as refused:  # empty, encrypted or damaged: no export to check
        pytest.skip(f"refused on import, as it should be: {refused}")
    for number, found in enumerate(list(re.finditer(r"\w{4,}", brief.text))[:3]):
        annotate(store, brief.id, found.group(), tag="Claim", comment=f"note {number}")
    out = tmp_path / "out.docx"
    export_brief(store, brief.id, out, NO_APPENDIX)
    assert new_problems(out, source) == []

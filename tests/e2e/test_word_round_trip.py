"""The round trip through LibreOffice: export, an editor comments in LibreOffice and saves
as Word, the file comes back in as annotations on the same brief, nothing doubled."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from reviewdesk.services.annotations import add_reply, annotate, list_annotations
from reviewdesk.services.briefs import import_files, list_briefs, load_brief
from reviewdesk.services.export import export_brief
from reviewdesk.services.tracking import suggest_edit
from reviewdesk.storage.store import Store

pytestmark = pytest.mark.skipif(shutil.which("soffice") is None,
                                reason="LibreOffice is not installed")

EDITOR_COMMENT = ('<office:annotation office:name="editor-1"><dc:creator>Nora Field'
                  '</dc:creator><dc:date>2026-11-25T09:00:00</dc:date>'
                  '<text:p>Is this the right port?</text:p></office:annotation>')


def _convert(source: Path, to: str, folder: Path, profile: Path) -> Path:
    subprocess.run(["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless",
                    "--convert-to", to, "--outdir", str(folder), str(source)],
                   check=True, capture_output=True, timeout=180)
    return folder / f"{source.stem}.{to.split(':')[0]}"


def test_comments_made_in_libreoffice_come_back_once(store: Store, brief_file: Path,
                                                     tmp_path: Path) -> None:
    brief_id = import_files(store, [brief_file])[0].id
    first = annotate(store, brief_id, "shared quota for perch", tag="Indicator",
                     comment="Which month?", reviewer="Farida Nazarova")
    add_reply(store, first.id, "March.", reviewer="Ines Duarte")
    annotate(store, brief_id, "closed season", tag="Claim", comment="Source?",
             reviewer="Ines Duarte")
    text = load_brief(store, brief_id).text
    start = text.index("six weeks")  # inside no comment: accepted on the way back in
    suggest_edit(store, brief_id, start, start + 3, "eight", reviewer="Ines Duarte")
    exported = tmp_path / "lake.docx"
    export_brief(store, brief_id, exported)

    profile = tmp_path / "profile"
    flat = _convert(exported, "fodt", tmp_path / "flat", profile)
    content = flat.read_text(encoding="utf-8")
    phrase = "port of Alby"
    at = content.index(phrase)
    content = (content[:at] + EDITOR_COMMENT + phrase +
               '<office:annotation-end office:name="editor-1"/>' + content[at + len(phrase):])
    edited = tmp_path / "edited" / "lake-edited.fodt"
    edited.parent.mkdir()
    edited.write_text(content, encoding="utf-8")
    from_libreoffice = _convert(edited, 'docx:MS Word 2007 XML', tmp_path / "back", profile)

    [result] = import_files(store, [from_libreoffice])
    assert result.merged_into == brief_id
    assert (result.comments_added, result.comments_present) == (1, 3)
    assert len(list_briefs(store)) == 1
    notes = {note.comment: note for note in list_annotations(store, brief_id)}
    assert notes["Is this the right port?"].quote == "port of Alby"
    assert notes["Is this the right port?"].reviewer == "Nora Field"
    assert [r.text for r in notes["Which month?"].replies] == ["March."]
    again = import_files(store, [from_libreoffice])[0]
    assert again.comments_added == 0 and again.replies_added == 0

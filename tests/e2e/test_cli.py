"""The `reviewdesk` command driven as a user would: real processes, a real database file."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest


def run(db: Path, *args: str, ok: bool = True) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "REVIEWDESK_REVIEWER": "Test Reviewer"}
    result = subprocess.run([sys.executable, "-m", "reviewdesk", "--db", str(db), *args],
                            capture_output=True, text=True, env=env, timeout=120)
    if ok:
        assert result.returncode == 0, result.stderr
        assert result.stderr == "" or "Traceback" not in result.stderr
    return result


def run_json(db: Path, *args: str) -> Any:
    return json.loads(run(db, *args, "--json").stdout)


def assert_one_line_error(result: subprocess.CompletedProcess[str], *words: str) -> None:
    assert result.returncode != 0
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("reviewdesk: error: ")
    assert "Traceback" not in result.stderr
    for word in words:
        assert word in lines[0]


def test_import_briefs_show_annotate(db_path: Path, brief_file: Path) -> None:
    [imported] = run_json(db_path, "import", str(brief_file))
    assert imported["title"] == "Lake Corrin Fisheries Outlook"
    assert imported["format"] == "md"
    assert imported["sections"] == 5 and imported["blocks"] >= 10
    [listed] = run_json(db_path, "briefs")
    assert {k: listed[k] for k in ("id", "title", "format")} == {
        k: imported[k] for k in ("id", "title", "format")}
    assert listed["imported"][:2] == "20"

    prefix = imported["id"][:8]
    note_id = run(db_path, "annotate", prefix, "--quote", "closed season",
                  "--tag", "indicator", "--comment", "Since when?").stdout.strip()
    assert len(note_id) == 36
    second = run_json(db_path, "annotate", prefix, "--quote", "council", "--occurrence", "2",
                      "--tag", "Indicator › economic", "--reviewer", "Ines Duarte")
    shown = run_json(db_path, "show", prefix)
    assert shown["id"] == imported["id"] and shown["title"] == imported["title"]
    kinds = [s["kind"] for s in shown["sections"]]
    assert kinds == ["other", "introduction", "indicators", "recommendations", "references"]
    assert all("text" in block for s in shown["sections"] for block in s["blocks"])
    notes = {n["id"]: n for n in shown["annotations"]}
    assert notes[note_id]["quote"] == "closed season"
    assert notes[note_id]["tag"] == "Indicator"
    assert notes[note_id]["reviewer"] == "Test Reviewer"
    assert notes[note_id]["comment"] == "Since when?" and notes[note_id]["status"] == "open"
    assert notes[second["id"]]["reviewer"] == "Ines Duarte"
    for note in shown["annotations"]:
        assert set(note) >= {"id", "tag", "comment", "reviewer", "status", "quote", "start",
                             "end"}
    human = run(db_path, "show", prefix).stdout
    assert "Lake Corrin Fisheries Outlook" in human and "closed season" in human


def test_json_ld_export_and_import(db_path: Path, brief_file: Path, tmp_path: Path) -> None:
    [brief] = run_json(db_path, "import", str(brief_file))
    run(db_path, "annotate", brief["id"], "--quote", "perch", "--tag", "claim")
    exported = tmp_path / "notes.jsonld"
    run(db_path, "annotations", "export", brief["id"], "-o", str(exported))
    data = json.loads(exported.read_text(encoding="utf-8"))
    assert data["type"] == "AnnotationCollection" and data["total"] == 1
    assert json.loads(run(db_path, "annotations", "export", brief["id"]).stdout) == data

    other = tmp_path / "other.sqlite3"
    [copy] = run_json(other, "import", str(brief_file))
    first = run_json(other, "annotations", "import", copy["id"], str(exported))
    second = run_json(other, "annotations", "import", copy["id"], str(exported))
    assert first["added"] == 1 and second["added"] == 0 and second["already_present"] == 1
    assert first["needs_review"] == [] and first["unplaced"] == []
    assert len(run_json(other, "show", copy["id"])["annotations"]) == 1


def test_a_file_with_a_tag_path_5000_levels_deep_is_refused(db_path: Path, brief_file: Path,
                                                            tmp_path: Path) -> None:
    """The file of the report (about 100 KB) used to add 5,000 tags, take 815 MB and print
    120 MB of JSON; it is refused in one line and adds nothing."""
    [brief] = run_json(db_path, "import", str(brief_file))
    path = [f"t{depth}" for depth in range(5000)]
    notes = tmp_path / "deep.jsonld"
    notes.write_text(json.dumps({
        "type": "Annotation", "id": "urn:uuid:6f1c2d3e-0000-4000-8000-000000000001",
        "body": [{"type": "TextualBody", "purpose": "tagging", "value": " › ".join(path)}],
        "reviewdesk:tagPath": path,
        "target": {"selector": {"type": "TextQuoteSelector", "exact": "perch"}}}),
        encoding="utf-8")
    before = _snapshot(db_path)
    result = run(db_path, "annotations", "import", brief["id"], str(notes), "--json", ok=False)
    assert result.returncode == 1 and result.stdout == ""
    assert_one_line_error(result, "tag path 5,000 levels deep; the limit is 10")
    assert _snapshot(db_path) == before
    no_tag = run(db_path, "annotate", brief["id"], "--quote", "perch", "--tag", "t0", ok=False)
    assert_one_line_error(no_tag, "no tag 't0'")  # the codebook gained no tag


def _snapshot(db: Path) -> str:
    briefs = run(db, "briefs", "--json").stdout
    shows = [run(db, "show", b["id"], "--json").stdout for b in json.loads(briefs)]
    return briefs + "".join(shows)


def test_bad_input_is_one_clear_line_and_changes_nothing(db_path: Path, brief_file: Path,
                                                         tmp_path: Path) -> None:
    [brief] = run_json(db_path, "import", str(brief_file))
    before = _snapshot(db_path)
    binary = tmp_path / "scan.txt"
    binary.write_bytes(bytes(range(256)) * 40)
    empty = tmp_path / "empty.md"
    empty.write_text("", encoding="utf-8")
    cases = [
        (("import", str(tmp_path / "missing.txt")), ("missing.txt", "does not exist")),
        (("import", str(brief_file), str(binary)), ("scan.txt", "not a text file")),
        (("import", str(empty)), ("empty.md",)),
        (("annotate", brief["id"], "--quote", "no such words here", "--tag", "claim"),
         ("not in the brief",)),
        (("annotate", brief["id"], "--quote", "perch", "--tag", "gossip"), ("no tag 'gossip'",)),
        (("annotate", "ffffffff", "--quote", "perch", "--tag", "claim"), ("no brief",)),
        (("annotate", brief["id"], "--quote", "perch"), ("--tag",)),
        (("show",), ("BRIEF",)),
        (("frobnicate",), ("frobnicate",)),
        (("annotations", "import", brief["id"], str(binary)), ("not a text file",)),
        (("annotations", "import", brief["id"], str(brief_file)), ("not JSON",)),
    ]
    for args, words in cases:
        assert_one_line_error(run(db_path, *args, ok=False), *words)
    assert _snapshot(db_path) == before


def test_database_location_from_environment(tmp_path: Path, brief_file: Path) -> None:
    db = tmp_path / "from-env.sqlite3"
    env = {**os.environ, "REVIEWDESK_DB": str(db)}
    result = subprocess.run([sys.executable, "-m", "reviewdesk", "import", str(brief_file)],
                            capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 0, result.stderr
    assert db.is_file() and "Imported" in result.stdout


def test_a_database_that_is_not_ours(tmp_path: Path) -> None:
    bogus = tmp_path / "notes.sqlite3"
    bogus.write_bytes(b"not sqlite" * 200)
    assert_one_line_error(run(bogus, "briefs", ok=False), "not a ReviewDesk database")
    assert bogus.read_bytes() == b"not sqlite" * 200


@pytest.mark.shared
def test_the_shared_brief_as_a_new_user_would(db_path: Path, shared_brief: Path) -> None:
    [brief] = run_json(db_path, "import", str(shared_brief))
    assert brief["sections"] >= 7
    shown = run_json(db_path, "show", brief["id"][:6])
    kinds = {s["kind"] for s in shown["sections"]}
    assert kinds >= {"introduction", "indicators", "reasons", "prospects", "conclusion",
                     "recommendations", "references"}
    # A user types a straight apostrophe; the brief has a curly one.
    note = run_json(db_path, "annotate", brief["id"], "--quote", "Consulate of Khorog",
                    "--tag", "indicator/diplomatic")
    assert note["quote"] == "Consulate of Khorog"
    typed = run_json(db_path, "annotate", brief["id"], "--quote",
                     "Tajikistan's foreign policy", "--tag", "reason")
    assert typed["quote"] == "Tajikistan’s foreign policy"
    assert_one_line_error(run(db_path, "annotate", brief["id"], "--quote", "Kabul zoo",
                              "--tag", "claim", ok=False), "not in the brief")


def test_no_screen_is_one_clear_line(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    result = subprocess.run([sys.executable, "-m", "reviewdesk", "--db",
                             str(tmp_path / "x.sqlite3")],
                            capture_output=True, text=True, env=env, timeout=120)
    assert_one_line_error(result, "no screen")


def test_show_json_carries_the_recommendations_tracking(db_path: Path, brief_file: Path) -> None:
    from datetime import date

    from reviewdesk.services.tracking import recommendations_of, update_recommendation
    from reviewdesk.storage.store import Store

    [imported] = run_json(db_path, "import", str(brief_file))
    store = Store(db_path)
    try:
        first = recommendations_of(store, imported["id"])[0].recommendation
        update_recommendation(store, first.id, status="accepted", owner="Farida",
                              due=date(2026, 3, 1), priority="high", reviewer="Lead")
    finally:
        store.close()
    shown = run_json(db_path, "show", imported["id"])["recommendations"][0]
    assert {k: shown[k] for k in ("status", "owner", "due", "priority", "note")} == {
        "status": "accepted", "owner": "Farida", "due": "2026-03-01", "priority": "high",
        "note": ""}


# Written for these tests: one short brief in several languages.
_RUSSIAN_BRIEF = ("Прогноз рыболовства\n\nКомитет представил доклад об озере Велория. По словам "
                  "председателя, в будущем году квоты снизятся, и рыбаки обоих берегов "
                  "встревожены.\n")
_PERSIAN_BRIEF = ("چشم انداز شيلات\n\nکميته گزارش خود را درباره درياچه ولوريا ارائه کرد. به گفته "
                  "رئيس کميته، سهميه صيد در سال آينده کاهش مي يابد و ماهيگيران نگران هستند.\n")
_FRENCH_BRIEF = ("Perspectives de la pêche\n\nLe comité a présenté son rapport sur le lac "
                 "Veloria. Selon la présidente, les quotas baisseront l'an prochain, ce qui "
                 "inquiète les pêcheurs des deux rives.\n")


@pytest.mark.parametrize(("text", "codec", "named"), [
    (_FRENCH_BRIEF, "cp1252", "windows-1252"),
    (_RUSSIAN_BRIEF, "cp1251", "windows-1251"),
    (_PERSIAN_BRIEF, "cp1256", "windows-1256"),
], ids=["cp1252", "cp1251", "cp1256"])
def test_a_legacy_text_file_is_imported_and_its_encoding_reported(
        db_path: Path, tmp_path: Path, text: str, codec: str, named: str) -> None:
    path = tmp_path / "outlook.txt"
    path.write_bytes(text.encode(codec))
    human = run(db_path, "import", str(path)).stdout
    assert f"(txt, read as {named}, " in human
    [again] = run_json(db_path, "import", str(path))
    assert again["already_imported"] and again["encoding"] == named
    shown = run_json(db_path, "show", again["id"])
    body = " ".join(block["text"] for section in shown["sections"] for block in section["blocks"])
    assert " ".join(text.split()) == body  # the words as written, no mojibake


def test_utf8_is_reported_in_json_only(db_path: Path, brief_file: Path) -> None:
    assert "read as" not in run(db_path, "import", str(brief_file)).stdout
    [imported] = run_json(db_path, "import", str(brief_file))
    assert imported["encoding"] == "utf-8"


@pytest.mark.parametrize(("data", "words"), [
    # The case: "café" written as UTF-8 and one Latin-1 byte elsewhere.
    ("Le café du port\n\nIl a rouvert lundi.\n".encode() + b"Prix : 5 \xe9cus.\n",
     ("port.txt", "line 4 (0xE9)", "save the file as UTF-8")),
    # Persian in UTF-8 and one stray byte.
    ("سلام\n\nکمیته گزارش داد.\n".encode() + b"\xe9\n",
     ("port.txt", "line 4 (0xE9)", "save the file as UTF-8")),
    # Too short to tell Cyrillic from Central European.
    ("Привет, мир\n".encode("cp1251"), ("port.txt", "not UTF-8", "save it as UTF-8")),
], ids=["utf8-and-latin-1-byte", "persian-and-stray-byte", "not-sure"])
def test_a_file_that_would_be_mojibake_is_refused_and_changes_nothing(
        db_path: Path, brief_file: Path, tmp_path: Path, data: bytes,
        words: tuple[str, ...]) -> None:
    run(db_path, "import", str(brief_file))
    before = _snapshot(db_path)
    path = tmp_path / "port.txt"
    path.write_bytes(data)
    result = run(db_path, "import", str(path), ok=False)
    assert result.returncode == 1
    assert_one_line_error(result, *words)
    assert _snapshot(db_path) == before
    source = path.with_suffix(".md")
    path.rename(source)
    assert_one_line_error(run(db_path, "import", str(source), ok=False), *words[1:])
    assert _snapshot(db_path) == before


def _tracked_docx(path: Path) -> Path:
    import docx
    from docx.oxml import parse_xml

    document = docx.Document()
    document.add_paragraph("Grazing permits", style="Heading 1")
    paragraph = document.add_paragraph("The council ")
    paragraph._p.append(parse_xml(
        '<w:ins xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'w:id="1" w:author="Editor" w:date="2025-01-01T00:00:00Z"><w:r><w:t>never</w:t>'
        "</w:r></w:ins>"))
    paragraph.add_run(" checked them.")
    # A deleted paragraph mark (joining it with the next) is no suggested edit.
    joined = document.add_paragraph("This line ran on.")
    joined._p.insert(0, parse_xml(
        '<w:pPr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        '<w:rPr><w:del w:id="2" w:author="Editor" w:date="2025-01-01T00:00:00Z"/></w:rPr>'
        "</w:pPr>"))
    document.add_paragraph("Nothing changed here.")
    document.save(path)
    return path


def test_pending_tracked_changes_are_reported_on_import_and_show(db_path: Path,
                                                                  tmp_path: Path) -> None:
    word = _tracked_docx(tmp_path / "permits.docx")
    lines = run(db_path, "import", str(word)).stdout.splitlines()
    assert lines[-2:] == ["  1 tracked change from the file shown as suggested edits",
                          "  pending tracked changes in 1 paragraph not shown as suggested "
                          "edits"]
    [again] = run_json(db_path, "import", str(word))
    assert (again["already_imported"], again["tracked_changes"]) == (True, 1)
    shown = run_json(db_path, "show", again["id"][:8])
    assert shown["tracked_changes"] == 1
    # The text before the change; the change is the author's pending suggestion.
    assert "The council checked them." in [
        block["text"] for section in shown["sections"] for block in section["blocks"]]
    assert [(s["quote"], s["replacement"], s["reviewer"], s["status"])
            for s in shown["suggestions"]] == [
        ("council", "council never", "Editor", "pending")]
    human = run(db_path, "show", again["id"][:8]).stdout.splitlines()
    assert human[2] == "pending tracked changes in 1 paragraph not shown as suggested edits"
    markdown = tmp_path / "none.md"
    markdown.write_text("# Note\n\nText.\n", encoding="utf-8")
    [plain] = run_json(db_path, "import", str(markdown))
    assert plain["tracked_changes"] == 0
    assert "tracked" not in run(db_path, "show", plain["id"][:8]).stdout


def test_a_hypothesis_search_page_imports_and_a_bare_highlight_is_refused(
        db_path: Path, brief_file: Path, tmp_path: Path) -> None:
    [brief] = run_json(db_path, "import", str(brief_file))
    target = [{"source": "https://notes.example/b", "selector": [
        {"type": "TextQuoteSelector", "exact": "six weeks", "prefix": "now lasts ",
         "suffix": "."}]}]
    page = tmp_path / "search.json"
    page.write_text(json.dumps({"total": 2, "rows": [
        {"id": "h1", "user": "acct:tove@hypothes.is", "text": "Too short?",
         "tags": ["Question", "season"], "target": target},
        {"id": "h2", "user": "acct:bo@hypothes.is", "text": "It was four.",
         "references": ["h1"], "target": [{"source": "https://notes.example/b"}]}]}),
        encoding="utf-8")
    report = run_json(db_path, "annotations", "import", brief["id"], str(page))
    assert (report["added"], report["replies_added"], report["new_tags"]) == (2, 1, ["season"])
    shown = run(db_path, "show", brief["id"]).stdout
    assert "Too short?" in shown and "tove" in shown

    highlight = tmp_path / "highlight.json"
    highlight.write_text(json.dumps({"id": "h3", "user": "acct:bo@hypothes.is", "text": "",
                                     "tags": [], "target": target}), encoding="utf-8")
    assert_one_line_error(run(db_path, "annotations", "import", brief["id"], str(highlight),
                              ok=False), "no tag, comment or reply")

"""What the command prints of lists found in a file (quotes not placed, tags added, quotes to
check, warnings): at most MAX_PRINTED_ITEMS entries, quotes cut to MAX_PRINTED_QUOTE_CHARS,
with the full count beside them (`KEY_count`) and `truncated`; the keys printed before stay."""

from __future__ import annotations

import json
import uuid
from pathlib import Path
from typing import Any

import pytest

from reviewdesk import cli
from reviewdesk.domain.limits import MAX_PRINTED_ITEMS, MAX_PRINTED_QUOTE_CHARS
from reviewdesk.services.briefs import import_files
from reviewdesk.storage.store import Store


@pytest.fixture
def brief_id(store: Store, brief_file: Path) -> str:
    return import_files(store, [brief_file])[0].id


def _annotation(number: int, exact: str, tag: str | None = None) -> dict[str, Any]:
    body: list[dict[str, str]] = [{"type": "TextualBody", "value": "Checked"}]
    if tag:
        body.append({"type": "TextualBody", "purpose": "tagging", "value": tag})
    return {"type": "Annotation", "id": f"urn:uuid:{uuid.UUID(int=number)}", "body": body,
            "target": {"selector": {"type": "TextQuoteSelector", "exact": exact}}}


def _import(db_path: Path, brief_id: str, items: list[dict[str, Any]], tmp_path: Path,
            capsys: pytest.CaptureFixture[str], *options: str) -> tuple[str, str]:
    path = tmp_path / "notes.jsonld"
    path.write_text(json.dumps(items), encoding="utf-8")
    status = cli.main(["--db", str(db_path), "annotations", "import", brief_id, str(path),
                       *options])
    out, err = capsys.readouterr()
    assert status == 0, err
    return out, err


def test_a_long_list_of_unplaced_quotes_is_cut_with_its_count(
        store: Store, brief_id: str, db_path: Path, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    quotes = [f"{number:03d} " + "words not in the brief " * 20 for number in range(150)]
    items = [_annotation(number, quote) for number, quote in enumerate(quotes, start=1)]
    out, _err = _import(db_path, brief_id, items, tmp_path, capsys, "--json")
    printed = json.loads(out)
    assert printed["added"] == 0 and printed["unplaced_count"] == 150
    assert len(printed["unplaced"]) == MAX_PRINTED_ITEMS and printed["truncated"] is True
    for shown, quote in zip(printed["unplaced"], quotes, strict=False):
        assert len(shown) == MAX_PRINTED_QUOTE_CHARS and shown.endswith("…")
        assert quote.startswith(shown[:-1])
    assert (printed["new_tags"], printed["new_tags_count"]) == ([], 0)
    assert (printed["needs_review"], printed["needs_review_count"]) == ([], 0)

    _out, err = _import(db_path, brief_id, items, tmp_path, capsys)
    lines = err.splitlines()
    assert len(lines) == MAX_PRINTED_ITEMS + 1
    assert lines[-1] == "… and 50 more that could not be placed"


def test_a_long_list_of_new_tags_is_cut_with_its_count(
        store: Store, brief_id: str, db_path: Path, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    items = [_annotation(number, "perch", tag=f"Imported {number}")
             for number in range(1, 151)]
    out, _err = _import(db_path, brief_id, items, tmp_path, capsys, "--json")
    printed = json.loads(out)
    assert printed["added"] == 150 and printed["new_tags_count"] == 150
    assert printed["new_tags"] == [f"Imported {number}" for number in range(1, 101)]
    assert printed["truncated"] is True


def test_a_short_list_is_printed_whole(store: Store, brief_id: str, db_path: Path,
                                       tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    items = [_annotation(1, "no such words"), _annotation(2, "perch", tag="Port calls")]
    out, _err = _import(db_path, brief_id, items, tmp_path, capsys, "--json")
    assert json.loads(out) == {
        "added": 1, "replies_added": 0, "already_present": 0, "nothing_to_import": 0,
        "unplaced": ["no such words"], "unplaced_count": 1,
        "new_tags": ["Port calls"], "new_tags_count": 1,
        "needs_review": [], "needs_review_count": 0, "truncated": False}


def test_export_warnings_are_cut_with_their_count(
        store: Store, brief_id: str, db_path: Path, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    from reviewdesk.services import export

    target = tmp_path / "out.docx"
    warnings = tuple(f"the annotation on “word {n}” has no place in the document and was "
                     "left out" for n in range(250))

    def exported(*_args: Any, **_options: Any) -> export.ExportReport:
        return export.ExportReport(path=target, base="clean", comments=0, replies=0,
                                   highlights=0, tracked_changes=0, warnings=warnings)

    monkeypatch.setattr(export, "export_brief", exported)
    command = ["--db", str(db_path), "export", brief_id, "-o", str(target)]
    assert cli.main([*command, "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["warnings"] == list(warnings[:MAX_PRINTED_ITEMS])
    assert printed["warnings_count"] == 250 and printed["truncated"] is True
    assert cli.main(command) == 0
    lines = capsys.readouterr().err.splitlines()
    assert lines[:-1] == [f"reviewdesk: warning: {w}" for w in warnings[:MAX_PRINTED_ITEMS]]
    assert lines[-1] == "reviewdesk: warning: … and 150 more warnings"

"""The review decisions of the window made from the command line, as a user would: checking
references, deciding recommendations, linking claims and evidence, resolving annotations and
editing tags; each read back through `show --json`, and each refusal one sentence."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.e2e.test_cli import assert_one_line_error, run, run_json


def _brief(db: Path, brief_file: Path) -> str:
    [imported] = run_json(db, "import", str(brief_file))
    return str(imported["id"])


def _shown(db: Path, brief: str) -> dict[str, Any]:
    shown: dict[str, Any] = run_json(db, "show", brief)
    return shown


def test_reference_checks_and_notes(db_path: Path, brief_file: Path) -> None:
    brief = _brief(db_path, brief_file)
    out = run(db_path, "reference", brief[:8], "2", "--problem", "No date given").stdout
    assert out.splitlines()[0] == "Reference 2: problem — No date given"
    verified = run_json(db_path, "reference", brief, "1", "--verified")
    assert {k: verified[k] for k in ("brief", "index", "check", "note")} == {
        "brief": brief, "index": 1, "check": "verified", "note": ""}
    assert verified["text"].startswith("Corrin Council.")
    noted = run_json(db_path, "reference", brief, "1", "--note", "Checked the PDF")
    assert (noted["check"], noted["note"]) == ("verified", "Checked the PDF")

    references = _shown(db_path, brief)["references"]
    assert [(r["check"], r["note"]) for r in references] == [
        ("verified", "Checked the PDF"), ("problem", "No date given")]
    assert "(problem: No date given)" in run(db_path, "show", brief).stdout

    unchecked = run_json(db_path, "reference", brief, "2", "--unchecked")
    assert (unchecked["check"], unchecked["note"]) == ("unchecked", "No date given")


def test_reference_refusals(db_path: Path, brief_file: Path) -> None:
    brief = _brief(db_path, brief_file)
    assert_one_line_error(run(db_path, "reference", "no-such-brief", "1", "--verified",
                              ok=False), "no-such-brief")
    result = run(db_path, "reference", brief, "3", "--verified", ok=False)
    assert result.returncode == 1
    assert_one_line_error(result, "has 2 references", "no reference 3")
    assert_one_line_error(run(db_path, "reference", brief, "0", "--verified", ok=False),
                          "no reference 0")
    assert_one_line_error(run(db_path, "reference", brief, "1", ok=False), "--verified")
    assert_one_line_error(run(db_path, "reference", brief, "1", "--problem", " ", ok=False),
                          "problem")
    assert [r["check"] for r in _shown(db_path, brief)["references"]] == ["unchecked"] * 2


def test_recommendation_decisions_and_history(db_path: Path, brief_file: Path) -> None:
    brief = _brief(db_path, brief_file)
    out = run(db_path, "recommendation", brief[:8], "1", "--status", "accepted", "--owner",
              "Farida", "--due", "2026-03-01", "--priority", "high").stdout.splitlines()
    assert out[0].startswith("Recommendation 1: The Corrin Council should publish")
    assert "  status: proposed -> accepted" in out and "  owner: (none) -> Farida" in out
    assert "  due: (none) -> 2026-03-01" in out and "  priority: (none) -> high" in out

    decided = run_json(db_path, "recommendation", brief, "1", "--due", "none",
                       "--status", "in-progress", "--reviewer", "Ines Duarte")
    assert (decided["status"], decided["due"], decided["owner"]) == (
        "in_progress", None, "Farida")
    assert sorted((c["changed"], c["old"], c["new"], c["reviewer"])
                  for c in decided["changes"]) == [
        ("due", "2026-03-01", "", "Ines Duarte"),
        ("status", "accepted", "in_progress", "Ines Duarte")]
    unchanged = run_json(db_path, "recommendation", brief, "1", "--owner", "Farida")
    assert unchanged["changes"] == []

    [first, second] = _shown(db_path, brief)["recommendations"]
    assert (first["status"], first["owner"], first["priority"], first["due"]) == (
        "in_progress", "Farida", "high", None)
    assert sorted((h["changed"], h["new"]) for h in first["history"]) == [
        ("due", ""), ("due", "2026-03-01"), ("owner", "Farida"), ("priority", "high"),
        ("status", "accepted"), ("status", "in_progress")]
    assert {h["reviewer"] for h in first["history"]} == {"Test Reviewer", "Ines Duarte"}
    assert second["history"] == [] and second["status"] == "proposed"


def test_recommendation_refusals(db_path: Path, brief_file: Path) -> None:
    brief = _brief(db_path, brief_file)
    assert_one_line_error(run(db_path, "recommendation", "nothing-like-it", "1",
                              "--status", "done", ok=False), "nothing-like-it")
    assert_one_line_error(run(db_path, "recommendation", brief, "5", "--status", "done",
                              ok=False), "no recommendation 5")
    bad_date = run(db_path, "recommendation", brief, "1", "--due", "2026-13-01", ok=False)
    assert bad_date.returncode == 1
    assert_one_line_error(bad_date, "'2026-13-01' is not a date", "YYYY-MM-DD")
    assert_one_line_error(run(db_path, "recommendation", brief, "1", "--status", "maybe",
                              ok=False), "'maybe' is not a recommendation status")
    assert_one_line_error(run(db_path, "recommendation", brief, "1", ok=False), "--status")
    [first, _] = _shown(db_path, brief)["recommendations"]
    assert (first["status"], first["due"], first["history"]) == ("proposed", None, [])


def test_links_and_resolving(db_path: Path, brief_file: Path) -> None:
    brief = _brief(db_path, brief_file)
    note = run(db_path, "annotate", brief, "--quote", "shared quota", "--tag",
               "claim").stdout.strip()
    out = run(db_path, "link", "claim", note[:8], "--reference", "1").stdout
    assert out.strip() == "Linked 'shared quota' to reference 1"
    evidence = run_json(db_path, "link", "evidence", note[:8], "--recommendation", "2")
    assert (evidence["annotation"], evidence["brief"], evidence["recommendation"],
            evidence["linked"]) == (note, brief, 2, True)
    resolved = run_json(db_path, "resolve", note[:8])
    assert (resolved["id"], resolved["status"]) == (note, "resolved")

    shown = _shown(db_path, brief)
    assert [r["claims"] for r in shown["references"]] == [[note], []]
    assert [r["evidence"] for r in shown["recommendations"]] == [[], [note]]
    assert shown["recommendations"][1]["id"] == evidence["recommendation_id"]
    assert [a["status"] for a in shown["annotations"]] == ["resolved"]

    assert run(db_path, "resolve", note, "--reopen").stdout.strip() == \
        "Reopened 'shared quota'"
    unlinked = run_json(db_path, "link", "claim", note, "--reference", "1", "--unlink")
    assert unlinked["linked"] is False
    run(db_path, "link", "evidence", note, "--recommendation", "2", "--unlink")
    shown = _shown(db_path, brief)
    assert [r["claims"] for r in shown["references"]] == [[], []]
    assert [r["evidence"] for r in shown["recommendations"]] == [[], []]
    assert [a["status"] for a in shown["annotations"]] == ["open"]


def test_link_and_resolve_refusals(db_path: Path, brief_file: Path) -> None:
    brief = _brief(db_path, brief_file)
    note = run(db_path, "annotate", brief, "--quote", "shared quota", "--tag",
               "claim").stdout.strip()
    assert_one_line_error(run(db_path, "link", "claim", note, "--reference", "9", ok=False),
                          "no reference 9")
    assert_one_line_error(run(db_path, "link", "evidence", note, "--recommendation", "3",
                              ok=False), "no recommendation 3")
    assert_one_line_error(run(db_path, "link", "claim", note, "--reference", "1", "--unlink",
                              ok=False), "not linked to reference 1")
    assert_one_line_error(run(db_path, "resolve", "ffffffff", ok=False), "no annotation")
    shown = _shown(db_path, brief)
    assert [r["claims"] for r in shown["references"]] == [[], []]


def test_tag_rename_recolour_key_delete(db_path: Path, brief_file: Path) -> None:
    brief = _brief(db_path, brief_file)
    renamed = run_json(db_path, "tag", "rename", "Indicator › economic", "Fiscal")
    assert (renamed["before"]["path"], renamed["path"]) == (
        "Indicator › economic", "Indicator › Fiscal")
    assert run(db_path, "tag", "recolour", "fiscal", "#1A2B3C").stdout.strip() == \
        f"'Indicator › Fiscal' is now #1a2b3c (was {renamed['colour']})"
    keyed = run_json(db_path, "tag", "key", "Indicator/Fiscal", "8")
    assert (keyed["colour"], keyed["key"]) == ("#1a2b3c", "8")
    assert run(db_path, "tag", "key", "Fiscal", "none").stdout.strip() == \
        "'Indicator › Fiscal' now has no key"

    note = run_json(db_path, "annotate", brief, "--quote", "perch", "--tag", "Fiscal")
    assert note["tag"] == "Indicator › Fiscal"
    deleted = run_json(db_path, "tag", "delete", "Fiscal", "--with-annotations")
    assert (deleted["deleted"], deleted["annotations_deleted"]) == (True, 1)
    assert _shown(db_path, brief)["annotations"] == []
    assert run(db_path, "tag", "delete", "Question").stdout.strip() == "Deleted 'Question'"
    assert_one_line_error(run(db_path, "tag", "rename", "Question", "Q", ok=False),
                          "no tag 'Question'")


def test_tag_refusals(db_path: Path, brief_file: Path) -> None:
    brief = _brief(db_path, brief_file)
    run(db_path, "annotate", brief, "--quote", "perch", "--tag", "Risk")
    assert_one_line_error(run(db_path, "tag", "recolour", "Risk", "red", ok=False),
                          "'red' is not a colour", "#rrggbb")
    taken = run(db_path, "tag", "key", "Risk", "1", ok=False)
    assert taken.returncode == 1
    assert_one_line_error(taken, "key 1 already belongs to 'Indicator'")
    assert_one_line_error(run(db_path, "tag", "key", "Risk", "0", ok=False), "1 to 9")
    in_use = run(db_path, "tag", "delete", "Risk", ok=False)
    assert in_use.returncode == 1
    assert_one_line_error(in_use, "'Risk' is used by 1 annotation on 1 brief",
                          "--with-annotations")
    assert_one_line_error(run(db_path, "tag", "delete", "Indicator", "--with-annotations",
                              ok=False), "has sub-tags")
    assert_one_line_error(run(db_path, "tag", "rename", "Risk", "Claim", ok=False),
                          "already a tag 'Claim'")
    assert [a["tag"] for a in _shown(db_path, brief)["annotations"]] == ["Risk"]

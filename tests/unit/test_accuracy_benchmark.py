"""benchmarks/accuracy.py: briefs of our own with truth files written here, scored as they
must be; and a run over the real briefs in ../shared (skipped when absent)."""

from __future__ import annotations

import copy
import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import docx
import pytest

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"


def _load() -> ModuleType:
    path = REPO / "benchmarks" / "accuracy.py"
    spec = importlib.util.spec_from_file_location("accuracy_benchmark", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


accuracy = _load()

HARBOUR_MD = """\
# Harbour Renewal in Tessan

## Summary

The old harbour of Tessan has lost most of its ferry traffic since the bridge opened.

## Indicators

- In March 2024 the harbour board closed the northern quay.
- On 4 June 2024 the first electric ferry entered service.
- Talks with the ferry union resumed in April 2023 (Hamal 1402) after a long pause.
{extra}
## Recommendations

1. The harbour board should reopen the northern quay for small boats.
2. The city council should fund a second electric ferry.

## References

- Tessan Harbour Board. (2024, March 3). Annual quay report. https://example.org/quay
- Tessan City Council. (2023, May 2). Ferry budget.
- Tessan City Council. (2023, May 2). Ferry budget.
- Ferry Users Group. Passenger survey. https://example.org/survey
"""

HARBOUR_TRUTH: dict[str, Any] = {
    "file": "harbour.md", "language": "en", "format": "md",
    "title": "Harbour Renewal in Tessan",
    "sections": [{"heading": "Summary", "kind": "summary"},
                 {"heading": "Indicators", "kind": "indicators"},
                 {"heading": "Recommendations", "kind": "recommendations"},
                 {"heading": "References", "kind": "references"}],
    "references": {"count": 4, "style": "author-date", "missing_url": [2, 3],
                   "missing_date": [4], "duplicates": [3],
                   "samples": ["Tessan Harbour Board. (2024, March 3). Annual quay report. h",
                               "Ferry Users Group. Passenger survey. https://example.org/sur"]},
    "recommendations": [
        {"starts": "The harbour board should reopen the northern", "addressee": "harbour board"},
        {"starts": "The city council should fund a second", "addressee": "The city council"}],
    "indicators": [
        {"quote": "In March 2024 the harbour board closed the northern quay", "date": "2024-03",
         "stated": True},
        {"quote": "the first electric ferry entered service", "date": "2024-06-04",
         "stated": True},
        {"quote": "Talks with the ferry union resumed in April 2023", "date": "2023",
         "stated": True}],
    "date_pairs": [{"gregorian": "April 2023", "solar_hijri": "Hamal 1402"}],
    "notes": "Written for this test.",
}

COLD_TRUTH: dict[str, Any] = {
    "file": "cold.docx", "language": "en", "format": "docx",
    "title": "Cold Storage for the Valley Markets",
    "sections": [{"heading": "Background", "kind": "introduction"},
                 {"heading": "What has changed", "kind": "other"},
                 {"heading": "Recommendations", "kind": "recommendations"},
                 {"heading": "References", "kind": "references"}],
    "references": {"count": 2, "style": "author-date", "missing_url": [2], "missing_date": [],
                   "duplicates": [],
                   "samples": ["Valley Cooperative. (2023, January 9). Cold store report. htt",
                               "Fruit Growers Union. (2022). Harvest losses."]},
    "recommendations": [
        {"starts": "The cooperative should build a second cold store", "addressee":
         "The cooperative"},
        {"starts": "Donors should pay for solar panels", "addressee": "donors"}],
    "indicators": [
        {"quote": "In October 2022 the valley cooperative opened its first cold store",
         "date": "2022-10", "stated": True}],
    "date_pairs": [],
}


def _harbour(folder: Path, truth: dict[str, Any] | None = None, extra: str = "") -> Path:
    folder.mkdir(exist_ok=True)
    brief = folder / "harbour.md"
    brief.write_text(HARBOUR_MD.format(extra=extra), encoding="utf-8")
    (folder / "harbour.md.truth.json").write_text(json.dumps(truth or HARBOUR_TRUTH),
                                                  encoding="utf-8")
    return folder


def _cold(folder: Path, truth: dict[str, Any] | None = None) -> Path:
    folder.mkdir(exist_ok=True)
    document = docx.Document()
    document.core_properties.title = "Cold Storage for the Valley Markets"
    document.add_heading("Cold Storage for the Valley Markets", 0)
    document.add_heading("Background", 1)
    document.add_paragraph("Farmers in the upper valley lose much of their fruit before it "
                           "reaches a market.")
    document.add_heading("What has changed", 1)
    document.add_paragraph("In October 2022 the valley cooperative opened its first cold store "
                           "near the pass.")
    document.add_paragraph("Prices for stored apples rose sharply during the winter of 2023.")
    document.add_heading("Recommendations", 1)
    document.add_paragraph("The cooperative should build a second cold store in the lower "
                           "valley.", style="List Number")
    document.add_paragraph("Donors should pay for solar panels on both stores.",
                           style="List Number")
    document.add_heading("References", 1)
    document.add_paragraph("Valley Cooperative. (2023, January 9). Cold store report. "
                           "https://example.org/cold")
    document.add_paragraph("Fruit Growers Union. (2022). Harvest losses.")
    document.save(folder / "cold.docx")
    (folder / "cold.docx.truth.json").write_text(json.dumps(truth or COLD_TRUTH),
                                                 encoding="utf-8")
    return folder


def _only(report: dict[str, Any], file: str) -> dict[str, Any]:
    rows = [row for row in report["briefs"] if row["file"] == file]
    assert len(rows) == 1
    return rows[0]


def _changed(truth: dict[str, Any], **changes: Any) -> dict[str, Any]:
    changed = copy.deepcopy(truth)
    changed.update(changes)
    return changed


# --- whole briefs -------------------------------------------------------------------------

def test_a_markdown_brief_read_as_its_truth_says_scores_one_on_every_feature(
        tmp_path: Path) -> None:
    report = accuracy.run(_harbour(tmp_path / "briefs"))
    row = _only(report, "harbour.md")
    assert row["error"] is None
    assert row["seconds"] > 0
    assert row["scores"] == dict.fromkeys(accuracy.FEATURES, 1.0)
    assert report["means"]["sections"] == {"mean": 1.0, "briefs": 1}


def test_a_word_brief_read_as_its_truth_says_scores_one_where_anything_applies(
        tmp_path: Path) -> None:
    row = _only(accuracy.run(_cold(tmp_path / "briefs")), "cold.docx")
    # Nothing is a duplicate or lacks a date, by the truth or by ReviewDesk: n/a.
    expected = dict.fromkeys(accuracy.FEATURES, 1.0) | {"ref_missing_date": None,
                                                        "ref_duplicates": None}
    assert row["scores"] == expected
    assert row["details"]["sections"]["title_parts"] == ["Cold Storage for the Valley Markets"]


def test_a_heading_the_brief_lacks_lowers_section_f1_by_its_share(tmp_path: Path) -> None:
    sections = [*COLD_TRUTH["sections"], {"heading": "Costs", "kind": "other"}]
    row = _only(accuracy.run(_cold(tmp_path / "b", _changed(COLD_TRUTH, sections=sections))),
                "cold.docx")
    # 4 detected, all right; 5 in the truth: F1 = 2*4 / (4 + 5).
    assert row["scores"]["sections"] == round(8 / 9, 4)
    assert row["scores"]["kinds"] == 1.0
    assert row["details"]["sections"]["missed"] == ["Costs"]


def test_a_heading_the_truth_does_not_list_is_an_extra(tmp_path: Path) -> None:
    sections = [s for s in COLD_TRUTH["sections"] if s["heading"] != "What has changed"]
    row = _only(accuracy.run(_cold(tmp_path / "b", _changed(COLD_TRUTH, sections=sections))),
                "cold.docx")
    assert row["scores"]["sections"] == round(2 * 3 / (4 + 3), 4)
    assert row["details"]["sections"]["extra"] == ["What has changed"]


def test_wrong_kinds_count_over_the_matched_sections(tmp_path: Path) -> None:
    sections = copy.deepcopy(HARBOUR_TRUTH["sections"])
    sections[0]["kind"] = "introduction"
    sections.append({"heading": "Annex", "kind": "other"})
    row = _only(accuracy.run(_harbour(tmp_path / "b", _changed(HARBOUR_TRUTH,
                                                                sections=sections))),
                "harbour.md")
    assert row["scores"]["kinds"] == 0.75  # the unmatched Annex is not judged
    assert row["details"]["kinds"]["wrong"] == [
        {"heading": "Summary", "truth": "introduction", "found": "summary"}]


def test_reference_count_and_flags(tmp_path: Path) -> None:
    references = copy.deepcopy(HARBOUR_TRUTH["references"])
    references.update(count=5, missing_url=[2], duplicates=[])
    row = _only(accuracy.run(_harbour(tmp_path / "b", _changed(HARBOUR_TRUTH,
                                                                references=references))),
                "harbour.md")
    scores = row["scores"]
    assert scores["ref_count"] == 0.8  # 1 - |4 - 5| / 5
    assert scores["ref_missing_url"] == round(2 / 3, 4)  # truth {2}, found {2, 3}
    assert scores["ref_missing_date"] == 1.0
    assert scores["ref_duplicates"] == 0.0  # ReviewDesk flags 3, the truth none
    assert row["details"]["ref_missing_url"]["false"] == [3]


def test_recommendations_and_their_addressees(tmp_path: Path) -> None:
    recommendations = [
        {"starts": "The harbour board should reopen the northern", "addressee": None},
        {"starts": "The city council should fund a second", "addressee": "council"},
        {"starts": "The port should dredge the channel", "addressee": "port"}]
    row = _only(accuracy.run(_harbour(tmp_path / "b", _changed(
        HARBOUR_TRUTH, recommendations=recommendations))), "harbour.md")
    scores = row["scores"]
    assert scores["rec_count"] == round(1 - 1 / 3, 4)
    assert scores["rec_match"] == round(2 * 2 / (2 + 3), 4)
    # A null addressee expects none; "council" is within "The city council".
    assert scores["addressees"] == 0.5
    assert row["details"]["rec_match"]["missed"] == ["The port should dredge the channel"]


def test_indicator_dates_are_compared_at_the_truths_precision(tmp_path: Path) -> None:
    indicators = copy.deepcopy(HARBOUR_TRUTH["indicators"])
    indicators[0]["date"] = "2024"  # March 2024 lies within 2024: right
    indicators[1]["date"] = "2024-06-05"  # 4 June 2024 is another day: wrong
    indicators.append({"quote": "The harbour lost its ferries to a flood", "date": "2019",
                       "stated": True})
    row = _only(accuracy.run(_harbour(tmp_path / "b", _changed(HARBOUR_TRUTH,
                                                                indicators=indicators))),
                "harbour.md")
    assert row["scores"]["ind_recall"] == 0.5
    details = row["details"]["ind_recall"]
    assert [item["truth"] for item in details["wrong_date"]] == ["2024-06-05"]
    assert [item["date"] for item in details["missed"]] == ["2019"]


def test_a_copyright_line_is_a_false_candidate(tmp_path: Path) -> None:
    line = "© Tessan Harbour Board 2024. All rights reserved."
    assert accuracy.why_false({"text": line, "date": "2024", "start": 0}, [], []) == "copyright"
    # ReviewDesk itself offers no such candidate.
    report = accuracy.run(_harbour(tmp_path / "b", extra=f"- {line}\n"))
    row = _only(report, "harbour.md")
    assert row["scores"]["ind_precision"] == 1.0
    assert report["candidates"] == {"candidates": 3, "false": 0, "matching_truth": 3,
                                    "false_share": 0.0, "false_by_rule": {}}


def test_calendar_pairs_missing_and_extra(tmp_path: Path) -> None:
    row = _only(accuracy.run(_harbour(tmp_path / "b", _changed(HARBOUR_TRUTH, date_pairs=[]))),
                "harbour.md")
    assert row["scores"]["date_pairs"] == 0.0
    assert row["details"]["date_pairs"]["extra"] == ["April 2023 (Hamal 1402)"]
    pairs = ["April 2023 (Hamal 1402)", ["March 2024", "Hut 1402"]]
    row = _only(accuracy.run(_harbour(tmp_path / "c", _changed(HARBOUR_TRUTH,
                                                                date_pairs=pairs))),
                "harbour.md")
    assert row["scores"]["date_pairs"] == round(2 / 3, 4)


def test_a_truth_without_a_key_leaves_its_features_unjudged(tmp_path: Path) -> None:
    truth = {key: value for key, value in HARBOUR_TRUTH.items()
             if key not in ("references", "indicators")}
    row = _only(accuracy.run(_harbour(tmp_path / "b", truth)), "harbour.md")
    for key in ("ref_count", "ref_missing_url", "ref_missing_date", "ref_duplicates",
                "ind_recall"):
        assert row["scores"][key] is None
    assert row["scores"]["sections"] == 1.0


def test_a_brief_that_cannot_be_imported_scores_zero_and_the_run_goes_on(
        tmp_path: Path) -> None:
    folder = _harbour(tmp_path / "b")
    (folder / "broken.docx").write_bytes(b"this is no Word file at all")
    (folder / "broken.docx.truth.json").write_text(json.dumps(COLD_TRUTH), encoding="utf-8")
    report = accuracy.run(folder)
    broken = _only(report, "broken.docx")
    assert broken["error"] and "\n" not in broken["error"]
    assert set(broken["scores"].values()) == {0.0}
    assert report["means"]["sections"] == {"mean": 0.5, "briefs": 2}


def test_an_unreadable_truth_file_is_reported_and_left_out(tmp_path: Path) -> None:
    folder = _harbour(tmp_path / "b")
    (folder / "other.md.truth.json").write_text("{not json", encoding="utf-8")
    (folder / "missing.md.truth.json").write_text("{}", encoding="utf-8")
    report = accuracy.run(folder)
    assert [row["file"] for row in report["briefs"]] == ["harbour.md"]
    assert len(report["unreadable_truth"]) == 2


def test_the_command_prints_the_table_and_writes_the_report(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = _cold(_harbour(tmp_path / "b"))
    out = tmp_path / "accuracy.json"
    assert accuracy.main([str(folder), "--json", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "sect F1" in printed and "mean" in printed and "harbour" in printed
    report = json.loads(out.read_text(encoding="utf-8"))
    assert [row["short"] for row in report["briefs"]] == ["cold", "harbour"]
    assert accuracy.main([str(tmp_path / "nowhere")]) == 1


# --- the rules alone ------------------------------------------------------------------------

@pytest.mark.parametrize(("written", "expected"), [
    ("IV. Call to action:", "call to action"),
    ("2.3 Costs and benefits", "costs and benefits"),
    ("1) Why now?", "why now"),
    ("a. Annex", "annex"),
    ("U.S. Policy Shifts", "u s policy shifts"),
    ("2024 in review", "2024 in review"),
    ("Mix. of measures", "mix of measures"),
])
def test_heading_normalisation(written: str, expected: str) -> None:
    assert accuracy.norm_heading(written) == expected


def test_partial_headings_match_and_sub_headings_are_not_extras() -> None:
    truth = {"title": "Port Report", "sections": [
        {"heading": "Municipality figures.", "kind": "indicators"},
        {"heading": "A gap nobody fills.", "kind": "reasons", "alt": ["The problem"]}]}
    found = {"sections": [
        {"title": "", "level": 0, "kind": "other"},
        {"title": "Port Report", "level": 1, "kind": "other"},
        {"title": "Municipality figures. The port employs four hundred people", "level": 2,
         "kind": "indicators"},
        {"title": "Dockers", "level": 3, "kind": "indicators"},
        {"title": "The Problem", "level": 2, "kind": "reasons"},
        {"title": "Stray heading", "level": 2, "kind": "other"}]}
    sections, kinds = accuracy.score_sections(truth, found)
    assert sections.details["partial"] == [
        {"truth": "Municipality figures.",
         "found": "Municipality figures. The port employs four hundred people"}]
    assert sections.details["nested"] == 1
    assert sections.details["extra"] == ["Stray heading"]
    assert sections.score == pytest.approx(2 * 2 / (3 + 2))
    assert kinds.score == 1.0


@pytest.mark.parametrize(("written", "start", "end"), [
    ("April 2023", "2023-04-01", "2023-04-30"),
    ("4 June 2024", "2024-06-04", "2024-06-04"),
    ("Sept. 2022", "2022-09-01", "2022-09-30"),
    ("early 2024", "2024-01-01", "2024-12-31"),
    ("2010-11", "2010-11-01", "2010-11-30"),
    ("Hamal 1402", "2023-03-21", "2023-04-20"),
    ("۱۴۰۲", "2023-03-21", "2024-03-19"),
    ("mayo de 2021", "2021-05-01", "2021-05-31"),
])
def test_periods_of_written_dates(written: str, start: str, end: str) -> None:
    period = accuracy.period(written)
    assert period is not None
    assert (period[0].isoformat(), period[1].isoformat()) == (start, end)


def test_a_date_is_right_within_the_truths_period_only() -> None:
    assert accuracy.date_right("December 2010", "2010")
    assert not accuracy.date_right("December 2010", "2010-11")
    assert not accuracy.date_right("2010", "2010-11")
    assert accuracy.date_right("Hamal 1402", "2023")
    assert not accuracy.date_right("no date here", "2023")


@pytest.mark.parametrize(("text", "date", "rule"), [
    ("Marsh, K. (2019). Tide tables for small ports.", "2019", None),
    ("Retrieved 3 May 2021, from the harbour archive", "3 May 2021", "reference"),
    ("Source: harbour bulletin, 12 March 2020", "12 March 2020", "reference"),
    ("Ferry numbers have fallen since (Marsh, 2019) noted the first losses.", "2019",
     "citation"),
    ("The board met in public (March 2019) for the first time.", "March 2019", None),
    ("© Tessan Harbour Board 2024.", "2024", "copyright"),
    ("The board adopted rule HB/2021/07 on harbour fees last spring.", "2021", "catalogue"),
    ("The board adopted Decree No. 2021 on harbour fees last spring.", "2021", "catalogue"),
    ("About 2500 boats use the channel every single year.", "2500", "count"),
    ("حدود ۱۵۰۰ نفر در این نشست شرکت کردند", "۱۵۰۰", "count"),
    ("Tessan, May 2024", "May 2024", "fragment"),
    ("In March 2024 the harbour board closed the northern quay.", "March 2024", None),
])
def test_clearly_false_candidates(text: str, date: str, rule: str | None) -> None:
    candidate = {"text": text, "date": date, "start": 10, "end": 10 + len(text)}
    assert accuracy.why_false(candidate, [], []) == rule


def test_a_candidate_inside_the_reference_list_is_false() -> None:
    candidate = {"text": "Marsh, K. (2019). Tide tables for small ports.", "date": "2019",
                 "start": 120, "end": 166}
    assert accuracy.why_false(candidate, [(100, 200)], []) == "reference"
    assert accuracy.why_false(candidate, [], ["Marsh, K. (2019). Tide tables for small "
                                              "ports. Harbour Press."]) == "reference"


def test_a_calendar_pair_must_name_both_dates_and_agree_on_consistency() -> None:
    check = {"text": "May 2023 (Sawr 1402)", "gregorian": "May 2023",
             "solar_hijri": "Sawr 1402", "consistent": True}
    found = {"date_checks": [check]}
    for pair, score in [("May 2023 (Sawr 1402)", 1.0), ("April 2023 (Hamal 1402)", 0.0),
                        (["May 2023", "Sawr 1402"], 1.0), (["May 2023", "Jawza 1402"], 0.0),
                        ({"gregorian": "May 2023", "solar_hijri": "Sawr 1402",
                          "consistent": False}, 0.0)]:
        assert accuracy.score_date_pairs({"date_pairs": [pair]}, found).score == score, pair
    assert accuracy.score_date_pairs({"date_pairs": []}, {"date_checks": []}).score == 1.0
    assert accuracy.score_date_pairs({}, found).score is None


# --- the real briefs --------------------------------------------------------------------------

@pytest.mark.shared
def test_the_shared_briefs_are_scored_and_the_report_written(tmp_path: Path) -> None:
    folder = SHARED / "corpus" / "briefs"
    if not any(folder.glob("*.truth.json")):
        pytest.skip("../shared/corpus/briefs is not beside this checkout")
    out = tmp_path / "accuracy.json"
    assert accuracy.main([str(folder), "--json", str(out)]) == 0
    report = json.loads(out.read_text(encoding="utf-8"))
    assert len(report["briefs"]) == len(list(folder.glob("*.truth.json")))
    assert set(report["means"]) == set(accuracy.FEATURES)

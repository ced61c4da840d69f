"""A brief revised the way editors revise it (sentences rewritten, a paragraph moved, a
section cut, references renumbered): every annotation lands on the right words or is listed
for review, never lost, in `show --json`; and the CLI's versions commands."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

FIRST = """\
# Valley Water Sharing Review

## Introduction

The three valley districts have argued over the river's water since the dam opened.
This review looks at what changed in the past year.

## Indicators

- On 3 May 2024 the district councils signed a seasonal sharing plan [1].
- The upper district released its spring data for the first time [2].
- Farmers in Sarband reported that canal flows stayed level through June [3].

## Reasons

The drought of 2023 left every district short, which made bargaining less costly.
A new governor in the lower district wanted an early success [2].

## Outlook

Observers expect the plan to hold while rainfall stays near the average.
A dry autumn would test it quickly.

## Recommendations

1. The councils should publish monthly flow figures.
2. Donors should fund gauges on the two main canals.

## References

1. Valley Councils. (2024). Seasonal sharing plan.
2. Upper District Office. (2024). Spring water data.
3. Sarband Farmers Union. (2024). Canal flow notes.
"""

# Editors' revision: a sentence reworded, the Reasons paragraph moved above the Indicators,
# the Outlook section cut, a reference added first (so the others are renumbered).
SECOND = """\
# Valley Water Sharing Review

## Introduction

The three valley districts have argued over the river's water since the dam opened.
This review looks at what has changed over the past twelve months.

## Reasons

The drought of 2023 left every district short, which made bargaining less costly.
A new governor in the lower district wanted an early success [3].

## Indicators

- On 3 May 2024 the district councils signed a seasonal sharing plan [2].
- The upper district published its spring data for the first time [3].
- Farmers in Sarband reported that canal flows stayed level through June [4].

## Recommendations

1. The councils should publish monthly flow figures.
2. Donors should fund gauges on the two main canals.

## References

1. River Basin Institute. (2023). Drought survey.
2. Valley Councils. (2024). Seasonal sharing plan.
3. Upper District Office. (2024). Spring water data.
4. Sarband Farmers Union. (2024). Canal flow notes.
"""


def run(db: Path, *args: str) -> Any:
    result = subprocess.run([sys.executable, "-m", "reviewdesk", "--db", str(db), *args,
                             "--json"], capture_output=True, text=True, timeout=120,
                            check=False)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_a_revised_brief_carries_every_annotation(tmp_path: Path, db_path: Path) -> None:
    first, second = tmp_path / "valley-v1.md", tmp_path / "valley-v2.md"
    first.write_text(FIRST, encoding="utf-8")
    second.write_text(SECOND, encoding="utf-8")
    [v1] = run(db_path, "import", str(first))
    quotes = {
        "the dam opened": "Indicator",  # unchanged
        "signed a seasonal sharing plan": "Indicator › diplomatic",  # unchanged
        "what changed in the past year": "Claim",  # reworded
        "released its spring data": "Evidence",  # reworded
        "made bargaining less costly": "Reason",  # moved with its paragraph
        "rainfall stays near the average": "Question",  # its section was cut
        "publish monthly flow figures": "Recommendation",
    }
    for quote, tag in quotes.items():
        run(db_path, "annotate", v1["id"], "--quote", quote, "--tag", tag,
            "--comment", f"on {quote}")
    [v2] = run(db_path, "import", str(second), "--version-of", v1["id"][:8])
    assert v2["version"] == 2 and v2["version_of"] == v1["id"]
    assert v2["carried"]["anchored"] + v2["carried"]["shifted"] + \
        v2["carried"]["needs_review"] + v2["carried"]["orphaned"] == len(quotes)

    shown = run(db_path, "show", v2["id"])
    assert shown["version"] == 2
    states = {note["comment"][3:]: note for note in shown["annotations"]}
    assert set(states) == set(quotes)  # nothing lost
    for quote, note in states.items():
        assert note["version"] == 2
        if note["anchor_state"] in ("anchored", "shifted"):
            assert note["quote"] == quote  # a sure place is on the same words
    assert states["the dam opened"]["anchor_state"] == "anchored"
    assert states["made bargaining less costly"]["anchor_state"] == "shifted"
    reworded = states["released its spring data"]
    assert reworded["anchor_state"] == "needs_review"
    assert reworded["quote"] == "published its spring data"
    assert states["what changed in the past year"]["anchor_state"] == "needs_review"
    assert states["rainfall stays near the average"]["anchor_state"] == "orphaned"

    versions = run(db_path, "versions", "Valley Water Sharing Review")
    assert [(v["version"], v["annotations"]) for v in versions] == [(1, 7), (2, 7)]
    assert versions[1]["orphaned"] == 1
    # The first version and its annotations stay readable.
    old = run(db_path, "show", v1["id"])
    assert len(old["annotations"]) == 7 and old["version"] == 1
    # Importing the same revision again changes nothing.
    [again] = run(db_path, "import", str(second), "--version-of", v1["id"])
    assert again["already_imported"] and again["id"] == v2["id"]


def test_import_names_the_brief_a_revision_looks_like(tmp_path: Path, db_path: Path) -> None:
    """Without --version-of, a file with a stored brief's title and other text is stored as
    a brief of its own, and the match the app would ask about is named, not linked."""
    first, second = tmp_path / "valley-v1.md", tmp_path / "valley-v2.md"
    first.write_text(FIRST, encoding="utf-8")
    second.write_text(SECOND, encoding="utf-8")
    [v1] = run(db_path, "import", str(first))
    assert v1["version_of_candidate"] is None
    [revised] = run(db_path, "import", str(second))
    assert revised["version_of_candidate"] == {"id": v1["id"],
                                               "title": "Valley Water Sharing Review"}
    assert revised["id"] != v1["id"] and not revised["already_imported"]
    assert [v["version"] for v in run(db_path, "versions", v1["id"])] == [1]  # not linked
    [again] = run(db_path, "import", str(second))
    assert again["already_imported"] and again["version_of_candidate"] is None

    third = tmp_path / "valley-v3.md"
    third.write_text(SECOND.replace("monthly flow figures", "weekly flow figures"),
                     encoding="utf-8")
    printed = subprocess.run([sys.executable, "-m", "reviewdesk", "--db", str(db_path),
                              "import", str(third)], capture_output=True, text=True,
                             timeout=120, check=True).stdout.splitlines()
    assert printed[0].startswith("Imported: 'Valley Water Sharing Review' (md, ")
    assert printed[1].startswith("  id: ")
    match = printed[2]
    assert match.startswith("  looks like a new version of 'Valley Water Sharing Review' (")
    short = match.split("(")[1][:8]
    assert short in (v1["id"][:8], revised["id"][:8])
    assert match.endswith(f"), stored as a brief of its own; --version-of {short} stores a "
                          "revision as that brief's next version, with its review carried "
                          "over")
    assert len(printed) == 3

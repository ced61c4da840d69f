"""`reviewdesk bundle` driven as reviewers and their lead would: real processes, one database
file per laptop, bundles passed around in every order."""

from __future__ import annotations

import hashlib
import io
import itertools
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

from reviewdesk.services.bundle.format import FORMAT_VERSION

HARBOUR_MD = """\
# Harbour Dredging Plan

## Introduction

Silt has narrowed the harbour channel since the 2022 storms.
Pilots now wait for high tide before bringing in grain ships.

## Indicators

- In February 2024 the port board hired a second dredger.
- Two shipping lines asked for night access in March 2024.

## Recommendations

1. The port board should publish channel depths every week.

## References

- Port Board. (2024, February 9). Dredging contract. https://example.org/dredging
"""


def run(db: Path, *args: str, ok: bool = True,
        reviewer: str = "Ines Duarte") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "REVIEWDESK_REVIEWER": reviewer}
    result = subprocess.run([sys.executable, "-m", "reviewdesk", "--db", str(db), *args],
                            capture_output=True, text=True, env=env, timeout=120)
    if ok:
        assert result.returncode == 0, result.stderr
        assert "Traceback" not in result.stderr
    return result


def run_json(db: Path, *args: str, reviewer: str = "Ines Duarte") -> Any:
    return json.loads(run(db, *args, "--json", reviewer=reviewer).stdout)


def assert_one_line_error(result: subprocess.CompletedProcess[str], *words: str) -> None:
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("reviewdesk: error: ")
    for word in words:
        assert word in lines[0], lines[0]


def view(db: Path) -> list[Any]:
    """What a reviewer sees of every brief: `show --json`, annotations in a fixed order."""
    shown = []
    for brief in run_json(db, "briefs"):
        data = run_json(db, "show", brief["id"])
        data["annotations"].sort(key=lambda note: note["id"])
        shown.append(data)
    return sorted(shown, key=lambda data: data["id"])


def test_reviewers_exchange_bundles_in_every_order(tmp_path: Path) -> None:
    brief_file = tmp_path / "harbour.md"
    brief_file.write_text(HARBOUR_MD, encoding="utf-8")
    lead, ana, ben = (tmp_path / f"{name}.sqlite3" for name in ("lead", "ana", "ben"))
    who = {lead: "Ines Duarte", ana: "Ana Lima", ben: "Ben Okafor"}
    [brief] = run_json(lead, "import", str(brief_file))
    shared = run_json(lead, "annotate", brief["id"], "--quote", "second dredger", "--tag",
                      "indicator", "--comment", "Since when?")
    seed = tmp_path / "seed.rdbundle"
    exported = run_json(lead, "bundle", "export", "-o", str(seed))
    assert (exported["briefs"], exported["annotations"]) == (1, 1)
    assert exported["signer"] == "Ines Duarte" and len(exported["fingerprint"]) == 24
    for reviewer in (ana, ben):
        # A key not known yet: refused in one line, then trusted on first use.
        assert_one_line_error(run(reviewer, "bundle", "import", str(seed), ok=False,
                                  reviewer=who[reviewer]),
                              "signed by 'Ines Duarte' with a key this database does not "
                              f"know yet (fingerprint {exported['fingerprint']})", "--trust")
        merged = run_json(reviewer, "bundle", "import", str(seed), "--trust",
                          reviewer=who[reviewer])
        assert merged["briefs_added"] == 1 and merged["annotations_added"] == 1
        assert merged["changed"] and Path(merged["backup"]).is_file()
        assert merged["signer"] == {"name": "Ines Duarte",
                                    "fingerprint": exported["fingerprint"],
                                    "role": "reviewer", "trusted_now": True}
        run(reviewer, "reviewers", "role", "Ines Duarte", "lead", reviewer=who[reviewer])

    # Each works offline on their own laptop.
    run(ana, "annotate", brief["id"][:8], "--quote", "night access", "--tag", "claim",
        "--comment", "Which lines?", reviewer="Ana Lima")
    run(ana, "reply", shared["id"], "--text", "Since February.", reviewer="Ana Lima")
    run(ben, "annotate", "Harbour Dredging Plan", "--quote", "grain ships", "--tag",
        "indicator", reviewer="Ben Okafor")
    run(ben, "suggest", brief["id"], "--quote", "narrowed", "--with", "silted up",
        reviewer="Ben Okafor")
    # Ben cannot work in the lead's name: the lead's work comes in the lead's bundles.
    assert_one_line_error(run(ben, "annotate", brief["id"], "--quote", "grain ships",
                              "--tag", "claim", ok=False),
                          "Ines Duarte reviews in another database")
    run(lead, "annotate", brief["id"], "--quote", "2022 storms", "--tag", "indicator")
    bundles = {}
    for db in (lead, ana, ben):
        bundles[db] = tmp_path / f"{db.stem}.rdbundle"
        run(db, "bundle", "export", brief["id"][:8], "-o", str(bundles[db]), reviewer=who[db])

    # The lead gathers them in every order, starting from a copy of each laptop's work.
    results = []
    for order in itertools.permutations((lead, ana, ben)):
        base, *others = order
        copy = tmp_path / ("-".join(db.stem for db in order) + ".sqlite3")
        copy.write_bytes(base.read_bytes())
        for other in others:
            run(copy, "bundle", "import", str(bundles[other]), "--trust", reviewer=who[base])
        results.append(view(copy))
    assert all(result == results[0] for result in results[1:])
    [merged_view] = results[0]
    assert {(n["reviewer"], n["quote"]) for n in merged_view["annotations"]} == {
        ("Ines Duarte", "second dredger"), ("Ana Lima", "night access"),
        ("Ben Okafor", "grain ships"), ("Ines Duarte", "2022 storms")}
    [thread] = [n for n in merged_view["annotations"] if n["id"] == shared["id"]]
    assert [r["text"] for r in thread["replies"]] == ["Since February."]
    assert [(s["quote"], s["replacement"]) for s in merged_view["suggestions"]] == [
        ("narrowed", "silted up")]

    # The same bundle twice: nothing new, said so, and no copy of the database left.
    copy = tmp_path / "lead-ana-ben.sqlite3"
    backups = set(tmp_path.glob("*.bak"))
    again = run(copy, "bundle", "import", str(bundles[ana]))
    assert again.stdout.startswith(f"Nothing new in {bundles[ana]}: ")
    assert set(tmp_path.glob("*.bak")) == backups
    report = run_json(copy, "bundle", "import", str(bundles[ben]))
    assert report["changed"] is False and report["annotations_unchanged"] == 1  # Ben's own
    human = run(tmp_path / "ana.sqlite3", "bundle", "import", str(bundles[ben]), "--trust",
                reviewer="Ana Lima").stdout
    assert human.startswith("Trusted Ben Okafor's key (")
    assert f"Merged {bundles[ben]}: 0 briefs added; annotations 1 added" in human
    assert "A copy of the database as it was is at" in human
    keys = run_json(tmp_path / "ana.sqlite3", "reviewers", reviewer="Ana Lima")
    assert [(k["role"], k["reviewers"]) for k in keys] == [
        (None, ["Ana Lima"]), ("reviewer", ["Ben Okafor"]), ("lead", ["Ines Duarte"])]


def _rewritten(bundle: Path, target: Path, **manifest: Any) -> Path:
    with zipfile.ZipFile(bundle) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    data = json.loads(members["manifest.json"])
    data.update(manifest)
    members["manifest.json"] = json.dumps(data).encode()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    target.write_bytes(buffer.getvalue())
    return target


def test_bad_bundles_are_one_clear_line_and_change_nothing(tmp_path: Path) -> None:
    brief_file = tmp_path / "harbour.md"
    brief_file.write_text(HARBOUR_MD, encoding="utf-8")
    source, target = tmp_path / "source.sqlite3", tmp_path / "target.sqlite3"
    [brief] = run_json(source, "import", str(brief_file))
    run(source, "annotate", brief["id"], "--quote", "second dredger", "--tag", "indicator")
    good = tmp_path / "good.rdbundle"
    run(source, "bundle", "export", "-o", str(good))
    run(target, "briefs")  # an empty database
    before = target.read_bytes()

    data = good.read_bytes()
    truncated = tmp_path / "truncated.rdbundle"
    truncated.write_bytes(data[: len(data) * 2 // 3])
    with zipfile.ZipFile(good) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    members["annotations.json"] = members["annotations.json"].replace(b"dredger", b"dredges")
    tampered = tmp_path / "tampered.rdbundle"
    with zipfile.ZipFile(tampered, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    newer = _rewritten(good, tmp_path / "newer.rdbundle", version=FORMAT_VERSION + 1)
    text = tmp_path / "notes.rdbundle"
    text.write_text("meeting notes", encoding="utf-8")
    cases = [
        (("bundle", "import", str(truncated)), ("truncated.rdbundle", "damaged or truncated")),
        (("bundle", "import", str(tampered)),
         ("tampered.rdbundle", "annotations.json does not match its checksum")),
        (("bundle", "import", str(newer)),
         (f"this bundle was written by a newer ReviewDesk (format {FORMAT_VERSION + 1}); "
          "update to import it",)),
        (("bundle", "import", str(good)),
         ("good.rdbundle", "a key this database does not know yet")),
        (("bundle", "import", str(text)), ("not a ReviewDesk bundle",)),
        (("bundle", "import", str(tmp_path / "missing.rdbundle")), ("does not exist",)),
        (("bundle", "export", "-o", str(tmp_path / "out.zip")), ("ends in .rdbundle",)),
        (("bundle", "export", "no-such-brief", "-o", str(tmp_path / "out.rdbundle")),
         ("no brief",)),
    ]
    for args, words in cases:
        assert_one_line_error(run(target, *args, ok=False), *words)
    assert target.read_bytes() == before
    assert list(tmp_path.glob("target.sqlite3.*.bak")) == []
    assert not (tmp_path / "out.rdbundle").exists()
    usage = run(target, "bundle", ok=False)
    assert usage.returncode == 2 and "ACTION" in usage.stderr


def test_the_bundle_file_is_a_checked_zip(tmp_path: Path) -> None:
    brief_file = tmp_path / "harbour.md"
    brief_file.write_text(HARBOUR_MD, encoding="utf-8")
    db = tmp_path / "review.sqlite3"
    run_json(db, "import", str(brief_file))
    bundle = tmp_path / "all.rdbundle"
    report = run_json(db, "bundle", "export", "-o", str(bundle))
    assert report["path"] == str(bundle) and report["size"] == bundle.stat().st_size
    with zipfile.ZipFile(bundle) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        assert manifest["format"] == "reviewdesk-bundle" and manifest["version"] == FORMAT_VERSION
        assert manifest["signer"]["name"] == "Ines Duarte"
        assert manifest["app_version"] and manifest["created"]
        for name, digest in manifest["files"].items():
            assert hashlib.sha256(archive.read(name)).hexdigest() == digest
        [source] = [name for name in manifest["files"] if name.startswith("sources/")]
        assert archive.read(source) == brief_file.read_bytes()
        [row] = json.loads(archive.read("briefs.json"))
        assert row["source"]["filename"] == "harbour.md"


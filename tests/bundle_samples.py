"""Briefs with review work for the bundle tests: two versions of one brief worked on by two
reviewers, and a second brief (texts written for these tests)."""

from __future__ import annotations

from pathlib import Path

from reviewdesk.services.annotations import add_reply, annotate
from reviewdesk.services.briefs import import_files
from reviewdesk.services.tracking import suggest_replacement
from reviewdesk.services.versions import import_version
from reviewdesk.storage.store import Store

MARSH = """\
# Salt Marsh Grazing

## Summary

Sheep graze the lower marsh from May until the first autumn tide.

The warden counts nesting redshank twice each spring.
"""

QUARRY = """\
# Quarry Reopening Plan

## Summary

The old limestone quarry would reopen for twelve years of extraction.
"""


def build(store: Store, folder: Path) -> tuple[str, str, str]:
    """The marsh brief in two versions (work on both, by two reviewers) and the quarry
    brief with one annotation: (marsh v1, marsh v2, quarry) ids."""
    files = {"marsh.md": MARSH, "marsh-v2.md": MARSH.replace("twice", "three times"),
             "quarry.md": QUARRY}
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    first = import_files(store, [folder / "marsh.md"])[0].id
    note = annotate(store, first, "lower marsh", tag="Indicator", reviewer="Ines Duarte")
    add_reply(store, note.id, "Which months exactly?", reviewer="Tomas Berg")
    second = import_version(store, folder / "marsh-v2.md", first).id  # carries both
    annotate(store, second, "three times", tag="Indicator", comment="Up from twice?",
             reviewer="Tomas Berg")
    suggest_replacement(store, second, "first autumn tide", "first spring tide in autumn",
                        reviewer="Ines Duarte")
    quarry = import_files(store, [folder / "quarry.md"])[0].id
    annotate(store, quarry, "twelve years", tag="Indicator", reviewer="Ines Duarte")
    return first, second, quarry

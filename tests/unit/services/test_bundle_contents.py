"""What a bundle will hold, counted before it is written: the same numbers as the export's
report, for the briefs chosen with all their versions."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.bundle_samples import build

from reviewdesk.errors import InputError, NotFoundError
from reviewdesk.services.bundles import (
    BundleContents,
    export_bundle,
    held_phrase,
    plan_bundle,
    preview_line,
)
from reviewdesk.storage.store import Store


def test_the_plan_equals_the_report(store: Store, tmp_path: Path) -> None:
    first, second, quarry = build(store, tmp_path)
    for chosen in ([second], [first], [quarry], [first, quarry], []):
        plan = plan_bundle(store, chosen)
        report = export_bundle(store, chosen, tmp_path / "out.rdbundle")
        assert (plan.briefs, plan.annotations, plan.replies, plan.suggestions,
                plan.tombstones, plan.reviewers) == (
            report.briefs, report.annotations, report.replies, report.suggestions,
            report.tombstones, report.reviewers)
    assert plan_bundle(store, [first]) == BundleContents(
        briefs=2, families=1, annotations=3, replies=2, suggestions=1, tombstones=0,
        reviewers=2)
    assert plan_bundle(store, [quarry]) == BundleContents(1, 1, 1, 0, 0, 0, 1)


def test_the_plan_writes_nothing_and_names_what_is_missing(store: Store,
                                                           tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no briefs in the store"):
        plan_bundle(store, [])
    build(store, tmp_path)
    with pytest.raises(NotFoundError):
        plan_bundle(store, ["no such brief"])
    assert not list(tmp_path.glob("*.rdbundle"))


def test_the_lines() -> None:
    assert preview_line(BundleContents(2, 2, 14, 3, 1, 0, 2)) == (
        "2 briefs, 14 annotations, 3 replies, 1 suggested edit, by 2 reviewers")
    assert preview_line(BundleContents(2, 1, 1, 1, 0, 0, 1)) == (
        "1 brief in 2 versions, 1 annotation, 1 reply, 0 suggested edits, by 1 reviewer")
    assert preview_line(BundleContents(1, 1, 0, 0, 0, 0, 0)) == (
        "1 brief, 0 annotations, 0 replies, 0 suggested edits")
    assert held_phrase(1, 2, 1, 0) == "1 brief with 2 annotations, 1 reply and 0 suggested edits"

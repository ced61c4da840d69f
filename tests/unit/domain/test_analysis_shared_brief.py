"""The analyses on the real example brief in ../shared (skipped when it is absent)."""

from __future__ import annotations

from pathlib import Path

import pytest

from reviewdesk.domain.brief import Brief
from reviewdesk.domain.claims import claim_support
from reviewdesk.domain.dates import date_checks
from reviewdesk.domain.indicators import indicator_candidates
from reviewdesk.domain.recommendations import extract_recommendations
from reviewdesk.domain.references import analyse_references
from reviewdesk.importers import read_brief

SHARED = (Path(__file__).resolve().parents[3].parent / "shared" / "briefs"
          / "csrs-tajikistan-policy-shift.txt")

pytestmark = [pytest.mark.shared,
              pytest.mark.skipif(not SHARED.exists(), reason="shared brief not present")]


@pytest.fixture(scope="module")
def brief() -> Brief:
    return read_brief(SHARED)


def test_references(brief: Brief) -> None:
    report = analyse_references(brief)
    assert [e.index for e in report.entries] == list(range(1, 10))
    assert all("missing_url" in e.flags for e in report.entries)
    assert [e.index for e in report.entries if "duplicate" in e.flags] == [5]
    assert report.entries[4].duplicate_of == 4
    assert not any("not_cited" in e.flags for e in report.entries)  # the brief cites nothing
    assert report.citations_without_reference == []


def test_recommendations(brief: Brief) -> None:
    # The second is passive ("channels ... should be reopened") and names no actor.
    assert [(r.index, r.addressee) for r in extract_recommendations(brief)] == [
        (1, "The Islamic Emirate"), (2, ""), (3, "Dushanbe"), (4, "Both countries")]


def test_date_checks(brief: Brief) -> None:
    checks = {c.text: c.consistent for c in date_checks(brief.text)}
    assert checks["April 2023 (Hamāl 1402)"] is True
    assert checks["mid-2023 (mid-1402)"] is True
    assert checks["mid-2024 (mid-1403)"] is True


def test_indicator_candidates(brief: Brief) -> None:
    found = [(c.date, c.section_kind) for c in indicator_candidates(brief)]
    assert ("April 2023", "indicators") in found
    assert ("mid-2023", "indicators") in found
    assert ("mid-2024", "indicators") in found
    assert all(kind != "references" for _, kind in found)


@pytest.mark.parametrize(("words", "entry"), [
    (("Khorog",), 2),
    (("markets were reopened",), 3),
    (("Yatimov", "Kabul", "dispatched"), 4),
    (("accreditation",), 6),
    (("Wafa", "invitation"), 7),
    (("Rahmon", "stability"), 8),
])
def test_claim_support_ranks_the_matching_entry_first(brief: Brief, words: tuple[str, ...],
                                                      entry: int) -> None:
    claims = claim_support(brief, analyse_references(brief).entries)
    [claim] = [c for c in claims if all(w in c.text for w in words)]
    assert claim.references[0] == entry
    assert not claim.unsupported


def test_claim_support_finds_no_source_for_the_earthquake_aid(brief: Brief) -> None:
    claims = claim_support(brief, analyse_references(brief).entries)
    [claim] = [c for c in claims if "earthquake" in c.text and "humanitarian" in c.text]
    assert claim.unsupported
    assert claim.references == []

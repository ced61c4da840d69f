"""Review bundles and a team server: a bundle made on a laptop merges into a store on
PostgreSQL as into a file, once (a second import changes nothing), and what the server
then bundles carries the laptop's rows exactly."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.support.bundles import (
    RAIL_MD,
    RAIL_V2_MD,
    annotate,
    members_of,
    rows_of,
    span,
    write,
)

from reviewdesk.domain.findings import RecommendationStatus, ReferenceCheck
from reviewdesk.domain.trust import Role
from reviewdesk.services.annotations import add_reply, delete_annotation
from reviewdesk.services.briefs import import_files, load_brief
from reviewdesk.services.bundles import export_bundle, import_bundle, trust_bundle_signer
from reviewdesk.services.reviewers import set_configured_reviewer
from reviewdesk.services.tracking import (
    link_claim,
    link_evidence,
    recommendations_of,
    references_of,
    set_reference_check,
    suggest_edit,
    update_recommendation,
)
from reviewdesk.services.versions import import_version
from reviewdesk.storage.store import Store

LENA = "Lena Lindqvist"


def _review(lead: Store, folder: Path) -> list[str]:
    """A review touching every bundled table; the ids of the brief's two versions."""
    set_configured_reviewer(lead, LENA)
    brief_id = import_files(lead, [write(folder / "rail.md", RAIL_MD)])[0].id
    note = annotate(lead, brief_id, "bridge closure", "When?", "Ann Ashby")
    add_reply(lead, note, "March.", reviewer="Bob Brandt")
    [reference, _] = [t.reference for t in references_of(lead, brief_id)]
    [recommendation, _] = [t.recommendation for t in recommendations_of(lead, brief_id)]
    set_reference_check(lead, reference.id, ReferenceCheck.VERIFIED, note="Found it")
    update_recommendation(lead, recommendation.id, reviewer="Ann Ashby",
                          status=RecommendationStatus.ACCEPTED, owner="Rail desk")
    link_claim(lead, note, reference.id)
    link_evidence(lead, note, recommendation.id)
    suggest_edit(lead, brief_id, *span(lead, brief_id, "fell"), "dropped", reviewer="Bob Brandt")
    delete_annotation(lead, annotate(lead, brief_id, "road repairs", "", "Ann Ashby"))
    version = import_version(lead, write(folder / "rail-v2.md", RAIL_V2_MD), brief_id)
    return [brief_id, version.id]


def _rows(bundle: Path, member: str) -> list[dict[str, Any]]:
    """A member's rows in a stable order. The server's store made its own default codebook,
    and the merge matched the laptop's tags to it by name: a tag is named here by its name,
    not its id or its codebook's."""
    names = {tag["id"]: tag["name"] for tag in rows_of(bundle, "tags.json")}
    rows = rows_of(bundle, member)
    if member == "annotations.json":
        rows = [{**row, "tag_id": names.get(row["tag_id"])} for row in rows]
    if member == "tags.json":
        rows = [{**row, "id": row["name"], "parent_id": names.get(row["parent_id"]),
                 "codebook_id": None} for row in rows]
    return sorted(rows, key=repr)


def test_a_bundle_goes_through_the_server_and_back_unchanged(tmp_path: Path,
                                                             pg_url: str) -> None:
    with Store(tmp_path / "lead.sqlite3") as lead:
        ids = _review(lead, tmp_path)
        export_bundle(lead, ids, tmp_path / "lead.rdbundle")

    with Store(pg_url) as server:
        trust_bundle_signer(server, tmp_path / "lead.rdbundle", Role.LEAD)
        merged = import_bundle(server, tmp_path / "lead.rdbundle")
        assert (merged.briefs_added, merged.annotations_added, merged.replies_added,
                merged.suggestions_added, merged.links_added, merged.tombstones_added,
                merged.left_out) == (2, 2, 2, 1, 4, 1, 0)
        assert merged.changed and merged.backup is None  # the server's backups are its own
        again = import_bundle(server, tmp_path / "lead.rdbundle")
        assert not again.changed and again.annotations_unchanged == 2
        assert load_brief(server, ids[1]).version_of == ids[0]
        export_bundle(server, ids, tmp_path / "server.rdbundle")

    # The server kept every row and column as the laptop had them: its bundle of the same
    # briefs carries the same rows, member by member (only who signed it differs).
    lead_members = members_of(tmp_path / "lead.rdbundle")
    server_members = members_of(tmp_path / "server.rdbundle")
    assert set(server_members) == set(lead_members)
    for name in sorted(set(lead_members) - {"manifest.json", "signature.json"}):
        if name.endswith(".json"):
            assert _rows(tmp_path / "server.rdbundle", name) == _rows(
                tmp_path / "lead.rdbundle", name), name
        else:
            assert server_members[name] == lead_members[name], name

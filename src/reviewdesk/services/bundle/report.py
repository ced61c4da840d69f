"""What merging a review bundle changed, as the CLI and the app report it."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from reviewdesk.domain.trust import Role

# annotation_event.source: the later edit was kept, or (equal times) the larger hash.
SOURCE_MERGE = "merge"
SOURCE_MERGE_TIE = "merge-tie"


@dataclass(slots=True)
class MergeReport:
    """What `import_bundle` changed. Annotations are counted once each: added (new here),
    updated (this copy took the bundle's edit), deleted (by a tombstone in the bundle) or
    unchanged; `conflicts` is how many had a rival edit recorded in their history.
    `left_out`: other reviewers' work the bundle carried that was not taken (only their
    own bundles change it); `decisions_left_out`: reference checks and recommendation
    decisions not taken from a signer who is not a lead here."""

    path: Path
    signer: str = ""
    fingerprint: str | None = None
    role: str = Role.REVIEWER.value
    trusted_now: bool = False
    briefs_added: int = 0
    briefs_present: int = 0
    annotations_added: int = 0
    annotations_updated: int = 0
    annotations_deleted: int = 0
    annotations_unchanged: int = 0
    replies_added: int = 0
    replies_deleted: int = 0
    replies_held: int = 0  # waiting for an annotation this database does not have yet
    suggestions_added: int = 0
    suggestions_deleted: int = 0
    suggestions_decided: int = 0  # pending here, accepted or rejected in the bundle's copy
    references_added: int = 0
    reference_checks: int = 0  # entries whose check or note took the bundle's
    recommendations_added: int = 0
    recommendation_states: int = 0  # recommendations whose fields took the bundle's
    history_added: int = 0  # recommendation history events
    links_added: int = 0  # claim and evidence links
    tombstones_added: int = 0
    reviewers_added: int = 0
    tags_added: int = 0
    conflicts: int = 0
    left_out: int = 0
    decisions_left_out: int = 0
    times_from_the_future: int = 0
    warnings: list[str] = field(default_factory=list)
    backup: Path | None = None  # the copy of the database made before the merge
    changed: bool = False

    def counts(self) -> dict[str, int]:
        """Every count by name, as the CLI prints them and --json writes them."""
        return {name: getattr(self, name) for name in (
            "briefs_added", "briefs_present", "annotations_added", "annotations_updated",
            "annotations_deleted", "annotations_unchanged", "replies_added", "replies_deleted",
            "replies_held", "suggestions_added", "suggestions_deleted", "suggestions_decided",
            "references_added",
            "reference_checks", "recommendations_added", "recommendation_states",
            "history_added", "links_added", "tombstones_added", "reviewers_added",
            "tags_added", "conflicts", "left_out", "decisions_left_out",
            "times_from_the_future")}

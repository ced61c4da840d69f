"""Versions of a brief: a revised file stored as the next version, with every annotation,
reply, claim link, evidence link, reference check and recommendation state carried to it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path

from reviewdesk.domain.anchor import Anchor, TextPositionSelector, anchor_at
from reviewdesk.domain.brief import Brief
from reviewdesk.domain.carry import AnchorState, Carrier
from reviewdesk.domain.compare import match_lists
from reviewdesk.domain.findings import Recommendation, Reference
from reviewdesk.domain.ids import new_id, utc_now
from reviewdesk.domain.review import Annotation, Reply
from reviewdesk.domain.views import AnnotationView
from reviewdesk.errors import InputError, NotFoundError
from reviewdesk.importers import read_brief
from reviewdesk.services.annotations import annotation_view
from reviewdesk.services.briefs import UNKNOWN_AUTHOR, resolve_brief
from reviewdesk.services.findings import initial_findings
from reviewdesk.services.source_changes import store_source_changes
from reviewdesk.storage.repositories import Transaction
from reviewdesk.storage.store import Store

_SIMILAR_REFERENCE = 90.0
_SIMILAR_RECOMMENDATION = 85.0


@dataclass(frozen=True, slots=True)
class CarryCounts:
    """How the annotations were placed on the new version, and what else was carried."""

    anchored: int = 0
    shifted: int = 0
    needs_review: int = 0
    orphaned: int = 0
    replies: int = 0
    claim_links: int = 0
    evidence_links: int = 0
    references_kept: int = 0  # reference checks carried to a matching entry
    recommendations_kept: int = 0  # recommendation states carried

    @property
    def annotations(self) -> int:
        return self.anchored + self.shifted + self.needs_review + self.orphaned


@dataclass(frozen=True, slots=True)
class VersionResult:
    """What storing a file as the next version of a brief did."""

    id: str
    title: str
    version: int
    root_id: str  # the first version's id
    previous_id: str
    path: Path
    sections: int
    blocks: int
    counts: CarryCounts = field(default_factory=CarryCounts)
    already_imported: bool = False
    tracked_changes: int = 0  # blocks with tracked changes pending in the file
    suggestions: int = 0  # the file's tracked changes stored as suggested edits


@dataclass(frozen=True, slots=True)
class VersionInfo:
    """One version of a brief, as `versions` lists it."""

    id: str
    version: int
    title: str
    imported_at: datetime
    annotations: int
    needs_review: int
    orphaned: int


def import_version(store: Store, path: Path, of: str) -> VersionResult:
    """Store the file at `path` as the next version of the brief named by `of` (any of its
    versions), carrying everything of the latest version to it, in one transaction."""
    brief = read_brief(path)
    with store.transaction() as tx:
        return store_version(tx, brief, resolve_brief(tx, of), path)


def store_version(tx: Transaction, brief: Brief, of_id: str, path: Path) -> VersionResult:
    """Store a brief already read from `path` as the next version of the brief
    `of_id` (any of its versions), in `tx`; a file already stored as one of its versions is
    reported, one stored as another brief refused."""
    family = tx.briefs.family(of_id)
    if not family:
        raise NotFoundError("that brief is no longer in the store")
    root_id = family[0][0]
    previous_id, latest = family[-1][0], family[-1][1]
    if brief.source is not None:
        existing = tx.briefs.by_sha256(brief.source.sha256)
        if existing is not None:
            versions = {id_: version for id_, version, _, _ in family}
            if existing in versions:
                stored = tx.briefs.get(existing)
                assert stored is not None
                return VersionResult(existing, stored.title, versions[existing], root_id,
                                     existing, path, len(stored.sections),
                                     len(stored.blocks), already_imported=True)
            title = tx.briefs.title_and_text(existing)
            raise InputError(f"{path.name} is already in the store as "
                             f"'{title[0] if title else existing}', not as a version of this "
                             "brief")
    previous = tx.briefs.get(previous_id)
    assert previous is not None
    brief.version_of, brief.version = root_id, latest + 1
    brief.imported_at = utc_now()
    tx.briefs.add(brief)
    references, recommendations = initial_findings(brief)
    counts = _carry(tx, previous, brief, references, recommendations)
    suggestions = store_source_changes(tx, brief, UNKNOWN_AUTHOR)
    return VersionResult(brief.id, brief.title, brief.version, root_id, previous_id, path,
                         len(brief.sections), len(brief.blocks), counts,
                         tracked_changes=brief.tracked_changes, suggestions=suggestions)


def _carry(tx: Transaction, old: Brief, new: Brief, references: list[Reference],
           recommendations: list[Recommendation]) -> CarryCounts:
    ref_map, kept_refs = _match_references(tx.findings.references(old.id), references)
    rec_map, kept_recs = _match_recommendations(tx.findings.recommendations(old.id),
                                                recommendations)
    tx.findings.add_references(references)
    tx.findings.add_recommendations(recommendations)

    annotations = tx.annotations.for_brief(old.id)
    replies = tx.annotations.replies_for_brief(old.id)
    carrier = Carrier(old.text, new.text)
    carried: list[Annotation] = []
    new_replies: list[Reply] = []
    id_map: dict[str, str] = {}
    states = dict.fromkeys(AnchorState, 0)
    now = utc_now()
    for annotation in annotations:
        placed = carrier.place(annotation.anchor)
        states[placed.state] += 1
        if placed.end > placed.start:
            anchor = anchor_at(new.text, placed.start, placed.end)
        else:  # an orphan keeps its words, at the place they were expected
            anchor = Anchor(annotation.anchor.quote,
                            TextPositionSelector(placed.start, placed.start))
        copy = replace(annotation, id=new_id(), brief_id=new.id, anchor=anchor,
                       anchor_state=placed.state.value, anchor_score=placed.score,
                       carried_from=annotation.id, modified=now)
        id_map[annotation.id] = copy.id
        carried.append(copy)
        for reply in replies.get(annotation.id, []):
            new_replies.append(replace(reply, id=new_id(), annotation_id=copy.id))
    tx.annotations.add_all(carried, new_replies)

    claims = [(id_map[a], ref_map[r])
              for r, linked in tx.tracking.claims_of_references(list(ref_map)).items()
              for a in linked if a in id_map]
    evidence = [(id_map[a], rec_map[r])
                for r, linked in tx.tracking.evidence_of_recommendations(list(rec_map)).items()
                for a in linked if a in id_map]
    tx.tracking.add_links(claims, evidence)
    return CarryCounts(anchored=states[AnchorState.ANCHORED],
                       shifted=states[AnchorState.SHIFTED],
                       needs_review=states[AnchorState.NEEDS_REVIEW],
                       orphaned=states[AnchorState.ORPHANED], replies=len(new_replies),
                       claim_links=len(claims), evidence_links=len(evidence),
                       references_kept=kept_refs, recommendations_kept=kept_recs)


def _match_references(old: Sequence[Reference],
                      new: list[Reference]) -> tuple[dict[str, str], int]:
    """Old reference id -> the new entry it became (same text, else very like it; a
    renumbered list matches by text); the check and note go with it."""
    mapping = match_lists([r.raw for r in old], [r.raw for r in new], _SIMILAR_REFERENCE)
    kept = 0
    ids: dict[str, str] = {}
    for old_index, new_index in mapping.items():
        before, after = old[old_index], new[new_index]
        ids[before.id] = after.id
        if before.check != after.check or before.note:
            after.check, after.note = before.check, before.note
            kept += 1
    return ids, kept


def _match_recommendations(old: Sequence[Recommendation],
                           new: list[Recommendation]) -> tuple[dict[str, str], int]:
    mapping = match_lists([r.text for r in old], [r.text for r in new],
                          _SIMILAR_RECOMMENDATION)
    kept = 0
    ids: dict[str, str] = {}
    for old_index, new_index in mapping.items():
        before, after = old[old_index], new[new_index]
        ids[before.id] = after.id
        tracked = (before.status, before.owner, before.due, before.note, before.priority)
        after.status, after.owner, after.due, after.note, after.priority = tracked
        if before.addressee and not after.addressee:
            after.addressee = before.addressee
        kept += 1
    return ids, kept


def versions_of(store: Store, reference: str) -> list[VersionInfo]:
    """Every version of the brief named by `reference`, oldest first."""
    with store.transaction() as tx:
        family = tx.briefs.family(resolve_brief(tx, reference))
        infos = []
        for id_, version, title, imported_at in family:
            notes = tx.annotations.for_brief(id_)
            infos.append(VersionInfo(
                id_, version, title, imported_at, len(notes),
                sum(a.anchor_state == AnchorState.NEEDS_REVIEW for a in notes),
                sum(a.anchor_state == AnchorState.ORPHANED for a in notes)))
        return infos


def confirm_placement(store: Store, annotation_id: str, start: int | None = None,
                      end: int | None = None) -> AnnotationView:
    """The reviewer confirms where a carried annotation sits (needs_review becomes
    anchored), or places it (an orphan too) on text[start:end] of its version."""
    with store.transaction() as tx:
        annotation = tx.annotations.get(annotation_id)
        if annotation is None:
            raise NotFoundError("that annotation is no longer in the store")
        values: dict[str, object] = {"anchor_state": AnchorState.ANCHORED.value,
                                     "anchor_score": 1.0}
        if start is not None and end is not None:
            found = tx.briefs.title_and_text(annotation.brief_id)
            assert found is not None
            text = found[1]
            if not 0 <= start < end <= len(text) or not text[start:end].strip():
                raise InputError("select the words the annotation belongs on first")
            anchor = anchor_at(text, start, end)
            values.update(start=start, end=end, exact=anchor.quote.exact,
                          prefix=anchor.quote.prefix, suffix=anchor.quote.suffix)
        elif annotation.anchor_state == AnchorState.ORPHANED:
            raise InputError("an orphaned annotation has no place to confirm: select the "
                             "words it belongs on and place it there")
        tx.tracking.update_annotation(annotation_id, **values)
    return annotation_view(store, annotation_id)


def restore_placement(store: Store, before: Annotation) -> None:
    """Undo for confirm_placement: the annotation's anchor and state as they were."""
    quote, position = before.anchor.quote, before.anchor.position
    with store.transaction() as tx:
        tx.tracking.update_annotation(
            before.id, anchor_state=before.anchor_state, anchor_score=before.anchor_score,
            start=position.start, end=position.end, exact=quote.exact, prefix=quote.prefix,
            suffix=quote.suffix)

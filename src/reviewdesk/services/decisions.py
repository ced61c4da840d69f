"""Review decisions named as a reviewer names them outside the app: a brief and the number
of a reference or recommendation as its table shows it, an annotation by its id or a unique
start of it, a tag by its name or path. Each one goes through the service the app's command
uses (services.tracking, services.annotations, services.codebooks, services.tag_removal), so
the store and the history of decisions change exactly as they do in the app."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from reviewdesk.domain.codebook import Tag
from reviewdesk.domain.findings import (
    Recommendation,
    RecommendationStatus,
    Reference,
    ReferenceCheck,
)
from reviewdesk.domain.review import AnnotationStatus
from reviewdesk.domain.views import AnnotationView
from reviewdesk.domain.words import count
from reviewdesk.errors import InputError
from reviewdesk.services import tracking
from reviewdesk.services.annotations import (
    annotation_view,
    resolve_annotation,
    update_annotation,
)
from reviewdesk.services.briefs import resolve_brief
from reviewdesk.services.codebooks import ensure_default_codebook, find_tag, update_tag
from reviewdesk.services.tag_removal import RemovedTag, remove_tag, tag_use
from reviewdesk.storage.repositories import Transaction
from reviewdesk.storage.store import Store

_KEEP = object()


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    """One recorded change of a recommendation, with its reviewer's name."""

    changed: str
    old: str
    new: str
    reviewer: str
    at: datetime
    id: str


@dataclass(frozen=True, slots=True)
class BriefDecisions:
    """What reviewers decided on a brief beyond its annotations: the claims linked to each
    reference, and the evidence and history of each recommendation (by their ids)."""

    claims: dict[str, list[str]]
    evidence: dict[str, list[str]]
    history: dict[str, list[HistoryEntry]]


def _numbered(items: list[Any], number: int, brief_title: str, what: str) -> Any:
    if not items:
        raise InputError(f"{brief_title!r} has no {what}s")
    if not 1 <= number <= len(items):
        raise InputError(f"{brief_title!r} has {count(len(items), what)}, numbered 1 to "
                         f"{len(items)}; there is no {what} {number}")
    return items[number - 1]


def _title(tx: Transaction, brief_id: str) -> str:
    found = tx.briefs.title_and_text(brief_id)
    return found[0] if found else brief_id


def _reference_in(tx: Transaction, brief_id: str, number: int) -> Reference:
    references = sorted(tx.findings.references(brief_id), key=lambda r: r.position)
    found: Reference = _numbered(references, number, _title(tx, brief_id), "reference")
    return found


def _recommendation_in(tx: Transaction, brief_id: str, number: int) -> Recommendation:
    recommendations = sorted(tx.findings.recommendations(brief_id), key=lambda r: r.position)
    found: Recommendation = _numbered(recommendations, number, _title(tx, brief_id),
                                      "recommendation")
    return found


def reference_by_number(store: Store, brief: str, number: int) -> Reference:
    """Entry `number` (1-based, as the References table shows it) of the brief named by its
    id, a unique start of it or its title."""
    with store.transaction() as tx:
        return _reference_in(tx, resolve_brief(tx, brief), number)


def recommendation_by_number(store: Store, brief: str, number: int) -> Recommendation:
    """Recommendation `number` (1-based, as the Recommendations table shows it)."""
    with store.transaction() as tx:
        return _recommendation_in(tx, resolve_brief(tx, brief), number)


def check_reference(store: Store, brief: str, number: int, check: str | None,
                    note: str | None) -> Reference:
    """Mark reference `number` verified, a problem or unchecked (None: keep its check) and
    set its note (None: keep it), as the app's References tab does; returns it as it now is."""
    if check is None and note is None:
        raise InputError("say what to record: --verified, --problem TEXT, --unchecked or "
                         "--note TEXT")
    before = reference_by_number(store, brief, number)
    verdict = ReferenceCheck(check) if check is not None else before.check
    tracking.set_reference_check(store, before.id, verdict, note)
    return reference_by_number(store, before.brief_id, number)


def decide_recommendation(store: Store, brief: str, number: int, *,
                          reviewer: str | None = None,
                          **changes: Any) -> tuple[Recommendation, list[HistoryEntry]]:
    """Change fields of recommendation `number` (status, owner, due, priority, addressee,
    note) as the app's Recommendations table does, each change recorded in its history;
    returns the recommendation as it now is and the history entries this call added."""
    if not changes:
        raise InputError("say what to change: --status, --owner, --due, --priority, "
                         "--addressee or --note")
    if "status" in changes:
        changes["status"] = _status(str(changes["status"]))
    target = recommendation_by_number(store, brief, number)
    known = {event.id for event in tracking.recommendation_history(store, target.id)}
    tracking.update_recommendation(store, target.id, reviewer=reviewer, **changes)
    with store.transaction() as tx:
        after = _recommendation_in(tx, target.brief_id, number)
        added = [entry for entry in _history(tx, target.id) if entry.id not in known]
    return after, added


def _status(value: str) -> str:
    wanted = value.strip().lower().replace("-", "_").replace(" ", "_")
    names = [status.value for status in RecommendationStatus]
    if wanted not in names:
        raise InputError(f"{value!r} is not a recommendation status; choose one of "
                         f"{', '.join(names)}")
    return wanted


def _history(tx: Transaction, recommendation_id: str) -> list[HistoryEntry]:
    reviewers = tx.reviewers.all()
    return [HistoryEntry(changed=e.changed, old=e.old, new=e.new,
                         reviewer=reviewers[e.reviewer_id].name
                         if e.reviewer_id in reviewers else "?", at=e.at, id=e.id)
            for e in tx.tracking.events(recommendation_id)]


def brief_decisions(store: Store, brief_id: str) -> BriefDecisions:
    """The claim links, evidence links and recommendation histories of a brief."""
    with store.transaction() as tx:
        references = [r.id for r in tx.findings.references(brief_id)]
        recommendations = [r.id for r in tx.findings.recommendations(brief_id)]
        return BriefDecisions(
            claims=tx.tracking.claims_of_references(references),
            evidence=tx.tracking.evidence_of_recommendations(recommendations),
            history={rid: _history(tx, rid) for rid in recommendations})


@dataclass(frozen=True, slots=True)
class LinkChange:
    """A claim or evidence link made or undone: the annotation, and the reference or
    recommendation at the other end."""

    annotation: AnnotationView
    target: Reference | Recommendation
    number: int
    linked: bool  # True: the link now exists; False: it was undone


def link_claim(store: Store, annotation: str, number: int, *,
               unlink: bool = False) -> LinkChange:
    """Link the annotation (its id or a unique start of it) as a claim backed by reference
    `number` of its brief, or with `unlink` undo that link."""
    with store.transaction() as tx:
        annotation_id = resolve_annotation(tx, annotation)
        brief_id = _brief_of(tx, annotation_id)
        reference = _reference_in(tx, brief_id, number)
        linked = reference.id in tx.tracking.claim_references(annotation_id)
    if unlink:
        if not linked:
            raise InputError(f"that annotation is not linked to reference {number}")
        tracking.unlink_claim(store, annotation_id, reference.id)
    else:
        tracking.link_claim(store, annotation_id, reference.id)
    return LinkChange(annotation_view(store, annotation_id), reference, number, not unlink)


def link_evidence(store: Store, annotation: str, number: int, *,
                  unlink: bool = False) -> LinkChange:
    """Link the annotation as evidence for recommendation `number` of its brief, or with
    `unlink` undo that link."""
    with store.transaction() as tx:
        annotation_id = resolve_annotation(tx, annotation)
        brief_id = _brief_of(tx, annotation_id)
        recommendation = _recommendation_in(tx, brief_id, number)
        linked = annotation_id in tx.tracking.evidence_of_recommendations(
            [recommendation.id])[recommendation.id]
    if unlink:
        if not linked:
            raise InputError(f"that annotation is not linked to recommendation {number}")
        tracking.unlink_evidence(store, annotation_id, recommendation.id)
    else:
        tracking.link_evidence(store, annotation_id, recommendation.id)
    return LinkChange(annotation_view(store, annotation_id), recommendation, number,
                      not unlink)


def _brief_of(tx: Transaction, annotation_id: str) -> str:
    found = tx.annotations.get(annotation_id)
    assert found is not None
    return found.brief_id


def set_resolved(store: Store, annotation: str, resolved: bool = True) -> AnnotationView:
    """Resolve the annotation (its id or a unique start of it), or reopen it; returns it as
    it now is."""
    with store.transaction() as tx:
        annotation_id = resolve_annotation(tx, annotation)
    status = AnnotationStatus.RESOLVED if resolved else AnnotationStatus.OPEN
    update_annotation(store, annotation_id, status=status)
    return annotation_view(store, annotation_id)


@dataclass(frozen=True, slots=True)
class TagView:
    """A tag of the codebook as the CLI prints it."""

    id: str
    name: str
    path: str
    colour: str
    key: str | None


def named_tag(store: Store, name: str) -> TagView:
    """The tag of the default codebook called `name` or with that path."""
    with store.transaction() as tx:
        codebook = ensure_default_codebook(tx)
        tag = find_tag(codebook, name)
        return TagView(tag.id, tag.name, codebook.path(tag), tag.colour, tag.shortcut)


def _view_of_tag(store: Store, tag: Tag) -> TagView:
    with store.transaction() as tx:
        codebook = ensure_default_codebook(tx)
        return TagView(tag.id, tag.name, codebook.path(tag), tag.colour, tag.shortcut)


def edit_tag(store: Store, name: str, *, new_name: str | None = None,
             colour: str | None = None, key: object = _KEEP) -> tuple[TagView, TagView]:
    """Rename, recolour or re-key (None: no key) the tag named `name`, as the codebook
    editor does; returns the tag as it was and as it now is."""
    before = named_tag(store, name)
    if key is _KEEP:
        tag = update_tag(store, before.id, name=new_name, colour=colour)
    else:
        tag = update_tag(store, before.id, name=new_name, colour=colour, shortcut=key)
    return before, _view_of_tag(store, tag)


def delete_named_tag(store: Store, name: str, *,
                     with_annotations: bool = False) -> tuple[TagView, RemovedTag]:
    """Delete the tag named `name`; while annotations use it, only `with_annotations`
    (which deletes them too, as the app does once the reviewer confirms)."""
    tag = named_tag(store, name)
    with store.transaction() as tx:
        if any(t.parent_id == tag.id for t in ensure_default_codebook(tx).tags):
            raise InputError(f"{tag.path!r} has sub-tags; move or delete them first")
    use = tag_use(store, tag.id)
    if use.annotations and not with_annotations:
        raise InputError(f"{tag.path!r} is used by {use.describe()}; give --with-annotations "
                         "to delete them with it")
    return tag, remove_tag(store, tag.id)
